import type { Positions } from './types';

/** The smallest box holding every point (Infinity and -Infinity when there is none). */
export function boundsOf(points: Iterable<{ x: number; y: number }>): { minX: number; maxX: number; minY: number; maxY: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { minX, maxX, minY, maxY };
}

/** A turn must let the chart be drawn at least this much larger to be worth changing what the layout gave. */
const WORTH_TURNING = 1.1;

/**
 * A force-directed layout has no up or down: the same chart turned a quarter is as true. A chain of six accounts laid
 * out top to bottom in a wide window was fitted at a third of the size it could have had, so a layout is turned when
 * that lets it be drawn larger on this canvas. Never for layered or tree layouts, whose direction means something.
 */
export function orientToCanvas(positions: Positions, canvas: { width: number; height: number }): Positions {
  const entries = Object.entries(positions);
  if (entries.length < 2 || canvas.width <= 0 || canvas.height <= 0) return positions;
  const { minX, maxX, minY, maxY } = boundsOf(entries.map(([, point]) => point));
  const width = Math.max(1, maxX - minX);
  const height = Math.max(1, maxY - minY);
  const asLaidOut = Math.min(canvas.width / width, canvas.height / height);
  const turned = Math.min(canvas.width / height, canvas.height / width);
  if (turned <= WORTH_TURNING * asLaidOut) return positions;
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const result: Positions = {};
  for (const [id, { x, y }] of entries) result[id] = { x: centre.x + (y - centre.y), y: centre.y - (x - centre.x) };
  return result;
}

/** How far a layout may be widened (or heightened) to suit the canvas: more distorts the lengths the layout chose. */
const MOST_STRETCH = 1.6;

/**
 * A force layout's scale along each axis means nothing either, and its labels are written across: a round
 * network of 145 accounts fitted into a wide window used a third of its width while the names of neighbouring
 * accounts ran into each other. The layout is widened (or, on a tall canvas, heightened) towards the canvas's
 * proportions, at most MOST_STRETCH times, so the chart fills the window and neighbours stand further apart across.
 */
export function stretchToCanvas(positions: Positions, canvas: { width: number; height: number }): Positions {
  const entries = Object.entries(positions);
  if (entries.length < 3 || canvas.width <= 0 || canvas.height <= 0) return positions;
  const { minX, maxX, minY, maxY } = boundsOf(entries.map(([, point]) => point));
  const width = maxX - minX;
  const height = maxY - minY;
  // A row or a column of nodes has no second axis to stretch.
  if (width <= 0 || height <= 0) return positions;
  const wanted = canvas.width / canvas.height / (width / height);
  const stretchX = Math.min(MOST_STRETCH, Math.max(1, wanted));
  const stretchY = Math.min(MOST_STRETCH, Math.max(1, 1 / wanted));
  if (stretchX < 1.05 && stretchY < 1.05) return positions;
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const result: Positions = {};
  for (const [id, { x, y }] of entries) result[id] = { x: centre.x + (x - centre.x) * stretchX, y: centre.y + (y - centre.y) * stretchY };
  return result;
}
