/// <reference lib="webworker" />
/**
 * The statement worker: reads statements (CSV, .xlsx and .ods) off the UI thread,
 * previews their layout, and imports them one file at a time straight into
 * IndexedDB. Only small messages cross to the page. Imports are tasks on the
 * one task protocol (renderer/workers/task.ts); inspections are its own
 * messages beside them.
 */
import '../../../zodConfig';
import { database } from '../../../db/database';
import { serveTask, type TaskCommand, type TaskScope } from '../../../workers/task';
import { inspectStatement, runStatementImport } from './statementJob';
import type { FromStatementWorker, StatementFileResult, StatementImportProgress, StatementImportRequest, ToStatementWorker } from './statementProtocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromStatementWorker) => self.postMessage(message);
/** Inspections run one after another: a folder of 1,500 statements must not unzip 1,500 workbooks at once. */
let inspecting: Promise<void> = Promise.resolve();

serveTask(self as unknown as TaskScope<StatementImportRequest, StatementImportProgress, StatementFileResult[]>, (request, context) =>
  runStatementImport(database(), request.caseId, request.files, request.defaultCurrency, context.signal, (message) => {
    if (message.type === 'progress' || message.type === 'file-done') context.progress(message);
  }),
);
const serveImport = self.onmessage;

self.onmessage = (event: MessageEvent<ToStatementWorker | TaskCommand<StatementImportRequest>>) => {
  const message = event.data;
  if (message.type === 'inspect') {
    inspecting = inspecting.then(() => inspectStatement(message.file, message.mapping, message.sheet).then((inspection) => post({ type: 'inspected', key: message.key, inspection })));
  } else serveImport?.call(self, event);
};
