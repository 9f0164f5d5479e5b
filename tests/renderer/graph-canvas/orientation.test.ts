import { describe, expect, it } from 'vitest';
import { orientToCanvas } from '../../../renderer/graph-canvas/orientation';
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
