/** A drawn node's centre and size, in model coordinates. */
export interface PlacedNode {
  x: number;
  y: number;
  size: number;
}

/**
 * The share of nodes drawn on top of another one: their centres closer than half the larger node's size, so
 * one icon covers most of the other. A laid-out chart has almost none; nodes placed from a stale arrangement (or
 * a layout that gave up) pile up and an analyst can neither read nor click them. Cells of a uniform grid as wide
 * as the largest node keep it linear in the number of nodes.
 */
export function crowdedShare(nodes: readonly PlacedNode[]): number {
  if (nodes.length < 2) return 0;
  const cell = nodes.reduce((largest, node) => Math.max(largest, node.size), 1);
  const grid = new Map<string, number[]>();
  const key = (gx: number, gy: number) => `${gx}:${gy}`;
  nodes.forEach((node, i) => {
    const k = key(Math.floor(node.x / cell), Math.floor(node.y / cell));
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  const covered = new Uint8Array(nodes.length);
  nodes.forEach((node, i) => {
    const gx = Math.floor(node.x / cell);
    const gy = Math.floor(node.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(key(gx + dx, gy + dy)) ?? []) {
          if (j <= i) continue;
          const other = nodes[j] as PlacedNode;
          if (Math.hypot(node.x - other.x, node.y - other.y) < Math.max(node.size, other.size) / 2) {
            covered[i] = 1;
            covered[j] = 1;
          }
        }
      }
    }
  });
  return covered.reduce((sum, flag) => sum + flag, 0) / nodes.length;
}
