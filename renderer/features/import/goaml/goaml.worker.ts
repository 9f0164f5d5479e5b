/// <reference lib="webworker" />
/**
 * The goAML import worker: hashes, parses (streaming SAX) and writes the
 * pending import's chunks straight into IndexedDB; the page only receives
 * progress and the summary. It serves one task on the one task protocol
 * (renderer/workers/task.ts): the job's own messages become progress (with the
 * pending import's id once begun), the result, or the task's cancel/failure.
 */
import '../../../zodConfig';
import { database } from '../../../db/database';
import { serveTask, TaskCancelledError, TaskFailedError, type TaskScope } from '../../../workers/task';
import { runGoamlJob } from './goamlJob';
import type { GoamlJob, GoamlJobProgress, GoamlResult } from './goamlProtocol';

declare const self: DedicatedWorkerGlobalScope;

serveTask(self as unknown as TaskScope<GoamlJob, GoamlJobProgress, GoamlResult>, (job, context) =>
  new Promise<GoamlResult>((resolve, reject) => {
    let importId: string | undefined;
    let last: GoamlJobProgress = { phase: 'hashing', bytes: 0, totalBytes: job.size, units: 0, elapsedMs: 0 };
    void runGoamlJob(database(), job, context.signal, (message) => {
      switch (message.type) {
        case 'begun':
          importId = message.importId;
          context.progress({ ...last, importId });
          break;
        case 'progress':
          last = message.progress;
          context.progress(importId ? { ...last, importId } : last);
          break;
        case 'already-imported':
          resolve({ status: 'already-imported', previous: message.previous });
          break;
        case 'staged': {
          const { type: _type, ...staged } = message;
          resolve({ status: 'staged', ...staged });
          break;
        }
        case 'cancelled':
          reject(new TaskCancelledError());
          break;
        case 'failed':
          reject(new TaskFailedError(message.message, message.code, message.messageEs ? { messageEs: message.messageEs } : undefined));
          break;
      }
    });
  }),
);
