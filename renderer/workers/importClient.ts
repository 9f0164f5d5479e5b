import type { EncodingIssues } from '../../shared/import';
import type { QuarantineEntry, SourceFile } from '../../shared/model';
import { database } from '../db/database';
import { ImportHandover, offerHandover } from '../db/importHandover';
import { abortImport } from '../db/imports';
import type { CaudalDatabase } from '../db/schema';
import { sweepOnce } from '../db/startup';
import { isChunkHandover, type ImportFailureDetail, type ImportJob, type ImportProgress, type ImportResult, type ImportTimings, type ImportUpdate } from './importProtocol';
import { runStagedImport } from './stagedImportClient';
import { TaskFailedError, type TaskWorker } from './task';

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

/**
 * Runs one file through the import worker. The worker hashes, parses,
 * validates and writes the chunks of a *pending* import; nothing is visible in
 * the case until the caller commits the staged import (or discards it).
 * Aborting the signal cancels at any moment and leaves the case as it was.
 */
export async function runImport(job: ImportJob, options: { onProgress?(progress: ImportProgress): void; signal?: AbortSignal } = {}): Promise<ImportOutcome> {
  // An import must never start before the start-up sweep, or the sweep could discard it.
  await sweepOnce(database());
  if (options.signal?.aborted) return { status: 'cancelled' };
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'caudal-import' }) as unknown as TaskWorker<ImportJob, ImportUpdate, ImportResult>;
  try {
    return await runImportOn(worker, database(), job, options);
  } catch (error) {
    // The worker sends the ImportError's detail as plain data; it is its own message, from its own code.
    if (error instanceof TaskFailedError) throw new ImportFailedError(error.message, error.code, error.detail as ImportFailureDetail | undefined);
    throw error;
  }
}

/**
 * One import on the given worker (a real one above, an in-process one in tests). The worker hands each stored
 * chunk over as it goes; the page keeps them for the import's commit only when the worker staged it: a
 * cancelled, failed or already-imported run leaves nothing behind (importHandover.ts).
 */
export async function runImportOn(
  worker: TaskWorker<ImportJob, ImportUpdate, ImportResult>,
  db: CaudalDatabase,
  job: ImportJob,
  options: { onProgress?(progress: ImportProgress): void; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
  const handover = new ImportHandover(job.caseId, job.kind);
  const outcome = await runStagedImport<ImportJob, ImportUpdate, ImportResult>(worker, { ...job, handover: true }, {
    signal: options.signal,
    onProgress: (update) => {
      if (isChunkHandover(update)) for (const chunk of update.handover.chunks) handover.receive(update.handover.importId, chunk.index, chunk.sealable);
      else options.onProgress?.(update);
    },
    discard: async (importId) => void (await abortImport(db, importId)),
  });
  if (outcome.status === 'staged') offerHandover(db, handover.complete(outcome.importId));
  else handover.release();
  return outcome;
}
