import { describe, expect, it } from 'vitest';
import { bytesSource, CodedColumn, columnValue, importCsv, ImportError, type MappingSpec, type RecordColumns } from '../../../shared/import';
import type { RecordKind } from '../../../shared/model';
import { encodeSealable } from '../../../shared/audit/sealCodec';
import { FileCodes, packColumns } from '../../../renderer/db/packedRows';
import { baseCsv, corrupt, encode, FIXED_SPEC, prng } from '../../shared/import/fuzzCorpus';

/*
 * Issue 10, round 10: the engine codes a batch's repeated strings as it writes each row
 * (shared/import/columns.ts CodedColumn) instead of holding every cell until the chunk is packed.
 * What is stored must not change: the chunk packed from the coded batch is, byte for byte once
 * encoded as sealing encodes it, the chunk packed from the same batch written as plain values (what
 * ColumnWriter wrote before: absent rows as holes), with the file-wide dictionaries (format 3) grown
 * by the same chunks in the same order.
 */

const SHA = 'e'.repeat(64);

async function columnBatches<K extends RecordKind>(kind: K, bytes: Uint8Array, spec: MappingSpec, batchSize: number): Promise<RecordColumns<K>[]> {
  const batches: RecordColumns<K>[] = [];
  await importCsv<K>(bytesSource(`${kind}.csv`, bytes, 13), { spec, sha256: SHA, batchSize, onColumns: (columns) => void batches.push(columns) });
  return batches;
}

/** The batch as the writer made it before coding: every column plain, rebuilt value by value (absent rows left as holes). */
function plainBatch<K extends RecordKind>(batch: RecordColumns<K>): RecordColumns<K> {
  const columns = batch.columns.map((column, slot) => {
    if (!(column instanceof CodedColumn)) return column;
    const values = new Array<unknown>(batch.length);
    for (let row = 0; row < batch.length; row++) {
      const value = columnValue(batch, slot, row);
      if (value !== undefined) values[row] = value;
    }
    return values;
  });
  return { ...batch, columns };
}

/** Packs the file's batches both ways, each with its own file dictionaries; returns how many columns the coded side kept coded. */
function expectSameStoredChunks(batches: RecordColumns[]): number {
  const codedFile = new FileCodes();
  const plainFile = new FileCodes();
  let codedColumns = 0;
  for (const [index, batch] of batches.entries()) {
    codedColumns += batch.columns.filter((column) => column instanceof CodedColumn).length;
    const plain = plainBatch(batch);
    const fromCoded = encodeSealable({ index, packed: packColumns(batch, codedFile) });
    const fromPlain = encodeSealable({ index, packed: packColumns(plain, plainFile) });
    expect(Buffer.from(fromCoded).equals(Buffer.from(fromPlain))).toBe(true);
  }
  return codedColumns;
}

function text(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\n'));
}

const SPEC_WITH_GAPS: MappingSpec = {
  ...FIXED_SPEC,
  fields: { ...FIXED_SPEC.fields, description: { column: 'Detalle' }, toCountry: { column: 'País' } },
};
const HEADER = 'Nro. Operación;Fecha;Monto;Moneda;Cuenta Origen;Cuenta Destino;Ordenante;Canal;Detalle;País';

