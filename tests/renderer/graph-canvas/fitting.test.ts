import { describe, expect, it } from 'vitest';
import { fittedViewport, OVERLAY_GAP, type ModelBox } from '../../../renderer/graph-canvas/fitting';

/** Where a model box lands on screen under a viewport. */
function onScreen(box: ModelBox, viewport: ReturnType<typeof fittedViewport>) {
  return {
    left: box.x1 * viewport.zoom + viewport.pan.x,
    top: box.y1 * viewport.zoom + viewport.pan.y,
    right: (box.x1 + box.w) * viewport.zoom + viewport.pan.x,
    bottom: (box.y1 + box.h) * viewport.zoom + viewport.pan.y,
  };
}

const options = { padding: 40, bottomInset: 0, minZoom: 0.01, maxZoom: 1.25 };

describe('fittedViewport', () => {
  it('keeps a tall chart above the legend that covers the bottom of the canvas', () => {
    const box = { x1: -300, y1: -500, w: 600, h: 1000 };
    const view = { width: 1000, height: 600 };
    const plain = onScreen(box, fittedViewport(box, view, options));
    // Padded alike on every side, the lowest nodes end 40 px above the bottom: under a 60 px legend.
    expect(plain.bottom).toBeCloseTo(560);
    const kept = onScreen(box, fittedViewport(box, view, { ...options, bottomInset: 60 }));
    // The legend's own height is the margin below: the drawing ends a small gap above it, 40 px below the top.
    expect(kept.bottom).toBeCloseTo(600 - 60 - OVERLAY_GAP);
    expect(kept.top).toBeCloseTo(40);
  });

  it('centres a wide chart in the width and in the height left above the legend', () => {
    const box = { x1: 0, y1: 0, w: 2000, h: 100 };
    const view = { width: 1000, height: 600 };
    const shown = onScreen(box, fittedViewport(box, view, { ...options, bottomInset: 60 }));
    expect(shown.left).toBeCloseTo(40);
    expect(shown.right).toBeCloseTo(960);
    expect((shown.top + shown.bottom) / 2).toBeCloseTo((40 + 600 - 60 - OVERLAY_GAP) / 2);
  });

  it('never zooms a small chart past the cap, and centres it', () => {
    const box = { x1: 10, y1: 10, w: 20, h: 20 };
    const viewport = fittedViewport(box, { width: 800, height: 600 }, { ...options, bottomInset: 50 });
    expect(viewport.zoom).toBe(1.25);
    const shown = onScreen(box, viewport);
    expect((shown.left + shown.right) / 2).toBeCloseTo(400);
    expect((shown.top + shown.bottom) / 2).toBeCloseTo((40 + 600 - 50 - OVERLAY_GAP) / 2);
  });

  it('ignores an overlay that would leave less than a third of a short canvas, and survives a single point', () => {
    const box = { x1: 0, y1: 0, w: 100, h: 100 };
    const short = fittedViewport(box, { width: 400, height: 150 }, { ...options, bottomInset: 90 });
    expect(onScreen(box, short).bottom).toBeCloseTo(110);
    const point = fittedViewport({ x1: 5, y1: 5, w: 0, h: 0 }, { width: 400, height: 300 }, options);
    expect(point.zoom).toBe(1.25);
    expect(Number.isFinite(point.pan.x) && Number.isFinite(point.pan.y)).toBe(true);
  });
});
