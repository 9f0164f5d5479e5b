import type { ListEntry, ScreeningSubject } from '../../../shared/screen';
import { screenAgainstLists } from '../../../shared/screen';
import { parsePickedFiles } from './parse';
import type { ParseRequest, ParseResponse, ParsedFiles, ScreeningRequest, ScreeningResponse, WorkerHit } from './protocol';

export interface ScreeningJob {
  promise: Promise<WorkerHit[]>;
  /** Stops the worker; the promise then rejects with a CancelledScreening. */
  cancel(): void;
}

/** A list file the worker refused, with the reader's Spanish message where it wrote one. */
export class ListsRefused extends Error {
  constructor(
    message: string,
    readonly messageEs?: string,
  ) {
    super(message);
    this.name = 'ListsRefused';
  }
}

export class CancelledScreening extends Error {
  constructor() {
    super('screening cancelled');
  }
}

/** One worker per run; cancelling terminates it (the match loop does not yield). */
export function startScreening(subjects: ScreeningSubject[], lists: { entries: ListEntry[] }[], threshold: number, onProgress: (done: number, total: number) => void): ScreeningJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    const promise = Promise.resolve().then(() => {
      const hits = screenAgainstLists(subjects, lists, { threshold, onProgress: (done, total) => (onProgress(done, total), !cancelled) });
      if (!hits) throw new CancelledScreening();
      return hits.map(({ entry: _entry, ...hit }) => hit);
    });
    return { promise, cancel: () => (cancelled = true) };
  }
  const worker = new Worker(new URL('./screening.worker.ts', import.meta.url), { type: 'module', name: 'caudal-screening' });
  let rejectRun: (error: Error) => void = () => {};
  const promise = new Promise<WorkerHit[]>((resolve, reject) => {
    rejectRun = reject;
    worker.onmessage = (event: MessageEvent<ScreeningResponse>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.done, message.total);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.hits);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the screening worker stopped'));
    };
  });
  worker.postMessage({ type: 'screen', subjects, lists, threshold } satisfies ScreeningRequest);
  return {
    promise,
    cancel: () => {
      worker.terminate();
      rejectRun(new CancelledScreening());
    },
  };
}

/** Reads list files in a worker so a large list does not freeze the view; errors name the file. */
export function parseListsInWorker(files: { name: string; bytes: Uint8Array }[]): Promise<ParsedFiles[]> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => parsePickedFiles(files));
  const worker = new Worker(new URL('./screening.worker.ts', import.meta.url), { type: 'module', name: 'caudal-screening-parse' });
  return new Promise<ParsedFiles[]>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      worker.terminate();
      if (event.data.type === 'parsed') resolve(event.data.lists);
      else reject(new ListsRefused(event.data.message, event.data.messageEs));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the screening worker stopped'));
    };
    worker.postMessage({ type: 'parse', files } satisfies ParseRequest);
  });
}
