import { usdConverter } from './fx';
import type { AmountByCurrency, Graph } from './types';

export type RankBy = 'degree' | 'inCount' | 'outCount' | 'totalIn' | 'totalOut' | 'net';
export const RANK_BY: readonly RankBy[] = ['degree', 'inCount', 'outCount', 'totalIn', 'totalOut', 'net'];

export interface RankedNode {
  id: string;
  label: string;
  degree: number;
  /** Counterparties sending to / receiving from the node. */
  inCount: number;
  outCount: number;
  inByCurrency: AmountByCurrency;
  outByCurrency: AmountByCurrency;
  /** Converted at the profile's rates (the figure is labelled as such wherever shown). */
  totalInUsd: number;
  totalOutUsd: number;
  netUsd: number;
}

/**
 * "List most connected": every node of the graph with its degree, in/out
 * counterparties and money in, out and net, ranked by the chosen measure. The
 * totals per currency stay alongside the converted figure so the analyst can
 * quote the actual amounts.
 */
export function mostConnected(graph: Graph, rankBy: RankBy, fxPerUsd?: Record<string, number>, limit = 100): RankedNode[] {
  const converter = usdConverter(fxPerUsd);
  const toUsd = (totals: AmountByCurrency) => Object.entries(totals).reduce((sum, [currency, value]) => sum + converter.toUsd(value, currency), 0);
  const ranked: RankedNode[] = graph.nodes.map((node) => {
    const totalInUsd = toUsd(node.inByCurrency);
    const totalOutUsd = toUsd(node.outByCurrency);
    return {
      id: node.id,
      label: node.holderName && node.kind === 'account' ? `${node.holderName} (${node.id})` : node.label,
      degree: node.degree,
      inCount: node.inDegree,
      outCount: node.outDegree,
      inByCurrency: node.inByCurrency,
      outByCurrency: node.outByCurrency,
      totalInUsd,
      totalOutUsd,
      netUsd: totalInUsd - totalOutUsd,
    };
  });
  const key: Record<RankBy, (node: RankedNode) => number> = {
    degree: (node) => node.degree,
    inCount: (node) => node.inCount,
    outCount: (node) => node.outCount,
    totalIn: (node) => node.totalInUsd,
    totalOut: (node) => node.totalOutUsd,
    // Net by size: a pure collector and a pure distributor both stand out.
    net: (node) => Math.abs(node.netUsd),
  };
  const measure = key[rankBy];
  return ranked.sort((a, b) => measure(b) - measure(a) || a.id.localeCompare(b.id)).slice(0, limit);
}
