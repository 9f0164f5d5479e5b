import { isCollection, isFolded, type Graph, type GraphEdge, type GraphNode, type LinkSummary, type Scores, type ScreeningFlags, type StylingResult } from '../../../shared/graph';
import type { CanvasEdge, CanvasNode, Positions } from '../../graph-canvas';
import { boundsOf } from '../../graph-canvas/orientation';

export const MIN_NODE_SIZE = 22;
export const MAX_NODE_SIZE = 64;
export const MIN_EDGE_WIDTH = 1;
export const MAX_EDGE_WIDTH = 9;

export interface Labels {
  partnerTag: string;
  folded(node: GraphNode): string;
  /** A collection node: how many counterparties it stands for. */
  collection(node: GraphNode): string;
  amounts(totals: Record<string, number>): string;
  /** A net-flow line: the net per currency, the count and the totals each way. */
  flow(summary: LinkSummary, count: number): string;
  /** The mark drawn on a node screened against a watch list or a PEP list ("PEP", "LISTA", "LISTA·PEP"). */
  screened(flags: ScreeningFlags): string;
  /** A community's compound group: its number and member count. */
  group(group: string, members: number): string;
}

/** Marks from outside the graph, per drawn node id (screening hits on its parties). */
export type NodeFlags = ReadonlyMap<string, ScreeningFlags>;

export function nodeLabel(node: GraphNode, labels: Labels): string {
  if (isFolded(node.id)) return labels.folded(node);
  if (isCollection(node.id)) return labels.collection(node);
  let label = node.label;
  if (node.kind === 'account' && node.holderName) label = `${node.holderName}\n${node.id}`;
  if (node.partner) label = `${label}\n[${labels.partnerTag}]`;
  return label;
}

export function edgeLabel(edge: GraphEdge, labels: Labels): string {
  if (edge.kind === 'holds') return '';
  if (edge.summary?.mode === 'flow') return labels.flow(edge.summary, edge.count);
  const amounts = labels.amounts(edge.totals);
  return edge.count > 1 ? `${edge.count}× · ${amounts}` : amounts;
}

/**
 * Turns the engine's graph into what the canvas draws: node size from the
 * chosen centrality (square root, so area follows the score), line width on a
 * log scale because amounts in one case span six orders of magnitude.
 */
export function toCanvas(graph: Graph, scores: Scores, alerted: ReadonlySet<string>, positions: Positions, pinned: ReadonlySet<string>, labels: Labels, flags: NodeFlags = new Map()): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  let maxWeight = 0;
  for (const edge of graph.edges) if (edge.weightUsd > maxWeight) maxWeight = edge.weightUsd;
  const logMax = Math.log10(1 + maxWeight);
  const nodes: CanvasNode[] = graph.nodes.map((node) => {
    const score = scores.get(node.id) ?? 0;
    const canvasNode: CanvasNode = {
      id: node.id,
      kind: node.kind,
      label: nodeLabel(node, labels),
      size: Math.round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(score)),
    };
    if (alerted.has(node.id)) canvasNode.alerted = true;
    if (node.partner) canvasNode.partner = true;
    const position = positions[node.id];
    if (position) canvasNode.position = position;
    if (pinned.has(node.id)) canvasNode.pinned = true;
    const screening = flags.get(node.id);
    if (screening && (screening.pep || screening.watchList)) {
      // A watch-list (sanctions) hit is the graver one: its colour wins the border, the mark names both.
      canvasNode.screened = screening.watchList ? 'watchlist' : 'pep';
      canvasNode.screenMark = labels.screened(screening);
    }
    return canvasNode;
  });
  const edges: CanvasEdge[] = graph.edges.map((edge) => {
    const width = logMax > 0 ? MIN_EDGE_WIDTH + ((MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * Math.log10(1 + edge.weightUsd)) / logMax : MIN_EDGE_WIDTH;
    const canvasEdge: CanvasEdge = {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      kind: edge.kind,
      width: Math.round(width * 10) / 10,
      label: edgeLabel(edge, labels),
      transactionIds: edge.transactionIds,
    };
    if (edge.partner) canvasEdge.partner = true;
    if (edge.thirdParty) canvasEdge.thirdParty = true;
    if (edge.summary?.mode === 'single') canvasEdge.undirected = true;
    return canvasEdge;
  });
  return { nodes, edges };
}

/**
 * Places nodes added to an already laid-out chart (expand, search) in a ring
 * around a drawn neighbour, so the analyst's arrangement is never thrown away
 * for a few new nodes. Rings and the grid leave room for the largest node (at
 * 110 px with 12 a ring and rings 45 px apart, nodes of the largest size, 64,
 * overlapped their neighbours) and for a label between neighbours on a ring.
 */
