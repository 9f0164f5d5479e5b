import { describe, expect, it } from 'vitest';
import { buildAccountGraph, drawnEdgeIdsFor, memberEdgeIds, summariseLinks } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { dataset, tx } from './fixtures';

const EUR_RATE = { EUR: 0.5 }; // 1 USD = 0.5 EUR, so EUR 100 counts as USD 200

function pairGraph() {
  const transactions: Transaction[] = [
    tx('A', 'B', 1000, 1),
    tx('A', 'B', 500, 2),
    tx('B', 'A', 300, 3),
    tx('B', 'A', 100, 4, { currency: 'EUR' }),
    tx('A', 'C', 50, 5),
    tx('C', 'A', 50, 6),
  ];
  return { graph: buildAccountGraph(dataset({ transactions }), { fxPerUsd: EUR_RATE }), transactions };
}

describe('link summarisation', () => {
  it('flow: one arrow per pair in the net direction, net per currency, totals both ways and the count', () => {
    const { graph } = pairGraph();
    const flow = summariseLinks(graph, 'flow');
    expect(flow.edges).toHaveLength(2);
    const ab = flow.edges.find((edge) => memberEdgeIds(edge).includes('A→B'));
    expect(ab?.source).toBe('A');
    expect(ab?.target).toBe('B');
    expect(ab?.count).toBe(4);
    // USD nets within USD; EUR stays EUR, signed against the arrow.
    expect(ab?.summary?.net).toEqual({ USD: 1200, EUR: -100 });
    expect(ab?.summary?.forward).toEqual({ USD: 1500 });
    expect(ab?.summary?.backward).toEqual({ USD: 300, EUR: 100 });
    // Width by the net in USD: 1500 − (300 + 200).
    expect(ab?.weightUsd).toBeCloseTo(1000);
    expect(ab?.transactionIds).toHaveLength(4);
  });

  it('flow: the arrow turns when more came back than went, and a perfect round trip nets to nothing', () => {
    const transactions = [tx('P', 'Q', 100, 1), tx('Q', 'P', 900, 2), tx('R', 'S', 70, 1), tx('S', 'R', 70, 2)];
    const flow = summariseLinks(buildAccountGraph(dataset({ transactions })), 'flow');
    const pq = flow.edges.find((edge) => memberEdgeIds(edge).includes('P→Q'));
    expect([pq?.source, pq?.target]).toEqual(['Q', 'P']);
    expect(pq?.summary?.net).toEqual({ USD: 800 });
    const rs = flow.edges.find((edge) => memberEdgeIds(edge).includes('R→S'));
    expect(rs?.summary?.net).toEqual({});
    expect(rs?.weightUsd).toBe(0);
  });

  it('single: both directions added on one line; direction: the graph as built', () => {
    const { graph } = pairGraph();
    const single = summariseLinks(graph, 'single');
    const ab = single.edges.find((edge) => memberEdgeIds(edge).includes('B→A'));
    expect(ab?.totals).toEqual({ USD: 1800, EUR: 100 });
    expect(ab?.weightUsd).toBeCloseTo(1500 + 300 + 200);
    expect(summariseLinks(graph, 'direction')).toBe(graph);
  });

  it('transactions: one line per transaction, each naming only its own row', () => {
    const { graph, transactions } = pairGraph();
    const byId = new Map(transactions.map((item) => [item.id, item]));
    const split = summariseLinks(graph, 'transactions', byId);
    expect(split.edges).toHaveLength(6);
    expect(new Set(split.edges.flatMap((edge) => edge.transactionIds)).size).toBe(6);
    expect(split.edges.every((edge) => edge.transactionIds.length === 1 && edge.count === 1)).toBe(true);
  });

  it('maps engine edge ids (paths, evidence) onto the summarised lines', () => {
    const { graph } = pairGraph();
    const flow = summariseLinks(graph, 'flow');
    const drawn = drawnEdgeIdsFor(flow, ['B→A']);
    expect(drawn).toHaveLength(1);
    expect(flow.edges.find((edge) => edge.id === drawn[0])?.summary?.memberIds.sort()).toEqual(['A→B', 'B→A']);
  });

  it('leaves non-payment edges (holds) alone', () => {
    const { graph } = pairGraph();
    const withHolds = { ...graph, edges: [...graph.edges, { ...graph.edges[0]!, id: 'holds:X→A', kind: 'holds' as const, source: 'X', target: 'A' }] };
    expect(summariseLinks(withHolds, 'flow').edges.some((edge) => edge.id === 'holds:X→A')).toBe(true);
  });
});
