import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv, ImportError, recordsOfColumns, type MappingSpec, type RecordColumns } from '../../../shared/import';
import type { RecordKind } from '../../../shared/model';
import { packColumns, packRows, unpackRows } from '../../../renderer/db/packedRows';
import { baseCsv, corrupt, encode, FIXED_SPEC, prng } from '../../shared/import/fuzzCorpus';

/*
 * The import worker stores the engine's columns as they are (packColumns);
 * the CLI and every other caller get record objects (recordsOfColumns).
 * Both must be the same data: the stored chunk must be the very chunk
 * packRows made of the records before the engine wrote columns.
 */

const SHA = 'c'.repeat(64);

async function columnBatches<K extends RecordKind>(kind: K, text: string | Uint8Array, spec: MappingSpec, batchSize: number): Promise<RecordColumns<K>[]> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const batches: RecordColumns<K>[] = [];
  await importCsv<K>(bytesSource(`${kind}.csv`, bytes, 13), { spec, sha256: SHA, batchSize, onColumns: (columns) => void batches.push(columns) });
  return batches;
}

function mappingOf(kind: RecordKind, fields: MappingSpec['fields']): MappingSpec {
  return { ...FIXED_SPEC, name: kind, kind, fields };
}

function expectSameChunk(batch: RecordColumns): void {
  const records = recordsOfColumns(batch);
  const packed = packColumns(batch);
  // Same keys in the same order, same column forms (typed arrays, dictionaries), same provenance.
  expect(packed).toEqual(packRows(records));
  expect(packed.keys).toEqual(packRows(records).keys);
  expect(unpackRows(packed)).toEqual(records);
}

describe('the engine writes columns; the stored chunk is the one packRows makes of the records', () => {
  it('holds for 300 seeded corrupted bank exports (gaps, defaults, quarantined and duplicate rows, every batch size)', async () => {
    const random = prng(424242);
    let batchesSeen = 0;
    for (let caseIndex = 0; caseIndex < 300; caseIndex++) {
      const delimiter = random.pick([';', ',', '\t', '|']);
      const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
      let batches: RecordColumns<'transaction'>[];
      try {
        batches = await columnBatches('transaction', bytes, FIXED_SPEC, 1 + random.int(12));
      } catch (error) {
        if (error instanceof ImportError) continue;
        throw error;
      }
      for (const batch of batches) expectSameChunk(batch);
      batchesSeen += batches.length;
    }
    expect(batchesSeen).toBeGreaterThan(300);
  });

  it('a field that first appears in a later row is listed after the others, as in the records', async () => {
    const spec: MappingSpec = {
      ...FIXED_SPEC,
      fields: { ...FIXED_SPEC.fields, description: { column: 'Detalle' }, toCountry: { column: 'País' } },
    };
    const text = [
      'Nro. Operación;Fecha;Monto;Moneda;Cuenta Origen;Cuenta Destino;Ordenante;Canal;Detalle;País',
      'A1;01/02/2025;10,00;COP;C1;C2;;;;',
      'A2;02/02/2025;11,00;COP;C1;C2;;;;CO',
      'A3;03/02/2025;12,00;COP;C1;C2;Ana;;Pago;',
    ].join('\n');
    const [batch] = await columnBatches('transaction', text, spec, 10);
    expect(batch?.length).toBe(3);
    const packed = packColumns(batch as RecordColumns);
    expect(packed.keys).toEqual(['id', 'timestamp', 'fromAccount', 'toAccount', 'amount', 'currency', 'channel', 'toCountry', 'description', 'fromPartyName']);
    expectSameChunk(batch as RecordColumns);
  });

  it('an optional date with gaps is stored as values, a complete one as a Float64Array', async () => {
    const spec = mappingOf('account', { id: { column: 'cuenta' }, opened: { column: 'apertura' }, closed: { column: 'cierre' } });
    const text = ['cuenta;apertura;cierre', 'C1;01/02/2020;', 'C2;02/02/2020;03/03/2024', 'C3;04/02/2020;'].join('\n');
    const [batch] = await columnBatches('account', text, spec, 10);
    const packed = packColumns(batch as RecordColumns);
    expect(packed.columns[packed.keys.indexOf('opened')]).toBeInstanceOf(Float64Array);
    expect(Array.isArray(packed.columns[packed.keys.indexOf('closed')])).toBe(true);
    expectSameChunk(batch as RecordColumns);
    expect(unpackRows(packed).map((row) => 'closed' in (row as object))).toEqual([false, true, false]);
  });

  it('parties: derived ids and kinds land in their columns', async () => {
    const spec = mappingOf('party', { name: { column: 'nombre' }, idNumber: { column: 'documento' }, pep: { column: 'pep' } });
    const text = ['nombre;documento;pep', 'Ana Pérez;79.123.456;no', 'Comercial Andina S.A.S.;900123456-7;', 'Luis Gómez;;sí'].join('\n');
    const [batch] = await columnBatches('party', text, spec, 2);
    expectSameChunk(batch as RecordColumns);
    const records = recordsOfColumns(batch as RecordColumns<'party'>);
    expect(records.every((record) => typeof record.id === 'string' && record.id.length > 0)).toBe(true);
    expect(records.map((record) => record.source.line)).toEqual([2, 3]);
  });
});
