import type { Positions } from './types';

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
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, { x, y }] of entries) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
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
