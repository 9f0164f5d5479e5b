import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import { walkCaseChunks, type CaseLoadMessage, type CaseLoadRequest } from './caseLoad';
import { unpackRowsInto } from './packedRows';
import type { CaudalDatabase } from './schema';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

function append(dataset: CaseDataset, message: CaseLoadMessage): void {
  if (message.type === 'packed') unpackRowsInto(message.packed, dataset[DATASET_KEY[message.kind]] as unknown[]);
  else if (message.type === 'rows') (dataset[DATASET_KEY[message.kind]] as unknown[]).push(...message.rows);
}

/**
 * Reads a case back into the engine's in-memory form. Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 * Imports come in the order they were committed, each in file order.
 *
 * In the app the chunks are read by a worker (caseLoad.worker.ts) and arrive
 * as small slices, each its own task, so a million-row case loads without
 * blocking the UI thread; where there are no workers (tests) they are read inline.
 */
export async function loadCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const dataset = emptyDataset();
  if (typeof Worker === 'undefined' || typeof window === 'undefined') {
    await walkCaseChunks(db, caseId, (message) => append(dataset, message));
    return dataset;
  }
  const worker = new Worker(new URL('./caseLoad.worker.ts', import.meta.url), { type: 'module', name: 'caudal-case-load' });
  try {
    await new Promise<void>((resolve, reject) => {
      const send = (request: CaseLoadRequest) => worker.postMessage(request);
      worker.onmessage = (event: MessageEvent<CaseLoadMessage>) => {
        const message = event.data;
        if (message.type === 'done') resolve();
        else if (message.type === 'error') reject(new Error(`Could not read case ${caseId}: ${message.message}`));
        else if (message.type === 'chunk-end') send({ type: 'next' });
        else append(dataset, message);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`Could not read case ${caseId}: ${event.message || 'the load worker stopped'}`));
      };
      send({ type: 'load', databaseName: db.name, caseId });
    });
  } finally {
    worker.terminate();
  }
  return dataset;
}
