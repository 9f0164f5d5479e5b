import type { Transaction } from '../model';
import type { Graph, GraphEdge } from './types';

const DAY = 86_400_000;

export type Direction = 'out' | 'in' | 'both';

function adjacency(graph: Graph, direction: Direction): Map<string, { neighbour: string; edge: GraphEdge }[]> {
  const adjacent = new Map<string, { neighbour: string; edge: GraphEdge }[]>();
  const link = (from: string, to: string, edge: GraphEdge) => {
    const list = adjacent.get(from);
    if (list) list.push({ neighbour: to, edge });
    else adjacent.set(from, [{ neighbour: to, edge }]);
  };
  for (const edge of graph.edges) {
    if (direction !== 'in') link(edge.source, edge.target, edge);
    if (direction !== 'out') link(edge.target, edge.source, edge);
  }
  return adjacent;
}

export interface GraphPath {
  nodeIds: string[];
  edgeIds: string[];
}

/** Fewest hops from one node to another, following edge direction unless `direction` is 'both'. */
export function shortestPath(graph: Graph, from: string, to: string, direction: Direction = 'out'): GraphPath | null {
  if (from === to) return { nodeIds: [from], edgeIds: [] };
  const adjacent = adjacency(graph, direction);
  const came = new Map<string, { previous: string; edge: string }>();
  const queue = [from];
  const visited = new Set([from]);
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as string;
    for (const { neighbour, edge } of adjacent.get(current) ?? []) {
      if (visited.has(neighbour)) continue;
      visited.add(neighbour);
      came.set(neighbour, { previous: current, edge: edge.id });
      if (neighbour === to) {
        const nodeIds = [to];
        const edgeIds: string[] = [];
        let step = came.get(to);
        while (step) {
          nodeIds.unshift(step.previous);
          edgeIds.unshift(step.edge);
          step = came.get(step.previous);
        }
        return { nodeIds, edgeIds };
      }
      queue.push(neighbour);
    }
  }
  return null;
}

export interface NeighbourFilter {
  direction: Direction;
  /** Only edges whose USD weight reaches this. */
  minAmountUsd?: number;
  /** Only edges with movements inside this range. */
  from?: number;
  to?: number;
}

/** The nodes one hop from `nodeId` and the edges that reach them, filtered by direction, amount and date. */
export function neighbours(graph: Graph, nodeId: string, filter: NeighbourFilter): { nodeIds: string[]; edgeIds: string[] } {
  const nodeIds = new Set<string>();
  const edgeIds: string[] = [];
  for (const edge of graph.edges) {
    const outgoing = edge.source === nodeId;
    const incoming = edge.target === nodeId;
    if (!outgoing && !incoming) continue;
    if (filter.direction === 'out' && !outgoing) continue;
    if (filter.direction === 'in' && !incoming) continue;
    if (filter.minAmountUsd !== undefined && edge.weightUsd < filter.minAmountUsd) continue;
    if (filter.from !== undefined && edge.lastDate < filter.from) continue;
    if (filter.to !== undefined && edge.firstDate > filter.to) continue;
    edgeIds.push(edge.id);
    nodeIds.add(outgoing ? edge.target : edge.source);
  }
  nodeIds.delete(nodeId);
  return { nodeIds: [...nodeIds], edgeIds };
}

export interface TimeRespectingOptions {
  maxHops?: number;
  /** The whole chain, first hop to last, fits in this many days. */
  maxDays?: number;
  maxPaths?: number;
  /** Require each hop strictly after the previous one; by default the same instant is allowed because most bank exports carry dates only. */
  strictlyLater?: boolean;
  /** Cap on the departures from `from` tried, spread evenly over time, to bound the work on busy accounts. */
  maxStarts?: number;
}

export interface MoneyTrailHop {
  edgeId: string;
  source: string;
  target: string;
  transactionId: string;
  timestamp: number;
  amount: number;
  currency: string;
}

export interface MoneyTrail {
  hops: MoneyTrailHop[];
  nodeIds: string[];
  edgeIds: string[];
  /** Days from the first hop to the last. */
  days: number;
}

