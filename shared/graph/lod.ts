import { addAmount } from './fx';
import { emptyNode } from './aggregate';
import type { Graph, GraphEdge, GraphNode } from './types';

export const FOLDED_PREFIX = 'folded:';

export interface FoldResult {
  graph: Graph;
  /** How many nodes went into folded groups (0 when everything is drawn). */
  foldedCount: number;
}

/**
 * Level of detail for charts too large to read or draw: keeps `keep` (the
 * alerted nodes, the analyst's own picks) and the largest movers up to
 * `maxNodes`, and folds every other node into one group node per country, so
 * money leaving the drawn part of the network still shows where it goes.
 */
export function foldGraph(graph: Graph, maxNodes: number, keep: ReadonlySet<string>): FoldResult {
  if (graph.nodes.length <= maxNodes) return { graph, foldedCount: 0 };
  const ranked = [...graph.nodes].sort((a, b) => b.volumeUsd - a.volumeUsd);
  const kept = new Set<string>();
  for (const node of graph.nodes) if (keep.has(node.id)) kept.add(node.id);
  for (const node of ranked) {
    if (kept.size >= maxNodes) break;
    kept.add(node.id);
  }
  const groupOf = new Map<string, string>();
  const groups = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (kept.has(node.id)) continue;
    const groupId = `${FOLDED_PREFIX}${node.kind}:${node.country ?? '??'}`;
    groupOf.set(node.id, groupId);
    let group = groups.get(groupId);
    if (!group) {
      group = emptyNode(groupId, node.kind, node.country ?? '??');
      groups.set(groupId, group);
    }
    group.accounts.push(...node.accounts);
    group.parties.push(...node.parties);
    group.volumeUsd += node.volumeUsd;
    group.transactionCount += node.transactionCount;
    for (const [currency, amount] of Object.entries(node.inByCurrency)) addAmount(group.inByCurrency, currency, amount);
    for (const [currency, amount] of Object.entries(node.outByCurrency)) addAmount(group.outByCurrency, currency, amount);
  }
  const edges = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const source = groupOf.get(edge.source) ?? edge.source;
    const target = groupOf.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) {
      edges.set(edge.id, edge);
      continue;
    }
    if (source === target) continue;
    const id = `${edge.kind}:${source}→${target}`;
    const merged = edges.get(id);
    if (!merged) {
      edges.set(id, { ...edge, id, source, target, totals: { ...edge.totals }, transactionIds: [...edge.transactionIds], shipmentIds: [...edge.shipmentIds] });
      continue;
    }
    merged.count += edge.count;
    merged.weightUsd += edge.weightUsd;
    merged.firstDate = Math.min(merged.firstDate, edge.firstDate);
    merged.lastDate = Math.max(merged.lastDate, edge.lastDate);
    for (const [currency, amount] of Object.entries(edge.totals)) addAmount(merged.totals, currency, amount);
    for (const id of edge.transactionIds) merged.transactionIds.push(id);
    for (const id of edge.shipmentIds) merged.shipmentIds.push(id);
  }
  const nodes = [...graph.nodes.filter((node) => kept.has(node.id)), ...groups.values()];
  const degree = new Map<string, Set<string>>();
  for (const edge of edges.values()) {
    for (const [a, b] of [[edge.source, edge.target], [edge.target, edge.source]] as const) {
      let set = degree.get(a);
      if (!set) degree.set(a, (set = new Set()));
      set.add(b);
    }
  }
  for (const group of groups.values()) group.degree = degree.get(group.id)?.size ?? 0;
  return { graph: { ...graph, nodes, edges: [...edges.values()] }, foldedCount: groupOf.size };
}

export function isFolded(nodeId: string): boolean {
  return nodeId.startsWith(FOLDED_PREFIX);
}
