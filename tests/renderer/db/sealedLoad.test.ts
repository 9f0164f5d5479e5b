// fake-indexeddb must be installed before Dexie loads (custodyFixtures does it first).
import { custodyDatabases } from './custodyFixtures';
import { describe, expect, it, beforeEach } from 'vitest';
import type { Transaction } from '../../../shared/model';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { FileDictionaries, unpackRowsInto, type PackedRows } from '../../../renderer/db/packedRows';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { engineRecords, enrolledCase, importCommitted, useGeneratedExport } from './sealedImport';

/*
 * Opening a sealed chunk decrypts it into a block of its own; once decoded (every value copied
 * out), the block is freed at once (ArrayBuffer transfer(0)) instead of staying resident until
 * the next full collection: ≈ 70 MB per million rows during a case load (issue 10, round 6).
 */

const november = useGeneratedExport('noviembre.csv', 12_345, 5);

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
    caseId = await enrolledCase(db, 'T-10');
  });

  it('reads back exactly the engine\'s records, frees one block per chunk, and leaves the stored ciphertext readable', async () => {
    const importId = await importCommitted(db, caseId, november());
    const expected = await engineRecords(november());

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
    const chunks = await db.chunks.where('importId').equals(importId).sortBy('index');
    // Account numbers are coded against the import's dictionaries (format 3): the chunks are read in order.
    const dictionaries = new FileDictionaries();
    const reread: unknown[] = [];
    for (const chunk of chunks) {
      const packed = chunk.packed as PackedRows;
      dictionaries.absorb(packed);
      unpackRowsInto(packed, reread, 0, packed.length, undefined, dictionaries);
    }
    expect(chunks.some((chunk) => chunk.packed?.fileCoded?.some(Boolean))).toBe(true);
    expect(reread).toEqual(expected);
  });
});
