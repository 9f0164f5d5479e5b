import type { SourceFile } from '../../../../shared/model';
import { database } from '../../../db/database';
import { abortImport } from '../../../db/imports';
import { sweepOnce } from '../../../db/startup';
import { discardOrphanRelationships, discardRelationships } from '../../interop/relationshipStore';
import type { FromGoamlWorker, GoamlJob, GoamlJobProgress, GoamlStaged, ToGoamlWorker } from './goamlProtocol';

export type GoamlOutcome = ({ status: 'staged' } & GoamlStaged) | { status: 'already-imported'; previous: SourceFile } | { status: 'cancelled' };

export class GoamlFailedError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GoamlFailedError';
  }
}

const CANCEL_GRACE_MS = 3000;

async function discard(importId: string | null): Promise<void> {
  if (!importId) return;
  await abortImport(database(), importId);
  await discardRelationships(database(), importId);
}

/** Runs one goAML file through its worker; nothing is visible in the case until the caller commits the staged import. */
export async function runGoamlImport(job: GoamlJob, options: { onProgress?(progress: GoamlJobProgress): void; signal?: AbortSignal } = {}): Promise<GoamlOutcome> {
  const { onProgress, signal } = options;
  await sweepOnce(database());
  await discardOrphanRelationships(database());
  if (signal?.aborted) return { status: 'cancelled' };
  const worker = new Worker(new URL('./goaml.worker.ts', import.meta.url), { type: 'module', name: 'caudal-goaml-import' });
  const send = (message: ToGoamlWorker) => worker.postMessage(message);

  return new Promise<GoamlOutcome>((resolve, reject) => {
    let importId: string | null = null;
    let settled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: GoamlOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    function onAbort() {
      send({ type: 'cancel' });
      graceTimer = setTimeout(() => {
        worker.terminate();
        void discard(importId).finally(() => finish({ status: 'cancelled' }));
      }, CANCEL_GRACE_MS);
    }
    worker.onmessage = (event: MessageEvent<FromGoamlWorker>) => {
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
        case 'staged': {
          if (signal?.aborted) {
            void discard(message.importId).finally(() => finish({ status: 'cancelled' }));
            break;
          }
          const { type: _type, ...staged } = message;
          finish({ status: 'staged', ...staged });
          break;
        }
        case 'cancelled':
          finish({ status: 'cancelled' });
          break;
        case 'failed':
          finish(new GoamlFailedError(message.message, message.code));
          break;
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      void discard(importId).finally(() => finish(new GoamlFailedError(event.message || 'The goAML import worker stopped unexpectedly.', 'worker')));
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    send({ type: 'start', job });
  });
}
