import { describe, expect, it } from 'vitest';
import { useFreshDatabase } from './helpers';
import { MappingSpecError, type MappingSpec } from '../../../shared/import';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { exportMappingJson, importMappingJson, listMappings, loadMapping, mappingFileName, saveMapping } from '../../../renderer/db/mappings';

const bancoAndino: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'Banco Andino — extracto',
  kind: 'transaction',
  encoding: 'windows-1252',
  delimiter: ';',
  skipLines: 3,
  decimalSeparator: ',',
  dateOrder: 'DMY',
  fields: {
    id: { column: 'Referencia' },
    timestamp: { columns: ['Fecha', 'Hora'], separator: ' ', datePattern: 'DD/MM/YYYY HH:mm' },
    fromAccount: { column: 'Cuenta origen' },
    toAccount: { column: 'Cuenta destino' },
    amount: { column: 'Valor', decimalSeparator: ',' },
    currency: { constant: 'COP' },
    channel: { column: 'Canal', valueMap: { EFECTIVO: 'cash' } },
  },
};

describe('saved mappings', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('saves by name, lists per kind and loads back the same spec', async () => {
    await saveMapping(db, bancoAndino);
    await saveMapping(db, { ...bancoAndino, name: 'Aduana DIAN', kind: 'shipment', fields: {} });
    expect((await listMappings(db, 'transaction')).map((row) => row.name)).toEqual(['Banco Andino — extracto']);
    expect((await listMappings(db)).map((row) => row.name)).toEqual(['Aduana DIAN', 'Banco Andino — extracto']);
    expect(await loadMapping(db, 'Banco Andino — extracto')).toEqual(bancoAndino);
    // Saving under the same name replaces the mapping.
    await saveMapping(db, { ...bancoAndino, skipLines: 0 });
    expect((await loadMapping(db, 'Banco Andino — extracto'))?.skipLines).toBe(0);
    expect(await db.mappings.count()).toBe(2);
  });

  it('round-trips through exported JSON, byte-order mark included', async () => {
    const json = exportMappingJson(bancoAndino);
    expect(importMappingJson(json)).toEqual(bancoAndino);
    expect(importMappingJson(`\uFEFF${json}`)).toEqual(bancoAndino);
    expect(mappingFileName(bancoAndino)).toBe('mapping-Banco-Andino-extracto.json');
  });

  it('refuses malformed mapping JSON, naming what is wrong, and stores nothing', async () => {
    expect(() => importMappingJson('{ "schema": ')).toThrow(MappingSpecError);
    expect(() => importMappingJson(JSON.stringify({ ...bancoAndino, kind: 'invoice' }))).toThrow(/kind/);
    expect(() => importMappingJson(JSON.stringify({ ...bancoAndino, fields: { amount: { column: '' } } }))).toThrow(/fields\.amount/);
    expect(() => importMappingJson(JSON.stringify({ ...bancoAndino, schema: 'other/1' }))).toThrow(/schema/);
    await expect(saveMapping(db, { ...bancoAndino, name: '  ' })).rejects.toThrow(/name/);
    expect(await db.mappings.count()).toBe(0);
  });
});
