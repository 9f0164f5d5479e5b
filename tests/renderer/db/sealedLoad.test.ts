// fake-indexeddb must be installed before Dexie loads (custodyFixtures does it first).
import { custodyDatabases } from './custodyFixtures';
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
import { unpackRows, type PackedRows } from '../../../renderer/db/packedRows';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { runImportJob } from '../../../renderer/workers/importJob';

/*
 * Opening a sealed chunk decrypts it into a block of its own; once decoded (every value copied
 * out), the block is freed at once (ArrayBuffer transfer(0)) instead of staying resident until
 * the next full collection: ≈ 70 MB per million rows during a case load (issue 10, round 6).
 */

let scratch: string;
let csv: Uint8Array;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caudal-sealed-load-'));
  await writeTransactionsCsv(join(scratch, 'noviembre.csv'), 12_345, 5);
  csv = readFileSync(join(scratch, 'noviembre.csv'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Transfer = (this: ArrayBuffer, length?: number) => ArrayBuffer;

/** Records every block transfer() is called on; Node 20 has no transfer, so the spy detaches as the real one does. */
function spyOnTransfer(): { released: ArrayBuffer[]; restore(): void } {
  const released: ArrayBuffer[] = [];
  const native = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'transfer');
  Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
    configurable: true,
    writable: true,
    value: function transfer(this: ArrayBuffer, length?: number): ArrayBuffer {
      released.push(this);
      if (native) return (native.value as Transfer).call(this, length);
      structuredClone(this, { transfer: [this] });
      return new ArrayBuffer(0);
    },
  });
  return {
    released,
    restore: () => {
      if (native) Object.defineProperty(ArrayBuffer.prototype, 'transfer', native);
      else delete (ArrayBuffer.prototype as ArrayBuffer & { transfer?: Transfer }).transfer;
    },
  };
}

describe('a sealed case load frees each decrypted block once it is decoded', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    db = database();
    await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: 1_000 }, null);
    caseId = (await createCase(db, { number: 'T-10', name: 'Liberar', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
  });

  it('reads back exactly the engine\'s records, frees one block per chunk, and leaves the stored ciphertext readable', async () => {
    const spec = suggestMapping('transaction', sniffCsv(csv.subarray(0, 64 * 1024)), 'Banco Andino').spec;
    const result = await runImportJob(
      db,
      { caseId, kind: 'transaction', blob: new Blob([csv as Uint8Array<ArrayBuffer>]), name: 'noviembre.csv', size: csv.byteLength, spec, mappingName: spec.name },
      { signal: new AbortController().signal, progress: () => undefined },
    );
    if (result.status !== 'staged') throw new Error('not staged');
    await commitImport(db, result.importId);
    const expected: Transaction[] = [];
    const source = bytesSource('noviembre.csv', csv);
    await importCsv<'transaction'>(source, { spec, sha256: await hashSource(source), onBatch: (batch) => void expected.push(...batch) });

    const spy = spyOnTransfer();
    let transactions: Transaction[];
    try {
      ({ transactions } = await loadRawCaseDataset(db, caseId));
    } finally {
      spy.restore();
    }
    expect(transactions).toEqual(expected);
    // Three chunks of up to 5,000 rows (and the sealed import row read first): one decrypted block each, each now empty.
    expect(spy.released.length).toBeGreaterThanOrEqual(3);
    for (const block of spy.released) expect(block.byteLength).toBe(0);
    // The stored rows are untouched: read again through the sealing layer, they open and decode.
    const chunks = await db.chunks.where('importId').equals(result.importId).sortBy('index');
    expect(chunks.flatMap((chunk) => unpackRows(chunk.packed as PackedRows))).toEqual(expected);
  });
});
