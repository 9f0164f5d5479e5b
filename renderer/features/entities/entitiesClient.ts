import { database } from '../../db/database';
import { runTask, TaskCancelledError, type TaskWorker } from '../../workers/task';
import { buildSnapshot, type EntitiesSnapshot, type SnapshotPhase } from './snapshot';

export interface EntitiesRequest {
  caseId: string;
}

export interface SnapshotJob {
  /** Rejects with TaskCancelledError once cancelled (callers ignore that: a newer request replaced it). */
  promise: Promise<EntitiesSnapshot>;
  cancel(): void;
}

/** One worker per request: a newer request (another case, a merge) cancels the older by terminating it. */
export function requestSnapshot(caseId: string, onPhase: (phase: SnapshotPhase) => void): SnapshotJob {
  const controller = new AbortController();
  if (typeof Worker === 'undefined') {
    const promise = buildSnapshot(database(), caseId, (phase) => !controller.signal.aborted && onPhase(phase)).then((snapshot) => {
      if (controller.signal.aborted) throw new TaskCancelledError();
      return snapshot;
    });
    return { promise, cancel: () => controller.abort() };
  }
  const worker = new Worker(new URL('./entities.worker.ts', import.meta.url), { type: 'module', name: 'caudal-entities' }) as unknown as TaskWorker<EntitiesRequest, SnapshotPhase, EntitiesSnapshot>;
  const promise = runTask(worker, { caseId }, { signal: controller.signal, onProgress: onPhase });
  return { promise, cancel: () => controller.abort() };
}
