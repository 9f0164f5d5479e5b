import type { Transaction } from '../model';
import { buildTimeIndex, timedNetwork, timeIndexInput, type SlotNetwork, type TimeIndex } from './timeIndex';
import type { Graph } from './types';

const DAY = 86_400_000;

export interface ConnectOptions {
  /** Nodes the network may not pass through (a known legitimate hub, a payroll provider). Chosen subjects are never excluded. */
  exclude?: readonly string[];
  /** Longest chain of links allowed between a subject and the network built so far. */
  maxHops?: number;
  /**
   * Only chains of transactions in time order, each no more than `maxGapDays`
   * after the one before (money that could actually have moved along them).
   */
  timed?: { transactions: ReadonlyMap<string, Transaction>; maxGapDays: number };
}

export interface ConnectingNetwork {
  nodeIds: string[];
  edgeIds: string[];
  /** Subjects linked to each other, one group per connected piece found. */
  groups: string[][];
  /** Subjects linked to none of the others within the limits: the intelligence gaps to report. */
  unconnected: string[];
  /** Subjects asked for that are not in the case graph at all. */
  unknown: string[];
}

/** Undirected adjacency in compressed rows, built once per search: a million-transaction case has a few hundred thousand pairs. */
interface Adjacency {
  index: Map<string, number>;
  ids: string[];
  offsets: Int32Array;
  neighbours: Int32Array;
  edgeOf: Int32Array;
}

/** Built once per graph: re-running with another hub excluded (the usual next step) then costs only the searches. */
const adjacencyCache = new WeakMap<Graph, Adjacency>();

function buildAdjacency(graph: Graph): Adjacency {
  const cached = adjacencyCache.get(graph);
  if (cached) return cached;
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (const node of graph.nodes) {
    index.set(node.id, ids.length);
    ids.push(node.id);
  }
  const edgeCount = graph.edges.length;
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  const degree = new Int32Array(ids.length + 1);
  for (let e = 0; e < edgeCount; e++) {
    const edge = graph.edges[e] as Graph['edges'][number];
    const s = index.get(edge.source) ?? -1;
    const t = index.get(edge.target) ?? -1;
    sources[e] = s;
    targets[e] = t;
    if (s < 0 || t < 0 || s === t) continue;
    degree[s] = (degree[s] as number) + 1;
    degree[t] = (degree[t] as number) + 1;
  }
  const offsets = new Int32Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  const fill = offsets.slice(0, ids.length);
  const neighbours = new Int32Array(offsets[ids.length] as number);
  const edgeOf = new Int32Array(neighbours.length);
  for (let e = 0; e < edgeCount; e++) {
    const s = sources[e] as number;
    const t = targets[e] as number;
    if (s < 0 || t < 0 || s === t) continue;
    let at = fill[s] as number;
    neighbours[at] = t;
    edgeOf[at] = e;
    fill[s] = at + 1;
    at = fill[t] as number;
    neighbours[at] = s;
    edgeOf[at] = e;
    fill[t] = at + 1;
  }
  const adjacency = { index, ids, offsets, neighbours, edgeOf };
  adjacencyCache.set(graph, adjacency);
  return adjacency;
}

/**
 * Fewest-hops path from any node already in the network to the nearest
 * subject not yet in it (one breadth-first search from the whole network at
 * once). Returns the subject reached and the nodes/edges on the way.
 */
function nearestSubject(adjacency: Adjacency, inTree: Uint8Array, wanted: Set<number>, blocked: Uint8Array, maxHops: number): { subject: number; nodes: number[]; edges: number[] } | null {
  const count = adjacency.ids.length;
  const previous = new Int32Array(count).fill(-1);
  const viaEdge = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count).fill(-1);
  const queue = new Int32Array(count);
  let tail = 0;
  for (let i = 0; i < count; i++) {
    if (inTree[i]) {
      queue[tail++] = i;
      depth[i] = 0;
    }
  }
  for (let head = 0; head < tail; head++) {
    const current = queue[head] as number;
    if ((depth[current] as number) >= maxHops) continue;
    for (let k = adjacency.offsets[current] as number; k < (adjacency.offsets[current + 1] as number); k++) {
      const next = adjacency.neighbours[k] as number;
      if (depth[next] !== -1 || blocked[next]) continue;
      depth[next] = (depth[current] as number) + 1;
      previous[next] = current;
      viaEdge[next] = adjacency.edgeOf[k] as number;
      if (wanted.has(next)) {
        const nodes: number[] = [];
        const edges: number[] = [];
        let at = next;
        while (!inTree[at]) {
          nodes.push(at);
          edges.push(viaEdge[at] as number);
          at = previous[at] as number;
        }
        return { subject: next, nodes, edges };
      }
      queue[tail++] = next;
    }
  }
  return null;
}

/**
 * The connecting network among chosen subjects: the shortest-path Steiner
 * tree heuristic (Takahashi–Matsuyama), which grows a tree from one subject by
 * repeatedly attaching the nearest remaining subject along a fewest-hops path.
 * Its size is at most twice the optimum (tests compare it with brute force).
 * Subjects no path reaches start a piece of their own; subjects alone in their
 * piece are the gaps. Runs on the whole case graph, not only the drawn chart.
 */
