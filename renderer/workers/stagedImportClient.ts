import { isTaskCancelled, runTask, type TaskWorker } from './task';

/** How long a cancelled worker gets to discard its own pending import before it is terminated and the page discards it. */
export const CANCEL_GRACE_MS = 3000;

/** What an import worker's progress carries once its pending import exists. */
export interface StagedImportProgress {
  importId?: string;
}

export interface StagedImportOptions<Progress> {
  signal?: AbortSignal;
  onProgress?(progress: Progress): void;
  /** Removes a pending import (and whatever else that kind of import stages) when the worker could not. */
  discard(importId: string): Promise<void>;
}

/**
 * The page side of every staged file import (CSV, goAML and FtM): one task on
 * a fresh worker (task.ts). Cancelling resolves with `cancelled` once the case
 * is exactly as before: the worker discards its pending import itself, or, if
 * it finished anyway, died or did not stop within CANCEL_GRACE_MS, the page
 * discards it by the id the worker's progress announced. Progress stops
 * reaching the caller the moment the analyst cancels. A worker failure
 * rejects with TaskFailedError (its code and detail included).
 */
export async function runStagedImport<Job, Progress extends StagedImportProgress, Result extends { status: string }>(
  worker: TaskWorker<Job, Progress, Result>,
  job: Job,
  options: StagedImportOptions<Progress>,
): Promise<Result | { status: 'cancelled' }> {
  const { signal, onProgress, discard } = options;
  let importId: string | undefined;
  try {
    return await runTask(worker, job, {
      signal,
      graceMs: CANCEL_GRACE_MS,
      onProgress: (progress) => {
        importId = progress.importId ?? importId;
        if (!signal?.aborted) onProgress?.(progress);
      },
      cleanup: async (late) => {
        const staged = (late as { importId?: unknown } | undefined)?.importId;
        const pending = typeof staged === 'string' ? staged : importId;
        if (pending) await discard(pending);
      },
    });
  } catch (error) {
    if (isTaskCancelled(error)) return { status: 'cancelled' };
    throw error;
  }
}
