import { describe, expect, it } from 'vitest';
import {
  bytesSource,
  hashSource,
  importCsv,
  ImportError,
  isAbortError,
  MappingSpecError,
  MappingSpecSchema,
  parseMappingSpec,
  serializeMappingSpec,
  type ByteSource,
  type MappingSpec,
} from '../../../shared/import';
import { AccountSchema, PartySchema, QuarantineEntrySchema, ShipmentSchema, SourceFileSchema, TransactionSchema } from '../../../shared/model';
import { encodeUtf8, fixtureBytes, importBytes, importFixture, utc } from './helpers';

const SHA = 'a'.repeat(64);

const baseSpec: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'Banco Uno',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: 'auto',
  skipLines: 'auto',
  decimalSeparator: 'auto',
  dateOrder: 'auto',
  fields: {
    id: { column: 'id' },
    timestamp: { column: 'fecha' },
    amount: { column: 'monto' },
    currency: { column: 'moneda' },
    fromAccount: { column: 'cuenta origen' },
    toAccount: { column: 'cuenta destino' },
  },
};

async function run(text: string, spec: MappingSpec = baseSpec, extra: { existingIds?: Set<string>; batchSize?: number } = {}) {
  const records: unknown[] = [];
  const batches: number[] = [];
  const outcome = await importCsv(bytesSource('file.csv', encodeUtf8(text), 11), {
    spec,
    sha256: SHA,
    ...extra,
    onBatch: (batch) => {
      batches.push(batch.length);
      records.push(...batch);
    },
  });
  return { outcome, records: records as ReturnType<typeof TransactionSchema.parse>[], batches };
}

describe('quarantine of bad rows', () => {
  it('quarantines each kind of bad row with file, line, column, field, value and a reason that states the expected format', async () => {
    const { outcome, records } = await importFixture('transaction', 'bad-rows.csv');
    expect(records.map((record) => record.id)).toEqual(['B-1', 'B-11']);
    expect(outcome.counts).toMatchObject({ read: 13, imported: 2, quarantined: 10, duplicates: 1 });
    for (const entry of outcome.quarantine) expect(QuarantineEntrySchema.parse(entry)).toEqual(entry);
    const byLine = new Map(outcome.quarantine.map((entry) => [entry.line, entry]));
    expect(byLine.get(3)).toEqual({
      file: 'bad-rows.csv',
      line: 3,
      column: 'fecha',
      field: 'timestamp',
      value: '31/02/2025',
      reason: "'31/02/2025' is not a valid date (DD/MM/YYYY)",
      code: 'invalid-date',
      params: { value: '31/02/2025', format: 'DD/MM/YYYY' },
    });
    expect(byLine.get(4)).toMatchObject({ field: 'amount', column: 'monto', value: 'cien', reason: expect.stringContaining("decimal separator ','") });
    expect(byLine.get(5)).toMatchObject({ field: 'currency', value: 'PESOS', reason: expect.stringContaining('ISO 4217') });
    expect(byLine.get(6)).toMatchObject({ field: 'fromAccount', value: '', reason: expect.stringContaining('required') });
    expect(byLine.get(7)?.reason).toMatch(/5 fields but the header has 7/);
    expect(byLine.get(8)).toMatchObject({ field: 'amount', value: '-5,00', reason: expect.stringContaining('positive') });
    expect(byLine.get(9)).toMatchObject({ field: 'amount', value: '0', reason: expect.stringContaining('positive') });
    expect(byLine.get(10)).toMatchObject({ field: 'toCountry', value: 'Narnia', reason: expect.stringContaining('country') });
    expect(byLine.get(12)?.reason).toMatch(/8 fields but the header has 7/);
    expect(byLine.get(14)).toMatchObject({ field: 'timestamp', reason: expect.stringContaining('required') });
  });

  it('accepts trailing empty fields Excel adds, skips blank rows, and lets the quarantine list be capped with exact counts', async () => {
    const text = 'id;fecha;monto;moneda;cuenta origen;cuenta destino\nA;15/01/2025;1;COP;X;Y;;\n;;;;;\n\nB;15/01/2025;x;COP;X;Y\nC;15/01/2025;y;COP;X;Y\n';
    const records: unknown[] = [];
    const outcome = await importCsv(bytesSource('f.csv', encodeUtf8(text)), { spec: baseSpec, sha256: SHA, quarantineLimit: 1, onBatch: (batch) => void records.push(...batch) });
    expect(records).toHaveLength(1);
    expect(outcome.counts).toMatchObject({ read: 3, imported: 1, quarantined: 2, duplicates: 0 });
    expect(outcome.quarantine).toHaveLength(1);
    expect(outcome.quarantineTruncated).toBe(true);
  });
});

