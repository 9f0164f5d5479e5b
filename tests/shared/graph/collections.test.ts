import { describe, expect, it } from 'vitest';
import { buildAccountGraph, collectLeaves } from '../../../shared/graph';
import { dataset, tx } from './fixtures';

describe('collection nodes', () => {
  // HUB receives from 5 one-off depositors and pays 2 leaves; HUB and X trade both ways; D1 also pays X (not a leaf).
  const transactions = [
    ...['L1', 'L2', 'L3', 'L4', 'L5'].map((id, i) => tx(id, 'HUB', 100 * (i + 1), i)),
    tx('L5', 'HUB', 50, 9, { currency: 'EUR' }),
    tx('HUB', 'P1', 10, 1),
    tx('HUB', 'P2', 10, 1),
    tx('HUB', 'X', 1000, 1),
    tx('X', 'HUB', 10, 2),
    tx('D1', 'HUB', 5, 1),
    tx('D1', 'X', 5, 1),
  ];
  const graph = buildAccountGraph(dataset({ transactions }));

  it('folds same-kind leaf senders of one node above the threshold into one node with count and totals', () => {
    const { graph: collected, collections } = collectLeaves(graph, 3);
    expect(collections.size).toBe(1);
    const [id, info] = [...collections][0]!;
    expect(info.members.sort()).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(info.direction).toBe('in');
    const node = collected.nodes.find((candidate) => candidate.id === id)!;
    expect(node.label).toBe('5');
    expect(node.outByCurrency).toEqual({ USD: 1500, EUR: 50 });
    expect(node.accounts.sort()).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    const line = collected.edges.filter((edge) => edge.source === id);
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ target: 'HUB', count: 6, totals: { USD: 1500, EUR: 50 } });
    expect(line[0]!.transactionIds).toHaveLength(6);
    // The two receivers stay (below the threshold), as do D1 (two counterparties) and X.
    expect(collected.nodes.map((candidate) => candidate.id)).toEqual(expect.arrayContaining(['P1', 'P2', 'D1', 'X', 'HUB']));
    expect(collected.nodes).toHaveLength(graph.nodes.length - 5 + 1);
  });

  it('unfolds a collection on demand and does nothing under the threshold', () => {
    const { collections } = collectLeaves(graph, 3);
    const id = [...collections.keys()][0]!;
    expect(collectLeaves(graph, 3, new Set([id])).graph).toBe(graph);
    expect(collectLeaves(graph, 6).graph).toBe(graph);
    expect(collectLeaves(graph, 0).graph).toBe(graph);
    expect(collectLeaves(graph, 2).collections.size).toBe(2);
  });
});
