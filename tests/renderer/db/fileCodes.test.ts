import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv, ImportError, recordsOfColumns, type MappingSpec, type RecordColumns } from '../../../shared/import';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { FileCodes, FileDictionaries, packColumns, packedColumnValues, unpackRows, unpackRowsInto, type PackedRows } from '../../../renderer/db/packedRows';
import { useFreshDatabase, sourceFile } from './helpers';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { baseCsv, corrupt, encode, FIXED_SPEC, prng } from '../../shared/import/fuzzCorpus';

/*
 * Issue 10, chunk format 3: columns a chunk cannot code on its own (account numbers) are coded
 * against one dictionary per field for the whole import, each chunk carrying the values it adds.
 * Read back in chunk order, every row is exactly the engine's record.
 */

const SHA = 'd'.repeat(64);

async function columnBatches(bytes: Uint8Array, spec: MappingSpec, batchSize: number): Promise<RecordColumns<'transaction'>[]> {
  const batches: RecordColumns<'transaction'>[] = [];
  await importCsv<'transaction'>(bytesSource('transactions.csv', bytes, 13), { spec, sha256: SHA, batchSize, onColumns: (columns) => void batches.push(columns) });
  return batches;
}

/** Packs the batches as the import worker does (one FileCodes per file, in order), through a structured clone (the stored form). */
function packFile(batches: RecordColumns[]): PackedRows[] {
  const fileCodes = new FileCodes();
  return batches.map((batch) => structuredClone(packColumns(batch, fileCodes)));
}

function readInOrder(chunks: PackedRows[]): unknown[] {
  const dictionaries = new FileDictionaries();
  const rows: unknown[] = [];
  for (const packed of chunks) {
    dictionaries.absorb(packed);
    unpackRowsInto(packed, rows, 0, packed.length, undefined, dictionaries);
  }
  return rows;
}

