import { rememberMergedTimeIndexInput } from './timeIndex';
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
  const localSlot = new Map(local.nodes.map((node, position) => [node.id, position]));
  const nodes = [...local.nodes];
  // Where each partner node sits in the merged graph: the time index's input is carried over by position.
  const partnerNodeSlot = new Int32Array(partner.nodes.length);
  partner.nodes.forEach((node, position) => {
    const shared = localSlot.get(node.id);
    if (shared !== undefined) {
      partnerNodeSlot[position] = shared;
      return;
    }
    partnerNodeSlot[position] = nodes.length;
    nodes.push({ ...node, partner: true });
  });
  const edges = [...local.edges];
  for (const edge of partner.edges) edges.push({ ...edge, id: PARTNER_EDGE_PREFIX + edge.id, partner: true });
  const unconverted = new Set([...local.unconvertedCurrencies, ...partner.unconvertedCurrencies]);
  return rememberMergedTimeIndexInput({ view: local.view, nodes, edges, unconvertedCurrencies: [...unconverted].sort() }, local, partner, partnerNodeSlot);
}