export function connectingNetwork(graph: Graph, subjects: readonly string[], options: ConnectOptions = {}): ConnectingNetwork {
  if (options.timed) return timedConnectingNetwork(graph, subjects, options, options.timed);
  const adjacency = buildAdjacency(graph);
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const unknown = subjects.filter((id) => !adjacency.index.has(id));
  const subjectSlots = [...new Set(subjects.flatMap((id) => (adjacency.index.has(id) ? [adjacency.index.get(id) as number] : [])))];
  const blocked = new Uint8Array(adjacency.ids.length);
  for (const id of options.exclude ?? []) {
    const slot = adjacency.index.get(id);
    if (slot !== undefined) blocked[slot] = 1;
  }
  for (const slot of subjectSlots) blocked[slot] = 0;

  const nodeSet = new Set<number>();
  const edgeSet = new Set<number>();
  const groups: number[][] = [];
  const remaining = new Set(subjectSlots);
  while (remaining.size > 0) {
    const seed = remaining.values().next().value as number;
    remaining.delete(seed);
    const inTree = new Uint8Array(adjacency.ids.length);
    inTree[seed] = 1;
    const group = [seed];
    for (;;) {
      if (remaining.size === 0) break;
      const found = nearestSubject(adjacency, inTree, remaining, blocked, maxHops);
      if (!found) break;
      for (const node of found.nodes) inTree[node] = 1;
      for (const edge of found.edges) edgeSet.add(edge);
      remaining.delete(found.subject);
      group.push(found.subject);
    }
    for (let i = 0; i < inTree.length; i++) if (inTree[i]) nodeSet.add(i);
    groups.push(group);
  }
  return finish(graph, adjacency.ids, nodeSet, edgeSet, groups, unknown);
}

function finish(graph: Graph, ids: readonly string[], nodeSet: Set<number>, edgeSet: Set<number>, groups: number[][], unknown: string[]): ConnectingNetwork {
  return {
    nodeIds: [...nodeSet].map((slot) => ids[slot] as string),
    edgeIds: [...edgeSet].map((edge) => (graph.edges[edge] as Graph['edges'][number]).id),
    groups: groups.filter((group) => group.length > 1).map((group) => group.map((slot) => ids[slot] as string)),
    unconnected: groups.filter((group) => group.length === 1).map((group) => ids[group[0] as number] as string),
    unknown,
  };
}

/** Per graph and transaction set: the time index (re-runs with other exclusions reuse it). */
const timeIndexCache = new WeakMap<Graph, { transactions: ReadonlyMap<string, Transaction>; index: TimeIndex }>();

/** The time index of a graph, built here on first use (the app builds it in a worker instead: see timeIndex.ts). */
function cachedTimeIndex(graph: Graph, transactions: ReadonlyMap<string, Transaction>): TimeIndex {
  const cached = timeIndexCache.get(graph);
  if (cached && cached.transactions === transactions) return cached.index;
  const index = buildTimeIndex(timeIndexInput(graph, transactions));
  timeIndexCache.set(graph, { transactions, index });
  return index;
}

/** What a time-ordered search needs from the graph besides the index: subject and excluded slots, limits. */
export function timedRequest(graph: Graph, subjects: readonly string[], options: { exclude?: readonly string[]; maxHops?: number; maxGapDays: number }) {
  const slot = new Map<string, number>();
  graph.nodes.forEach((node, position) => slot.set(node.id, position));
  return {
    subjects: [...new Set(subjects.flatMap((id) => (slot.has(id) ? [slot.get(id) as number] : [])))],
    blocked: (options.exclude ?? []).flatMap((id) => (slot.has(id) ? [slot.get(id) as number] : [])),
    maxHops: Math.min(options.maxHops ?? 6, 12),
    gapMs: options.maxGapDays * DAY,
    unknown: subjects.filter((id) => !slot.has(id)),
  };
}

/** Names the slots of a network found on the time index. */
export function networkFromSlots(graph: Graph, network: SlotNetwork, unknown: string[]): ConnectingNetwork {
  return finish(
    graph,
    graph.nodes.map((node) => node.id),
    new Set(network.nodes),
    new Set(network.edges),
    network.groups,
    unknown,
  );
}

/**
 * The same tree, but every attachment is a chain of transactions in time order
 * with at most `maxGapDays` between consecutive steps, following the money
 * either from the network to the subject or from the subject to the network.
 */
function timedConnectingNetwork(graph: Graph, subjects: readonly string[], options: ConnectOptions, timed: NonNullable<ConnectOptions['timed']>): ConnectingNetwork {
  const request = timedRequest(graph, subjects, { ...options, maxGapDays: timed.maxGapDays });
  const index = cachedTimeIndex(graph, timed.transactions);
  return networkFromSlots(graph, timedNetwork(index, request.subjects, request.blocked, request.maxHops, request.gapMs), request.unknown);
}
