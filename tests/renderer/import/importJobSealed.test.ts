// fake-indexeddb must be installed before Dexie loads (custodyFixtures does it first).
import { custodyDatabases, rawPut, rawRows } from '../db/custodyFixtures';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytesSource, hashSource, importCsv, sniffCsv, suggestMapping } from '../../../shared/import';
import type { Transaction } from '../../../shared/model';
import { writeTransactionsCsv } from '../../../bench/import';
import { enrollAnalyst } from '../../../renderer/db/analysts';
import { createCase } from '../../../renderer/db/cases';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { commitImport } from '../../../renderer/db/imports';
import { SEALED_FIELD } from '../../../renderer/db/sealing';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { runImportJob } from '../../../renderer/workers/importJob';

/*
 * The import worker seals each chunk itself before handing it to the writer
 * (issue 10, round 4): the stored row must be exactly what the sealing
 * middleware makes (only the indexed fields in clear, the additional data
 * binding it to its case and import), and read back as the records the
 * engine produced.
 */

let scratch: string;
let csv: Uint8Array;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caudal-import-sealed-'));
  await writeTransactionsCsv(join(scratch, 'octubre.csv'), 12_345, 3);
  csv = readFileSync(join(scratch, 'octubre.csv'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('chunks sealed by the import worker', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    db = database();
    await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: 1_000 }, null);
    caseId = (await createCase(db, { number: 'T-9', name: 'Sellado', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
  });

  async function importAndCommit(): Promise<string> {
    const spec = suggestMapping('transaction', sniffCsv(csv.subarray(0, 64 * 1024)), 'Banco Andino').spec;
    const result = await runImportJob(
      db,
      { caseId, kind: 'transaction', blob: new Blob([csv as Uint8Array<ArrayBuffer>]), name: 'octubre.csv', size: csv.byteLength, spec, mappingName: spec.name },
      { signal: new AbortController().signal, progress: () => undefined },
    );
    if (result.status !== 'staged') throw new Error('not staged');
    await commitImport(db, result.importId);
    return result.importId;
  }

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

    const expected: Transaction[] = [];
    const source = bytesSource('octubre.csv', csv);
    const spec = suggestMapping('transaction', sniffCsv(csv.subarray(0, 64 * 1024)), 'Banco Andino').spec;
    await importCsv<'transaction'>(source, { spec, sha256: await hashSource(source), onBatch: (batch) => void expected.push(...batch) });
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
