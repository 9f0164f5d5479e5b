import type { ScreeningListRow } from '../../db/schema';

/** The screening view's state and its pure transitions (tested in Node). */
export interface ScreeningState {
  lists: ScreeningListRow[];
  chosen: string[];
  phase: 'idle' | 'importing' | 'running';
  progress: { done: number; total: number } | null;
  message: { kind: 'info' | 'error'; text: string } | null;
}

export type ScreeningAction =
  | { type: 'listsLoaded'; lists: ScreeningListRow[] }
  | { type: 'toggle'; listId: string }
  | { type: 'importStarted' }
  | { type: 'imported'; lists: ScreeningListRow[]; added: ScreeningListRow[]; text: string }
  | { type: 'failed'; text: string }
  | { type: 'runStarted' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'runFinished' }
  | { type: 'cancelled'; text: string };

export const initialScreeningState: ScreeningState = { lists: [], chosen: [], phase: 'idle', progress: null, message: null };

export function screeningReducer(state: ScreeningState, action: ScreeningAction): ScreeningState {
  switch (action.type) {
    case 'listsLoaded': {
      const known = new Set(action.lists.map((list) => list.id));
      const kept = state.chosen.filter((id) => known.has(id));
      return { ...state, lists: action.lists, chosen: kept.length > 0 ? kept : latestVersions(action.lists) };
    }
    case 'toggle':
      return { ...state, chosen: state.chosen.includes(action.listId) ? state.chosen.filter((id) => id !== action.listId) : [...state.chosen, action.listId] };
    case 'importStarted':
      return { ...state, phase: 'importing', message: null };
    case 'imported':
      // A freshly imported version is what the analyst wants to screen against next.
      return { ...state, phase: 'idle', lists: action.lists, chosen: [...new Set([...state.chosen, ...action.added.map((list) => list.id)])], message: { kind: 'info', text: action.text } };
    case 'failed':
      return { ...state, phase: 'idle', progress: null, message: { kind: 'error', text: action.text } };
    case 'runStarted':
      return state.phase === 'idle' ? { ...state, phase: 'running', progress: { done: 0, total: 0 }, message: null } : state;
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: { done: action.done, total: action.total } } : state;
    case 'runFinished':
      return { ...state, phase: 'idle', progress: null };
    case 'cancelled':
      return { ...state, phase: 'idle', progress: null, message: { kind: 'info', text: action.text } };
  }
}

/** The newest version of each list: what a screening uses unless the analyst picks otherwise. */
export function latestVersions(lists: readonly ScreeningListRow[]): string[] {
  const newest = new Map<string, ScreeningListRow>();
  for (const list of lists) {
    const current = newest.get(list.name);
    if (!current || list.version > current.version) newest.set(list.name, list);
  }
  return [...newest.values()].map((list) => list.id);
}
