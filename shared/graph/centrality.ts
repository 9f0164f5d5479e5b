import type { Graph } from './types';

export type CentralityMeasure = 'volume' | 'weightedDegree' | 'betweenness' | 'pagerank';

/** Each node's score scaled to 0..1 (the largest is 1), ready to size nodes by. */
export type Scores = Map<string, number>;

function scaled(ids: readonly string[], raw: Float64Array): Scores {
  let max = 0;
  for (const value of raw) if (value > max) max = value;
  const scores: Scores = new Map();
  ids.forEach((id, i) => scores.set(id, max > 0 ? (raw[i] as number) / max : 0));
  return scores;
}

function indexGraph(graph: Graph) {
  const ids = graph.nodes.map((node) => node.id);
  const slot = new Map(ids.map((id, i) => [id, i]));
  const links: { source: number; target: number; weight: number }[] = [];
  for (const edge of graph.edges) {
    const source = slot.get(edge.source);
    const target = slot.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    links.push({ source, target, weight: Math.max(edge.weightUsd, 0) });
  }
  return { ids, links };
}

/** Money in and out, in USD: who moves the most. */
export function weightedDegree(graph: Graph): Scores {
  const { ids, links } = indexGraph(graph);
  const raw = new Float64Array(ids.length);
  for (const link of links) {
    raw[link.source] = (raw[link.source] as number) + link.weight;
    raw[link.target] = (raw[link.target] as number) + link.weight;
  }
  return scaled(ids, raw);
}

/** PageRank over money flows, each account passing its rank on in proportion to what it sends. */
export function pageRank(graph: Graph, damping = 0.85, iterations = 40): Scores {
  const { ids, links } = indexGraph(graph);
  const n = ids.length;
  if (n === 0) return new Map();
  const outWeight = new Float64Array(n);
  for (const link of links) outWeight[link.source] = (outWeight[link.source] as number) + link.weight;
  let rank = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) if ((outWeight[i] as number) === 0) dangling += rank[i] as number;
    const base = (1 - damping) / n + (damping * dangling) / n;
    next.fill(base);
    for (const link of links) {
      const share = outWeight[link.source] as number;
      if (share > 0) next[link.target] = (next[link.target] as number) + (damping * (rank[link.source] as number) * link.weight) / share;
    }
    rank = next;
  }
  return scaled(ids, rank);
}

/**
 * Betweenness (Brandes, directed, by hops): the accounts money has to pass
 * through. Exact up to `exactLimit` nodes; above it, estimated from a fixed,
 * evenly spread sample of origins so the cost stays bounded and repeatable.
 */
export function betweenness(graph: Graph, exactLimit = 1500, samples = 300): Scores {
  const { ids, links } = indexGraph(graph);
  const n = ids.length;
  // Several edges between one pair (payments and shipments) are one step for betweenness.
  const neighbourSets = Array.from({ length: n }, () => new Set<number>());
  for (const link of links) (neighbourSets[link.source] as Set<number>).add(link.target);
  const adjacency = neighbourSets.map((set) => [...set]);
  const origins = n <= exactLimit ? ids.map((_, i) => i) : Array.from({ length: samples }, (_, i) => Math.floor((i * n) / samples));
  const centrality = new Float64Array(n);
  const sigma = new Float64Array(n);
  const distance = new Int32Array(n);
  const delta = new Float64Array(n);
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  const stack: number[] = [];
  const queue = new Int32Array(n);
  for (const origin of origins) {
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    for (const list of predecessors) list.length = 0;
    stack.length = 0;
    sigma[origin] = 1;
    distance[origin] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = origin;
    while (head < tail) {
      const v = queue[head++] as number;
      stack.push(v);
      for (const w of adjacency[v] as number[]) {
        if ((distance[w] as number) < 0) {
          distance[w] = (distance[v] as number) + 1;
          queue[tail++] = w;
        }
        if (distance[w] === (distance[v] as number) + 1) {
          sigma[w] = (sigma[w] as number) + (sigma[v] as number);
          (predecessors[w] as number[]).push(v);
        }
      }
    }
    while (stack.length > 0) {
      const w = stack.pop() as number;
      for (const v of predecessors[w] as number[]) {
        delta[v] = (delta[v] as number) + ((sigma[v] as number) / (sigma[w] as number)) * (1 + (delta[w] as number));
      }
      if (w !== origin) centrality[w] = (centrality[w] as number) + (delta[w] as number);
    }
  }
  return scaled(ids, centrality);
}

export function centrality(graph: Graph, measure: CentralityMeasure): Scores {
  switch (measure) {
    case 'weightedDegree':
      return weightedDegree(graph);
    case 'betweenness':
      return betweenness(graph);
    case 'pagerank':
      return pageRank(graph);
    case 'volume': {
      const raw = Float64Array.from(graph.nodes, (node) => node.volumeUsd);
      return scaled(
        graph.nodes.map((node) => node.id),
        raw,
      );
    }
  }
}