describe('coding a batch as it is written stores exactly the chunk the plain batch made', () => {
  it('holds for 300 seeded corrupted bank exports at batch sizes that code (8–400 rows)', async () => {
    const random = prng(31337);
    let coded = 0;
    let files = 0;
    for (let caseIndex = 0; caseIndex < 300; caseIndex++) {
      const delimiter = random.pick([';', ',', '\t', '|']);
      const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
      let batches: RecordColumns<'transaction'>[];
      try {
        batches = await columnBatches('transaction', bytes, FIXED_SPEC, 8 + random.int(393));
      } catch (error) {
        if (error instanceof ImportError) continue;
        throw error;
      }
      coded += expectSameStoredChunks(batches);
      files += 1;
    }
    expect(files).toBeGreaterThan(100);
    expect(coded).toBeGreaterThan(300);
  });

  it('absent after the first row, in the middle and at the end of a batch, and a field only the last row has', async () => {
    const lines = [HEADER];
    for (let row = 0; row < 40; row++) {
      const description = (row > 0 && row < 5) || (row > 17 && row < 22) || row > 35 ? '' : `Pago ${row % 3}`;
      const country = row === 39 ? 'CO' : '';
      lines.push(`A${String(row).padStart(3, '0')};01/02/2025;${row + 1},00;COP;C${row % 4};C${row % 5};;;${description};${country}`);
    }
    const batches = await columnBatches('transaction', text(lines), SPEC_WITH_GAPS, 40);
    expect(batches).toHaveLength(1);
    const batch = batches[0] as RecordColumns;
    const description = batch.columns[batch.fields.indexOf('description')];
    expect(description).toBeInstanceOf(CodedColumn);
    // Absent second, where encodeColumn meets it.
    expect((description as CodedColumn).dictionary.slice(0, 2)).toEqual(['Pago 0', undefined]);
    expect(expectSameStoredChunks(batches)).toBeGreaterThan(0);
  });

  it('a dictionary exactly at the chunk limit stays coded, one more value turns the column plain, and a short last batch is judged on its own length', async () => {
    // 80 rows a batch: a chunk codes up to 10 distinct values. Batch 1: 10 descriptions; batch 2: 11; batch 3 (16 rows): 3 > 2.
    const lines = [HEADER];
    const descriptions = (batch: number, row: number) => (batch === 0 ? row % 10 : batch === 1 ? row % 11 : row % 3);
    let id = 0;
    for (const [batch, rows] of [
      [0, 80],
      [1, 80],
      [2, 16],
    ] as const) {
      for (let row = 0; row < rows; row++) lines.push(`R${String(id++).padStart(4, '0')};01/02/2025;1,00;COP;C1;C2;;;K${descriptions(batch, row)};`);
    }
    const batches = await columnBatches('transaction', text(lines), SPEC_WITH_GAPS, 80);
    expect(batches.map((batch) => batch.length)).toEqual([80, 80, 16]);
    const descriptionSlot = (batches[0] as RecordColumns).fields.indexOf('description');
    expect(batches[0]?.columns[descriptionSlot]).toBeInstanceOf(CodedColumn);
    expect(Array.isArray(batches[1]?.columns[descriptionSlot])).toBe(true);
    expectSameStoredChunks(batches);
    const packed = packColumns(batches[0] as RecordColumns);
    expect(packed.dictionaries?.[packed.keys.indexOf('description')]).toHaveLength(10);
  });

  it('a short last batch whose coded column has more values than its length allows is stored plainly, as before', async () => {
    const lines = [HEADER];
    for (let row = 0; row < 96; row++) lines.push(`R${String(row).padStart(4, '0')};01/02/2025;1,00;COP;C1;C2;;;K${row < 80 ? row % 2 : row % 5};`);
    const batches = await columnBatches('transaction', text(lines), SPEC_WITH_GAPS, 80);
    const last = batches[1] as RecordColumns;
    const slot = last.fields.indexOf('description');
    expect(last.columns[slot]).toBeInstanceOf(CodedColumn);
    const packed = packColumns(last);
    expect(packed.dictionaries?.[packed.keys.indexOf('description')]).toBeNull();
    expectSameStoredChunks(batches);
  });

  it('values that are not strings (a party’s PEP flag) are written plainly, and account numbers that repeat across the file still go to its dictionary', async () => {
    const spec: MappingSpec = { ...FIXED_SPEC, kind: 'party', name: 'party', fields: { id: { column: 'id' }, name: { column: 'nombre' }, kind: { column: 'tipo' }, pep: { column: 'pep' }, nationality: { column: 'pais' } } };
    const lines = ['id;nombre;tipo;pep;pais'];
    for (let row = 0; row < 200; row++) lines.push(`P${String(row).padStart(4, '0')};Nombre ${row % 7};${row % 2 ? 'persona' : 'empresa'};${row % 3 ? 'sí' : 'no'};${row % 9 ? 'CO' : ''}`);
    const batches = await columnBatches('party', text(lines), spec, 64);
    const pepSlot = (batches[0] as RecordColumns).fields.indexOf('pep');
    expect(batches[0]?.columns[pepSlot]).not.toBeInstanceOf(CodedColumn);
    expect(expectSameStoredChunks(batches)).toBeGreaterThan(0);

    const random = prng(5);
    const bank = ['Nro. Operación;Fecha;Monto;Moneda;Cuenta Origen;Cuenta Destino;Ordenante;Canal'];
    for (let row = 0; row < 3000; row++) bank.push(`REF-${row};01/03/2025;${random.int(1000)},50;COP;00${1000 + random.int(400)};${random.int(2) ? '' : 'X'}${1000 + random.int(400)};Ana ${random.int(5)};EFECTIVO`);
    const bankBatches = await columnBatches('transaction', text(bank), FIXED_SPEC, 500);
    expectSameStoredChunks(bankBatches);
    const fileCodes = new FileCodes();
    const packed = bankBatches.map((batch) => packColumns(batch, fileCodes));
    expect(packed.some((chunk) => chunk.fileCoded?.some((column) => column !== null))).toBe(true);
  });
});
