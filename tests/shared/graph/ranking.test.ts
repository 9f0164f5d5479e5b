import { describe, expect, it } from 'vitest';
import { buildAccountGraph, findLinked, mostConnected } from '../../../shared/graph';
import { dataset, tx } from './fixtures';

describe('most connected', () => {
  const transactions = [tx('HUB', 'A', 100, 1), tx('HUB', 'B', 100, 1), tx('HUB', 'C', 100, 1), tx('D', 'HUB', 50, 1, { currency: 'EUR' }), tx('A', 'B', 5000, 2)];
  const graph = buildAccountGraph(dataset({ transactions }), { fxPerUsd: { EUR: 0.5 } });

  it('ranks by degree with in/out counts and money converted at the given rates', () => {
    const [first] = mostConnected(graph, 'degree', { EUR: 0.5 });
    expect(first?.id).toBe('HUB');
    expect(first?.degree).toBe(4);
    expect(first?.outCount).toBe(3);
    expect(first?.inCount).toBe(1);
    expect(first?.totalInUsd).toBeCloseTo(100);
    expect(first?.totalOutUsd).toBeCloseTo(300);
    expect(first?.netUsd).toBeCloseTo(-200);
    expect(first?.inByCurrency).toEqual({ EUR: 50 });
  });

  it('ranks by total in, total out and net size', () => {
    expect(mostConnected(graph, 'totalIn')[0]?.id).toBe('B');
    expect(mostConnected(graph, 'totalOut')[0]?.id).toBe('A');
    expect(mostConnected(graph, 'net', undefined, 2).map((node) => node.id)).toEqual(['B', 'A']);
  });
});

describe('find linked', () => {
  const transactions = [
    tx('S', 'X', 100, 1, { id: 'l1' }),
    tx('X', 'Y', 100, 2, { id: 'l2' }),
    tx('X', 'Z', 100, 0, { id: 'l3' }), // before the money reached X
    tx('Y', 'W', 100, 40, { id: 'l4' }), // long after
    tx('P', 'S', 100, 0, { id: 'l5' }),
  ];
  const graph = buildAccountGraph(dataset({ transactions }));
  const byId = new Map(transactions.map((item) => [item.id, item]));

  it('expands by depth and direction', () => {
    expect(findLinked(graph, ['S'], { depth: 1, direction: 'both' }).nodeIds.sort()).toEqual(['P', 'X']);
    expect(findLinked(graph, ['S'], { depth: 2, direction: 'out' }).nodeIds.sort()).toEqual(['X', 'Y', 'Z']);
  });

  it('follows the money forward in time within the maximum gap', () => {
    const forward = findLinked(graph, ['S'], { depth: 4, direction: 'out', timeFlow: 'forward', maxGapDays: 10, transactions: byId });
    expect(forward.nodeIds.sort()).toEqual(['X', 'Y']);
    const wide = findLinked(graph, ['S'], { depth: 4, direction: 'out', timeFlow: 'forward', maxGapDays: 60, transactions: byId });
    expect(wide.nodeIds.sort()).toEqual(['W', 'X', 'Y']);
  });

  it('walks backward in time to where the money came from', () => {
    const backward = findLinked(graph, ['Y'], { depth: 3, direction: 'in', timeFlow: 'backward', maxGapDays: 10, transactions: byId });
    expect(backward.nodeIds.sort()).toEqual(['P', 'S', 'X']);
  });

  it('stops at the limit and says so', () => {
    const result = findLinked(graph, ['S'], { depth: 3, direction: 'both', limit: 2 });
    expect(result.nodeIds).toHaveLength(2);
    expect(result.truncated).toBe(true);
  });
});
