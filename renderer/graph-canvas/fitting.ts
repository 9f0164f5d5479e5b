/** A drawing's bounding box in model coordinates (Cytoscape's `boundingBox()`). */
export interface ModelBox {
  x1: number;
  y1: number;
  w: number;
  h: number;
}

export interface FitOptions {
  /** Free space kept around the drawing on every side, in screen pixels. */
  padding: number;
  /** Screen pixels at the bottom of the canvas covered by an overlay (the legend): the drawing stays above them. */
  bottomInset: number;
  minZoom: number;
  maxZoom: number;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/**
 * The zoom and pan that show the whole box inside the canvas less the overlay at its bottom. Cytoscape's own fit
 * pads every side alike, so the legend drawn over the canvas hid the lowest nodes of a fitted chart. When the
 * canvas is too short to spare the inset (a tiny window), the overlay is ignored rather than zooming to nothing.
 */
export function fittedViewport(box: ModelBox, view: { width: number; height: number }, options: FitOptions): Viewport {
  const inset = view.height - options.bottomInset - 2 * options.padding >= view.height / 3 ? options.bottomInset : 0;
  // Above an overlay, a small gap is margin enough: the overlay's own height already frames the drawing.
  const bottom = inset > 0 ? inset + OVERLAY_GAP : options.padding;
  const width = Math.max(1, view.width - 2 * options.padding);
  const height = Math.max(1, view.height - options.padding - bottom);
  const fitting = Math.min(box.w > 0 ? width / box.w : Infinity, box.h > 0 ? height / box.h : Infinity);
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, Number.isFinite(fitting) ? fitting : options.maxZoom));
  const centre = { x: box.x1 + box.w / 2, y: box.y1 + box.h / 2 };
  return { zoom, pan: { x: view.width / 2 - centre.x * zoom, y: options.padding + height / 2 - centre.y * zoom } };
}

/** Screen pixels kept between a fitted drawing and an overlay at the bottom of the canvas. */
export const OVERLAY_GAP = 12;
