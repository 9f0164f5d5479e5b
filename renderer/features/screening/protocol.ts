import type { ListEntry, ParsedList, ScreeningHit, ScreeningSubject } from '../../../shared/screen';

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

/** Page → worker: read list files off the UI thread (a 50,000-entry XML takes seconds to parse). */
export interface ParseRequest {
  type: 'parse';
  files: { name: string; bytes: Uint8Array }[];
}

export interface ParsedFiles {
  list: ParsedList;
  files: { name: string; sha256: string; size: number }[];
}

/** A refused list file's message, and in Spanish where the reader wrote one (ListImportError). */
export type ParseResponse = { type: 'parsed'; lists: ParsedFiles[] } | { type: 'error'; message: string; messageEs?: string };
