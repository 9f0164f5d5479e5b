import type { Transaction } from '../model';
import { addAmount } from './fx';
import type { AmountByCurrency, Graph, GraphEdge, LinkMode, LinkSummary } from './types';

export const LINK_MODES: readonly LinkMode[] = ['direction', 'single', 'flow', 'transactions'];

/** Keeps only amounts that do not round to zero, so a fully offset currency does not print as "USD 0.00". */
function nonZero(totals: AmountByCurrency): AmountByCurrency {
  const kept: AmountByCurrency = {};
  for (const [currency, value] of Object.entries(totals)) if (Math.abs(value) >= 0.005) kept[currency] = Math.round(value * 100) / 100;
  return kept;
}

function minus(a: AmountByCurrency, b: AmountByCurrency): AmountByCurrency {
  const result: AmountByCurrency = { ...a };
  for (const [currency, value] of Object.entries(b)) addAmount(result, currency, -value);
  return nonZero(result);
}

function plus(a: AmountByCurrency, b: AmountByCurrency): AmountByCurrency {
  const result: AmountByCurrency = { ...a };
  for (const [currency, value] of Object.entries(b)) addAmount(result, currency, value);
  return result;
}

/** The engine's edge ids a drawn line stands for (itself unless summarised). */
export function memberEdgeIds(edge: GraphEdge): string[] {
  return edge.summary ? edge.summary.memberIds : [edge.id];
}

/**
 * Redraws the money between each pair of nodes in the chosen mode. Only
 * payment edges are merged; "holds", shipments and routes stay as built.
 * In `flow` mode the arrow points from the side that sent more (in USD at the
 * profile's rates) and `net` is given per currency, so a pair that sent USD one
 * way and EUR the other still shows both figures rather than a converted blend.
 */
export function summariseLinks(graph: Graph, mode: LinkMode, transactions?: ReadonlyMap<string, Transaction>): Graph {
  if (mode === 'direction') return graph;
  if (mode === 'transactions') return splitPerTransaction(graph, transactions);
  // Integer pair keys (node slots), not joined strings: this runs over every edge of the view.
  const slotOf = new Map<string, number>();
  graph.nodes.forEach((node, slot) => slotOf.set(node.id, slot));
  const slot = (id: string): number => {
    let value = slotOf.get(id);
    if (value === undefined) {
      value = slotOf.size;
      slotOf.set(id, value);
    }
    return value;
  };
  const byPair = new Map<number, { forward: GraphEdge; backward?: GraphEdge }>();
  const kept: GraphEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== 'payment' || edge.source === edge.target) {
      kept.push(edge);
      continue;
    }
    const a = slot(edge.source);
    const b = slot(edge.target);
    const key = a < b ? a * 16_777_216 + b : b * 16_777_216 + a;
    const pair = byPair.get(key);
    if (!pair) byPair.set(key, { forward: edge });
    else pair.backward = edge;
  }
  for (const { forward, backward } of byPair.values()) {
    const backwardTotals = backward?.totals ?? {};
    const netUsd = forward.weightUsd - (backward?.weightUsd ?? 0);
    // The arrow follows the net: if more came back than went, the pair reads from the other end.
    const flip = mode === 'flow' && netUsd < 0;
    const [from, to] = flip && backward ? [backward, forward] : [forward, backward];
    const summary: LinkSummary = {
      mode,
      forward: from.totals,
      backward: to?.totals ?? {},
      forwardCount: from.count,
      backwardCount: to?.count ?? 0,
      // A one-way pair's net is its total (shared, not copied: these objects are never mutated).
      net: to ? minus(from.totals, to.totals) : from.totals,
      netUsd: Math.abs(netUsd),
      memberIds: backward ? [from.id, (to as GraphEdge).id] : [from.id],
    };
    const merged: GraphEdge = {
      id: `${mode}:${from.source}→${from.target}`,
      source: from.source,
      target: from.target,
      kind: 'payment',
      count: forward.count + (backward?.count ?? 0),
      totals: backward ? plus(forward.totals, backwardTotals) : forward.totals,
      // Width: the net in flow mode (a round trip nets to a hairline), everything in single mode.
      weightUsd: mode === 'flow' ? Math.abs(netUsd) : forward.weightUsd + (backward?.weightUsd ?? 0),
      firstDate: Math.min(forward.firstDate, backward?.firstDate ?? Number.POSITIVE_INFINITY),
      lastDate: Math.max(forward.lastDate, backward?.lastDate ?? Number.NEGATIVE_INFINITY),
      transactionIds: backward ? [...from.transactionIds, ...(to as GraphEdge).transactionIds] : from.transactionIds,
      shipmentIds: backward ? [...from.shipmentIds, ...(to as GraphEdge).shipmentIds] : from.shipmentIds,
      summary,
    };
    if (forward.partner || backward?.partner) merged.partner = true;
    kept.push(merged);
  }
  return { ...graph, edges: kept };
}

/** One line per transaction: the raw picture, for small charts (the caller caps it). */
function splitPerTransaction(graph: Graph, transactions?: ReadonlyMap<string, Transaction>): Graph {
  const edges: GraphEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== 'payment' || !transactions || edge.transactionIds.length <= 1) {
      edges.push(edge);
      continue;
    }
    const perUsd = edge.weightUsd / Math.max(1, Object.values(edge.totals).reduce((sum, value) => sum + value, 0));
    for (const transactionId of edge.transactionIds) {
      const tx = transactions.get(transactionId);
      if (!tx) continue;
      edges.push({
        ...edge,
        id: `tx:${transactionId}`,
        count: 1,
        totals: { [tx.currency]: tx.amount },
        weightUsd: tx.amount * perUsd,
        firstDate: tx.timestamp,
        lastDate: tx.timestamp,
        transactionIds: [transactionId],
        shipmentIds: [],
        summary: { mode: 'transactions', forward: { [tx.currency]: tx.amount }, backward: {}, forwardCount: 1, backwardCount: 0, net: { [tx.currency]: tx.amount }, netUsd: tx.amount * perUsd, memberIds: [edge.id] },
      });
    }
  }
  return { ...graph, edges };
}

/** Maps the engine's edge ids (a path, an alert's evidence) onto the lines drawn in the current mode. */
export function drawnEdgeIdsFor(drawn: Graph, engineEdgeIds: readonly string[]): string[] {
  const wanted = new Set(engineEdgeIds);
  const result: string[] = [];
  for (const edge of drawn.edges) if (memberEdgeIds(edge).some((id) => wanted.has(id))) result.push(edge.id);
  return result;
}
