import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import type { ChunkRow, CaudalDatabase } from './schema';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

/**
 * Reads a case back into the engine's in-memory form. Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 *
 * Chunks are read through a cursor, one chunk per IndexedDB event, so the
 * browser deserialises one chunk (≤ CHUNK_ROWS rows) per task and the UI
 * thread is never blocked for the whole case at once. Imports come in the
 * order they were committed, and each import's chunks in file order.
 */
export async function loadCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const dataset = emptyDataset();
  await db.transaction('r', db.imports, db.chunks, async () => {
    const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
    committed.sort((a, b) => a.file.importedAt - b.file.importedAt || (a.id < b.id ? -1 : 1));
    for (const entry of committed) {
      let expected = 0;
      const outOfOrder: ChunkRow[] = [];
      await db.chunks.where('importId').equals(entry.id).each((chunk) => {
        // Chunks are appended in file order, so the cursor (by primary key) normally yields them in order.
        if (chunk.index === expected && outOfOrder.length === 0) {
          append(dataset, chunk);
          expected += 1;
        } else {
          outOfOrder.push(chunk);
        }
      });
      outOfOrder.sort((a, b) => a.index - b.index);
      for (const chunk of outOfOrder) append(dataset, chunk);
    }
  });
  return dataset;
}

function append(dataset: CaseDataset, chunk: ChunkRow): void {
  const target = dataset[DATASET_KEY[chunk.kind]] as unknown[];
  for (const row of chunk.rows) target.push(row);
}
