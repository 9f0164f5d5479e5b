import type { EncodingIssues } from '../../shared/import';
import type { QuarantineEntry, SourceFile } from '../../shared/model';
import { database } from '../db/database';
import { abortImport } from '../db/imports';
import { sweepOnce } from '../db/startup';
import type { FromImportWorker, ImportFailureDetail, ImportJob, ImportProgress, ImportTimings, ToImportWorker } from './importProtocol';

export type { ImportJob, ImportProgress, ImportTimings } from './importProtocol';

export type ImportOutcome =
  | { status: 'staged'; importId: string; file: SourceFile; quarantine: QuarantineEntry[]; timings: ImportTimings; encodingIssues?: EncodingIssues }
  | { status: 'already-imported'; previous: SourceFile }
  | { status: 'cancelled' };

export class ImportFailedError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: ImportFailureDetail,
  ) {
    super(message);
    this.name = 'ImportFailedError';
  }
}

/** How long a cancelled worker gets to clean up after itself before it is terminated and cleaned up from here. */
const CANCEL_GRACE_MS = 3000;

/**
 * Runs one file through the import worker. The worker hashes, parses,
 * validates and writes the chunks of a *pending* import; nothing is visible in
 * the case until the caller commits the staged import (or discards it).
 * Aborting the signal cancels at any moment and leaves the case as it was.
 */
export async function runImport(job: ImportJob, options: { onProgress?(progress: ImportProgress): void; signal?: AbortSignal } = {}): Promise<ImportOutcome> {
  const { onProgress, signal } = options;
  // An import must never start before the start-up sweep, or the sweep could discard it.
  await sweepOnce(database());
  if (signal?.aborted) return { status: 'cancelled' };

  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'caudal-import' });
  const send = (message: ToImportWorker) => worker.postMessage(message);

  return new Promise<ImportOutcome>((resolve, reject) => {
    let importId: string | null = null;
    let settled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (outcome: ImportOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };

    /** The worker did not answer in time (or died): discard its pending import from this side. */
    const forceCancel = () => {
      worker.terminate();
      const pending = importId;
      void (pending ? abortImport(database(), pending) : Promise.resolve(true)).finally(() => finish({ status: 'cancelled' }));
    };

    function onAbort() {
      send({ type: 'cancel' });
      graceTimer = setTimeout(forceCancel, CANCEL_GRACE_MS);
    }

    worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
      const message = event.data;
      switch (message.type) {
        case 'begun':
          importId = message.importId;
          break;
        case 'progress':
          if (!signal?.aborted) onProgress?.(message.progress);
          break;
        case 'already-imported':
          finish({ status: 'already-imported', previous: message.previous });
          break;
        case 'staged':
          if (signal?.aborted) {
            // Cancel arrived after the last row: the analyst still asked for nothing to change.
            void abortImport(database(), message.importId).finally(() => finish({ status: 'cancelled' }));
          } else {
            finish({
              status: 'staged',
              importId: message.importId,
              file: message.file,
              quarantine: message.quarantine,
              timings: message.timings,
              ...(message.encodingIssues ? { encodingIssues: message.encodingIssues } : {}),
            });
          }
          break;
        case 'cancelled':
          finish({ status: 'cancelled' });
          break;
        case 'failed':
          finish(new ImportFailedError(message.message, message.code, message.detail));
          break;
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const pending = importId;
      void (pending ? abortImport(database(), pending) : Promise.resolve(true)).finally(() =>
        finish(new ImportFailedError(event.message || 'The import worker stopped unexpectedly.', 'worker')),
      );
    };

    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    send({ type: 'start', job });
  });
}
