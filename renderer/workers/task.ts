/**
 * The one small worker-task helper (issue 10): typed messages both ways,
 * progress, and one cancel rule — aborting the caller's AbortSignal rejects
 * the task's promise with TaskCancelledError (name 'AbortError', like fetch),
 * asks the worker to stop (its handler sees its own signal abort) and
 * terminates it after a grace period. A failure in the worker rejects with
 * TaskFailedError carrying the worker's message (and its code and detail when
 * the handler threw a TaskFailedError). Nothing else settles a task.
 *
 * A task that leaves something behind when it stops half-way (an import's
 * pending chunks) passes `cleanup`: a cancelled task then waits for the worker
 * to stop on its own (it undoes its work itself) for up to `graceMs`; when the
 * worker finished anyway, died, or had to be terminated, `cleanup` undoes from
 * the page what it could not, and only then does the promise settle.
 */

/** Page → worker. */
export type TaskCommand<Request> = { type: 'start'; request: Request } | { type: 'cancel' };

/** Worker → page. */
export type TaskEvent<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'failed'; message: string; cancelled: boolean; code?: string; detail?: unknown };

/** The one error a cancelled task rejects with. */
export class TaskCancelledError extends Error {
  constructor(message = 'The task was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

/** A task the worker could not finish, with the worker's own message. */
export class TaskFailedError extends Error {
  constructor(
    message: string,
    /** A machine-readable reason the page can put in the analyst's language (an ImportError code). */
    readonly code?: string,
    /** Structured-cloneable facts about the failure (file, line, field). */
    readonly detail?: unknown,
  ) {
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

export interface TaskOptions<Progress, Result = unknown> {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
  /** How long a cancelled worker may take to stop on its own before it is terminated; default 0 (with `cleanup` or `resultAfterCancel`: no limit). */
  graceMs?: number;
  /**
   * Undoes from the page what a worker that did not stop cleanly left behind: called with the result
   * that arrived after a cancel, or with undefined when the worker died or was terminated. The task
   * settles after it.
   */
  cleanup?(late: Result | undefined): Promise<void>;
  /** The worker's handler decides what a cancel means and reports it in its result (a batch that says which files were cancelled). */
  resultAfterCancel?: boolean;
}

/** Runs one request on a worker made for it; the worker is terminated when the task settles. */
export function runTask<Request, Progress, Result>(worker: TaskWorker<Request, Progress, Result>, request: Request, options: TaskOptions<Progress, Result> = {}): Promise<Result> {
  const { signal, onProgress, graceMs = 0, cleanup, resultAfterCancel = false } = options;
  // With cleanup or a result after cancel, a cancelled task waits for the worker's own answer.
  const waitsForWorker = cleanup !== undefined || resultAfterCancel;
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    let cancelled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const settle = (outcome: { result: Result } | { error: Error }, terminateNow = true) => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      if (terminateNow) worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    /** Settles once the page has undone what the worker left (nothing to undo without cleanup). */
    const settleAfterCleanup = (late: Result | undefined, error: Error) => {
      worker.terminate();
      const undo = cleanup ? cleanup(late).catch(() => undefined) : Promise.resolve();
      void undo.then(() => settle({ error }));
    };
    function onAbort() {
      cancelled = true;
      worker.postMessage({ type: 'cancel' });
      if (waitsForWorker) {
        if (graceMs > 0) graceTimer = setTimeout(() => settleAfterCleanup(undefined, new TaskCancelledError()), graceMs);
      } else if (graceMs > 0) {
        setTimeout(() => worker.terminate(), graceMs);
        settle({ error: new TaskCancelledError() }, false);
      } else settle({ error: new TaskCancelledError() });
    }
    worker.onmessage = (event) => {
      if (settled) return;
      const message = event.data;
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') {
        if (cancelled && !resultAfterCancel) settleAfterCleanup(message.result, new TaskCancelledError());
        else settle({ result: message.result });
      } else if (message.cancelled || cancelled) settle({ error: new TaskCancelledError() });
      else settle({ error: new TaskFailedError(message.message, message.code, message.detail) });
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (settled) return;
      const error = cancelled ? new TaskCancelledError() : new TaskFailedError(event.message || 'The worker stopped unexpectedly.', 'worker');
      settleAfterCleanup(undefined, error);
    };
    if (signal?.aborted && !resultAfterCancel) {
      settle({ error: new TaskCancelledError() });
      return;
    }
    worker.postMessage({ type: 'start', request });
    // A handler that reports its own cancel gets the cancel even when it came before the start.
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The worker side's scope, structurally (renderer code is not compiled with the webworker lib). */
export interface TaskScope<Request, Progress, Result> {
  onmessage: ((event: MessageEvent<TaskCommand<Request>>) => void) | null;
  postMessage(message: TaskEvent<Progress, Result>, transfer?: Transferable[]): void;
}

export interface TaskContext<Progress> {
  /** Aborts when the page cancels: long loops check it (or pass it on) and stop. */
  signal: AbortSignal;
  /** Posts progress; `transfer` moves buffers the worker no longer needs instead of copying them (an import's handed-over chunks). */
  progress(progress: Progress, transfer?: Transferable[]): void;
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
    handler(command.request, { signal: own.signal, progress: (progress, transfer) => (transfer ? scope.postMessage({ type: 'progress', progress }, transfer) : scope.postMessage({ type: 'progress', progress })) })
      .then((result) => scope.postMessage({ type: 'done', result }))
      .catch((error: unknown) => {
        const failure: Extract<TaskEvent<Progress, Result>, { type: 'failed' }> = { type: 'failed', message: error instanceof Error ? error.message : String(error), cancelled: own.signal.aborted || isTaskCancelled(error) };
        if (error instanceof TaskFailedError) {
          if (error.code !== undefined) failure.code = error.code;
          if (error.detail !== undefined) failure.detail = error.detail;
        }
        scope.postMessage(failure);
      });
  };
}
