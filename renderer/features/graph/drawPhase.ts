/**
 * Whether the chart is still being drawn (issue 15). A draw pushes the
 * elements into the canvas, maybe runs a layout in the worker, then settles;
 * a newer draw can replace it at any point. Every event names its draw, and
 * only the newest draw can end the busy state, so a late settle of a replaced
 * draw never tells a test or an export that a half-drawn chart is ready.
 */
export interface DrawPhase {
  /** The newest draw started (0: none yet). */
  draw: number;
  /** The canvas is taking in that draw's elements or placing them. */
  drawing: boolean;
  /** Nodes being laid out in the worker for that draw; null when no layout runs. */
  layingOut: number | null;
  /** The draw is on screen from a draft layout while the worker lays it out at full quality. */
  refining: boolean;
}

export type DrawEvent =
  | { type: 'start'; draw: number }
  | { type: 'layout'; draw: number; nodes: number }
  /** The draft is drawn; a full-quality layout follows. */
  | { type: 'refine'; draw: number }
  | { type: 'settled'; draw: number }
  /** Replaced by a newer draw or the view went away. */
  | { type: 'abandoned'; draw: number }
  | { type: 'failed'; draw: number };

export const IDLE_PHASE: DrawPhase = { draw: 0, drawing: false, layingOut: null, refining: false };

export function drawPhaseReducer(phase: DrawPhase, event: DrawEvent): DrawPhase {
  if (event.type === 'start') return event.draw > phase.draw ? { draw: event.draw, drawing: true, layingOut: null, refining: false } : phase;
  // Events of a draw that is no longer the newest change nothing.
  if (event.draw !== phase.draw) return phase;
  switch (event.type) {
    case 'layout':
      return phase.drawing ? { ...phase, layingOut: event.nodes } : phase;
    case 'refine':
      return phase.drawing ? { ...phase, drawing: false, layingOut: null, refining: true } : phase;
    case 'settled':
    case 'abandoned':
    case 'failed':
      return isBusy(phase) ? { ...phase, drawing: false, layingOut: null, refining: false } : phase;
  }
}

/** Tests and exports wait for this to be false before reading the chart: its positions are final. */
export function isBusy(phase: DrawPhase): boolean {
  return phase.drawing || phase.layingOut !== null || phase.refining;
}
