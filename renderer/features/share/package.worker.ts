/// <reference lib="webworker" />
/**
 * Builds and opens packages off the UI thread: sanitising, hashing and
 * encrypting a large case takes seconds per hundred thousand records. The
 * worker reads the case from IndexedDB and writes a received package there,
 * so the records never cross postMessage; an opened package waits here, in
 * memory only, until the analyst acknowledges its caveat (or the worker is
 * terminated, which discards it).
 */
import { ExchangeError, PackageRefusal, buildPackage, openPackage, sanitise, sha256Hex, type OpenedPackage } from '../../../shared/package';
import { database } from '../../db/database';
import { loadCaseDataset } from '../../db/dataset';
import { buildMatchAnswer, buildMatchRequest, openMatchFile } from './matchExchange';
import type { BuildRequest, FromPackageWorker, MatchAnswerBuild, MatchRequestBuild, OpenRequest, ToPackageWorker } from './packageProtocol';
import { packageStore, recordSentPackage } from './store';
import '../../zodConfig';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromPackageWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);
let opened: { result: OpenedPackage; fileName: string } | null = null;

async function build(request: BuildRequest): Promise<void> {
  const db = database();
  post({ type: 'progress', stage: 'load', done: 0, total: 1 });
  const dataset = await loadCaseDataset(db, request.caseId);
  const { content, reidentification } = sanitise({
    dataset,
    alerts: request.alerts,
    charts: request.charts,
    selection: request.selection,
    policy: request.policy,
    pseudonymKey: self.crypto.getRandomValues(new Uint8Array(32)),
    hits: request.hits,
    onProgress: (done, total) => post({ type: 'progress', stage: 'sanitise', done, total }),
  });
  const built = await buildPackage({
    header: request.header,
    content,
    policy: request.policy,
    sender: request.sender,
    ...(request.passphrase ? { passphrase: request.passphrase } : {}),
    recipients: request.recipients,
    onProgress: (done, total) => post({ type: 'progress', stage: 'encrypt', done, total }),
  });
  const sha256 = sha256Hex(built.bytes);
  // The re-identification table is stored before the file exists anywhere, so a reply can always be read back.
  await recordSentPackage(db, request.caseId, built.manifest, built.fileName, sha256, reidentification);
  post({ type: 'built', bytes: built.bytes, manifest: built.manifest, fileName: built.fileName, sha256 }, [built.bytes.buffer as ArrayBuffer]);
}

async function open(request: OpenRequest): Promise<void> {
  opened = null;
  post({ type: 'progress', stage: 'verify', done: 0, total: 1 });
  const result = await openPackage(request.bytes, {
    keyBook: request.keyBook,
    ...(request.passphrase ? { passphrase: request.passphrase } : {}),
    ownKeys: request.ownKeys,
    acceptUnknownSigner: request.acceptUnknownSigner,
    now: request.now,
    onProgress: (done, total) => post({ type: 'progress', stage: 'decrypt', done, total }),
  });
  opened = { result, fileName: request.fileName };
  post({ type: 'verified', summary: { manifest: result.manifest, signer: result.signer, packageSha256: result.packageSha256 } });
}

const postBuilt = (built: { bytes: Uint8Array; manifest: OpenedPackage['manifest']; fileName: string }) =>
  post({ type: 'built', bytes: built.bytes, manifest: built.manifest, fileName: built.fileName, sha256: sha256Hex(built.bytes) }, [built.bytes.buffer as ArrayBuffer]);

async function matchRequest(request: MatchRequestBuild): Promise<void> {
  const db = database();
  post({ type: 'progress', stage: 'load', done: 0, total: 1 });
  const dataset = await loadCaseDataset(db, request.caseId);
  postBuilt(await buildMatchRequest(db, dataset, request, (done, total) => post({ type: 'progress', stage: 'blind', done, total })));
}

async function matchOpen(request: OpenRequest): Promise<void> {
  opened = null;
  post({ type: 'progress', stage: 'verify', done: 0, total: 1 });
  const { opened: result, result: summary } = await openMatchFile(database(), request.bytes, {
    keyBook: request.keyBook,
    ownKeys: request.ownKeys,
    acceptUnknownSigner: request.acceptUnknownSigner,
    now: request.now,
  });
  if (summary.kind === 'request') opened = { result, fileName: request.fileName };
  post({ type: 'match-opened', opened: summary });
}

async function matchAnswer(answer: MatchAnswerBuild): Promise<void> {
  if (!opened) throw new ExchangeError({ en: 'no verified match request is waiting for an answer', es: 'no hay ninguna solicitud de cotejo verificada esperando respuesta' });
  const db = database();
  post({ type: 'progress', stage: 'load', done: 0, total: 1 });
  const dataset = await loadCaseDataset(db, answer.caseId);
  postBuilt(await buildMatchAnswer(db, dataset, opened.result, answer, (done, total) => post({ type: 'progress', stage: 'blind', done, total })));
}

async function store(acknowledgedAt: number): Promise<void> {
  if (!opened) throw new Error('no verified package is waiting to be stored');
  post({ type: 'progress', stage: 'store', done: 0, total: 1 });
  const caseId = await packageStore(database(), acknowledgedAt).saveReceived(opened.result, opened.fileName);
  opened = null;
  post({ type: 'stored', caseId });
}

self.onmessage = (event: MessageEvent<ToPackageWorker>) => {
  const message = event.data;
  const run = (() => {
    switch (message.type) {
      case 'build':
        return build(message.request);
      case 'open':
        return open(message.request);
      case 'store':
        return store(message.acknowledgedAt);
      case 'match-request':
        return matchRequest(message.request);
      case 'match-open':
        return matchOpen(message.request);
      case 'match-answer':
        return matchAnswer(message.request);
    }
  })();
  run.catch((error: unknown) => {
    if (error instanceof PackageRefusal) post({ type: 'refused', reason: error.reason, detail: error.detail, detailEs: error.detailEs, ...(error.signer ? { signer: error.signer } : {}) });
    else if (error instanceof ExchangeError) post({ type: 'failed', message: error.message, messageEs: error.messageEs });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
};
