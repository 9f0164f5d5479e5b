import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import { unpackRowsInto } from './packedRows';
import type { ChunkRow, CaudalDatabase } from './schema';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function append(dataset: CaseDataset, chunk: ChunkRow): void {
  const target = dataset[DATASET_KEY[chunk.kind]] as unknown[];
  if (chunk.packed) unpackRowsInto(chunk.packed, target);
  else for (const row of chunk.rows ?? []) target.push(row);
}

/**
 * Reads a case back into the engine's in-memory form. Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 * Imports come in the order they were committed, each in file order.
 *
 * A million-row case must load without freezing the window: chunks are small
 * (CHUNK_ROWS) and packed by column, each is fetched on its own (the browser
 * deserialises it in one task), rebuilt, and the UI thread gets a turn before
 * the next. Committed imports never change, so reading outside one long
 * transaction is safe. (A load worker was tried: the page must deserialise
 * the same bytes anyway, so it only added a second copy and made it slower.)
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
        append(dataset, chunk);
        expected += 1;
      } else {
        outOfOrder.push(chunk);
      }
      await yieldToUi();
    }
    outOfOrder.sort((a, b) => a.index - b.index);
    for (const chunk of outOfOrder) append(dataset, chunk);
  }
  return dataset;
}