/** Room a placed node gets: the largest node drawn and a margin for its border and selection ring. */
const NEW_NODE_ROOM = MAX_NODE_SIZE + 16;
/**
 * Neighbours on a ring stand a label's width apart (labels wrap at 150 px): twelve on a first ring 80 px apart put
 * the names of side-by-side nodes on top of each other ("Central I…Distribuidora Muñoz S.A.").
 */
const LABEL_ROOM = 160;
/** The first ring holds six nodes a label's width apart; each further ring sits a node's room further out and holds more. */
const FIRST_RING = LABEL_ROOM;
/** Nodes with no drawn neighbour go into a grid beside the chart, with room for their two-line labels. */
const LOOSE_STEP = { x: 170, y: 130 };

/** The ring and the angle of the index-th node placed around one anchor. */
function ringSlot(index: number): { radius: number; angle: number } {
  let ring = 0;
  let first = 0;
  for (;;) {
    const radius = FIRST_RING + NEW_NODE_ROOM * ring;
    const capacity = Math.max(6, Math.floor(Math.PI / Math.asin(Math.min(1, LABEL_ROOM / 2 / radius))));
    if (index < first + capacity) return { radius, angle: ((index - first) * 2 * Math.PI) / capacity + ring * 0.26 };
    first += capacity;
    ring++;
  }
}

export function placeNewNodes(graph: Graph, positions: Positions, newIds: readonly string[]): Positions {
  const placed: Positions = {};
  const neighbourOf = new Map<string, string>();
  for (const edge of graph.edges) {
    if (positions[edge.source] && !positions[edge.target]) neighbourOf.set(edge.target, edge.source);
    if (positions[edge.target] && !positions[edge.source]) neighbourOf.set(edge.source, edge.target);
  }
  const ringCount = new Map<string, number>();
  let bounds = { maxX: 0, minY: 0 };
  for (const position of Object.values(positions)) {
    bounds = { maxX: Math.max(bounds.maxX, position.x), minY: Math.min(bounds.minY, position.y) };
  }
  let loose = 0;
  for (const id of newIds) {
    const anchor = neighbourOf.get(id);
    const anchorPosition = anchor ? (positions[anchor] ?? placed[anchor]) : undefined;
    if (anchor && anchorPosition) {
      const index = ringCount.get(anchor) ?? 0;
      ringCount.set(anchor, index + 1);
      const { radius, angle } = ringSlot(index);
      placed[id] = { x: anchorPosition.x + radius * Math.cos(angle), y: anchorPosition.y + radius * Math.sin(angle) };
    } else {
      placed[id] = { x: bounds.maxX + 150 + LOOSE_STEP.x * (loose % 5), y: bounds.minY + LOOSE_STEP.y * Math.floor(loose / 5) };
      loose++;
    }
  }
  return placed;
}

/** A short, stable fingerprint of where nodes stand, so a test can tell a restored arrangement from a new layout. */
export function positionsDigest(positions: Positions, limit = 6): string {
  return Object.keys(positions)
    .sort()
    .slice(0, limit)
    .map((id) => {
      const position = positions[id] as { x: number; y: number };
      return `${id}:${Math.round(position.x)},${Math.round(position.y)}`;
    })
    .join(';');
}

/** Id prefix of a community's compound group node (never an account, party or folder id). */
export const GROUP_PREFIX = 'group:';

/**
 * Community colours, then styling rules (which win: a rule is the analyst's
 * explicit choice), applied to the elements about to be drawn; with
 * `groupOf`, every community of two or more drawn nodes becomes a compound
 * group around its members (a node alone in its community stays ungrouped).
 */
export function styleElements(
  elements: { nodes: CanvasNode[]; edges: CanvasEdge[] },
  communityColourOf: ((id: string) => string) | null,
  styling: StylingResult | null,
  groupOf: ((id: string) => string | null) | null = null,
  groupLabel: (group: string, members: number) => string = (group, members) => `${group} (${members})`,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  if (communityColourOf) for (const node of elements.nodes) node.colour = communityColourOf(node.id);
  if (groupOf) groupNodes(elements, groupOf, groupLabel);
  if (!styling) return elements;
  for (const node of elements.nodes) {
    const style = styling.nodes.get(node.id);
    if (!style) continue;
    if (style.colour) node.colour = style.colour;
    if (style.border) node.borderColour = style.border;
    if (style.badge) node.badge = style.badge;
    if (style.scale) node.size = Math.round(node.size * style.scale);
  }
  for (const edge of elements.edges) {
    const style = styling.edges.get(edge.id);
    if (!style) continue;
    if (style.colour) edge.colour = style.colour;
    if (style.scale) edge.width = Math.round(edge.width * style.scale * 10) / 10;
  }
  return elements;
}

