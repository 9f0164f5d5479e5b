import UndirectedGraph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { addAmount } from './fx';
import type { AmountByCurrency, Graph } from './types';

export interface CommunityOptions {
  /** Higher splits into more, smaller communities (Louvain's resolution; 1 is the standard modularity). */
  resolution?: number;
  /** Link weight: the number of transactions (default) or none (every link counts once). */
  weight?: 'count' | 'none';
  /** Fixed seed: the same case gives the same communities every time, so a report can be reproduced. */
  seed?: number;
}

export interface CommunitySummary {
  id: number;
  nodeIds: string[];
  /** Links and money inside the community, per currency. */
  internalLinks: number;
  internalTotals: AmountByCurrency;
  /** Money leaving and entering the community, per currency. */
  outTotals: AmountByCurrency;
  inTotals: AmountByCurrency;
}

export interface CommunityResult {
  /** Community number per node id, largest community first (0). */
  communityOf: Map<string, number>;
  communities: CommunitySummary[];
  modularity: number;
}

function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/**
 * Communities by Louvain (graphology-communities-louvain, MIT) over the
 * undirected money links, with each community's internal, incoming and
 * outgoing totals per currency. Numbered by size so colours stay stable.
 */
export function detectCommunities(graph: Graph, options: CommunityOptions = {}): CommunityResult {
  const undirected = new UndirectedGraph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of graph.nodes) undirected.addNode(node.id);
  for (const edge of graph.edges) {
    if (edge.source === edge.target || !undirected.hasNode(edge.source) || !undirected.hasNode(edge.target)) continue;
    const weight = options.weight === 'none' ? 1 : Math.max(1, edge.count);
    if (undirected.hasEdge(edge.source, edge.target)) undirected.updateEdgeAttribute(edge.source, edge.target, 'weight', (value: unknown) => (typeof value === 'number' ? value : 0) + weight);
    else undirected.addEdge(edge.source, edge.target, { weight });
  }
  const detailed = louvain.detailed(undirected, { resolution: options.resolution ?? 1, rng: seededRandom(options.seed ?? 42), getEdgeWeight: 'weight' });
  // Renumber by size (largest first), ties by the smallest member id.
  const members = new Map<number, string[]>();
  for (const [id, community] of Object.entries(detailed.communities)) {
    const list = members.get(community);
    if (list) list.push(id);
    else members.set(community, [id]);
  }
  const ordered = [...members.values()].map((ids) => ids.sort()).sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
  const communityOf = new Map<string, number>();
  ordered.forEach((ids, index) => {
    for (const id of ids) communityOf.set(id, index);
  });
  const communities: CommunitySummary[] = ordered.map((nodeIds, id) => ({ id, nodeIds, internalLinks: 0, internalTotals: {}, outTotals: {}, inTotals: {} }));
  for (const edge of graph.edges) {
    if (edge.kind !== 'payment') continue;
    const from = communityOf.get(edge.source);
    const to = communityOf.get(edge.target);
    if (from === undefined || to === undefined) continue;
    const add = (target: AmountByCurrency) => {
      for (const [currency, value] of Object.entries(edge.totals)) addAmount(target, currency, value);
    };
    if (from === to) {
      const community = communities[from] as CommunitySummary;
      if (edge.source !== edge.target) community.internalLinks += 1;
      add(community.internalTotals);
    } else {
      add((communities[from] as CommunitySummary).outTotals);
      add((communities[to] as CommunitySummary).inTotals);
    }
  }
  return { communityOf, communities, modularity: detailed.modularity };
}

/**
 * k-core number of every node (Batagelj–Zaversnik, linear in the links): the
 * largest k such that the node belongs to a subgraph where every node has at
 * least k distinct counterparties. The dense heart of a network has the highest.
 */
export function coreNumbers(graph: Graph): Map<string, number> {
  const index = new Map<string, number>();
  graph.nodes.forEach((node, slot) => index.set(node.id, slot));
  const neighbourSets: Set<number>[] = graph.nodes.map(() => new Set());
  for (const edge of graph.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t) continue;
    (neighbourSets[s] as Set<number>).add(t);
    (neighbourSets[t] as Set<number>).add(s);
  }
  const count = graph.nodes.length;
  const degree = new Int32Array(count);
  let maxDegree = 0;
  for (let i = 0; i < count; i++) {
    degree[i] = (neighbourSets[i] as Set<number>).size;
    if ((degree[i] as number) > maxDegree) maxDegree = degree[i] as number;
  }
  // Bucket sort by degree, then peel the lowest-degree node repeatedly.
  const bins = new Int32Array(maxDegree + 1);
  for (let i = 0; i < count; i++) bins[degree[i] as number] = (bins[degree[i] as number] as number) + 1;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) {
    const size = bins[d] as number;
    bins[d] = start;
    start += size;
  }
  const position = new Int32Array(count);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    position[i] = bins[degree[i] as number] as number;
    order[position[i] as number] = i;
    bins[degree[i] as number] = (bins[degree[i] as number] as number) + 1;
  }
  for (let d = maxDegree; d > 0; d--) bins[d] = bins[d - 1] as number;
  bins[0] = 0;
  for (let i = 0; i < count; i++) {
    const v = order[i] as number;
    for (const u of neighbourSets[v] as Set<number>) {
      if ((degree[u] as number) > (degree[v] as number)) {
        const du = degree[u] as number;
        const pu = position[u] as number;
        const pw = bins[du] as number;
        const w = order[pw] as number;
        if (u !== w) {
          position[u] = pw;
          order[pu] = w;
          position[w] = pu;
          order[pw] = u;
        }
        bins[du] = (bins[du] as number) + 1;
        degree[u] = du - 1;
      }
    }
  }
  const cores = new Map<string, number>();
  graph.nodes.forEach((node, slot) => cores.set(node.id, degree[slot] as number));
  return cores;
}
