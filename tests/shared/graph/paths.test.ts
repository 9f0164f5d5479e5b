import { describe, expect, it } from 'vitest';
import { betweenness, buildAccountGraph, neighbours, pageRank, shortestPath, timeRespectingPaths, weightedDegree } from '../../../shared/graph';
import { dataset, tx } from './fixtures';

const data = dataset({
  transactions: [
    // A → B → C → D in date order (days 1, 3, 5): a money trail.
    tx('A', 'B', 1000, 1, { id: 'ab' }),
    tx('B', 'C', 950, 3, { id: 'bc' }),
    tx('C', 'D', 900, 5, { id: 'cd' }),
    // A shortcut A → E → D that runs backwards in time (E pays D before A pays E).
    tx('E', 'D', 500, 2, { id: 'ed' }),
    tx('A', 'E', 500, 4, { id: 'ae' }),
    // A slow trail A → F → D spanning 60 days.
    tx('A', 'F', 10, 10, { id: 'af' }),
    tx('F', 'D', 10, 70, { id: 'fd' }),
  ],
});
const graph = buildAccountGraph(data);
const byId = new Map(data.transactions.map((t) => [t.id, t]));

describe('shortestPath', () => {
  it('finds the fewest hops along edge direction and none against it', () => {
    expect(shortestPath(graph, 'A', 'D')?.nodeIds).toHaveLength(3);
    expect(shortestPath(graph, 'D', 'A')).toBeNull();
    expect(shortestPath(graph, 'D', 'A', 'both')?.nodeIds[0]).toBe('D');
  });
});

describe('timeRespectingPaths', () => {
  it('follows the money only forward in time, within the hop and day limits', () => {
    const trails = timeRespectingPaths(graph, byId, 'A', 'D', { maxDays: 30 });
    expect(trails).toHaveLength(1);
    expect(trails[0]?.hops.map((hop) => hop.transactionId)).toEqual(['ab', 'bc', 'cd']);
    expect(trails[0]?.days).toBe(4);
    expect(trails[0]?.nodeIds).toEqual(['A', 'B', 'C', 'D']);
  });

  it('finds the slow trail when the day limit allows it, preferring fewer hops', () => {
    const trails = timeRespectingPaths(graph, byId, 'A', 'D', { maxDays: 90 });
    expect(trails.map((trail) => trail.hops.map((hop) => hop.transactionId).join(','))).toEqual(['af,fd', 'ab,bc,cd']);
  });

  it('respects the hop limit', () => {
    expect(timeRespectingPaths(graph, byId, 'A', 'D', { maxDays: 30, maxHops: 2 })).toEqual([]);
  });
});

describe('neighbours', () => {
  it('filters by direction, amount and date', () => {
    expect(neighbours(graph, 'D', { direction: 'in' }).nodeIds.sort()).toEqual(['C', 'E', 'F']);
    expect(neighbours(graph, 'D', { direction: 'out' }).nodeIds).toEqual([]);
    expect(neighbours(graph, 'D', { direction: 'both', minAmountUsd: 100 }).nodeIds.sort()).toEqual(['C', 'E']);
    expect(neighbours(graph, 'A', { direction: 'out', from: graph.edges[0]!.firstDate + 8 * 86_400_000 }).nodeIds).toEqual(['F']);
  });
});

describe('centrality', () => {
  const star = buildAccountGraph(dataset({ transactions: [tx('S1', 'H', 10, 0), tx('S2', 'H', 10, 0), tx('H', 'O', 20, 1), tx('O', 'P', 1, 2)] }));
  it('ranks the hub first on betweenness and the heaviest mover on weighted degree', () => {
    const between = betweenness(star);
    expect(between.get('H')).toBe(1);
    expect(between.get('S1')).toBe(0);
    expect(weightedDegree(star).get('H')).toBe(1);
  });
  it('gives PageRank to where money ends up', () => {
    const rank = pageRank(star);
    expect(rank.get('P')).toBe(1);
    expect(rank.get('S1')!).toBeLessThan(rank.get('H')!);
  });
});
