import { describe, expect, it } from 'vitest';
import { buildAccountGraph, coreNumbers, detectCommunities, type Graph } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { dataset, tx } from './fixtures';

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** A planted partition: `groups` groups of `size` accounts, dense inside (p_in), sparse between (p_out). */
function plantedPartition(groups: number, size: number, pIn: number, pOut: number, seed: number): { graph: Graph; groupOf: (id: string) => number } {
  const next = random(seed);
  const transactions: Transaction[] = [];
  const total = groups * size;
  for (let a = 0; a < total; a++) {
    for (let b = a + 1; b < total; b++) {
      const same = Math.floor(a / size) === Math.floor(b / size);
      if (next() < (same ? pIn : pOut)) transactions.push(tx(`G${a}`, `G${b}`, 100, 1));
    }
  }
  return { graph: buildAccountGraph(dataset({ transactions })), groupOf: (id) => Math.floor(Number(id.slice(1)) / size) };
}

describe('communities (Louvain)', () => {
  it('recovers a planted partition of four groups', () => {
    const { graph, groupOf } = plantedPartition(4, 25, 0.3, 0.01, 3);
    const result = detectCommunities(graph);
    expect(result.communities).toHaveLength(4);
    // Every found community is (almost) one planted group: purity over 95 %.
    let pure = 0;
    for (const community of result.communities) {
      const counts = new Map<number, number>();
      for (const id of community.nodeIds) counts.set(groupOf(id), (counts.get(groupOf(id)) ?? 0) + 1);
      pure += Math.max(...counts.values());
    }
    expect(pure / graph.nodes.length).toBeGreaterThan(0.95);
    expect(result.modularity).toBeGreaterThan(0.5);
  });

  it('is reproducible with the same seed and numbers communities largest first', () => {
    const { graph } = plantedPartition(3, 20, 0.35, 0.02, 9);
    const first = detectCommunities(graph, { seed: 7 });
    const second = detectCommunities(graph, { seed: 7 });
    expect([...first.communityOf]).toEqual([...second.communityOf]);
    const sizes = first.communities.map((community) => community.nodeIds.length);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it('totals money inside, into and out of each community per currency', () => {
    const transactions = [tx('A1', 'A2', 100, 1), tx('A2', 'A3', 50, 1), tx('A3', 'A1', 25, 1), tx('B1', 'B2', 10, 1, { currency: 'EUR' }), tx('B2', 'B3', 10, 1), tx('B3', 'B1', 10, 1), tx('A1', 'B1', 7, 2)];
    const result = detectCommunities(buildAccountGraph(dataset({ transactions })));
    expect(result.communities).toHaveLength(2);
    const a = result.communities.find((community) => community.nodeIds.includes('A1'))!;
    const b = result.communities.find((community) => community.nodeIds.includes('B1'))!;
    expect(a.internalTotals).toEqual({ USD: 175 });
    expect(a.internalLinks).toBe(3);
    expect(a.outTotals).toEqual({ USD: 7 });
    expect(b.inTotals).toEqual({ USD: 7 });
    expect(b.internalTotals).toEqual({ EUR: 10, USD: 20 });
  });
});

/** k-core by definition: repeatedly delete nodes with fewer than k neighbours; what survives is the k-core. */
function bruteCores(graph: Graph): Map<string, number> {
  const adjacent = new Map<string, Set<string>>(graph.nodes.map((node) => [node.id, new Set()]));
  for (const edge of graph.edges) {
    if (edge.source === edge.target) continue;
    adjacent.get(edge.source)!.add(edge.target);
    adjacent.get(edge.target)!.add(edge.source);
  }
  const cores = new Map(graph.nodes.map((node) => [node.id, 0]));
  for (let k = 1; k <= graph.nodes.length; k++) {
    const alive = new Set(adjacent.keys());
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of [...alive]) {
        if ([...adjacent.get(id)!].filter((other) => alive.has(other)).length < k) {
          alive.delete(id);
          changed = true;
        }
      }
    }
    if (alive.size === 0) break;
    for (const id of alive) cores.set(id, k);
  }
  return cores;
}

describe('k-cores', () => {
  it('a 5-clique with a tail: 4 for the clique, 1 for the tail', () => {
    const clique = ['C1', 'C2', 'C3', 'C4', 'C5'];
    const transactions = clique.flatMap((a, i) => clique.slice(i + 1).map((b) => tx(a, b, 1, 1)));
    transactions.push(tx('C1', 'T1', 1, 1), tx('T1', 'T2', 1, 1));
    const cores = coreNumbers(buildAccountGraph(dataset({ transactions })));
    for (const id of clique) expect(cores.get(id)).toBe(4);
    expect(cores.get('T1')).toBe(1);
    expect(cores.get('T2')).toBe(1);
  });

  it('matches peeling by definition on 40 random graphs', () => {
    const next = random(31);
    for (let trial = 0; trial < 40; trial++) {
      const size = 5 + Math.floor(next() * 12);
      const transactions: Transaction[] = [];
      for (let e = 0; e < size * 2; e++) transactions.push(tx(`N${Math.floor(next() * size)}`, `N${Math.floor(next() * size)}`, 1, 1));
      const graph = buildAccountGraph(dataset({ transactions }));
      expect(coreNumbers(graph)).toEqual(bruteCores(graph));
    }
  });
});