function groupNodes(elements: { nodes: CanvasNode[] }, groupOf: (id: string) => string | null, groupLabel: (group: string, members: number) => string): void {
  const members = new Map<string, CanvasNode[]>();
  for (const node of elements.nodes) {
    const group = groupOf(node.id);
    if (group === null) continue;
    const list = members.get(group);
    if (list) list.push(node);
    else members.set(group, [node]);
  }
  const parents: CanvasNode[] = [];
  for (const [group, nodes] of members) {
    if (nodes.length < 2) continue;
    const id = `${GROUP_PREFIX}${group}`;
    for (const node of nodes) node.parent = id;
    parents.push({ id, kind: nodes[0]?.kind ?? 'account', label: groupLabel(group, nodes.length), size: 0, group: true, ...(nodes[0]?.colour ? { colour: nodes[0].colour } : {}) });
  }
  // Parents first: Cytoscape needs a parent in place before a child names it.
  elements.nodes.unshift(...parents);
}

/** Distance between neighbouring members of a group drawn in rings. */
const RING_SPACING = 70;

/**
 * Members of one group in concentric rings around the first (pass them
 * heaviest first): compact, so a community reads as one block, and the same
 * members always land in the same places.
 */
export function ringPositions(ids: readonly string[], spacing = RING_SPACING): Positions {
  const placed: Positions = {};
  let at = 0;
  for (let ring = 0; at < ids.length; ring++) {
    const capacity = ring === 0 ? 1 : Math.floor((2 * Math.PI * ring * spacing) / spacing);
    const radius = ring * spacing;
    for (let slot = 0; slot < capacity && at < ids.length; slot++, at++) {
      const angle = (2 * Math.PI * slot) / capacity - Math.PI / 2;
      // "+ 0" turns the centre's -0 into 0.
      placed[ids[at] as string] = { x: Math.round(radius * Math.cos(angle)) + 0, y: Math.round(radius * Math.sin(angle)) + 0 };
    }
  }
  return placed;
}

/**
 * Communities drawn as groups need their members together: a layout made
 * without groups leaves the boxes overlapping and each community stretched
 * across the chart. Each group's members go into rings (heaviest in the
 * middle, by `weight`), and the groups, largest first, onto shelves with the
 * ungrouped nodes as one block at the end (their arrangement kept). With any
 * drawn node unplaced nothing moves (a layout comes first).
 */
export function packGroups(nodeIds: readonly string[], positions: Positions, groupOf: (id: string) => string | null, weight: (id: string) => number = () => 0, gap = 90): Positions {
  const members = new Map<string, string[]>();
  for (const id of nodeIds) {
    if (!positions[id]) return positions;
    const key = groupOf(id) ?? '';
    const list = members.get(key);
    if (list) list.push(id);
    else members.set(key, [id]);
  }
  const loose = members.get('') ?? [];
  members.delete('');
  for (const [key, list] of members) {
    if (list.length < 2) {
      loose.push(...list);
      members.delete(key);
    }
  }
  const blockOf = (ids: string[], places: Positions) => {
    const { minX, maxX, minY, maxY } = boundsOf(ids.map((id) => places[id] as { x: number; y: number }));
    return { ids, places, minX, minY, width: maxX - minX, height: maxY - minY };
  };
  const grouped = [...members.values()]
    .map((ids) => {
      const ordered = [...ids].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
      return blockOf(ordered, ringPositions(ordered));
    })
    .sort((a, b) => b.ids.length - a.ids.length);
  const ordered = [...grouped, ...(loose.length > 0 ? [blockOf(loose, positions)] : [])];
  const area = ordered.reduce((sum, block) => sum + (block.width + gap) * (block.height + gap), 0);
  const shelfWidth = Math.max(Math.sqrt(area) * 1.3, ...ordered.map((block) => block.width + gap));
  const packed: Positions = { ...positions };
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  for (const block of ordered) {
    if (x > 0 && x + block.width > shelfWidth) {
      x = 0;
      y += shelfHeight + gap;
      shelfHeight = 0;
    }
    for (const id of block.ids) {
      const { x: px, y: py } = block.places[id] as { x: number; y: number };
      packed[id] = { x: x + (px - block.minX), y: y + (py - block.minY) };
    }
    x += block.width + gap;
    shelfHeight = Math.max(shelfHeight, block.height);
  }
  return packed;
}
