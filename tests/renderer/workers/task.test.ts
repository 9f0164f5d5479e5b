import { describe, expect, it } from 'vitest';
import { runTask, serveTask, TaskCancelledError, TaskFailedError } from '../../../renderer/workers/task';
import { inProcessTask } from '../../helpers/inProcessTask';

const pair = <Q, P, R>() => inProcessTask<Q, P, R>();

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

  it('passes the code and detail of a TaskFailedError thrown in the worker', async () => {
    const { worker, scope } = pair<null, never, string>();
    serveTask(scope, () => Promise.reject(new TaskFailedError('line too long', 'line-too-long', { file: 'a.csv', line: 7 })));
    const error = await runTask(worker, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ message: 'line too long', code: 'line-too-long', detail: { file: 'a.csv', line: 7 } });
  });

  it('with cleanup, a cancelled task waits for the worker to undo its own work and does not clean up after it', async () => {
    const { worker, scope } = pair<null, never, string>();
    const undone: string[] = [];
    serveTask(scope, (_request, { signal }) =>
      new Promise<string>((_, reject) =>
        signal.addEventListener('abort', () =>
          setTimeout(() => {
            undone.push('by the worker');
            reject(new TaskCancelledError());
          }, 5),
        ),
      ),
    );
    const controller = new AbortController();
    const task = runTask(worker, null, { signal: controller.signal, graceMs: 1000, cleanup: async (late) => void undone.push(`by the page (${String(late)})`) });
    await tick();
    controller.abort();
    await expect(task).rejects.toBeInstanceOf(TaskCancelledError);
    // Settled only after the worker's own undo, and the page had nothing to do.
    expect(undone).toEqual(['by the worker']);
  });

  it('with cleanup, a result that arrives after the cancel is undone by the page before the task rejects', async () => {
    const { worker, scope } = pair<null, never, string>();
    serveTask(scope, async () => {
      await tick();
      await tick();
      return 'import-7';
    });
    const undone: (string | undefined)[] = [];
    const controller = new AbortController();
    const task = runTask(worker, null, { signal: controller.signal, graceMs: 1000, cleanup: async (late) => void undone.push(late) });
    controller.abort();
    await expect(task).rejects.toBeInstanceOf(TaskCancelledError);
    expect(undone).toEqual(['import-7']);
  });

  it('with cleanup, a worker that does not stop within the grace period is terminated and cleaned up after', async () => {
    const { worker, scope } = pair<null, string, string>();
    serveTask(scope, async (_request, { progress }) => {
      progress('import-9');
      return new Promise<string>(() => undefined); // Deaf to the cancel.
    });
    let lastProgress: string | undefined;
    const undone: string[] = [];
    const controller = new AbortController();
    const task = runTask(worker, null, {
      signal: controller.signal,
      graceMs: 20,
      onProgress: (id) => (lastProgress = id),
      cleanup: async () => void undone.push(`discard ${lastProgress}`),
    });
    await tick();
    await tick();
    controller.abort();
    await expect(task).rejects.toBeInstanceOf(TaskCancelledError);
    expect(worker.terminated).toBe(true);
    expect(undone).toEqual(['discard import-9']);
  });

  it('with cleanup, a worker that dies is cleaned up after and the task fails', async () => {
    const { worker, scope } = pair<null, never, string>();
    serveTask(scope, () => new Promise<string>(() => undefined));
    const undone: string[] = [];
    const task = runTask(worker, null, { cleanup: async () => void undone.push('discarded') });
    await tick();
    worker.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    const error = await task.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TaskFailedError', message: 'out of memory', code: 'worker' });
    expect(undone).toEqual(['discarded']);
  });

  it('with resultAfterCancel, the worker reports what the cancel left and the task resolves with it, even when cancelled before the start', async () => {
    const { worker, scope } = pair<null, never, string[]>();
    serveTask(scope, async (_request, { signal }) => {
      await tick();
      return signal.aborted ? ['a.csv cancelled'] : ['a.csv imported'];
    });
    const controller = new AbortController();
    controller.abort();
    await expect(runTask(worker, null, { signal: controller.signal, resultAfterCancel: true })).resolves.toEqual(['a.csv cancelled']);
  });
});
