import type { Transaction } from '../model';
import type { Graph } from './types';

/**
 * The time index behind the time-ordered connecting network (issue 15): for
 * every node, the transactions leaving it (forward) and arriving at it
 * (backward, time negated so one search follows money either way), in time
 * order, as flat typed arrays. Built from a compact input that is cheap to
 * post to a worker (a million transactions are a few typed arrays, not a
 * million objects), so the index and the search run off the UI thread.
 */

/** A graph's payments with their times: everything the index needs. */
export interface TimeIndexInput {
  nodeCount: number;
  /** Per edge of graph.edges (same positions): its end nodes' positions in graph.nodes. */
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Per payment (self-payments left out): the position in graph.edges of the edge carrying it, and its time. */
  paymentEdge: Int32Array;
  paymentTime: Float64Array;
}
/** Hops out of each node in compressed rows, each node's row sorted by time. */
export interface TimeHops {
  offsets: Int32Array;
  to: Int32Array;
  edge: Int32Array;
  time: Float64Array;
}

export interface TimeIndex {
  nodeCount: number;
  forward: TimeHops;
  backward: TimeHops;
}

/**
 * The input each graph builder recorded while it read the transactions, by
 * graph object: graphs are copied with their arrays replaced ({...graph,
 * edges}), so a field on the graph would outlive the edges it numbers; a copy
 * is simply not found here and its input is read from the transactions.
 */
const recordedInputs = new WeakMap<Graph, TimeIndexInput>();

/** Called by the builders (build.ts, trade.ts) with the input the Aggregator recorded for exactly this graph. */
export function rememberTimeIndexInput(graph: Graph, input: TimeIndexInput): Graph {
  recordedInputs.set(graph, input);
  return graph;
}

/**
 * The input of a partner overlay (overlay.ts) from the two layers' recorded
 * inputs, without reading a transaction: the merged graph holds the local
 * nodes and edges at their own positions, then the partner's nodes not
 * already local (`partnerNodeSlot` gives each partner node's position in the
 * merged graph) and every partner edge after the local ones. Each layer's
 * payments keep the times its own builder read (a partner transaction id is
 * never looked up among the local ones). Nothing is recorded when either
 * layer has no recorded input.
 */
export function rememberMergedTimeIndexInput(merged: Graph, local: Graph, partner: Graph, partnerNodeSlot: Int32Array): Graph {
  const localInput = recordedInputs.get(local);
  const partnerInput = recordedInputs.get(partner);
  if (!localInput || !partnerInput) return merged;
  const localEdges = localInput.edgeSource.length;
  const edgeSource = new Int32Array(localEdges + partnerInput.edgeSource.length);
  const edgeTarget = new Int32Array(edgeSource.length);
  edgeSource.set(localInput.edgeSource);
  edgeTarget.set(localInput.edgeTarget);
  const slotOf = (partnerSlot: number) => (partnerSlot < 0 ? -1 : (partnerNodeSlot[partnerSlot] ?? -1));
  for (let edge = 0; edge < partnerInput.edgeSource.length; edge++) {
    edgeSource[localEdges + edge] = slotOf(partnerInput.edgeSource[edge] as number);
    edgeTarget[localEdges + edge] = slotOf(partnerInput.edgeTarget[edge] as number);
  }
  const paymentEdge = new Int32Array(localInput.paymentEdge.length + partnerInput.paymentEdge.length);
  paymentEdge.set(localInput.paymentEdge);
  for (let k = 0; k < partnerInput.paymentEdge.length; k++) paymentEdge[localInput.paymentEdge.length + k] = localEdges + (partnerInput.paymentEdge[k] as number);
  const paymentTime = new Float64Array(paymentEdge.length);
  paymentTime.set(localInput.paymentTime);
  paymentTime.set(partnerInput.paymentTime, localInput.paymentTime.length);
  return rememberTimeIndexInput(merged, { nodeCount: merged.nodes.length, edgeSource, edgeTarget, paymentEdge, paymentTime });
}

/** The builder's recorded input, as a copy the caller may transfer to a worker; null for a graph no builder made. */
export function recordedTimeIndexInput(graph: Graph): TimeIndexInput | null {
  const input = recordedInputs.get(graph);
  if (!input) return null;
  return { nodeCount: input.nodeCount, edgeSource: input.edgeSource.slice(), edgeTarget: input.edgeTarget.slice(), paymentEdge: input.paymentEdge.slice(), paymentTime: input.paymentTime.slice() };
}

