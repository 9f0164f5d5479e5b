import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { chartStyle } from './style';
import type { CanvasEdge, CanvasNode } from './types';

let extensionsRegistered = false;
export function registerExtensions() {
  if (extensionsRegistered) return;
  cytoscape.use(cytoscapeSvg);
  extensionsRegistered = true;
}

/** Past this many elements the canvas trades polish for speed: no icons, straight edges, no edges while panning, 1× pixels. */
export const LARGE_ELEMENTS = 3000;
/** Past this many elements they are added in slices rather than in one task. */
export const SLICED_ELEMENTS = 1500;

export function toElements(nodes: CanvasNode[], edges: CanvasEdge[]): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of nodes) {
    elements.push({
      group: 'nodes',
      data: { id: node.id, kind: node.kind, label: node.label, size: node.size, alerted: node.alerted === true, partner: node.partner === true, pinned: node.pinned === true },
      position: node.position ? { ...node.position } : { x: 0, y: 0 },
      locked: node.pinned === true,
    });
  }
  for (const edge of edges) {
    elements.push({
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        kind: edge.kind,
        width: edge.width,
        label: edge.label,
        partner: edge.partner === true,
        thirdParty: edge.thirdParty === true,
        transactionIds: edge.transactionIds,
      },
    });
  }
  return elements;
}

/** Elements added per task on large charts, so adding them never holds the UI thread for long. */
const ELEMENTS_PER_TASK = 3000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The Cytoscape instance the chart draws with (also used as-is by
 * bench/graph.ts, so the figures are the app's). Large charts get their
 * elements in slices, one task each, nodes first; `ready` settles when all
 * are in.
 */
export function createChart(container: HTMLElement, nodes: CanvasNode[], edges: CanvasEdge[]): { cy: Core; ready: Promise<void> } {
  registerExtensions();
  const large = nodes.length + edges.length > LARGE_ELEMENTS;
  const elements = toElements(nodes, edges);
  const cy = cytoscape({
    container,
    elements: elements.length > SLICED_ELEMENTS ? [] : elements,
    style: chartStyle(large),
    layout: { name: 'preset' },
    minZoom: 0.02,
    maxZoom: 5,
    boxSelectionEnabled: true,
    pixelRatio: large ? 1 : 'auto',
    hideEdgesOnViewport: large,
    textureOnViewport: large,
    motionBlur: false,
  });
  if (elements.length <= SLICED_ELEMENTS) return { cy, ready: Promise.resolve() };
  const ready = (async () => {
    for (let start = 0; start < elements.length; start += ELEMENTS_PER_TASK) {
      if (cy.destroyed()) return;
      cy.batch(() => {
        cy.add(elements.slice(start, start + ELEMENTS_PER_TASK));
      });
      await nextTask();
    }
  })();
  return { cy, ready };
}
