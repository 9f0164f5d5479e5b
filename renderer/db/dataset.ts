import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import type { CaudalDatabase } from './schema';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

/**
 * Reads a case back into the engine's in-memory form. Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 */
export async function loadCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const dataset = emptyDataset();
  await db.transaction('r', db.imports, db.chunks, async () => {
    const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).primaryKeys();
    const committedIds = new Set(committed);
    for (const kind of Object.keys(DATASET_KEY) as RecordKind[]) {
      const chunks = await db.chunks.where('[caseId+kind]').equals([caseId, kind]).toArray();
      chunks.sort((a, b) => (a.importId === b.importId ? a.index - b.index : a.importId < b.importId ? -1 : 1));
      const target = dataset[DATASET_KEY[kind]] as unknown[];
      for (const chunk of chunks) {
        if (!committedIds.has(chunk.importId)) continue;
        for (const row of chunk.rows) target.push(row);
      }
    }
  });
  return dataset;
}
