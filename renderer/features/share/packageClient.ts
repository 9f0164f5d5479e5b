import type { Manifest, RefusalReason } from '../../../shared/package';
import { ExchangeError } from '../../../shared/package/exchangeError';
import type { BuildRequest, FromPackageWorker, MatchAnswerBuild, MatchOpened, MatchRequestBuild, OpenRequest, PackageStage, ToPackageWorker, VerifiedSummary } from './packageProtocol';
import { auditPackageReceived, auditPackageSent } from '../../db/auditEvents';
import { database } from '../../db/database';

export type { MatchOpened, PackageStage, VerifiedSummary } from './packageProtocol';

export interface Progress {
  stage: PackageStage;
  done: number;
  total: number;
}

/** A refusal from the worker, with the engine's reason code (see docs/PACKAGE_FORMAT.md §10). */
export class RefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
    readonly detailEs: string,
    readonly signer?: { unit: string; fingerprint: string },
  ) {
    super(detail);
    this.name = 'RefusedError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

function startWorker(): Worker {
  return new Worker(new URL('./package.worker.ts', import.meta.url), { type: 'module', name: 'caudal-package' });
}

/** Waits for the next answer of the given type; a refusal or failure rejects, cancel() terminates. */
function nextAnswer<T extends FromPackageWorker['type']>(worker: Worker, type: T, onProgress: ((progress: Progress) => void) | undefined, cancelled: Promise<never>): Promise<Extract<FromPackageWorker, { type: T }>> {
  const answer = new Promise<Extract<FromPackageWorker, { type: T }>>((resolve, reject) => {
    const listener = (event: MessageEvent<FromPackageWorker>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress?.({ stage: message.stage, done: message.done, total: message.total });
        return;
      }
      worker.removeEventListener('message', listener);
      worker.removeEventListener('error', onError);
      if (message.type === type) resolve(message as Extract<FromPackageWorker, { type: T }>);
      else if (message.type === 'refused') reject(new RefusedError(message.reason, message.detail, message.detailEs, message.signer));
      else if (message.type === 'failed') reject(message.messageEs === undefined ? new Error(message.message) : new ExchangeError({ en: message.message, es: message.messageEs }));
      else reject(new Error(`unexpected answer ${message.type}`));
    };
    const onError = (event: ErrorEvent) => {
      worker.removeEventListener('message', listener);
      reject(new Error(event.message || 'the package worker stopped'));
    };
    worker.addEventListener('message', listener);
    worker.addEventListener('error', onError);
  });
  return Promise.race([answer, cancelled]);
}

function cancellation(worker: Worker): { cancelled: Promise<never>; cancel(): void } {
  let cancel = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new CancelledError());
    };
  });
  cancelled.catch(() => {});
  return { cancelled, cancel };
}

export interface BuildTask {
  result: Promise<{ bytes: Uint8Array; manifest: Manifest; fileName: string; sha256: string }>;
  cancel(): void;
}

export function buildInWorker(request: BuildRequest, onProgress?: (progress: Progress) => void): BuildTask {
  const worker = startWorker();
  const { cancelled, cancel } = cancellation(worker);
  const send = (message: ToPackageWorker) => worker.postMessage(message);
  send({ type: 'build', request });
  const result = nextAnswer(worker, 'built', onProgress, cancelled)
    .then(({ bytes, manifest, fileName, sha256 }) => ({ bytes, manifest, fileName, sha256 }))
    .then((built) => auditPackageSent(database(), request.caseId, built))
    .finally(() => worker.terminate());
  return { result, cancel };
}

export interface OpenTask {
  /** Resolves once the package is verified, decrypted and validated (held in the worker, not stored). */
  verified: Promise<VerifiedSummary>;
  /** After the analyst acknowledged the caveat: store the partner case, resolve its id. */
  store(acknowledgedAt: number): Promise<string>;
  /** Cancel or decline: the worker and the decrypted content in it are discarded. */
  cancel(): void;
}

export function openInWorker(request: OpenRequest, onProgress?: (progress: Progress) => void): OpenTask {
  const worker = startWorker();
  const { cancelled, cancel } = cancellation(worker);
  worker.postMessage({ type: 'open', request } satisfies ToPackageWorker, [request.bytes.buffer as ArrayBuffer]);
  const verified = nextAnswer(worker, 'verified', onProgress, cancelled).then((message) => message.summary);
  verified.catch(() => worker.terminate());
  return {
    verified,
    cancel,
    async store(acknowledgedAt) {
      await verified;
      worker.postMessage({ type: 'store', acknowledgedAt } satisfies ToPackageWorker);
      try {
        return await auditPackageReceived(database(), (await nextAnswer(worker, 'stored', onProgress, cancelled)).caseId, await verified);
      } finally {
        worker.terminate();
      }
    },
  };
}

type Built = { bytes: Uint8Array; manifest: Manifest; fileName: string; sha256: string };

/** Builds a match request package in a worker (blinding runs off the UI thread). */
export function matchRequestInWorker(request: MatchRequestBuild, onProgress?: (progress: Progress) => void): BuildTask {
  const worker = startWorker();
  const { cancelled, cancel } = cancellation(worker);
  worker.postMessage({ type: 'match-request', request } satisfies ToPackageWorker);
  const result = nextAnswer(worker, 'built', onProgress, cancelled)
    .then(({ bytes, manifest, fileName, sha256 }): Built => ({ bytes, manifest, fileName, sha256 }))
    .finally(() => worker.terminate());
  return { result, cancel };
}

export interface MatchOpenTask {
  opened: Promise<MatchOpened>;
  /** For a request: answer it from the given case; the worker holds the request until then. */
  answer(request: MatchAnswerBuild): Promise<Built>;
  cancel(): void;
}

export function openMatchInWorker(request: OpenRequest, onProgress?: (progress: Progress) => void): MatchOpenTask {
  const worker = startWorker();
  const { cancelled, cancel } = cancellation(worker);
  worker.postMessage({ type: 'match-open', request } satisfies ToPackageWorker, [request.bytes.buffer as ArrayBuffer]);
  const opened = nextAnswer(worker, 'match-opened', onProgress, cancelled).then((message) => message.opened);
  opened.then((result) => result.kind === 'reply' && worker.terminate(), () => worker.terminate());
  return {
    opened,
    cancel,
    async answer(answer) {
      await opened;
      worker.postMessage({ type: 'match-answer', request: answer } satisfies ToPackageWorker);
      try {
        const { bytes, manifest, fileName, sha256 } = await nextAnswer(worker, 'built', onProgress, cancelled);
        return { bytes, manifest, fileName, sha256 };
      } finally {
        worker.terminate();
      }
    },
  };
}
