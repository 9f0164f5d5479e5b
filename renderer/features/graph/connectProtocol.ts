import type { TimeIndexInput } from '../../../shared/graph';

/**
 * The time-ordered connecting network in a worker: the chart posts a graph's
 * compact time input once ('index', its typed arrays transferred), then asks
 * for networks on it ('connect') as often as the analyst re-runs with other
 * exclusions, hop limits or gaps.
 */
export type ConnectRequest =
  | { type: 'index'; key: number; input: TimeIndexInput }
  | { type: 'connect'; id: number; key: number; subjects: number[]; blocked: number[]; maxHops: number; gapMs: number };

export type ConnectResponse =
  | { type: 'indexed'; key: number; hops: number; ms: number }
  | { type: 'network'; id: number; nodes: number[]; edges: number[]; groups: number[][]; ms: number }
  | { type: 'error'; id: number | null; message: string };