/** Edges between the progress reports of timeIndexInputSteps: small enough for a 40 ms slice on a slow laptop. */
const EDGES_PER_STEP = 20_000;

/**
 * The input of a graph nothing recorded (a copy of a graph, a graph made by
 * hand, an overlay with such a layer), step by step: it looks up every transaction of the
 * graph by id, so the app runs it a slice at a time (yielding the fraction
 * done). A builder's graph returns its recorded input at once.
 */
export function* timeIndexInputSteps(graph: Graph, transactions: ReadonlyMap<string, Transaction>): Generator<number, TimeIndexInput, void> {
  const recorded = recordedTimeIndexInput(graph);
  if (recorded) return recorded;
  const slot = new Map<string, number>();
  graph.nodes.forEach((node, position) => slot.set(node.id, position));
  let total = 0;
  for (const edge of graph.edges) if (edge.kind === 'payment' && edge.source !== edge.target) total += edge.transactionIds.length;
  const edgeSource = new Int32Array(graph.edges.length).fill(-1);
  const edgeTarget = new Int32Array(graph.edges.length).fill(-1);
  const paymentEdge = new Int32Array(total);
  const paymentTime = new Float64Array(total);
  let at = 0;
  for (let position = 0; position < graph.edges.length; position++) {
    if (position > 0 && position % EDGES_PER_STEP === 0) yield position / graph.edges.length;
    const edge = graph.edges[position] as Graph['edges'][number];
    if (edge.kind !== 'payment' || edge.source === edge.target) continue;
    const s = slot.get(edge.source);
    const t = slot.get(edge.target);
    if (s === undefined || t === undefined) continue;
    edgeSource[position] = s;
    edgeTarget[position] = t;
    for (const id of edge.transactionIds) {
      const tx = transactions.get(id);
      if (!tx) continue;
      paymentEdge[at] = position;
      paymentTime[at++] = tx.timestamp;
    }
  }
  return { nodeCount: graph.nodes.length, edgeSource, edgeTarget, paymentEdge: paymentEdge.slice(0, at), paymentTime: paymentTime.slice(0, at) };
}

