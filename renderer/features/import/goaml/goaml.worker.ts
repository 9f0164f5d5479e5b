/// <reference lib="webworker" />
/**
 * The goAML import worker: hashes, parses (streaming SAX) and writes the
 * pending import's chunks straight into IndexedDB; the page only receives
 * progress and the summary.
 */
import '../../../zodConfig';
import { database } from '../../../db/database';
import { runGoamlJob } from './goamlJob';
import type { FromGoamlWorker, ToGoamlWorker } from './goamlProtocol';

declare const self: DedicatedWorkerGlobalScope;

let controller: AbortController | null = null;
const post = (message: FromGoamlWorker) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToGoamlWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    if (controller) return;
    controller = new AbortController();
    void runGoamlJob(database(), message.job, controller.signal, post);
  } else if (message.type === 'cancel') {
    controller?.abort();
  }
};
