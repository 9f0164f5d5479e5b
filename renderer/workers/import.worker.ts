/// <reference lib="webworker" />
/**
 * The import worker: hashes the chosen file, refuses it if the case already
 * holds the same bytes, then parses and validates it with the shared engine
 * and writes each batch as one chunk of a *pending* import straight into
 * IndexedDB. The UI thread only ever receives small progress messages and the
 * final summary; the records never cross postMessage.
 */
import '../zodConfig';
import { database } from '../db/database';
import { runImportJob } from './importJob';
import type { FromImportWorker, ToImportWorker } from './importProtocol';

declare const self: DedicatedWorkerGlobalScope;

let controller: AbortController | null = null;

const post = (message: FromImportWorker) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    if (controller) return;
    controller = new AbortController();
    void runImportJob(database(), message.job, controller.signal, post);
  } else if (message.type === 'cancel') {
    controller?.abort();
  }
};
