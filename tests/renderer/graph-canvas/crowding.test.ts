import { describe, expect, it } from 'vitest';
import { crowdedShare } from '../../../renderer/graph-canvas/crowding';

describe('crowdedShare', () => {
  it('is zero for a chart whose nodes each have room, and for one node', () => {
    const grid = Array.from({ length: 100 }, (_, k) => ({ x: (k % 10) * 80, y: Math.floor(k / 10) * 80, size: 50 }));
    expect(crowdedShare(grid)).toBe(0);
    expect(crowdedShare([{ x: 0, y: 0, size: 40 }])).toBe(0);
  });

  it('counts every node drawn over another, across grid cells and with mixed sizes', () => {
    const nodes = [
      { x: 0, y: 0, size: 60 },
      // Inside the big node's half-size, in the next grid cell.
      { x: 25, y: 10, size: 20 },
      { x: 500, y: 500, size: 30 },
      { x: 1000, y: 0, size: 30 },
    ];
    expect(crowdedShare(nodes)).toBe(0.5);
  });

  it('a pile of nodes at one place is entirely crowded', () => {
    const pile = Array.from({ length: 50 }, (_, k) => ({ x: 300 + (k % 3), y: 200 + (k % 5), size: 40 }));
    expect(crowdedShare(pile)).toBe(1);
  });
});