/** The same input in one call (Node, tests, the one-call search). */
export function timeIndexInput(graph: Graph, transactions: ReadonlyMap<string, Transaction>): TimeIndexInput {
  const steps = timeIndexInputSteps(graph, transactions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows up to this long are sorted in place by insertion (quadratic, but short rows are the rule). */
const INSERTION_SORT_ROW = 48;

/** Rows by `from`, each sorted by time (counting sort into rows, then a sort per row). */
function hops(input: TimeIndexInput, backward: boolean): TimeHops {
  const { nodeCount, edgeSource, edgeTarget, paymentEdge, paymentTime } = input;
  const fromOf = backward ? edgeTarget : edgeSource;
  const toOf = backward ? edgeSource : edgeTarget;
  const count = new Int32Array(nodeCount + 1);
  for (let k = 0; k < paymentEdge.length; k++) {
    const from = fromOf[paymentEdge[k] as number] as number;
    count[from + 1] = (count[from + 1] as number) + 1;
  }
  for (let i = 0; i < nodeCount; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const rowStart = count;
  const fill = rowStart.slice(0, nodeCount);
  const size = rowStart[nodeCount] as number;
  const to = new Int32Array(size);
  const edge = new Int32Array(size);
  const time = new Float64Array(size);
  for (let k = 0; k < paymentEdge.length; k++) {
    const edgeAt = paymentEdge[k] as number;
    const from = fromOf[edgeAt] as number;
    const at = fill[from] as number;
    to[at] = toOf[edgeAt] as number;
    edge[at] = edgeAt;
    time[at] = backward ? -(paymentTime[k] as number) : (paymentTime[k] as number);
    fill[from] = at + 1;
  }
  // Sort each row by time: most rows are short, sorted in place (no allocation, so no garbage for a million hops);
  // a busy account's long row goes through a permutation.
  for (let node = 0; node < nodeCount; node++) {
    const start = rowStart[node] as number;
    const end = rowStart[node + 1] as number;
    if (end - start < 2) continue;
    if (end - start <= INSERTION_SORT_ROW) {
      for (let j = start + 1; j < end; j++) {
        const t = time[j] as number;
        if (t >= (time[j - 1] as number)) continue;
        const movedTo = to[j] as number;
        const movedEdge = edge[j] as number;
        let k = j - 1;
        while (k >= start && (time[k] as number) > t) {
          time[k + 1] = time[k] as number;
          to[k + 1] = to[k] as number;
          edge[k + 1] = edge[k] as number;
          k--;
        }
        time[k + 1] = t;
        to[k + 1] = movedTo;
        edge[k + 1] = movedEdge;
      }
      continue;
    }
    const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => (time[a] as number) - (time[b] as number));
    const rowTo = order.map((j) => to[j] as number);
    const rowEdge = order.map((j) => edge[j] as number);
    const rowTime = order.map((j) => time[j] as number);
    to.set(rowTo, start);
    edge.set(rowEdge, start);
    time.set(rowTime, start);
  }
  return { offsets: rowStart, to, edge, time };
}

export function buildTimeIndex(input: TimeIndexInput): TimeIndex {
  return { nodeCount: input.nodeCount, forward: hops(input, false), backward: hops(input, true) };
}

/** Per node, the arrival times kept; more than this and the search would grow with the busiest account's history. */
const MAX_ARRIVALS_PER_NODE = 16;

interface State {
  node: number;
  time: number;
  previous: State | null;
  edge: number;
}

/** Earliest-first search from the network along time-ordered hops to the nearest wanted subject (≤ maxHops, ≤ gap between steps). */
function nearestTimed(tree: ReadonlySet<number>, wanted: ReadonlySet<number>, subjects: ReadonlySet<number>, blocked: ReadonlySet<number>, rows: TimeHops, maxHops: number, gap: number): { subject: number; nodes: number[]; edges: number[] } | null {
  let frontier: State[] = [...tree].map((node) => ({ node, time: Number.NEGATIVE_INFINITY, previous: null, edge: -1 }));
  const seen = new Map<number, Set<number>>();
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: State[] = [];
    for (const state of frontier) {
      const rowEnd = rows.offsets[state.node + 1] as number;
      // Hops are in time order: start at the first one no earlier than the arrival.
      let low = rows.offsets[state.node] as number;
      let high = rowEnd;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((rows.time[middle] as number) < state.time) low = middle + 1;
        else high = middle;
      }
      for (let k = low; k < rowEnd; k++) {
        const time = rows.time[k] as number;
        const to = rows.to[k] as number;
        if (state.previous && time - state.time > gap) break;
        if (tree.has(to) || blocked.has(to)) continue;
        let times = seen.get(to);
        if (!times) {
          times = new Set();
          seen.set(to, times);
        }
        if (times.has(time) || times.size >= MAX_ARRIVALS_PER_NODE) continue;
        times.add(time);
        const reached: State = { node: to, time, previous: state, edge: rows.edge[k] as number };
        if (wanted.has(to)) {
          const nodes: number[] = [];
          const edges: number[] = [];
          for (let at: State | null = reached; at && at.previous; at = at.previous) {
            nodes.push(at.node);
            edges.push(at.edge);
          }
          return { subject: to, nodes, edges };
        }
        if (!subjects.has(to)) next.push(reached);
      }
    }
    frontier = next;
  }
  return null;
}

/** The network in slots: node positions, edge positions (in graph.edges) and the subjects grouped per connected piece. */
export interface SlotNetwork {
  nodes: number[];
  edges: number[];
  groups: number[][];
}

/**
 * The shortest-path Steiner heuristic over time-ordered chains: grow a tree
 * from one subject, attaching the nearest remaining subject by a chain of
 * transactions in time order with at most `gapMs` between steps, following
 * the money out of the network, else into it.
 */
export function timedNetwork(index: TimeIndex, subjects: readonly number[], blockedSlots: readonly number[], maxHops: number, gapMs: number): SlotNetwork {
  const subjectSet = new Set(subjects);
  const blocked = new Set(blockedSlots.filter((slot) => !subjectSet.has(slot)));
  const nodeSet = new Set<number>();
  const edgeSet = new Set<number>();
  const groups: number[][] = [];
  const remaining = new Set(subjects);
  while (remaining.size > 0) {
    const seed = remaining.values().next().value as number;
    remaining.delete(seed);
    const tree = new Set([seed]);
    const group = [seed];
    while (remaining.size > 0) {
      const found = nearestTimed(tree, remaining, subjectSet, blocked, index.forward, maxHops, gapMs) ?? nearestTimed(tree, remaining, subjectSet, blocked, index.backward, maxHops, gapMs);
      if (!found) break;
      for (const node of found.nodes) tree.add(node);
      for (const edge of found.edges) edgeSet.add(edge);
      remaining.delete(found.subject);
      group.push(found.subject);
    }
    for (const node of tree) nodeSet.add(node);
    groups.push(group);
  }
  return { nodes: [...nodeSet], edges: [...edgeSet], groups };
}
