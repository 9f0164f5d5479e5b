import { emptyNode } from './aggregate';
import { addAmount } from './fx';
import type { Graph, GraphEdge, GraphNode } from './types';

export const COLLECTION_PREFIX = 'collection:';

export function isCollection(id: string): boolean {
  return id.startsWith(COLLECTION_PREFIX);
}

export interface CollectionInfo {
  hub: string;
  kind: GraphNode['kind'];
  direction: 'in' | 'out';
  members: string[];
}

export interface CollectResult {
  graph: Graph;
  collections: Map<string, CollectionInfo>;
}

/**
 * Collection nodes: when `threshold` or more leaf counterparts of one node
 * (linked to nothing else on the chart) are of the same kind and send to it,
 * or receive from it, they fold into one node carrying their count and the
 * totals, and their lines into one. `expanded` lists collections the analyst
 * unfolded. Hundreds of one-off depositors then read as "312 accounts →".
 */
export function collectLeaves(graph: Graph, threshold: number, expanded: ReadonlySet<string> = new Set()): CollectResult {
  const collections = new Map<string, CollectionInfo>();
  if (threshold < 2) return { graph, collections };
  const neighbours = new Map<string, Set<string>>();
  const sendsTo = new Set<string>();
  const receivesFrom = new Set<string>();
  for (const edge of graph.edges) {
    sendsTo.add(edge.source);
    receivesFrom.add(edge.target);
    if (edge.source === edge.target) continue;
    neighbours.set(edge.source, (neighbours.get(edge.source) ?? new Set()).add(edge.target));
    neighbours.set(edge.target, (neighbours.get(edge.target) ?? new Set()).add(edge.source));
  }
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  // A leaf goes with its only neighbour, in the direction of all its money (mixed directions stay drawn).
  const groups = new Map<string, CollectionInfo>();
  for (const node of graph.nodes) {
    const linked = neighbours.get(node.id);
    if (!linked || linked.size !== 1 || isCollection(node.id)) continue;
    const hub = [...linked][0] as string;
    const hubNode = nodeById.get(hub);
    if (!hubNode || (neighbours.get(hub)?.size ?? 0) <= 1) continue;
    const sends = sendsTo.has(node.id) && !receivesFrom.has(node.id);
    const receives = receivesFrom.has(node.id) && !sendsTo.has(node.id);
    if (!sends && !receives) continue;
    const direction = sends ? 'in' : 'out';
    const id = `${COLLECTION_PREFIX}${hub}|${node.kind}|${direction}`;
    const group = groups.get(id);
    if (group) group.members.push(node.id);
    else groups.set(id, { hub, kind: node.kind, direction, members: [node.id] });
  }
  const folded = new Map<string, string>();
  for (const [id, group] of groups) {
    if (group.members.length < threshold || expanded.has(id)) continue;
    collections.set(id, group);
    for (const member of group.members) folded.set(member, id);
  }
  if (folded.size === 0) return { graph, collections };

  const nodes: GraphNode[] = [];
  const collectionNodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    const into = folded.get(node.id);
    if (!into) {
      nodes.push(node);
      continue;
    }
    let collection = collectionNodes.get(into);
    if (!collection) {
      const info = collections.get(into) as CollectionInfo;
      collection = emptyNode(into, info.kind, String(info.members.length));
      collectionNodes.set(into, collection);
      nodes.push(collection);
    }
    for (const [currency, value] of Object.entries(node.inByCurrency)) addAmount(collection.inByCurrency, currency, value);
    for (const [currency, value] of Object.entries(node.outByCurrency)) addAmount(collection.outByCurrency, currency, value);
    collection.volumeUsd += node.volumeUsd;
    collection.transactionCount += node.transactionCount;
    collection.accounts.push(...node.accounts);
    collection.parties.push(...node.parties);
    collection.degree += 1;
  }
  const edges: GraphEdge[] = [];
  const merged = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const source = folded.get(edge.source) ?? edge.source;
    const target = folded.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    const id = `${source}→${target}`;
    const existing = merged.get(id);
    if (!existing) {
      const copy: GraphEdge = { ...edge, id, source, target, totals: { ...edge.totals }, transactionIds: [...edge.transactionIds], shipmentIds: [...edge.shipmentIds] };
      merged.set(id, copy);
      edges.push(copy);
      continue;
    }
    existing.count += edge.count;
    existing.weightUsd += edge.weightUsd;
    for (const [currency, value] of Object.entries(edge.totals)) addAmount(existing.totals, currency, value);
    existing.firstDate = Math.min(existing.firstDate, edge.firstDate);
    existing.lastDate = Math.max(existing.lastDate, edge.lastDate);
    existing.transactionIds.push(...edge.transactionIds);
    existing.shipmentIds.push(...edge.shipmentIds);
  }
  return { graph: { ...graph, nodes, edges }, collections };
}
