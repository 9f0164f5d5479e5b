/**
 * The one small worker-task helper (issue 10): typed messages both ways,
 * progress, and one cancel rule — aborting the caller's AbortSignal rejects
 * the task's promise with TaskCancelledError (name 'AbortError', like fetch),
 * asks the worker to stop (its handler sees its own signal abort) and
 * terminates it after a grace period. A failure in the worker rejects with
 * TaskFailedError carrying the worker's message. Nothing else settles a task.
 */

/** Page → worker. */
export type TaskCommand<Request> = { type: 'start'; request: Request } | { type: 'cancel' };

/** Worker → page. */
export type TaskEvent<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'failed'; message: string; cancelled: boolean };

/** The one error a cancelled task rejects with. */
export class TaskCancelledError extends Error {
  constructor(message = 'The task was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

/** A task the worker could not finish, with the worker's own message. */
export class TaskFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskFailedError';
  }
}

export function isTaskCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The slice of Worker the page side uses, so tests can drive it with a fake or an in-process port. */
export interface TaskWorker<Request, Progress, Result> {
  postMessage(message: TaskCommand<Request>): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TaskEvent<Progress, Result>>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface TaskOptions<Progress> {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
  /** How long a cancelled worker may take to stop on its own before it is terminated; default 0. */
  graceMs?: number;
}

/** Runs one request on a worker made for it; the worker is terminated when the task settles. */
export function runTask<Request, Progress, Result>(worker: TaskWorker<Request, Progress, Result>, request: Request, options: TaskOptions<Progress> = {}): Promise<Result> {
  const { signal, onProgress, graceMs = 0 } = options;
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { result: Result } | { error: Error }, terminateNow = true) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (terminateNow) worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    function onAbort() {
      worker.postMessage({ type: 'cancel' });
      if (graceMs > 0) {
        setTimeout(() => worker.terminate(), graceMs);
        settle({ error: new TaskCancelledError() }, false);
      } else settle({ error: new TaskCancelledError() });
    }
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'progress') {
        if (!settled) onProgress?.(message.progress);
      } else if (message.type === 'done') settle({ result: message.result });
      else settle({ error: message.cancelled ? new TaskCancelledError() : new TaskFailedError(message.message) });
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      settle({ error: new TaskFailedError(event.message || 'The worker stopped unexpectedly.') });
    };
    if (signal?.aborted) {
      settle({ error: new TaskCancelledError() });
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'start', request });
  });
}

/** The worker side's scope, structurally (renderer code is not compiled with the webworker lib). */
export interface TaskScope<Request, Progress, Result> {
  onmessage: ((event: MessageEvent<TaskCommand<Request>>) => void) | null;
  postMessage(message: TaskEvent<Progress, Result>): void;
}

export interface TaskContext<Progress> {
  /** Aborts when the page cancels: long loops check it (or pass it on) and stop. */
  signal: AbortSignal;
  progress(progress: Progress): void;
}

/** Serves one task at a time in a worker: the handler gets the request, a signal and a progress callback. */
export function serveTask<Request, Progress, Result>(scope: TaskScope<Request, Progress, Result>, handler: (request: Request, context: TaskContext<Progress>) => Promise<Result>): void {
  let controller: AbortController | null = null;
  scope.onmessage = (event) => {
    const command = event.data;
    if (command.type === 'cancel') {
      controller?.abort(new TaskCancelledError());
      return;
    }
    if (controller) return; // One task per worker.
    const own = new AbortController();
    controller = own;
    handler(command.request, { signal: own.signal, progress: (progress) => scope.postMessage({ type: 'progress', progress }) })
      .then((result) => scope.postMessage({ type: 'done', result }))
      .catch((error: unknown) =>
        scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error), cancelled: own.signal.aborted || isTaskCancelled(error) }),
      );
  };
}
