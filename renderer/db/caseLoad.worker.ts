/// <reference lib="webworker" />
/**
 * Reads a case's chunks off the UI thread: IndexedDB deserialises each
 * 20,000-row chunk here, and the page receives 4,000-row slices it rebuilds in
 * a few milliseconds each, so opening a million-row case never freezes the window.
 */
import { walkCaseChunks, type CaseLoadMessage, type CaseLoadRequest } from './caseLoad';
import { CaudalDatabase } from './schema';

declare const self: DedicatedWorkerGlobalScope;

let resumeReader: (() => void) | null = null;

self.onmessage = (event: MessageEvent<CaseLoadRequest>) => {
  const request = event.data;
  if (request.type === 'next') {
    resumeReader?.();
    resumeReader = null;
    return;
  }
  const db = new CaudalDatabase(request.databaseName);
  const emit = (message: CaseLoadMessage): void | Promise<void> => {
    self.postMessage(message);
    if (message.type === 'chunk-end') return new Promise<void>((resolve) => (resumeReader = resolve));
  };
  walkCaseChunks(db, request.caseId, emit)
    .catch((error: unknown) => self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies CaseLoadMessage))
    .finally(() => db.close());
};
