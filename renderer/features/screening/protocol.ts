import type { ListEntry, ScreeningHit, ScreeningSubject } from '../../../shared/screen';

/** Page → screening worker. Cancelling terminates the worker (the match loop is synchronous). */
export interface ScreeningRequest {
  type: 'screen';
  subjects: ScreeningSubject[];
  lists: { entries: ListEntry[] }[];
  threshold: number;
}

export interface WorkerHit extends ScreeningHit {
  listIndex: number;
}

export type ScreeningResponse = { type: 'progress'; done: number; total: number } | { type: 'done'; hits: WorkerHit[]; ms: number } | { type: 'error'; message: string };
