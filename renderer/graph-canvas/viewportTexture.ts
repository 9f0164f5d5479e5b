import type { Core } from 'cytoscape';

/**
 * The parts of Cytoscape's canvas renderer (3.35; private, so typed here)
 * that its viewport texture uses: `render` draws the chart into a forced
 * context, `textureCache` is the snapshot a pan or zoom gesture blits.
 */
interface ViewportTextureRenderer {
  textureOnViewport?: boolean;
  textureCache?: { bb: unknown; texture: HTMLCanvasElement; viewport?: { zoom: number; pan: { x: number; y: number }; width: number; height: number; mpan: { x: number; y: number } } } | null;
  textureMult: number;
  canvasWidth: number;
  canvasHeight: number;
  TEXTURE_BUFFER: number;
  /** Layers of canvasNeedsRedraw: the chart's nodes and edges, and the elements being dragged. */
  NODE: number;
  DRAG: number;
  textureDrawLastFrame?: boolean;
  pinching?: boolean;
  swipePanning?: boolean;
  hoverData: { dragging?: boolean };
  data: { bufferCanvases: HTMLCanvasElement[]; bufferContexts: CanvasRenderingContext2D[]; canvasNeedsRedraw: boolean[]; wheelZooming?: boolean };
  getPixelRatio(): number;
  render(options?: RenderOptions): void;
}

interface RenderOptions {
  forcedContext?: CanvasRenderingContext2D;
  drawOnlyNodeLayer?: boolean;
  forcedPxRatio?: number;
}

/** Quiet time after the last frame before the gesture texture is drawn: a gesture's settle frame and motion-blur clean-up come within it. */
const TEXTURE_WARM_QUIET_MS = 250;

function viewportTextureRenderer(cy: Core): ViewportTextureRenderer | null {
  const renderer = (cy as Core & { renderer(): unknown }).renderer() as Partial<ViewportTextureRenderer> | undefined;
  if (!renderer || renderer.textureOnViewport !== true || typeof renderer.render !== 'function' || !renderer.data?.bufferContexts) return null;
  return renderer as ViewportTextureRenderer;
}

function inViewportGesture(renderer: ViewportTextureRenderer): boolean {
  return Boolean(renderer.pinching || renderer.swipePanning || renderer.hoverData.dragging || renderer.data.wheelZooming);
}

/**
 * Draws the snapshot Cytoscape blits while the analyst pans or zooms, exactly
 * as its own first gesture frame would (same buffer, same scale, edges hidden
 * when hideEdgesOnViewport says so), but while the chart is idle: the first
 * frame of a wheel or drag then only copies an image instead of redrawing
 * every node at twice the screen's resolution (76-372 ms on 2,000 nodes,
 * issue 15). Returns false when there was nothing to do.
 */
export function renderViewportTexture(cy: Core): boolean {
  if (cy.destroyed()) return false;
  const renderer = viewportTextureRenderer(cy);
  if (!renderer || renderer.textureCache || inViewportGesture(renderer)) return false;
  const texture = renderer.data.bufferCanvases[renderer.TEXTURE_BUFFER];
  const context = renderer.data.bufferContexts[renderer.TEXTURE_BUFFER];
  if (!texture || !context || renderer.canvasWidth <= 0 || renderer.canvasHeight <= 0) return false;
  const pixelRatio = renderer.getPixelRatio();
  renderer.textureCache = { bb: cy.elements().boundingBox(), texture };
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, renderer.canvasWidth * renderer.textureMult, renderer.canvasHeight * renderer.textureMult);
  // A forced render clears the pending-redraw flags of the layer it draws: keep them, this is not the frame.
  const pending = [...renderer.data.canvasNeedsRedraw];
  // The gesture's own texture frame runs with the viewport "in motion" (edges hidden if so configured): draw the same.
  renderer.data.wheelZooming = true;
  try {
    renderer.render({ forcedContext: context, drawOnlyNodeLayer: true, forcedPxRatio: pixelRatio * renderer.textureMult });
  } finally {
    renderer.data.wheelZooming = false;
    pending.forEach((flag, layer) => (renderer.data.canvasNeedsRedraw[layer] = flag));
  }
  const zoom = cy.zoom();
  const pan = cy.pan();
  renderer.textureCache.viewport = { zoom, pan: { ...pan }, width: renderer.canvasWidth, height: renderer.canvasHeight, mpan: { x: -pan.x / zoom, y: -pan.y / zoom } };
  return true;
}

/**
 * Keeps the gesture texture ready: once the chart has drawn nothing for a
 * moment it is drawn in idle time. Cytoscape drops it on its next ordinary
 * frame (any change of the chart); changes that reach the chart without a
 * frame in between drop it here, so a gesture never shows a stale picture.
 * Returns how many textures were drawn so far and how long each took (for the benchmark).
 */
export function keepViewportTextureWarm(cy: Core): () => TextureWarmth {
  const renderer = viewportTextureRenderer(cy);
  const warmth: TextureWarmth = { drawn: 0, longestMs: 0, totalMs: 0 };
  if (!renderer) return () => ({ ...warmth });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const warm = () => {
    timer = null;
    const started = performance.now();
    if (!renderViewportTexture(cy)) return;
    const took = performance.now() - started;
    warmth.drawn++;
    warmth.totalMs += took;
    warmth.longestMs = Math.max(warmth.longestMs, took);
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 1000 });
      else warm();
    }, TEXTURE_WARM_QUIET_MS);
  };
  const drop = () => {
    if (inViewportGesture(renderer)) return;
    renderer.textureCache = null;
    schedule();
  };
  keepTextureThroughOverlayFrames(renderer);
  cy.on('render', schedule);
  cy.on('add remove data position style viewport resize', drop);
  cy.one('destroy', () => {
    if (timer !== null) clearTimeout(timer);
  });
  schedule();
  return () => ({ ...warmth });
}

/**
 * Cytoscape throws the gesture texture away on every ordinary frame, even one
 * that only repaints the selection overlay — and a mouse-down on the chart's
 * background asks for exactly that frame (the "active" dot) just before the
 * drag that pans. The texture would then be redrawn on the pan's first frame.
 * A frame that leaves the nodes and edges as they were (neither their layer
 * nor the drag layer needs drawing, and the last frame was not a gesture's)
 * keeps it.
 */
function keepTextureThroughOverlayFrames(renderer: ViewportTextureRenderer): void {
  const render = renderer.render.bind(renderer);
  renderer.render = (options?: RenderOptions) => {
    const texture = renderer.textureCache;
    const needs = renderer.data.canvasNeedsRedraw;
    const chartUnchanged = !options?.forcedContext && !renderer.textureDrawLastFrame && !inViewportGesture(renderer) && !needs[renderer.NODE] && !needs[renderer.DRAG];
    render(options);
    if (texture && chartUnchanged && renderer.textureCache === null) renderer.textureCache = texture;
  };
}

export interface TextureWarmth {
  drawn: number;
  longestMs: number;
  totalMs: number;
}