/**
 * "Follow the money": chains of transactions from one node to another where
 * each hop happens no earlier than the one before, within `maxHops` and
 * `maxDays`. For each departure time from the origin, one pass over the
 * transactions in time order keeps the earliest arrival at every node per hop
 * count (a temporal Bellman–Ford), so the cost is departures × transactions in
 * the window × hops rather than exponential in the fan-out.
 */
export function timeRespectingPaths(
  graph: Graph,
  transactions: ReadonlyMap<string, Transaction>,
  from: string,
  to: string,
  options: TimeRespectingOptions = {},
): MoneyTrail[] {
  const maxHops = options.maxHops ?? 6;
  const maxSpan = (options.maxDays ?? 30) * DAY;
  const maxPaths = options.maxPaths ?? 5;
  const maxStarts = options.maxStarts ?? 400;
  if (from === to) return [];

  const hops: MoneyTrailHop[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== 'payment' || edge.source === edge.target) continue;
    for (const transactionId of edge.transactionIds) {
      const tx = transactions.get(transactionId);
      if (!tx) continue;
      hops.push({ edgeId: edge.id, source: edge.source, target: edge.target, transactionId, timestamp: tx.timestamp, amount: tx.amount, currency: tx.currency });
    }
  }
  hops.sort((a, b) => a.timestamp - b.timestamp);

  let departures = [...new Set(hops.filter((hop) => hop.source === from).map((hop) => hop.timestamp))];
  if (departures.length > maxStarts) {
    const step = departures.length / maxStarts;
    departures = Array.from({ length: maxStarts }, (_, i) => departures[Math.floor(i * step)] as number);
  }

  const found = new Map<string, MoneyTrail>();
  let low = 0;
  for (const start of departures) {
    while (low < hops.length && (hops[low] as MoneyTrailHop).timestamp < start) low++;
    const arrival = new Map<string, number[]>();
    const via = new Map<string, number>();
    const arrivalAt = (node: string): number[] => {
      let times = arrival.get(node);
      if (!times) {
        times = new Array<number>(maxHops + 1).fill(Number.POSITIVE_INFINITY);
        arrival.set(node, times);
      }
      return times;
    };
    arrivalAt(from)[0] = start;
    for (let i = low; i < hops.length; i++) {
      const hop = hops[i] as MoneyTrailHop;
      if (hop.timestamp - start > maxSpan) break;
      const sourceTimes = arrival.get(hop.source);
      if (!sourceTimes || hop.target === from) continue;
      const targetTimes = arrivalAt(hop.target);
      // Walk hop counts downwards so one transaction is never used twice in the same chain.
      for (let k = maxHops - 1; k >= 0; k--) {
        const reached = sourceTimes[k] as number;
        const usable = options.strictlyLater && k > 0 ? reached < hop.timestamp : reached <= hop.timestamp;
        if (usable && hop.timestamp < (targetTimes[k + 1] as number)) {
          targetTimes[k + 1] = hop.timestamp;
          via.set(`${hop.target}\u0000${k + 1}`, i);
        }
      }
    }
    const targetTimes = arrival.get(to);
    if (!targetTimes) continue;
    for (let k = 1; k <= maxHops; k++) {
      if (!Number.isFinite(targetTimes[k] as number)) continue;
      const chain: MoneyTrailHop[] = [];
      let node = to;
      let layer = k;
      while (layer > 0) {
        const index = via.get(`${node}\u0000${layer}`);
        if (index === undefined) break;
        const hop = hops[index] as MoneyTrailHop;
        chain.unshift(hop);
        node = hop.source;
        layer--;
      }
      if (layer !== 0 || node !== from) continue;
      const key = chain.map((hop) => hop.transactionId).join('|');
      if (found.has(key)) continue;
      const nodeIds = [from, ...chain.map((hop) => hop.target)];
      found.set(key, {
        hops: chain,
        nodeIds,
        edgeIds: [...new Set(chain.map((hop) => hop.edgeId))],
        days: ((chain[chain.length - 1] as MoneyTrailHop).timestamp - (chain[0] as MoneyTrailHop).timestamp) / DAY,
      });
    }
  }
  return [...found.values()]
    .sort((a, b) => a.hops.length - b.hops.length || a.days - b.days || (a.hops[0] as MoneyTrailHop).timestamp - (b.hops[0] as MoneyTrailHop).timestamp)
    .slice(0, maxPaths);
}
