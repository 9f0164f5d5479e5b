import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { holdFrames } from './heldFrames';
import { chartStyle } from './style';
import { keepViewportTextureWarm, type TextureWarmth } from './viewportTexture';
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
/**
 * Past this many nodes, panning and zooming draw a cached texture of the chart
 * with edges and labels hidden, then one full frame when the gesture ends
 * (issue 15: a 2,000-node chart repainted in full on every frame took
 * 320-350 ms a frame).
 */
export const VIEWPORT_TEXTURE_NODES = 300;

/**
 * How the chart is drawn:
 * - `canvas`: Cytoscape's canvas renderer with the viewport options above;
 * - `webgl`: its WebGL renderer (experimental in Cytoscape), only where the
 *   browser gives a WebGL2 context, else `canvas`;
 * - `legacy`: the options before issue 15, kept for the benchmark's side by side.
 * Court exports (PNG, SVG, PDF) always come from the canvas/SVG path: see exportCanvas.
 */
export type RenderMode = 'canvas' | 'webgl' | 'legacy' | 'round3';
// `canvas` also draws the gesture texture in idle time (viewportTexture.ts); `round3` is the same set-up without it.

/** Whether this browser can give the WebGL renderer a context (software-only or blocklisted GPUs cannot). */
export function webglAvailable(): boolean {
  try {
    const probe = document.createElement('canvas');
    const context = probe.getContext('webgl2');
    if (!context) return false;
    context.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

function viewportOptions(mode: RenderMode, large: boolean, nodeCount: number): Record<string, unknown> {
  if (mode === 'legacy') return { hideEdgesOnViewport: large, textureOnViewport: large, motionBlur: false };
  const busy = large || nodeCount > VIEWPORT_TEXTURE_NODES;
  const options: Record<string, unknown> = { hideEdgesOnViewport: busy, textureOnViewport: busy, hideLabelsOnViewport: busy, motionBlur: busy };
  if (mode === 'webgl' && webglAvailable()) {
    options.webgl = true;
    options.renderer = { name: 'canvas', webgl: true };
  }
  return options;
}

export function toElements(nodes: CanvasNode[], edges: CanvasEdge[]): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of nodes) {
    elements.push({
      group: 'nodes',
      data: {
        id: node.id,
        kind: node.kind,
        label: [node.screenMark ? `[${node.screenMark}]` : '', node.badge ? `[${node.badge}]` : '', node.label].filter(Boolean).join(' '),
        size: node.size,
        alerted: node.alerted === true,
        partner: node.partner === true,
        pinned: node.pinned === true,
        ...(node.colour ? { colour: node.colour } : {}),
        ...(node.borderColour ? { borderColour: node.borderColour } : {}),
        ...(node.screened ? { screened: node.screened } : {}),
        ...(node.parent ? { parent: node.parent } : {}),
        ...(node.group ? { compound: true } : {}),
      },
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
        undirected: edge.undirected === true,
        ...(edge.colour ? { colour: edge.colour } : {}),
        transactionIds: edge.transactionIds,
      },
    });
  }
  return elements;
}

/**
 * Elements added (styled and measured) per task on large charts: 500 still gave 170-350 ms tasks on a loaded 2-core
 * machine, 250 about 100 ms; 100 keeps a click or an IndexedDB answer waiting less than ~50 ms behind a slice.
 */
const ELEMENTS_PER_TASK = 100;

/**
 * The next task, without the 4 ms a nested setTimeout is held back after its fifth level: a 2,000-node chart arrives
 * in 80 slices (bench:graph: drawn in ≈ 1.0 s instead of ≈ 1.26 s). A message is an ordinary task, queued behind what
 * already waits (an IndexedDB answer), and input still comes first.
 */
let sliceChannel: MessageChannel | null = null;
const waitingSlices: (() => void)[] = [];
const nextTask = () =>
  new Promise<void>((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    // Made on first use, not on import: nothing that merely imports the chart holds an open port.
    if (!sliceChannel) {
      sliceChannel = new MessageChannel();
      sliceChannel.port1.onmessage = () => waitingSlices.shift()?.();
    }
    waitingSlices.push(resolve);
    sliceChannel.port2.postMessage(null);
  });

/**
 * The Cytoscape instance the chart draws with (also used as-is by
 * bench/graph.ts, so the figures are the app's). Large charts get their
 * elements in slices, one task each, nodes first; `ready` settles when all
 * are in.
 */
export function createChart(container: HTMLElement, nodes: CanvasNode[], edges: CanvasEdge[], mode: RenderMode = 'canvas'): { cy: Core; ready: Promise<void>; texturesWarmed: () => TextureWarmth } {
  registerExtensions();
  const large = nodes.length + edges.length > LARGE_ELEMENTS;
  const elements = toElements(nodes, edges);
  const sliced = elements.length > SLICED_ELEMENTS;
  // Reset on every chart: a sliced chart destroyed half-way leaves its container hidden.
  container.style.display = sliced ? 'none' : '';
  const cy = cytoscape({
    container,
    elements: sliced ? [] : elements,
    style: chartStyle(large),
    layout: { name: 'preset' },
    minZoom: 0.02,
    maxZoom: 5,
    boxSelectionEnabled: true,
    pixelRatio: large ? 1 : 'auto',
    ...viewportOptions(mode, large, nodes.length),
  });
  // `round3` is today's set-up without the idle texture, kept for the benchmark's side by side.
  const texturesWarmed = mode === 'canvas' ? keepViewportTextureWarm(cy) : () => ({ drawn: 0, longestMs: 0, totalMs: 0 });
  if (!sliced) return { cy, ready: Promise.resolve(), texturesWarmed };
  // While slices arrive the container is out of layout (zero size) and Cytoscape's frames are held back (they still
  // walked every element added so far: heldFrames.ts); each slice's style and bounding boxes are computed in its own
  // task rather than all in the first paint; the chart is painted once, at the end.
  const frames = holdFrames(cy);
  const ready = (async () => {
    for (let start = 0; start < elements.length; start += ELEMENTS_PER_TASK) {
      await nextTask();
      if (cy.destroyed()) return;
      const added = cy.collection();
      cy.batch(() => {
        added.merge(cy.add(elements.slice(start, start + ELEMENTS_PER_TASK)));
      });
      // Style and label sizes are computed lazily; asking for the bounds does it now, in this slice's task.
      added.boundingBox();
    }
    if (cy.destroyed()) return;
    // Not fitted here: the caller fits once the layout's positions are in, in the same task, so nothing is painted before.
    container.style.display = '';
    frames.release();
    cy.resize();
  })();
  return { cy, ready, texturesWarmed };
}
