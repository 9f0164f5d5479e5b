import { describe, expect, it } from 'vitest';
import { buildAccountGraph, connectingNetwork, type Graph } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { dataset, tx } from './fixtures';

function graphOf(pairs: [string, string][]): Graph {
  return buildAccountGraph(dataset({ transactions: pairs.map(([from, to], i) => tx(from, to, 100, i)) }));
}

/** Fewest edges of any connected subgraph holding every subject: the smallest connected node set minus one, by enumeration. */
function bruteForceSteiner(graph: Graph, subjects: string[], excluded: Set<string> = new Set()): number | null {
  const candidates = graph.nodes.map((node) => node.id).filter((id) => !subjects.includes(id) && !excluded.has(id));
  const adjacent = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (edge.source === edge.target) continue;
    adjacent.set(edge.source, (adjacent.get(edge.source) ?? new Set()).add(edge.target));
    adjacent.set(edge.target, (adjacent.get(edge.target) ?? new Set()).add(edge.source));
  }
  let best: number | null = null;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const chosen = new Set(subjects);
    candidates.forEach((id, bit) => {
      if (mask & (1 << bit)) chosen.add(id);
    });
    if (best !== null && chosen.size - 1 >= best) continue;
    const start = subjects[0] as string;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const at = stack.pop() as string;
      for (const next of adjacent.get(at) ?? []) {
        if (chosen.has(next) && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    if (seen.size === chosen.size) best = chosen.size - 1;
  }
  return best;
}

function isConnectedTree(graph: Graph, result: { nodeIds: string[]; edgeIds: string[] }, subjects: string[]): boolean {
  const nodes = new Set(result.nodeIds);
  if (!subjects.every((id) => nodes.has(id))) return false;
  const edges = result.edgeIds.map((id) => graph.edges.find((edge) => edge.id === id)!);
  if (!edges.every((edge) => nodes.has(edge.source) && nodes.has(edge.target))) return false;
  const seen = new Set([subjects[0] as string]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      if (seen.has(edge.source) !== seen.has(edge.target)) {
        seen.add(edge.source);
        seen.add(edge.target);
        grew = true;
      }
    }
  }
  return seen.size === nodes.size;
}

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

describe('connecting network (Steiner heuristic)', () => {
  it('matches or stays within twice the brute-force optimum on 60 random small graphs, always a connected tree', () => {
    const next = random(7);
    let exact = 0;
    for (let trial = 0; trial < 60; trial++) {
      const size = 6 + Math.floor(next() * 5);
      const pairs: [string, string][] = [];
      for (let i = 1; i < size; i++) pairs.push([`N${Math.floor(next() * i)}`, `N${i}`]); // a spanning tree keeps it connected
      for (let extra = 0; extra < size; extra++) pairs.push([`N${Math.floor(next() * size)}`, `N${Math.floor(next() * size)}`]);
      const graph = graphOf(pairs);
      const subjects = [...new Set(Array.from({ length: 3 }, () => `N${Math.floor(next() * size)}`))];
      if (subjects.length < 2) continue;
      const result = connectingNetwork(graph, subjects);
      const optimum = bruteForceSteiner(graph, subjects) as number;
      expect(result.unconnected).toEqual([]);
      expect(isConnectedTree(graph, result, subjects)).toBe(true);
      expect(result.edgeIds.length).toBe(result.nodeIds.length - 1);
      expect(result.edgeIds.length).toBeGreaterThanOrEqual(optimum);
      expect(result.edgeIds.length).toBeLessThanOrEqual(2 * optimum);
      if (result.edgeIds.length === optimum) exact++;
    }
    // The heuristic is usually exact on graphs this small; a regression to something cruder would show here.
    expect(exact).toBeGreaterThan(45);
  });

  it('dropping a hub re-routes through the other intermediaries, and reports a subject only the hub reached as a gap', () => {
    // A, B and C all meet at HUB in one hop; A and B also meet through M1 → M2; C has nothing else.
    const graph = graphOf([['A', 'HUB'], ['HUB', 'B'], ['C', 'HUB'], ['A', 'M1'], ['M1', 'M2'], ['M2', 'B']]);
    const withHub = connectingNetwork(graph, ['A', 'B', 'C']);
    expect(new Set(withHub.nodeIds)).toEqual(new Set(['A', 'B', 'C', 'HUB']));
    const withoutHub = connectingNetwork(graph, ['A', 'B', 'C'], { exclude: ['HUB'] });
    expect(new Set(withoutHub.nodeIds)).toEqual(new Set(['A', 'B', 'C', 'M1', 'M2']));
    expect(withoutHub.groups).toEqual([['A', 'B']]);
    expect(withoutHub.unconnected).toEqual(['C']);
    expect(bruteForceSteiner(graph, ['A', 'B'], new Set(['HUB']))).toBe(3);
  });

  it('a hop limit leaves far subjects unconnected, and unknown ids are named', () => {
    const graph = graphOf([['A', 'X1'], ['X1', 'X2'], ['X2', 'X3'], ['X3', 'B'], ['A', 'C']]);
    const near = connectingNetwork(graph, ['A', 'B', 'C', 'NOPE'], { maxHops: 3 });
    expect(near.groups).toEqual([['A', 'C']]);
    expect(near.unconnected).toEqual(['B']);
    expect(near.unknown).toEqual(['NOPE']);
    expect(connectingNetwork(graph, ['A', 'B'], { maxHops: 4 }).unconnected).toEqual([]);
  });

  it('never excludes a chosen subject even when asked to', () => {
    const graph = graphOf([['A', 'B']]);
    expect(connectingNetwork(graph, ['A', 'B'], { exclude: ['A'] }).groups).toEqual([['A', 'B']]);
  });

  it('time-respecting: only chains in time order within the maximum gap connect', () => {
    const transactions: Transaction[] = [
      tx('A', 'M', 100, 1, { id: 'a1' }),
      tx('M', 'B', 100, 3, { id: 'b1' }), // A → M → B two days apart: money could have moved on
      tx('C', 'N', 100, 10, { id: 'c1' }),
      tx('N', 'A', 100, 2, { id: 'c2' }), // C → N after N → A: out of order
    ];
    const graph = buildAccountGraph(dataset({ transactions }));
    const byId = new Map(transactions.map((item) => [item.id, item]));
    const timed = connectingNetwork(graph, ['A', 'B', 'C'], { timed: { transactions: byId, maxGapDays: 5 } });
    expect(timed.groups).toEqual([['A', 'B']]);
    expect(timed.unconnected).toEqual(['C']);
    // Untimed, C reaches A through N.
    expect(connectingNetwork(graph, ['A', 'B', 'C']).unconnected).toEqual([]);
    // A gap shorter than the two days between the hops cuts A from B too.
    expect(connectingNetwork(graph, ['A', 'B'], { timed: { transactions: byId, maxGapDays: 1 } }).unconnected.sort()).toEqual(['A', 'B']);
  });
});
