import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv, recordsOfColumns, type RecordColumns } from '../../../shared/import';
import { loadRawCaseDataset, preloadImport } from '../../../renderer/db/dataset';
import { FileCodes, packColumns, type PackedRows } from '../../../renderer/db/packedRows';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { FIXED_SPEC, prng } from '../../shared/import/fuzzCorpus';
import { sourceFile, useFreshDatabase } from './helpers';

/*
 * Issue 10, round 8: the page reads a pending import's chunks while the worker still writes them,
 * so the case load after the commit only reads the last ones. The rows must come out exactly as a
 * load of the finished import gives them, whatever order the chunks land in and whenever the page looks.
 */

const SHA = 'e'.repeat(64);
const IMPORT_ID = `C1:${SHA}`;

function bankCsv(rows: number): Uint8Array {
  const random = prng(11);
  const lines = ['Nro. Operación;Fecha;Monto;Moneda;Cuenta Origen;Cuenta Destino;Ordenante;Canal'];
  for (let index = 0; index < rows; index += 1) {
    lines.push(`REF-${index};${String(1 + random.int(28)).padStart(2, '0')}/03/2025;${random.int(100_000)},50;${random.pick(['COP', 'USD'])};00${1000 + random.int(400)};00${1000 + random.int(400)};Ana ${random.int(5)};EFECTIVO`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

/** A file packed as the import worker packs it (file-wide dictionaries: chunk k needs the values chunks before it added). */
async function packedChunks(rows: number, batchSize: number): Promise<{ chunks: PackedRows[]; records: unknown[] }> {
  const batches: RecordColumns<'transaction'>[] = [];
  await importCsv<'transaction'>(bytesSource('bank.csv', bankCsv(rows), 7), { spec: { ...FIXED_SPEC, delimiter: ';', skipLines: 0 }, sha256: SHA, batchSize, onColumns: (columns) => void batches.push(columns) });
  const fileCodes = new FileCodes();
  return { chunks: batches.map((batch) => structuredClone(packColumns(batch, fileCodes))), records: batches.flatMap((batch) => recordsOfColumns(batch)) };
}

async function writeChunks(db: CaudalDatabase, chunks: PackedRows[], indexes: number[]): Promise<void> {
  for (const index of indexes) await db.chunks.add({ caseId: 'C1', importId: IMPORT_ID, kind: 'transaction', index, packed: chunks[index] as PackedRows });
}

async function beginPending(db: CaudalDatabase): Promise<void> {
  await db.imports.put({ id: IMPORT_ID, caseId: 'C1', status: 'pending', file: sourceFile(SHA, { importedAt: 1 }), quarantine: [] });
}

const commit = (db: CaudalDatabase) => db.imports.update(IMPORT_ID, { status: 'committed' });

describe('reading a pending import while it is written (preloadImport)', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('gives exactly the rows of a plain load when chunks land out of order between the passes', async () => {
    const { chunks, records } = await packedChunks(3_000, 250);
    expect(chunks.length).toBe(12);
    await beginPending(db);
    const preload = preloadImport(db, IMPORT_ID);
    // The writer worker stores chunks as it finishes them: later numbers can land before earlier ones.
    await writeChunks(db, chunks, [0, 2, 3]);
    await preload.advance();
    await writeChunks(db, chunks, [1, 5, 4]);
    await preload.advance();
    await preload.advance(); // nothing new: nothing read twice
    await writeChunks(db, chunks, [7, 6, 8, 11, 9, 10]);
    await commit(db);
    const loaded = await loadRawCaseDataset(db, 'C1');
    preload.release(); // what the import screen does after the load: must not touch the case
    expect(loaded.transactions).toEqual(records);
    expect(loaded.transactions).toHaveLength(3_000);
  });

  it('is what the load after the commit uses: chunks it already read are not read again', async () => {
    const { chunks, records } = await packedChunks(2_000, 250);
    await beginPending(db);
    const preload = preloadImport(db, IMPORT_ID);
    await writeChunks(db, chunks, [0, 1, 2, 3]);
    await preload.advance();
    await writeChunks(db, chunks, [4, 5, 6, 7]);
    await commit(db);
    // Proof by removal: the first four chunks are gone from the store, yet their rows are in the case.
    for (const row of await db.chunks.where('importId').equals(IMPORT_ID).toArray()) if (row.index < 4) await db.chunks.delete(row.id as number);
    expect(await db.chunks.where('importId').equals(IMPORT_ID).count()).toBe(4);
    expect((await loadRawCaseDataset(db, 'C1')).transactions).toEqual(records);
    preload.release();
  });

  it('is dropped once released (discarded import), and never used for another import', async () => {
    const { chunks, records } = await packedChunks(1_000, 250);
    await beginPending(db);
    const preload = preloadImport(db, IMPORT_ID);
    await writeChunks(db, chunks, [0, 1]);
    await preload.advance();
    preload.release();
    await preload.advance(); // a late progress message after the release reads nothing
    await writeChunks(db, chunks, [2, 3]);
    await commit(db);
    // A released preload is not used: the load reads every stored chunk itself.
    expect((await loadRawCaseDataset(db, 'C1')).transactions).toEqual(records);

    // A preload of another import id is never taken for this one.
    const other = await freshCase(db);
    const stray = preloadImport(db, 'C2:not-this-one');
    await stray.advance();
    expect((await loadRawCaseDataset(db, other.caseId)).transactions).toEqual(other.records);
    stray.release();
  });

  it('reads a chunk that fails to decode as a clear error at the commit load, not as missing rows', async () => {
    const { chunks } = await packedChunks(1_000, 250);
    await beginPending(db);
    const preload = preloadImport(db, IMPORT_ID);
    // Chunk 1 never arrives: chunk 2 needs the accounts chunk 1 added to the file dictionaries.
    await writeChunks(db, chunks, [0, 2, 3]);
    await preload.advance();
    await commit(db);
    await expect(loadRawCaseDataset(db, 'C1')).rejects.toThrow(/dictionary continues at/);
    preload.release();
  });
});

async function freshCase(db: CaudalDatabase): Promise<{ caseId: string; records: unknown[] }> {
  const sha = 'f'.repeat(64);
  const { chunks, records } = await packedChunks(600, 200);
  await db.imports.put({ id: `C2:${sha}`, caseId: 'C2', status: 'committed', file: sourceFile(sha, { importedAt: 2 }), quarantine: [] });
  for (const [index, packed] of chunks.entries()) await db.chunks.add({ caseId: 'C2', importId: `C2:${sha}`, kind: 'transaction', index, packed });
  return { caseId: 'C2', records };
}
