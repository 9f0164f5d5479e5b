/// <reference lib="webworker" />
/**
 * The import worker: hashes the chosen file, refuses it if the case already
 * holds the same bytes, then parses and validates it with the shared engine
 * and writes each batch as one chunk of a *pending* import straight into
 * IndexedDB. The UI thread only ever receives small progress messages and the
 * final summary; the records never cross postMessage. One task per worker, on
 * the one task protocol (task.ts).
 */
import '../zodConfig';
import { database } from '../db/database';
import { runImportJob } from './importJob';
import type { ImportJob, ImportResult, ImportUpdate } from './importProtocol';
import { serveTask, type TaskScope } from './task';

declare const self: DedicatedWorkerGlobalScope;

serveTask(self as unknown as TaskScope<ImportJob, ImportUpdate, ImportResult>, (job, context) => runImportJob(database(), job, context));
