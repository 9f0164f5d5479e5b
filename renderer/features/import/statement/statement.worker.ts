/// <reference lib="webworker" />
/**
 * The statement worker: reads statements (CSV and .xlsx) off the UI thread,
 * previews their layout, and imports them one file at a time straight into
 * IndexedDB. Only small messages cross to the page.
 */
import '../../../zodConfig';
import { database } from '../../../db/database';
import { inspectStatement, runStatementImport } from './statementJob';
import type { FromStatementWorker, ToStatementWorker } from './statementProtocol';

declare const self: DedicatedWorkerGlobalScope;

let controller: AbortController | null = null;
const post = (message: FromStatementWorker) => self.postMessage(message);
/** Inspections run one after another: a folder of 1,500 statements must not unzip 1,500 workbooks at once. */
let inspecting: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<ToStatementWorker>) => {
  const message = event.data;
  if (message.type === 'inspect') {
    inspecting = inspecting.then(() => inspectStatement(message.file, message.mapping, message.sheet).then((inspection) => post({ type: 'inspected', key: message.key, inspection })));
  } else if (message.type === 'import') {
    if (controller) return;
    controller = new AbortController();
    void runStatementImport(database(), message.caseId, message.files, message.defaultCurrency, controller.signal, post).then((results) => {
      controller = null;
      post({ type: 'finished', results });
    });
  } else if (message.type === 'cancel') {
    controller?.abort();
  }
};
