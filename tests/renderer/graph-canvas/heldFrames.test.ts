import type { Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { holdFrames } from '../../../renderer/graph-canvas/heldFrames';

/** Cytoscape's core and canvas renderer as far as holdFrames touches them: the frame call and forceRender. */
function fakeChart() {
  const drawn: string[] = [];
  let forced = 0;
  let destroyed = false;
  const renderer = {
    render(options?: { forcedContext?: unknown }) {
      drawn.push(options?.forcedContext ? 'forced' : 'frame');
    },
  };
  const cy = { renderer: () => renderer, destroyed: () => destroyed, forceRender: () => void forced++ };
  return { cy: cy as unknown as Core, renderer, drawn, forcedRenders: () => forced, destroy: () => (destroyed = true) };
}

describe('holdFrames (a sliced chart arriving)', () => {
  it('draws no ordinary frame while held, lets a forced render through, and asks for one frame on release', () => {
    const chart = fakeChart();
    const frames = holdFrames(chart.cy);
    chart.renderer.render();
    chart.renderer.render({});
    chart.renderer.render({ forcedContext: {} });
    expect(chart.drawn).toEqual(['forced']);
    frames.release();
    expect(chart.forcedRenders()).toBe(1);
    chart.renderer.render();
    expect(chart.drawn).toEqual(['forced', 'frame']);
  });

  it('asks for no frame on release when none was held back, nor for a chart destroyed meanwhile', () => {
    const quiet = fakeChart();
    holdFrames(quiet.cy).release();
    expect(quiet.forcedRenders()).toBe(0);
    const gone = fakeChart();
    const frames = holdFrames(gone.cy);
    gone.renderer.render();
    gone.destroy();
    frames.release();
    expect(gone.forcedRenders()).toBe(0);
  });

  it('does nothing on a core without a canvas renderer (headless)', () => {
    const cy = { renderer: () => undefined, destroyed: () => false, forceRender: () => undefined } as unknown as Core;
    expect(() => holdFrames(cy).release()).not.toThrow();
  });
});