describe('records', () => {
  it('produces transactions that satisfy the model schema, with provenance and a SourceFile entry', async () => {
    const { records, outcome, sha256, spec } = await importFixture('transaction', 'co-bank-utf8-bom.csv');
    for (const record of records) expect(TransactionSchema.parse(record)).toEqual(record);
    expect(records[0]).toEqual({
      id: 'OP-0001',
      timestamp: utc(2025, 1, 31, 8, 15),
      fromAccount: '0012-3456-78',
      toAccount: '0098765432',
      amount: 1234567.89,
      currency: 'COP',
      channel: 'cash',
      fromPartyName: 'José Muñoz',
      fromPartyId: '9001234567',
      toPartyName: 'María Peña',
      toPartyId: '52345678',
      source: { file: sha256, line: 2 },
    });
    expect(records[1]).toMatchObject({ amount: 2_500_000, channel: 'transfer', timestamp: utc(2025, 2, 1, 14, 5, 9) });
    expect(records[2]).toMatchObject({ amount: 1000.5, currency: 'USD', channel: 'wire' });
    expect(SourceFileSchema.parse(outcome.file)).toEqual(outcome.file);
    expect(outcome.file).toMatchObject({ sha256, name: 'co-bank-utf8-bom.csv', kind: 'transaction', mappingName: spec.name, importedAt: 1_700_000_000_000, delimiter: ';' });
    expect(outcome.file.mapping).toEqual(spec);
  });

  it('imports parties with derived ids, inferred kind, first + last names and PEP flags; a repeated id is a duplicate', async () => {
    const { records, outcome } = await importFixture('party', 'parties-es.csv');
    for (const record of records) expect(PartySchema.parse(record)).toEqual(record);
    expect(records.map((party) => [party.id, party.name, party.kind, party.pep])).toEqual([
      ['CC:52345678', 'María Peña', 'person', false],
      ['NIT:9001234567', 'Núñez & Cía. S.A.S.', 'company', false],
      ['CURP:BOXW310820HNERXN09', 'Wenceslao Bojorquez', 'person', true],
    ]);
    expect(records[0]?.birthDate).toBe(utc(1980, 8, 15));
    expect(outcome.counts).toMatchObject({ read: 4, imported: 3, quarantined: 0, duplicates: 1 });
  });

  it('imports accounts (spaces dropped from numbers) and shipments (HS code digits, comma decimals)', async () => {
    const accounts = await importFixture('account', 'accounts-en.csv');
    for (const record of accounts.records) expect(AccountSchema.parse(record)).toEqual(record);
    expect(accounts.records.map((account) => [account.id, account.holderId, account.country, account.opened])).toEqual([
      ['0012-3456-78', '9001234567', 'CO', utc(2019, 5, 1)],
      ['ACC2', '52345678', 'CO', utc(2020, 1, 15)],
    ]);
    const shipments = await importFixture('shipment', 'shipments-es.csv');
    for (const record of shipments.records) expect(ShipmentSchema.parse(record)).toEqual(record);
    expect(shipments.records.map((shipment) => [shipment.id, shipment.hsCode, shipment.quantity, shipment.declaredValue, shipment.destinationCountry])).toEqual([
      ['DEX-1', '09011100', 1000, 25000, 'US'],
      ['DEX-2', '0901', 500.5, 10000, 'PA'],
    ]);
  });

  it('reads Excel serial dates and DD-MM-YYYY', async () => {
    const serial = await importFixture('transaction', 'excel-serial-dates.csv');
    expect(serial.records.map((record) => record.timestamp)).toEqual([utc(2025, 1, 1), utc(2025, 1, 1, 12), utc(2025, 2, 1)]);
    const dashed = await importFixture('transaction', 'preamble-multiline-pipe.csv');
    expect(dashed.records[0]?.timestamp).toBe(utc(2025, 1, 2));
  });

  it('applies per-field options: date pattern, decimal separator, value map and constants', async () => {
    const spec: MappingSpec = {
      ...baseSpec,
      fields: {
        ...baseSpec.fields,
        timestamp: { columns: ['fecha', 'hora'], datePattern: 'MM/DD/YYYY HH:mm' },
        amount: { column: 'monto', decimalSeparator: ',' },
        currency: { constant: 'COP' },
        channel: { column: 'canal', valueMap: { 'Operación en ventanilla': 'cash', ZZ: 'crypto' } },
      },
    };
    const { records, outcome } = await run(
      'id,fecha,hora,monto,cuenta origen,cuenta destino,canal\nA,02/03/2025,10:30,"1.234,5",X,Y,OPERACION EN VENTANILLA\nB,02/30/2025,10:30,1,X,Y,zz\nC,12/01/2025,,7,X,Y,zz\n',
      spec,
    );
    expect(records.map((record) => [record.id, record.timestamp, record.amount, record.currency, record.channel])).toEqual([
      ['A', utc(2025, 2, 3, 10, 30), 1234.5, 'COP', 'cash'],
      ['C', utc(2025, 12, 1), 7, 'COP', 'crypto'],
    ]);
    expect(outcome.quarantine[0]).toMatchObject({ line: 3, column: 'fecha + hora', reason: "'02/30/2025 10:30' is not a valid date (MM/DD/YYYY HH:mm)" });
  });

  it('streams records in file order in batches of batchSize', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `T${i};15/01/2025;${i + 1};COP;X;Y`).join('\n');
    const { records, batches } = await run(`id;fecha;monto;moneda;cuenta origen;cuenta destino\n${rows}\n`, baseSpec, { batchSize: 10 });
    expect(batches).toEqual([10, 10, 5]);
    expect(records.map((record) => record.id)).toEqual(Array.from({ length: 25 }, (_, i) => `T${i}`));
  });
});

