import type { TaskCommand, TaskEvent, TaskScope, TaskWorker } from '../../renderer/workers/task';

/**
 * A worker and its scope in one process, messages delivered asynchronously as postMessage would deliver them. With
 * `clone`, every worker → page message is structured-cloned with its transfer list, so moved buffers really move.
 */
export function inProcessTask<Q, P, R>(options: { clone?: boolean } = {}): { worker: TaskWorker<Q, P, R> & { terminated: boolean }; scope: TaskScope<Q, P, R> } {
  const scope: TaskScope<Q, P, R> = {
    onmessage: null,
    postMessage: (message, transfer) => {
      const delivered = options.clone ? (structuredClone(message, { transfer: transfer ?? [] }) as TaskEvent<P, R>) : message;
      setTimeout(() => !worker.terminated && worker.onmessage?.({ data: delivered } as MessageEvent<TaskEvent<P, R>>), 0);
    },
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
