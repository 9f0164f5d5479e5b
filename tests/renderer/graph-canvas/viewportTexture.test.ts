import type { Core } from 'cytoscape';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepViewportTextureWarm, renderViewportTexture } from '../../../renderer/graph-canvas/viewportTexture';

interface RenderCall {
  forcedPxRatio: number;
  drawOnlyNodeLayer: boolean;
  wheelZoomingDuringRender: boolean | undefined;
  sameContext: boolean;
}

/** Just enough of Cytoscape's core and canvas renderer for the texture code: it reads and writes these fields. */
function fakeChart(options: { textureOnViewport?: boolean; pixelRatio?: number } = {}) {
  const textureContext = { setTransform: vi.fn(), clearRect: vi.fn() } as unknown as CanvasRenderingContext2D;
  const textureCanvas = { width: 2200, height: 1520 } as HTMLCanvasElement;
  const calls: RenderCall[] = [];
  const renderer = {
    textureOnViewport: options.textureOnViewport ?? true,
    textureCache: null as unknown,
    textureMult: 2,
    canvasWidth: 1100,
    canvasHeight: 760,
    TEXTURE_BUFFER: 0,
    DRAG: 1,
    NODE: 2,
    textureDrawLastFrame: false,
    pinching: false,
    swipePanning: false,
    hoverData: { dragging: false },
    data: { bufferCanvases: [textureCanvas], bufferContexts: [textureContext], canvasNeedsRedraw: [true, false, true], wheelZooming: false as boolean | undefined },
    getPixelRatio: () => options.pixelRatio ?? 1,
    render(request?: { forcedContext?: CanvasRenderingContext2D; drawOnlyNodeLayer?: boolean; forcedPxRatio?: number }) {
      // An ordinary frame (not a gesture's): Cytoscape drops the texture and draws the layers asked for.
      if (!request?.forcedContext) {
        renderer.textureCache = null;
        renderer.data.canvasNeedsRedraw.fill(false);
        return;
      }
      calls.push({ forcedPxRatio: request.forcedPxRatio ?? 0, drawOnlyNodeLayer: request.drawOnlyNodeLayer ?? false, wheelZoomingDuringRender: renderer.data.wheelZooming, sameContext: request.forcedContext === textureContext });
      // Cytoscape's forced render clears the drawn layer's pending flag.
      renderer.data.canvasNeedsRedraw[0] = false;
    },
  };
  const handlers = new Map<string, Array<() => void>>();
  let destroyed = false;
  const cy = {
    destroyed: () => destroyed,
    renderer: () => renderer,
    elements: () => ({ boundingBox: () => ({ x1: 0, y1: 0, x2: 10, y2: 10, w: 10, h: 10 }) }),
    zoom: () => 0.5,
    pan: () => ({ x: 100, y: -40 }),
    on(events: string, handler: () => void) {
      for (const name of events.split(' ')) handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    },
    one(events: string, handler: () => void) {
      this.on(events, handler);
    },
  };
  const emit = (name: string) => handlers.get(name)?.forEach((handler) => handler());
  return { cy: cy as unknown as Core, renderer, calls, textureCanvas, emit, destroy: () => (destroyed = true) };
}

