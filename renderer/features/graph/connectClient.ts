import { networkFromSlots, recordedTimeIndexInput, timedRequest, timeIndexInputSteps, type ConnectingNetwork, type Graph, type TimeIndexInput } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import type { ConnectRequest, ConnectResponse } from './connectProtocol';
import { TaskCancelledError } from '../../workers/task';
import { runInSlices } from './slices';

export interface TimedConnectRequest {
  subjects: readonly string[];
  exclude: readonly string[];
  maxHops: number;
  maxGapDays: number;
}

/**
 * Runs the time-ordered connecting network in a worker. The graph's time index
 * (every transaction of the case, in time order per account) is built there
 * once per graph and kept for re-runs; cancelling ends the worker and with it
 * the index, which the next run builds again.
 */
export class ConnectClient {
  private worker: Worker | null = null;
  private indexed: { graph: Graph; transactions: ReadonlyMap<string, Transaction>; key: number } | null = null;
  private sequence = 0;
  /** Bumped by every run and cancel: a slice of an older run's input stops at its next turn. */
  private runs = 0;
  private pending: { id: number; resolve(result: { slots: Extract<ConnectResponse, { type: 'network' }> }): void; reject(error: Error): void } | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./connect.worker.ts', import.meta.url), { type: 'module', name: 'caudal-connect' });
    worker.onmessage = (event: MessageEvent<ConnectResponse>) => {
      const data = event.data;
      const pending = this.pending;
      if (data.type === 'indexed' || !pending) return;
      if (data.id !== null && data.id !== pending.id) return;
      this.pending = null;
      if (data.type === 'error') pending.reject(new Error(data.message));
      else pending.resolve({ slots: data });
    };
    worker.onerror = (event) => {
      const pending = this.pending;
      this.pending = null;
      this.dispose();
      pending?.reject(new Error(event.message || 'The connecting network search failed.'));
    };
    this.worker = worker;
    return worker;
  }

  private isIndexed(graph: Graph, transactions: ReadonlyMap<string, Transaction>): boolean {
    return this.indexed !== null && this.indexed.graph === graph && this.indexed.transactions === transactions;
  }

  /** Hands a graph's time input to the worker, which indexes it before it reads the next message. */
  private postIndex(graph: Graph, transactions: ReadonlyMap<string, Transaction>, input: TimeIndexInput): number {
    const worker = this.ensureWorker();
    const key = ++this.sequence;
    // Only typed arrays cross to the worker, transferred rather than copied.
    const message: ConnectRequest = { type: 'index', key, input };
    worker.postMessage(message, [input.edgeSource.buffer, input.edgeTarget.buffer, input.paymentEdge.buffer, input.paymentTime.buffer]);
    this.indexed = { graph, transactions, key };
    return key;
  }

  /**
   * Starts the worker indexing a graph before the analyst asks (the chart calls
   * it when "money in time order" is ticked), so the first search finds the
   * index built. Only a graph with a recorded input (every builder's graph,
   * and a partner overlay merged from two of them), a copy at once; any other
   * graph's times are read on the first run.
   */
  prepare(graph: Graph, transactions: ReadonlyMap<string, Transaction>): void {
    if (this.pending || this.isIndexed(graph, transactions)) return;
    const input = recordedTimeIndexInput(graph);
    if (input) this.postIndex(graph, transactions, input);
  }

  async run(graph: Graph, transactions: ReadonlyMap<string, Transaction>, request: TimedConnectRequest): Promise<ConnectingNetwork> {
    this.cancel();
    const run = ++this.runs;
    let key = this.indexed && this.isIndexed(graph, transactions) ? this.indexed.key : null;
    if (key === null) {
      // A built graph (or a partner overlay merged from two) hands over the times its builders recorded
      // (a copy, at once); any other graph reads them by transaction id here, a slice at a time.
      const input = await runInSlices(timeIndexInputSteps(graph, transactions), () => run !== this.runs);
      if (!input) throw new TaskCancelledError();
      key = this.postIndex(graph, transactions, input);
    }
    const worker = this.ensureWorker();
    const { subjects, blocked, maxHops, gapMs, unknown } = timedRequest(graph, request.subjects, request);
    const id = ++this.sequence;
    const { slots } = await new Promise<{ slots: Extract<ConnectResponse, { type: 'network' }> }>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      const message: ConnectRequest = { type: 'connect', id, key, subjects, blocked, maxHops, gapMs };
      worker.postMessage(message);
    });
    return networkFromSlots(graph, slots, unknown);
  }

  /** Stops a search in progress (the worker and its index go; the next run rebuilds them). */
  cancel(): void {
    this.runs++;
    if (!this.pending) return;
    this.pending.reject(new TaskCancelledError());
    this.pending = null;
    this.dispose();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.indexed = null;
  }
}
