import { database } from '../../db/database';
import { buildSnapshot, type EntitiesSnapshot, type SnapshotPhase } from './snapshot';

export interface EntitiesRequest {
  caseId: string;
}

export type EntitiesResponse = { type: 'phase'; phase: SnapshotPhase } | { type: 'done'; snapshot: EntitiesSnapshot } | { type: 'failed'; message: string };

export interface SnapshotJob {
  promise: Promise<EntitiesSnapshot>;
  /** Stops the worker; the promise then never settles, so a superseded answer never lands. */
  cancel(): void;
}

/** One worker per request: a newer request (another case, a merge) cancels the older by terminating it. */
export function requestSnapshot(caseId: string, onPhase: (phase: SnapshotPhase) => void): SnapshotJob {
  if (typeof Worker === 'undefined') {
    let live = true;
    const promise = buildSnapshot(database(), caseId, (phase) => live && onPhase(phase));
    return { promise: promise.then((snapshot) => (live ? snapshot : new Promise<EntitiesSnapshot>(() => {}))), cancel: () => (live = false) };
  }
  const worker = new Worker(new URL('./entities.worker.ts', import.meta.url), { type: 'module', name: 'caudal-entities' });
  const promise = new Promise<EntitiesSnapshot>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<EntitiesResponse>) => {
      const message = event.data;
      if (message.type === 'phase') onPhase(message.phase);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.snapshot);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the entities worker stopped'));
    };
  });
  worker.postMessage({ caseId } satisfies EntitiesRequest);
  return { promise, cancel: () => worker.terminate() };
}