describe('duplicates', () => {
  it('skips ids already in the case and ids seen earlier in the file, counting them', async () => {
    const text = 'id;fecha;monto;moneda;cuenta origen;cuenta destino\nA;15/01/2025;1;COP;X;Y\nB;15/01/2025;2;COP;X;Y\nA;16/01/2025;3;COP;X;Y\nC;15/01/2025;4;COP;X;Y\n';
    const { records, outcome } = await run(text, baseSpec, { existingIds: new Set(['C']) });
    expect(records.map((record) => [record.id, record.amount])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    expect(outcome.counts).toMatchObject({ read: 4, imported: 2, quarantined: 0, duplicates: 2 });
  });
});

describe('file-level errors', () => {
  it('refuses dateOrder auto on a column whose dates fit both orders, and imports once the analyst chooses', async () => {
    const error = await importFixture('transaction', 'ambiguous-dates.csv').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'ambiguous-date-order', file: 'ambiguous-dates.csv', column: 'fecha', field: 'timestamp', line: 1 });
    expect((error as Error).message).toMatch(/ambiguous-dates\.csv.*fecha.*DD\/MM\/YYYY and MM\/DD\/YYYY.*choose/);
    const dmy = await importFixture('transaction', 'ambiguous-dates.csv', { adjust: (spec) => ({ ...spec, dateOrder: 'DMY' }) });
    expect(dmy.records[0]?.timestamp).toBe(utc(2025, 2, 1));
    const mdy = await importFixture('transaction', 'ambiguous-dates.csv', { adjust: (spec) => ({ ...spec, dateOrder: 'MDY' }) });
    expect(mdy.records[0]?.timestamp).toBe(utc(2025, 1, 2));
  });

  it('names the file, header line, column and field when a mapped column is missing', async () => {
    const spec = { ...baseSpec, fields: { ...baseSpec.fields, amount: { column: 'importe' } } };
    const error = await run('Reporte\nid;fecha;monto;moneda;cuenta origen;cuenta destino\nA;15/01/2025;1;COP;X;Y\n', { ...spec, skipLines: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'missing-column', line: 2, column: 'importe', field: 'amount' });
    expect((error as Error).message).toContain("file.csv, line 2, column 'importe', field amount");
  });

  it('matches mapped columns to headers accent- and case-insensitively', async () => {
    const spec = { ...baseSpec, fields: { ...baseSpec.fields, amount: { column: 'Monto' }, fromAccount: { column: 'CUENTA_ORIGEN' } } };
    const { records } = await run('id;fecha;monto;moneda;cuenta origen;cuenta destino\nA;15/01/2025;1;COP;X;Y\n', spec);
    expect(records).toHaveLength(1);
  });

  it('refuses unmapped required fields and unknown field names', async () => {
    const { amount: _amount, ...withoutAmount } = baseSpec.fields;
    await expect(run('id\n1\n', { ...baseSpec, fields: withoutAmount })).rejects.toMatchObject({ code: 'spec', field: 'amount' });
    await expect(run('id\n1\n', { ...baseSpec, fields: { ...baseSpec.fields, importe: { column: 'x' } } })).rejects.toMatchObject({ code: 'spec', field: 'importe' });
  });

  it('refuses an empty file or one with only preamble', async () => {
    await expect(run('')).rejects.toMatchObject({ code: 'empty-file' });
    await expect(run('\n\n')).rejects.toMatchObject({ code: 'empty-file' });
  });
});

