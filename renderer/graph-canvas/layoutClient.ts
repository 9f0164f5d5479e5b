import type { LayoutRequest, LayoutResponse } from './layoutProtocol';
import type { Positions } from './types';

export type { LayoutRequest } from './layoutProtocol';

export class LayoutCancelledError extends Error {
  constructor() {
    super('The layout was cancelled.');
    this.name = 'LayoutCancelledError';
  }
}

/**
 * Runs layouts in renderer/workers/layout.worker.ts. A layout is one
 * synchronous computation inside the worker, so cancelling means ending the
 * worker; the next request starts a fresh one.
 */
export class LayoutClient {
  private worker: Worker | null = null;
  private sequence = 0;
  private pending: { id: number; resolve(positions: Positions): void; reject(error: Error): void } | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const pending = this.pending;
      if (!pending || pending.id !== event.data.id) return;
      this.pending = null;
      if (event.data.error) pending.reject(new Error(event.data.error));
      else pending.resolve(event.data.positions);
    };
    worker.onerror = (event) => {
      const pending = this.pending;
      this.pending = null;
      pending?.reject(new Error(event.message || 'The layout worker failed.'));
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  /** Lays out the chart; a newer request or `cancel()` rejects the one still running. */
  run(request: Omit<LayoutRequest, 'id'>): Promise<Positions> {
    this.cancel();
    const id = ++this.sequence;
    const worker = this.ensureWorker();
    return new Promise<Positions>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      worker.postMessage({ ...request, id } satisfies LayoutRequest);
    });
  }

  cancel(): void {
    if (!this.pending) return;
    this.pending.reject(new LayoutCancelledError());
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }

  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}
