import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import { unpackRowsInto } from './packedRows';
import type { ChunkRow, CaudalDatabase } from './schema';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

/** Rows rebuilt per slice before the UI thread gets a turn: ~10 ms of work, far below a 100 ms block. */
const ROWS_PER_SLICE = 4000;

function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function appendChunk(dataset: CaseDataset, chunk: ChunkRow): Promise<void> {
  const target = dataset[DATASET_KEY[chunk.kind]] as unknown[];
  if (chunk.packed) {
    for (let from = 0; from < chunk.packed.length; from += ROWS_PER_SLICE) {
      unpackRowsInto(chunk.packed, target, from, Math.min(chunk.packed.length, from + ROWS_PER_SLICE));
      await yieldToUi();
    }
  } else {
    for (const row of chunk.rows ?? []) target.push(row);
  }
}

/**
 * Reads a case back into the engine's in-memory form. Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 *
 * A million-row case must not freeze the window while it loads, so chunks are
 * fetched one at a time (the browser deserialises one chunk per task) and
 * rebuilt in slices with a yield to the UI thread in between. Committed
 * imports never change, so reading outside one long transaction is safe.
 * Imports come in the order they were committed, each in file order.
 */
export async function loadCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const dataset = emptyDataset();
  const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  committed.sort((a, b) => a.file.importedAt - b.file.importedAt || (a.id < b.id ? -1 : 1));
  for (const entry of committed) {
    const keys = await db.chunks.where('importId').equals(entry.id).primaryKeys();
    let expected = 0;
    const outOfOrder: ChunkRow[] = [];
    for (const key of keys) {
      const chunk = await db.chunks.get(key);
      if (!chunk) continue;
      // Chunks are appended in file order, so primary-key order normally is file order.
      if (chunk.index === expected && outOfOrder.length === 0) {
        await appendChunk(dataset, chunk);
        expected += 1;
      } else {
        outOfOrder.push(chunk);
      }
    }
    outOfOrder.sort((a, b) => a.index - b.index);
    for (const chunk of outOfOrder) await appendChunk(dataset, chunk);
  }
  return dataset;
}
