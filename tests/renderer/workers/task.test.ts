import { describe, expect, it } from 'vitest';
import { runTask, serveTask, TaskCancelledError, TaskFailedError, type TaskCommand, type TaskEvent, type TaskScope, type TaskWorker } from '../../../renderer/workers/task';

/** A worker and its scope in one process, messages delivered asynchronously as postMessage would. */
function pair<Q, P, R>(): { worker: TaskWorker<Q, P, R> & { terminated: boolean }; scope: TaskScope<Q, P, R> } {
  const scope: TaskScope<Q, P, R> = {
    onmessage: null,
    postMessage: (message: TaskEvent<P, R>) => setTimeout(() => !worker.terminated && worker.onmessage?.({ data: message } as MessageEvent<TaskEvent<P, R>>), 0),
  };
  const worker = {
    terminated: false,
    onmessage: null as TaskWorker<Q, P, R>['onmessage'],
    onerror: null as TaskWorker<Q, P, R>['onerror'],
    postMessage: (message: TaskCommand<Q>) => setTimeout(() => !worker.terminated && scope.onmessage?.({ data: message } as MessageEvent<TaskCommand<Q>>), 0),
    terminate: () => {
      worker.terminated = true;
    },
  };
  return { worker, scope };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('the worker-task helper', () => {
  it('carries progress and the result, then terminates the worker', async () => {
    const { worker, scope } = pair<number, string, number>();
    serveTask(scope, async (request, { progress }) => {
      progress('half');
      await tick();
      progress('all');
      return request * 2;
    });
    const seen: string[] = [];
    await expect(runTask(worker, 21, { onProgress: (step) => seen.push(step) })).resolves.toBe(42);
    expect(seen).toEqual(['half', 'all']);
    expect(worker.terminated).toBe(true);
  });

  it('rejects with TaskCancelledError when the signal aborts, and the handler sees its own signal abort', async () => {
    const { worker, scope } = pair<null, never, string>();
    let handlerSignal: AbortSignal | undefined;
    serveTask(scope, (_request, { signal }) => {
      handlerSignal = signal;
      return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    });
    const controller = new AbortController();
    const task = runTask(worker, null, { signal: controller.signal, graceMs: 50 });
    await tick();
    await tick();
    controller.abort();
    const error = await task.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect((error as Error).name).toBe('AbortError');
    await tick();
    await tick();
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('rejects with TaskFailedError carrying the worker’s message', async () => {
    const { worker, scope } = pair<null, never, string>();
    serveTask(scope, () => Promise.reject(new Error('disco lleno')));
    const error = await runTask(worker, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as Error).message).toBe('disco lleno');
  });

  it('never starts a task whose signal is already aborted', async () => {
    const { worker, scope } = pair<null, never, string>();
    let started = false;
    serveTask(scope, async () => {
      started = true;
      return 'x';
    });
    const controller = new AbortController();
    controller.abort();
    await expect(runTask(worker, null, { signal: controller.signal })).rejects.toBeInstanceOf(TaskCancelledError);
    await tick();
    expect(started).toBe(false);
  });
});