describe('renderViewportTexture', () => {
  it('draws the gesture texture as Cytoscape would on the first gesture frame, and leaves the renderer as it found it', () => {
    const chart = fakeChart({ pixelRatio: 1 });
    expect(renderViewportTexture(chart.cy)).toBe(true);
    expect(chart.calls).toEqual([{ forcedPxRatio: 2, drawOnlyNodeLayer: true, wheelZoomingDuringRender: true, sameContext: true }]);
    const cache = chart.renderer.textureCache as { texture: unknown; viewport: { zoom: number; pan: { x: number; y: number }; width: number; height: number; mpan: { x: number; y: number } } };
    expect(cache.texture).toBe(chart.textureCanvas);
    expect(cache.viewport).toEqual({ zoom: 0.5, pan: { x: 100, y: -40 }, width: 1100, height: 760, mpan: { x: -200, y: 80 } });
    // Not a gesture any more, and a redraw that was pending before is still pending.
    expect(chart.renderer.data.wheelZooming).toBe(false);
    expect(chart.renderer.data.canvasNeedsRedraw).toEqual([true, false, true]);
  });

  it('does nothing during a gesture, with a texture already drawn, without textureOnViewport, or on a destroyed chart', () => {
    const zooming = fakeChart();
    zooming.renderer.data.wheelZooming = true;
    expect(renderViewportTexture(zooming.cy)).toBe(false);
    const dragging = fakeChart();
    dragging.renderer.hoverData.dragging = true;
    expect(renderViewportTexture(dragging.cy)).toBe(false);
    const drawn = fakeChart();
    renderViewportTexture(drawn.cy);
    expect(renderViewportTexture(drawn.cy)).toBe(false);
    expect(drawn.calls).toHaveLength(1);
    const plain = fakeChart({ textureOnViewport: false });
    expect(renderViewportTexture(plain.cy)).toBe(false);
    const gone = fakeChart();
    gone.destroy();
    expect(renderViewportTexture(gone.cy)).toBe(false);
    for (const chart of [zooming, dragging, plain, gone]) expect(chart.calls).toHaveLength(0);
  });
});

describe('keepViewportTextureWarm', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the texture once the chart has been quiet, not while frames keep coming', () => {
    const chart = fakeChart();
    const warmth = keepViewportTextureWarm(chart.cy);
    for (let frame = 0; frame < 10; frame++) {
      vi.advanceTimersByTime(100);
      chart.emit('render');
    }
    expect(chart.calls).toHaveLength(0);
    vi.advanceTimersByTime(300);
    expect(chart.calls).toHaveLength(1);
    expect(warmth().drawn).toBe(1);
  });

  it('drops the texture when the chart changes outside a gesture, keeps it while the analyst zooms', () => {
    const chart = fakeChart();
    keepViewportTextureWarm(chart.cy);
    vi.advanceTimersByTime(300);
    expect(chart.renderer.textureCache).not.toBeNull();
    chart.renderer.data.wheelZooming = true;
    chart.emit('viewport');
    expect(chart.renderer.textureCache).not.toBeNull();
    chart.renderer.data.wheelZooming = false;
    chart.emit('add');
    expect(chart.renderer.textureCache).toBeNull();
    vi.advanceTimersByTime(300);
    expect(chart.renderer.textureCache).not.toBeNull();
    chart.emit('viewport');
    expect(chart.renderer.textureCache).toBeNull();
  });

  it('keeps the texture through a frame that only repaints the overlay (a mouse-down before a drag-pan), not through one that redraws the chart', () => {
    const chart = fakeChart();
    keepViewportTextureWarm(chart.cy);
    vi.advanceTimersByTime(300);
    const texture = chart.renderer.textureCache;
    expect(texture).not.toBeNull();
    // Mouse-down on the background: only the selection layer (0) asks to be drawn.
    chart.renderer.data.canvasNeedsRedraw = [true, false, false];
    chart.renderer.render();
    expect(chart.renderer.textureCache).toBe(texture);
    // A frame after a gesture, or one that redraws nodes or dragged elements, drops it as Cytoscape does.
    chart.renderer.textureDrawLastFrame = true;
    chart.renderer.render();
    expect(chart.renderer.textureCache).toBeNull();
    chart.renderer.textureDrawLastFrame = false;
    for (const layer of [1, 2]) {
      chart.renderer.textureCache = texture;
      chart.renderer.data.canvasNeedsRedraw = [false, false, false];
      chart.renderer.data.canvasNeedsRedraw[layer] = true;
      chart.renderer.render();
      expect(chart.renderer.textureCache).toBeNull();
    }
  });
});