describe('mapping spec JSON', () => {
  it('round-trips through JSON', () => {
    const spec: MappingSpec = {
      ...baseSpec,
      fields: { ...baseSpec.fields, timestamp: { columns: ['fecha', 'hora'], separator: ' ', datePattern: 'DD/MM/YYYY HH:mm' }, channel: { column: 'canal', valueMap: { EFECTIVO: 'cash' } } },
    };
    const json = serializeMappingSpec(spec);
    expect(parseMappingSpec(json)).toEqual(spec);
    expect(parseMappingSpec(JSON.parse(json))).toEqual(spec);
    expect(MappingSpecSchema.parse(JSON.parse(json))).toEqual(spec);
  });

  it('fills defaults for omitted settings', () => {
    const spec = parseMappingSpec({ schema: 'caudal.mapping/1', name: 'x', kind: 'party', fields: { name: { column: 'Nombre' } } });
    expect(spec).toMatchObject({ encoding: 'auto', delimiter: 'auto', skipLines: 'auto', decimalSeparator: 'auto', dateOrder: 'auto' });
  });

  it('refuses a malformed spec naming the offending field', () => {
    const bad = { ...baseSpec, fields: { ...baseSpec.fields, amount: { column: '' } } };
    expect(() => parseMappingSpec(bad)).toThrow(MappingSpecError);
    expect(() => parseMappingSpec(bad)).toThrow(/fields\.amount/);
    expect(() => parseMappingSpec({ ...baseSpec, delimiter: ':' })).toThrow(/at delimiter/);
    expect(() => parseMappingSpec({ ...baseSpec, schema: 'caudal.mapping/2' })).toThrow(/at schema/);
    expect(() => parseMappingSpec({ ...baseSpec, fields: { amount: { column: 'monto', datePattern: 'whenever' } } })).toThrow(/fields\.amount/);
    expect(() => parseMappingSpec('{not json')).toThrow(/not JSON/);
  });

  it('turns a malformed spec handed to importCsv into an ImportError naming the field', async () => {
    await expect(run('id\n1\n', { ...baseSpec, dateOrder: 'DDMMYY' } as unknown as MappingSpec)).rejects.toMatchObject({ code: 'spec', field: 'dateOrder' });
  });
});

