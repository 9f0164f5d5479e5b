import type { EncodingIssues } from '../../shared/import';
import type { QuarantineEntry, SourceFile } from '../../shared/model';
import { database } from '../db/database';
import { abortImport } from '../db/imports';
import { sweepOnce } from '../db/startup';
import type { ImportFailureDetail, ImportJob, ImportProgress, ImportResult, ImportTimings } from './importProtocol';
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
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'caudal-import' }) as unknown as TaskWorker<ImportJob, ImportProgress, ImportResult>;
  try {
    return await runStagedImport(worker, job, { ...options, discard: async (importId) => void (await abortImport(database(), importId)) });
  } catch (error) {
    // The worker sends the ImportError's detail as plain data; it is its own message, from its own code.
    if (error instanceof TaskFailedError) throw new ImportFailedError(error.message, error.code, error.detail as ImportFailureDetail | undefined);
    throw error;
  }
}
