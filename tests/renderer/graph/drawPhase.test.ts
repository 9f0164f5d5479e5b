import { describe, expect, it } from 'vitest';
import { drawPhaseReducer, IDLE_PHASE, isBusy, type DrawEvent } from '../../../renderer/features/graph/drawPhase';

const run = (events: DrawEvent[]) => events.reduce(drawPhaseReducer, IDLE_PHASE);

describe('draw phase', () => {
  it('is busy from the start of a draw until that draw settles', () => {
    expect(isBusy(IDLE_PHASE)).toBe(false);
    const started = run([{ type: 'start', draw: 1 }]);
    expect(isBusy(started)).toBe(true);
    expect(started.layingOut).toBeNull();
    const laying = drawPhaseReducer(started, { type: 'layout', draw: 1, nodes: 120 });
    expect(laying.layingOut).toBe(120);
    const settled = drawPhaseReducer(laying, { type: 'settled', draw: 1 });
    expect(isBusy(settled)).toBe(false);
    expect(settled.layingOut).toBeNull();
  });

  it('ignores a replaced draw settling late: the newest draw is still being drawn', () => {
    // Draw 1 lays out; draw 2 (no layout needed) replaces it; draw 1's layout then lands.
    const phase = run([
      { type: 'start', draw: 1 },
      { type: 'layout', draw: 1, nodes: 500 },
      { type: 'start', draw: 2 },
      { type: 'abandoned', draw: 1 },
      { type: 'settled', draw: 1 },
    ]);
    expect(phase.draw).toBe(2);
    expect(isBusy(phase)).toBe(true);
    // The old draw's "laying out 500 nodes" does not linger on the status line.
    expect(phase.layingOut).toBeNull();
    expect(isBusy(drawPhaseReducer(phase, { type: 'settled', draw: 2 }))).toBe(false);
  });

  it('never goes back to an older draw, and a layout event of an old draw changes nothing', () => {
    const phase = run([{ type: 'start', draw: 3 }]);
    expect(drawPhaseReducer(phase, { type: 'start', draw: 2 })).toBe(phase);
    expect(drawPhaseReducer(phase, { type: 'layout', draw: 2, nodes: 9 })).toBe(phase);
  });

  it('ends the busy state when the newest draw is abandoned (view closed, no graph) or fails', () => {
    expect(isBusy(run([{ type: 'start', draw: 1 }, { type: 'abandoned', draw: 1 }]))).toBe(false);
    expect(isBusy(run([{ type: 'start', draw: 1 }, { type: 'layout', draw: 1, nodes: 4 }, { type: 'failed', draw: 1 }]))).toBe(false);
    // Settling twice is one change.
    const settled = run([{ type: 'start', draw: 1 }, { type: 'settled', draw: 1 }]);
    expect(drawPhaseReducer(settled, { type: 'settled', draw: 1 })).toBe(settled);
  });

  it('stays busy while a drafted chart is refined, and only the newest draw ends it', () => {
    const drafted = run([{ type: 'start', draw: 1 }, { type: 'layout', draw: 1, nodes: 790 }, { type: 'refine', draw: 1 }]);
    // On screen from the draft: no "laying out" on the status line, but positions are not final yet.
    expect(drafted.layingOut).toBeNull();
    expect(drafted.refining).toBe(true);
    expect(isBusy(drafted)).toBe(true);
    expect(isBusy(drawPhaseReducer(drafted, { type: 'settled', draw: 1 }))).toBe(false);
    // A newer draw replaces the refinement: the old one's late result changes nothing.
    const replaced = drawPhaseReducer(drafted, { type: 'start', draw: 2 });
    expect(replaced.refining).toBe(false);
    expect(drawPhaseReducer(replaced, { type: 'settled', draw: 1 })).toBe(replaced);
    // A refine event for a draw that is not being drawn is ignored.
    const idle = run([{ type: 'start', draw: 3 }, { type: 'settled', draw: 3 }]);
    expect(drawPhaseReducer(idle, { type: 'refine', draw: 3 })).toBe(idle);
  });
});
