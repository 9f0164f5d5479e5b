import { describe, expect, it } from 'vitest';
import { orientToCanvas, stretchToCanvas } from '../../../renderer/graph-canvas/orientation';
import type { Positions } from '../../../renderer/graph-canvas/types';

const chain = (n: number, dx: number, dy: number): Positions => Object.fromEntries(Array.from({ length: n }, (_, k) => [`N${k}`, { x: k * dx, y: k * dy }]));
const distance = (p: Positions, a: string, b: string) => Math.hypot(p[a]!.x - p[b]!.x, p[a]!.y - p[b]!.y);

describe('orientToCanvas', () => {
  it('turns a chain laid out top to bottom to run across a wide canvas, keeping every distance', () => {
    const tall = chain(6, 10, 90);
    const turned = orientToCanvas(tall, { width: 1000, height: 450 });
    const xs = Object.values(turned).map((p) => p.x);
    const ys = Object.values(turned).map((p) => p.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(450);
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(50);
    for (const [a, b] of [['N0', 'N5'], ['N1', 'N3'], ['N2', 'N4']] as const) expect(distance(turned, a, b)).toBeCloseTo(distance(tall, a, b));
  });

  it('leaves a layout that already suits the canvas, a square one and a single node as they are', () => {
    const wide = chain(6, 90, 10);
    expect(orientToCanvas(wide, { width: 1000, height: 450 })).toBe(wide);
    const square = { A: { x: 0, y: 0 }, B: { x: 100, y: 100 }, C: { x: 0, y: 100 } };
    expect(orientToCanvas(square, { width: 1000, height: 450 })).toBe(square);
    const one = { A: { x: 5, y: 7 } };
    expect(orientToCanvas(one, { width: 1000, height: 450 })).toBe(one);
    // A tall canvas keeps a tall layout.
    const tall = chain(6, 10, 90);
    expect(orientToCanvas(tall, { width: 400, height: 900 })).toBe(tall);
  });
});

describe('stretchToCanvas', () => {
  const disc: Positions = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`N${k}`, { x: 100 * Math.cos((k * Math.PI) / 6), y: 100 * Math.sin((k * Math.PI) / 6) }]));
  const extent = (p: Positions) => {
    const xs = Object.values(p).map((q) => q.x);
    const ys = Object.values(p).map((q) => q.y);
    return { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys), cx: (Math.max(...xs) + Math.min(...xs)) / 2, cy: (Math.max(...ys) + Math.min(...ys)) / 2 };
  };

  it('widens a round layout towards a wide canvas, at most 1.6 times, about its centre and keeping its height', () => {
    const before = extent(disc);
    const after = extent(stretchToCanvas(disc, { width: 1000, height: 400 }));
    expect(after.width / before.width).toBeCloseTo(1.6);
    expect(after.height).toBeCloseTo(before.height);
    expect(after.cx).toBeCloseTo(before.cx);
    expect(after.cy).toBeCloseTo(before.cy);
  });

  it('widens only as far as the canvas asks', () => {
    const after = extent(stretchToCanvas(disc, { width: 1200, height: 1000 }));
    expect(after.width / extent(disc).width).toBeCloseTo(1.2);
  });

  it('heightens a wide layout on a tall canvas', () => {
    const after = extent(stretchToCanvas(disc, { width: 400, height: 1000 }));
    expect(after.height / extent(disc).height).toBeCloseTo(1.6);
    expect(after.width).toBeCloseTo(extent(disc).width);
  });

  it('leaves a layout that already suits the canvas, a row, two nodes and a canvas of no size as they are', () => {
    const wide = chain(6, 90, 30);
    expect(stretchToCanvas(wide, { width: 450, height: 150 })).toBe(wide);
    const row = chain(5, 80, 0);
    expect(stretchToCanvas(row, { width: 1000, height: 400 })).toBe(row);
    const two = chain(2, 0, 50);
    expect(stretchToCanvas(two, { width: 1000, height: 400 })).toBe(two);
    expect(stretchToCanvas(disc, { width: 0, height: 400 })).toBe(disc);
  });
});