/** A bank-es-like file: 50 accounts on both sides, unique references, few currencies. */
function bankCsv(rows: number, accounts = 50): Uint8Array {
  const random = prng(7);
  const lines = ['Nro. Operación;Fecha;Monto;Moneda;Cuenta Origen;Cuenta Destino;Ordenante;Canal'];
  for (let index = 0; index < rows; index += 1) {
    lines.push(`REF-${index};${String(1 + random.int(28)).padStart(2, '0')}/03/2025;${random.int(100_000)},50;${random.pick(['COP', 'USD'])};00${1000 + random.int(accounts)};00${1000 + random.int(accounts)};Ana ${random.int(5)};EFECTIVO`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

describe('chunk format 3: file-wide dictionaries', () => {
  it('rebuilds exactly the engine records of 300 seeded corrupted bank exports, at every batch size', async () => {
    const random = prng(90210);
    let codedChunks = 0;
    for (let caseIndex = 0; caseIndex < 300; caseIndex++) {
      const delimiter = random.pick([';', ',', '\t', '|']);
      const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
      let batches: RecordColumns<'transaction'>[];
      try {
        batches = await columnBatches(bytes, FIXED_SPEC, 1 + random.int(12));
      } catch (error) {
        if (error instanceof ImportError) continue;
        throw error;
      }
      const chunks = packFile(batches);
      codedChunks += chunks.filter((chunk) => chunk.fileCoded?.some(Boolean)).length;
      expect(readInOrder(chunks)).toEqual(batches.flatMap((batch) => recordsOfColumns(batch)));
    }
    // Small batches cannot code their account columns themselves: the file's dictionaries did.
    expect(codedChunks).toBeGreaterThan(300);
  });

  it('codes repeated accounts across a whole file, once per distinct value, and never the record ids', async () => {
    const batches = await columnBatches(bankCsv(30_000, 2_000), { ...FIXED_SPEC, delimiter: ';', skipLines: 0 }, 5_000);
    const chunks = packFile(batches);
    expect(chunks).toHaveLength(6);
    const column = (chunk: PackedRows, key: string) => chunk.keys.indexOf(key);
    for (const chunk of chunks) {
      expect(chunk.fileCoded?.[column(chunk, 'fromAccount')]).toBeTruthy();
      expect(chunk.fileCoded?.[column(chunk, 'toAccount')]).toBeTruthy();
      expect(chunk.fileCoded?.[column(chunk, 'id')] ?? null).toBeNull();
      expect(chunk.columns[column(chunk, 'fromAccount')]).toBeInstanceOf(Uint16Array);
    }
    // Every distinct account is added once, by the first chunk that has it.
    const added = chunks.flatMap((chunk) => chunk.fileCoded?.[column(chunk, 'fromAccount')]?.added ?? []);
    const records = batches.flatMap((batch) => recordsOfColumns(batch)) as { fromAccount?: string }[];
    expect(added.length).toBe(new Set(records.map((record) => record.fromAccount)).size);
    expect(added.length).toBe(new Set(added).size);
    expect(readInOrder(chunks)).toEqual(records);
  });

  it('stops coding a field whose values turn out unique (a free-text reference mapped as a name) after the trial', async () => {
    const spec: MappingSpec = { ...FIXED_SPEC, delimiter: ';', skipLines: 0, fields: { ...FIXED_SPEC.fields, fromPartyName: { column: 'Nro. Operación' } } };
    const batches = await columnBatches(bankCsv(40_000), spec, 5_000);
    const chunks = packFile(batches);
    const coded = chunks.map((chunk) => Boolean(chunk.fileCoded?.[chunk.keys.indexOf('fromPartyName')]));
    expect(coded.slice(0, 4)).toEqual([true, true, true, true]);
    expect(coded.slice(4)).toEqual([false, false, false, false]);
    expect(readInOrder(chunks)).toEqual(batches.flatMap((batch) => recordsOfColumns(batch)));
  });

  it('refuses to read a file-coded chunk without its import dictionaries or out of order, with a clear error', async () => {
    const chunks = packFile(await columnBatches(bankCsv(12), { ...FIXED_SPEC, delimiter: ';', skipLines: 0 }, 4));
    expect(() => unpackRows(chunks[1] as PackedRows)).toThrow(/coded against its import's dictionary/);
    expect(() => packedColumnValues(chunks[1] as PackedRows, 'fromAccount')).toThrow(/coded against its import's dictionary/);
    expect(packedColumnValues(chunks[1] as PackedRows, 'id')).toHaveLength(4);
    const dictionaries = new FileDictionaries();
    dictionaries.absorb(chunks[0] as PackedRows);
    expect(() => dictionaries.absorb(chunks[2] as PackedRows)).toThrow(/missing or out of order/);
  });

  it('keeps apart digit strings that differ only in leading zeros or length, and strings past the digit path', () => {
    const fileCodes = new FileCodes();
    const values: (string | undefined)[] = [];
    const random = prng(11);
    // 12,000 distinct forms (the table grows several times), each seen again later, mixed with non-digits, long numbers and gaps.
    for (let index = 0; index < 6_000; index += 1) values.push(String(index), `0${index}`);
    values.push('99999999999999', '999999999999999', '0999999999999999', '12345678901234567890', 'C-1', '', ' 7', '7 ', '٣', undefined);
    for (let index = 0; index < 20_000; index += 1) values.push(values[random.int(values.length)]);
    const chunks: PackedRows[] = [];
    const batch = 4_000;
    for (let start = 0; start < values.length; start += batch) {
      const slice = values.slice(start, start + batch);
      const coded = fileCodes.encode('fromAccount', slice);
      if (!coded) throw new Error('the field stopped being coded');
      chunks.push({ format: 'columns/3', length: slice.length, keys: ['fromAccount'], columns: [coded.codes], dictionaries: [null], fileCoded: [{ base: coded.base, added: coded.added }] });
    }
    const read = readInOrder(chunks) as { fromAccount?: string }[];
    expect(read.map((row) => row.fromAccount)).toEqual(values);
    const added = chunks.flatMap((chunk) => chunk.fileCoded?.[0]?.added ?? []);
    expect(added.length).toBe(new Set(values).size);
  });

  describe('loadRawCaseDataset', () => {
    let db: CaudalDatabase;
    useFreshDatabase((fresh) => (db = fresh));

    it('reads an import whose chunks were stored in another order than their numbers (the writer worker finishes them as it can)', async () => {
      const batches = await columnBatches(bankCsv(50), { ...FIXED_SPEC, delimiter: ';', skipLines: 0 }, 7);
      const chunks = packFile(batches);
      await db.imports.put({ id: `C1:${SHA}`, caseId: 'C1', status: 'committed', file: sourceFile(SHA, { importedAt: 1 }), quarantine: [] });
      const order = [3, 0, 6, 1, 5, 2, 4, 7];
      for (const index of order) await db.chunks.add({ caseId: 'C1', importId: `C1:${SHA}`, kind: 'transaction', index, packed: chunks[index] as PackedRows });
      expect((await loadRawCaseDataset(db, 'C1')).transactions).toEqual(batches.flatMap((batch) => recordsOfColumns(batch)));
    });
  });
});
