import { database } from '../../../db/database';
import { abortImport } from '../../../db/imports';
import { sweepOnce } from '../../../db/startup';
import { runStagedImport } from '../../../workers/stagedImportClient';
import { TaskFailedError, type TaskWorker } from '../../../workers/task';
import { discardOrphanRelationships, discardRelationships } from '../../interop/relationshipStore';
import type { GoamlJob, GoamlJobProgress, GoamlResult } from './goamlProtocol';

export type GoamlOutcome = GoamlResult | { status: 'cancelled' };

export class GoamlFailedError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    /** The message in Spanish, when the importer gave one. */
    readonly messageEs?: string,
  ) {
    super(message);
    this.name = 'GoamlFailedError';
  }
}

async function discard(importId: string): Promise<void> {
  await abortImport(database(), importId);
  await discardRelationships(database(), importId);
}

/** Runs one goAML file through its worker (the staged-import lifecycle every file import shares); nothing is visible in the case until the caller commits the staged import. */
export async function runGoamlImport(job: GoamlJob, options: { onProgress?(progress: GoamlJobProgress): void; signal?: AbortSignal } = {}): Promise<GoamlOutcome> {
  await sweepOnce(database());
  await discardOrphanRelationships(database());
  if (options.signal?.aborted) return { status: 'cancelled' };
  const worker = new Worker(new URL('./goaml.worker.ts', import.meta.url), { type: 'module', name: 'caudal-goaml-import' }) as unknown as TaskWorker<GoamlJob, GoamlJobProgress, GoamlResult>;
  try {
    return await runStagedImport(worker, job, { ...options, discard });
  } catch (error) {
    if (error instanceof TaskFailedError) throw new GoamlFailedError(error.message, error.code, (error.detail as { messageEs?: string } | undefined)?.messageEs);
    throw error;
  }
}
