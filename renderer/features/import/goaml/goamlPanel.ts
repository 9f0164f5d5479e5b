import type { SourceFile } from '../../../../shared/model';
import type { GoamlJobProgress, GoamlStaged } from './goamlProtocol';

/**
 * The goAML panel's state as pure transitions (tested in Node): files run one
 * after the other; a file with quarantined units or unknown codes waits for
 * the analyst; each ends in one result line.
 */
export type GoamlResult =
  | { status: 'committed'; name: string; staged: GoamlStaged }
  | { status: 'discarded'; name: string }
  | { status: 'cancelled'; name: string }
  | { status: 'already'; name: string; previous: SourceFile }
  | { status: 'failed'; name: string; message: string };

export type GoamlPanelState =
  | { step: 'idle'; results: GoamlResult[] }
  | { step: 'running'; name: string; progress: GoamlJobProgress | null; results: GoamlResult[] }
  | { step: 'review'; name: string; staged: GoamlStaged; results: GoamlResult[] };

export type GoamlPanelEvent =
  | { type: 'start'; name: string }
  | { type: 'progress'; progress: GoamlJobProgress }
  | { type: 'review'; staged: GoamlStaged }
  | { type: 'result'; result: GoamlResult }
  | { type: 'reset' };

export const initialGoamlPanel: GoamlPanelState = { step: 'idle', results: [] };

export function goamlPanelReducer(state: GoamlPanelState, event: GoamlPanelEvent): GoamlPanelState {
  switch (event.type) {
    case 'reset':
      return initialGoamlPanel;
    case 'start':
      return { step: 'running', name: event.name, progress: null, results: state.results };
    case 'progress':
      return state.step === 'running' ? { ...state, progress: event.progress } : state;
    case 'review':
      return state.step === 'running' ? { step: 'review', name: state.name, staged: event.staged, results: state.results } : state;
    case 'result':
      return { step: 'idle', results: [...state.results, event.result] };
  }
}

/** A clean file (nothing quarantined, every code known) goes straight in, as a clean CSV does. */
export function needsReview(staged: GoamlStaged): boolean {
  return staged.quarantine.length > 0 || staged.file.counts.quarantined > 0 || staged.unknownCodes.length > 0;
}
