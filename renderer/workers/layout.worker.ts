/// <reference lib="webworker" />
import cytoscape, { type LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import dagre from 'cytoscape-dagre';
import { FULL_QUALITY_FORCE_LIMIT, type LayoutRequest, type LayoutResponse } from '../graph-canvas/layoutProtocol';

/**
 * Lays charts out off the UI thread with headless Cytoscape, so the analyst
 * can keep panning, reading and clicking while thousands of nodes settle.
 * fcose at full quality costs minutes past a few hundred nodes on a laptop
 * (docs/benchmarks/graph.md), so larger charts get its draft (spectral)
 * quality; dagre's layering likewise only runs on small charts, and larger
 * ones get a breadth-first layering turned to read left to right.
 */
cytoscape.use(fcose);
cytoscape.use(dagre);

const DAGRE_NODE_LIMIT = 300;
const DAGRE_EDGE_LIMIT = 900;

function optionsFor(request: LayoutRequest, nodeCount: number, edgeCount: number): { options: LayoutOptions; rotate: boolean } {
  switch (request.layout) {
    case 'force':
      return {
        options: {
          name: 'fcose',
          animate: false,
          randomize: true,
          quality: request.quality === 'full' || nodeCount <= FULL_QUALITY_FORCE_LIMIT ? 'default' : 'draft',
          nodeDimensionsIncludeLabels: false,
          // Small charts (an alert and its context) get room for their two-line labels.
          idealEdgeLength: () => (nodeCount <= 100 ? 190 : 90),
          nodeRepulsion: () => (nodeCount <= 100 ? 30000 : 9000),
          packComponents: true,
          tile: true,
          // Unlinked nodes are tiled side by side: in a small chart each gets room for its label (fcose's 10 px put the
          // names of neighbours on top of each other), in a large one they stay packed.
          tilingPaddingHorizontal: nodeCount <= 100 ? 110 : 10,
          tilingPaddingVertical: nodeCount <= 100 ? 60 : 10,
          fixedNodeConstraint: request.pinned.length > 0 ? request.pinned.map((pin) => ({ nodeId: pin.id, position: { x: pin.x, y: pin.y } })) : undefined,
        } as LayoutOptions,
        rotate: false,
      };
    case 'concentric':
      return {
        options: {
          name: 'concentric',
          animate: false,
          concentric: (node: cytoscape.NodeSingular) => node.data('size') as number,
          levelWidth: () => 12,
          minNodeSpacing: 14,
          avoidOverlap: nodeCount <= 3000,
        } as LayoutOptions,
        rotate: false,
      };
    case 'layered':
      if (nodeCount <= DAGRE_NODE_LIMIT && edgeCount <= DAGRE_EDGE_LIMIT) {
        return { options: { name: 'dagre', rankDir: 'LR', nodeSep: 52, rankSep: 190, animate: false } as LayoutOptions, rotate: false };
      }
      return { options: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false, avoidOverlap: nodeCount <= 3000, roots: request.roots.length > 0 ? request.roots : undefined } as LayoutOptions, rotate: true };
    case 'breadthfirst':
      return { options: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false, avoidOverlap: nodeCount <= 3000, roots: request.roots.length > 0 ? request.roots : undefined } as LayoutOptions, rotate: false };
    case 'grid':
      return { options: { name: 'grid', animate: false, avoidOverlap: true, avoidOverlapPadding: 30 } as LayoutOptions, rotate: false };
  }
}

/** Room each node gets in a draft force layout: fcose's idealEdgeLength for charts past 100 nodes. */
const DRAFT_SPACING = 90;

/**
 * fcose's draft (spectral) quality packs a chart of a thousand nodes into a
 * couple of hundred pixels, so nodes pile on each other and, fitted to the
 * screen, the chart is drawn at a high zoom with every label showing, the
 * slowest paint there is. Spread it until each node has about
 * DRAFT_SPACING × DRAFT_SPACING of room on average over its bounds (a dense
 * core with far outliers stays denser than that); never shrink it.
 */
function draftSpread(cy: cytoscape.Core): number {
  const nodes = cy.nodes();
  if (nodes.length < 2) return 1;
  const box = nodes.boundingBox({});
  const area = Math.max(box.w, 1) * Math.max(box.h, 1);
  return Math.max(1, Math.sqrt((nodes.length * DRAFT_SPACING * DRAFT_SPACING) / area));
}

function layout(request: LayoutRequest): LayoutResponse {
  const started = performance.now();
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...request.nodes.map((node) => ({ group: 'nodes' as const, data: { id: node.id, size: node.size } })),
      ...request.edges.map((edge, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: edge.source, target: edge.target } })),
    ],
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
  });
  const { options, rotate } = optionsFor(request, request.nodes.length, request.edges.length);
  cy.layout(options).run();
  const spread = options.name === 'fcose' && (options as { quality?: string }).quality === 'draft' && request.pinned.length === 0 ? draftSpread(cy) : 1;
  const positions: LayoutResponse['positions'] = {};
  cy.nodes().forEach((node) => {
    const { x, y } = node.position();
    // Breadth-first lays ranks top to bottom; a money chart reads left to right.
    positions[node.id()] = rotate ? { x: y * 1.6, y: x * 0.7 } : { x: x * spread, y: y * spread };
  });
  for (const pin of request.pinned) positions[pin.id] = { x: pin.x, y: pin.y };
  cy.destroy();
  return { id: request.id, positions, milliseconds: performance.now() - started };
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    self.postMessage(layout(event.data));
  } catch (error) {
    self.postMessage({ id: event.data.id, positions: {}, error: error instanceof Error ? error.message : String(error) } satisfies LayoutResponse);
  }
};
