import type { Graph } from './types';

export const PARTNER_EDGE_PREFIX = 'partner:';

/**
 * Lays a partner unit's chart over the local one, read-only: the partner's
 * edges keep their own identity (prefixed) so they are never confused with
 * local evidence, and nodes the partner alone knows are marked `partner`.
 * A node both units know stays the local node, which is how a shared account
 * shows up as the bridge between the two layers.
 */
export function mergePartnerGraph(local: Graph, partner: Graph): Graph {
  const nodeIds = new Set(local.nodes.map((node) => node.id));
  const nodes = [...local.nodes];
  for (const node of partner.nodes) {
    if (nodeIds.has(node.id)) continue;
    nodes.push({ ...node, partner: true });
  }
  const edges = [...local.edges];
  for (const edge of partner.edges) edges.push({ ...edge, id: PARTNER_EDGE_PREFIX + edge.id, partner: true });
  const unconverted = new Set([...local.unconvertedCurrencies, ...partner.unconvertedCurrencies]);
  return { view: local.view, nodes, edges, unconvertedCurrencies: [...unconverted].sort() };
}