describe('cancellation and progress', () => {
  function slowSource(bytes: Uint8Array): ByteSource {
    return {
      name: 'slow.csv',
      size: bytes.length,
      async *stream() {
        for (let offset = 0; offset < bytes.length; offset += 4096) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          yield bytes.subarray(offset, offset + 4096);
        }
      },
    };
  }

  const bigText = `id;fecha;monto;moneda;cuenta origen;cuenta destino\n${Array.from({ length: 60_000 }, (_, i) => `T${i};15/01/2025;${i + 1};COP;X;Y`).join('\n')}\n`;

  it('rejects with an AbortError soon after the signal aborts, and before if already aborted', async () => {
    const bytes = encodeUtf8(bigText);
    const controller = new AbortController();
    let batches = 0;
    const promise = importCsv(slowSource(bytes), {
      spec: baseSpec,
      sha256: SHA,
      batchSize: 1000,
      onBatch: () => {
        batches++;
        if (batches === 2) controller.abort();
      },
      signal: controller.signal,
    });
    const error = await promise.catch((caught: unknown) => caught);
    expect(isAbortError(error)).toBe(true);
    expect(batches).toBe(2);

    const aborted = AbortSignal.abort();
    await expect(importCsv(slowSource(bytes), { spec: baseSpec, sha256: SHA, onBatch: () => undefined, signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(hashSource(slowSource(bytes), aborted)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops hashing when aborted midway', async () => {
    const controller = new AbortController();
    const source = slowSource(encodeUtf8(bigText));
    const hashing = hashSource(source, controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(hashing).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports progress with bytes and row counts that end at the totals', async () => {
    const bytes = encodeUtf8(bigText);
    const reports: { bytesRead: number; totalBytes: number; rowsRead: number; imported: number }[] = [];
    const outcome = await importCsv(bytesSource('p.csv', bytes, 65_536), { spec: baseSpec, sha256: SHA, onBatch: () => undefined, onProgress: (progress) => reports.push(progress) });
    expect(reports.length).toBeGreaterThan(1);
    const last = reports.at(-1);
    expect(last).toMatchObject({ bytesRead: bytes.length, totalBytes: bytes.length, rowsRead: 60_000, imported: 60_000 });
    expect(outcome.counts.imported).toBe(60_000);
    for (let i = 1; i < reports.length; i++) expect((reports[i]?.rowsRead ?? 0) >= (reports[i - 1]?.rowsRead ?? 0)).toBe(true);
  });
});

describe('hashing', () => {
  it('gives the SHA-256 of the bytes however they are chunked', async () => {
    const bytes = encodeUtf8('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await hashSource(bytesSource('a', bytes, 1))).toBe(expected);
    expect(await hashSource(bytesSource('a', bytes))).toBe(expected);
    const fixture = fixtureBytes('co-bank-utf8-bom.csv');
    expect(await hashSource(bytesSource('f', fixture, 3))).toBe(await hashSource(bytesSource('f', fixture, 1000)));
  });

  it('refuses a sha256 that is not a hex digest', async () => {
    await expect(importCsv(bytesSource('x.csv', encodeUtf8('id\n')), { spec: baseSpec, sha256: 'nope', onBatch: () => undefined })).rejects.toMatchObject({ code: 'spec' });
  });
});

it('imports through the helper with the fixture spec the suggestion produced', async () => {
  const { outcome } = await importBytes('transaction', 'inline.csv', encodeUtf8('id,fecha,monto,moneda,cuenta origen,cuenta destino\nA,2025-01-15,1,USD,X,Y\n'));
  expect(outcome.counts.imported).toBe(1);
});

describe('date and time in two columns', () => {
  it('gives the same timestamps and reasons as parsing the joined text, for plain and unusual shapes', async () => {
    const spec: MappingSpec = { ...baseSpec, dateOrder: 'DMY', fields: { ...baseSpec.fields, timestamp: { columns: ['fecha', 'hora'] } } };
    const rows = [
      ['A', '31/01/2025', '10:30'],
      ['B', '31/01/2025', '10:30:15'],
      ['C', '2025-01-31', '23:59'],
      ['D', '1/2/2025', '7:05'],
      ['E', '31/01/2025', ''],
      ['F', '31/01/2025', '24:00'],
      ['G', '31/02/2025', '10:00'],
      ['H', '31/01/2025', '1O:00'],
      ['I', '', ''],
    ];
    const text = `id;fecha;hora;monto;moneda;cuenta origen;cuenta destino\n${rows.map(([id, date, time]) => `${id};${date};${time};1;COP;X;Y`).join('\n')}\n`;
    const { records, outcome } = await run(text, spec);
    expect(records.map((record) => [record.id, record.timestamp])).toEqual([
      ['A', utc(2025, 1, 31, 10, 30)],
      ['B', utc(2025, 1, 31, 10, 30, 15)],
      ['C', utc(2025, 1, 31, 23, 59)],
      ['D', utc(2025, 2, 1, 7, 5)],
      ['E', utc(2025, 1, 31)],
    ]);
    expect(outcome.quarantine.map((entry) => [entry.line, entry.value, entry.reason])).toEqual([
      [7, '31/01/2025 24:00', "'31/01/2025 24:00' is not a valid date (DD/MM/YYYY HH:mm[:ss])"],
      [8, '31/02/2025 10:00', "'31/02/2025 10:00' is not a valid date (DD/MM/YYYY HH:mm[:ss])"],
      [9, '31/01/2025 1O:00', "'31/01/2025 1O:00' is not a valid date (DD/MM/YYYY HH:mm[:ss])"],
      [10, '', 'missing value: timestamp is required'],
    ]);
  });
});

describe('date order evidence beyond the first rows', () => {
  it('holds rows back until a day above 12 settles the order, then imports them all in order', async () => {
    const early = Array.from({ length: 30_000 }, (_, i) => `E${String(i).padStart(6, '0')};${String(1 + (i % 12)).padStart(2, '0')}/0${1 + (i % 9)}/2025;1;COP;X;Y`);
    const text = `id;fecha;monto;moneda;cuenta origen;cuenta destino\n${early.join('\n')}\nZ;13/02/2025;1;COP;X;Y\n`;
    const { records, outcome } = await run(text, baseSpec, { batchSize: 7000 });
    expect(outcome.counts).toMatchObject({ read: 30_001, imported: 30_001, quarantined: 0, duplicates: 0 });
    expect(records[1]).toMatchObject({ id: 'E000001', timestamp: utc(2025, 2, 2), source: { line: 3 } });
    expect(records.at(-1)).toMatchObject({ id: 'Z', timestamp: utc(2025, 2, 13), source: { line: 30_002 } });
  });

  it('still refuses when the whole file fits both orders', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `R${i};0${1 + (i % 9)}/1${i % 3}/2025;1;COP;X;Y`);
    await expect(run(`id;fecha;monto;moneda;cuenta origen;cuenta destino\n${rows.join('\n')}\n`)).rejects.toMatchObject({ code: 'ambiguous-date-order' });
  });
});
