import type { Transaction } from '../model';
import type { Direction } from './paths';
import type { Graph } from './types';

const DAY = 86_400_000;

export interface LinkedOptions {
  /** Hops out from the starting nodes. */
  depth: number;
  direction: Direction;
  /**
   * Follow the money in time: `forward` takes, after the first hop, only
   * transactions no earlier than the one that reached the node (and at most
   * `maxGapDays` later); `backward` walks against the flow, each step no later
   * than the one after it.
   */
  timeFlow?: 'forward' | 'backward';
  maxGapDays?: number;
  transactions?: ReadonlyMap<string, Transaction>;
  /** Stops once this many nodes are found, so a depth of 4 from a bank's clearing account does not add the whole case. */
  limit?: number;
}

/** Nodes linked to the starting nodes within the limits (the starting nodes excluded), and the edges that reach them. */
export function findLinked(graph: Graph, start: readonly string[], options: LinkedOptions): { nodeIds: string[]; edgeIds: string[]; truncated: boolean } {
  const limit = options.limit ?? 500;
  const gap = (options.maxGapDays ?? Number.POSITIVE_INFINITY) * DAY;
  const timed = options.timeFlow && options.transactions ? options.transactions : null;
  const forwardInTime = options.timeFlow !== 'backward';
  // Walking forward in time follows edges out of a node; backward, into it (the money's origin).
  const direction: Direction = timed ? (forwardInTime ? 'out' : 'in') : options.direction;
  const steps = new Map<string, { neighbour: string; edgeId: string; times: number[] }[]>();
  const link = (from: string, to: string, edgeId: string, times: number[]) => {
    const list = steps.get(from);
    if (list) list.push({ neighbour: to, edgeId, times });
    else steps.set(from, [{ neighbour: to, edgeId, times }]);
  };
  for (const edge of graph.edges) {
    const times = timed ? edge.transactionIds.flatMap((id) => (timed.get(id) ? [(timed.get(id) as Transaction).timestamp] : [])).sort((a, b) => a - b) : [];
    if (timed && times.length === 0) continue;
    if (direction !== 'in') link(edge.source, edge.target, edge.id, times);
    if (direction !== 'out') link(edge.target, edge.source, edge.id, times);
  }
  // Per node, the time the walk reached it (earliest forward, latest backward): the best start for the next step.
  const reachedAt = new Map<string, number>();
  const found = new Set<string>();
  const edgeIds = new Set<string>();
  const origin = new Set(start);
  let frontier = [...origin];
  for (const id of frontier) reachedAt.set(id, forwardInTime ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  let truncated = false;
  for (let hop = 0; hop < options.depth && frontier.length > 0 && !truncated; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      const at = reachedAt.get(node) as number;
      for (const step of steps.get(node) ?? []) {
        let when: number | undefined;
        if (timed) {
          // The first qualifying transaction along this edge, within the gap of the arrival.
          when = forwardInTime ? step.times.find((time) => time >= at && (hop === 0 || time - at <= gap)) : [...step.times].reverse().find((time) => time <= at && (hop === 0 || at - time <= gap));
          if (when === undefined) continue;
        }
        edgeIds.add(step.edgeId);
        const known = reachedAt.get(step.neighbour);
        const better = when !== undefined && known !== undefined && (forwardInTime ? when < known : when > known);
        if (known === undefined || better) {
          reachedAt.set(step.neighbour, when ?? 0);
          if (!origin.has(step.neighbour)) found.add(step.neighbour);
          next.push(step.neighbour);
          if (found.size >= limit) {
            truncated = true;
            break;
          }
        }
      }
      if (truncated) break;
    }
    frontier = next;
  }
  const keep = new Set([...found, ...origin]);
  const edgeById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const kept = [...edgeIds].filter((id) => {
    const edge = edgeById.get(id);
    return edge ? keep.has(edge.source) && keep.has(edge.target) : false;
  });
  return { nodeIds: [...found], edgeIds: kept, truncated };
}
