import type { Core } from 'cytoscape';

/** The part of Cytoscape's canvas renderer (3.35, private) that draws a frame. */
interface FrameRenderer {
  render(options?: unknown): void;
}

/**
 * Holds back Cytoscape's frames until `release` is called. While a sliced chart arrives its container is hidden,
 * yet every animation frame still walked all the elements added so far and drew them into its element caches: the
 * frames between slices cost as much as the slices (bench:demo, page's CPU throttled 2×, ≈0.5 of 2.7 s). The frame
 * asked for in the meantime is drawn once, after the release. When upgrading Cytoscape, re-run bench:demo and
 * tests/renderer/graph-canvas.
 */
export function holdFrames(cy: Core): { release(): void } {
  const renderer = (cy as Core & { renderer(): Partial<FrameRenderer> | undefined }).renderer();
  if (!renderer || typeof renderer.render !== 'function') return { release() {} };
  const render = renderer.render;
  let held = false;
  renderer.render = function heldRender(this: FrameRenderer, options?: unknown) {
    // A forced render (an export, the gesture texture) is asked for on purpose: only the loop's frames wait.
    if (options && typeof options === 'object' && 'forcedContext' in options) return render.call(this, options);
    held = true;
  };
  return {
    release() {
      renderer.render = render;
      if (held && !cy.destroyed()) cy.forceRender();
    },
  };
}
