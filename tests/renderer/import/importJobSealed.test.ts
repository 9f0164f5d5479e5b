// fake-indexeddb must be installed before Dexie loads (custodyFixtures does it first).
import { custodyDatabases, rawPut, rawRows } from '../db/custodyFixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { SEALED_FIELD } from '../../../renderer/db/sealing';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { engineRecords, enrolledCase, importCommitted, useGeneratedExport } from '../db/sealedImport';

/*
 * The import worker seals each chunk itself before handing it to the writer
 * (issue 10, round 4): the stored row must be exactly what the sealing
 * middleware makes (only the indexed fields in clear, the additional data
 * binding it to its case and import), and read back as the records the
 * engine produced.
 */

const october = useGeneratedExport('octubre.csv', 12_345, 3);

describe('chunks sealed by the import worker', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    db = database();
    caseId = await enrolledCase(db, 'T-9');
  });

  const importAndCommit = () => importCommitted(db, caseId, october());

  it('stores ciphertext only, and reads back exactly the records the engine makes of the file', async () => {
    const importId = await importAndCommit();
    const stored = await rawRows(db, 'chunks');
    expect(stored).toHaveLength(3); // 12,345 rows in chunks of 5,000
    for (const row of stored) {
      expect(Object.keys(row).sort()).toEqual([SEALED_FIELD, 'caseId', 'id', 'importId', 'kind'].sort());
      expect(row.importId).toBe(importId);
    }
    const everything = JSON.stringify(stored, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value));
    expect(everything).not.toContain('TX00000001');

    const expected = await engineRecords(october());
    const { transactions } = await loadRawCaseDataset(db, caseId);
    expect(transactions).toHaveLength(12_345);
    expect(transactions).toEqual(expected);
  });

  it('a sealed chunk moved to another import does not open', async () => {
    await importAndCommit();
    const [first] = await rawRows(db, 'chunks');
    await rawPut(db, 'chunks', { ...first, importId: 'another-import' });
    await expect(db.chunks.get(first!.id as number)).rejects.toThrow(/cannot be opened/);
  });
});
