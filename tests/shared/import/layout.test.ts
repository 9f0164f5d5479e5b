import { describe, expect, it } from 'vitest';
import { sniffCsv, suggestMapping } from '../../../shared/import';
import { encodeUtf8, fixtureBytes, importBytes, importFixture, utc } from './helpers';

const HEADER = ['id', 'fecha', 'monto', 'moneda', 'cuenta origen', 'cuenta destino', 'concepto'];

function table(delimiter: string, rows: string[][], newline = '\n'): Uint8Array {
  return encodeUtf8([HEADER, ...rows].map((row) => row.join(delimiter)).join(newline) + newline);
}

const ROWS = [
  ['T1', '31/01/2025', '10.5', 'USD', 'A', 'B', 'uno'],
  ['T2', '01/02/2025', '20.5', 'USD', 'B', 'C', 'dos'],
  ['T3', '13/02/2025', '30.5', 'USD', 'C', 'A', 'tres'],
];

describe('delimiters', () => {
  for (const delimiter of [',', ';', '\t', '|'] as const) {
    it(`detects ${JSON.stringify(delimiter)} and imports every row`, async () => {
      const bytes = table(delimiter, ROWS);
      const sniff = sniffCsv(bytes);
      expect(sniff.delimiter).toBe(delimiter);
      expect(sniff.headers).toEqual(HEADER);
      expect(sniff.sampleRows).toHaveLength(3);
      const { records } = await importBytes('transaction', `t.${delimiter === '\t' ? 'tsv' : 'csv'}`, bytes);
      expect(records.map((record) => record.amount)).toEqual([10.5, 20.5, 30.5]);
    });
  }

  it('prefers the delimiter that splits consistently over one that appears inside values', () => {
    const bytes = encodeUtf8('id;monto;concepto\nT1;1,5;pago, enero\nT2;2,5;pago, febrero\nT3;3,5;ajuste\n');
    expect(sniffCsv(bytes).delimiter).toBe(';');
  });

  it('takes an explicit delimiter from the spec', () => {
    const bytes = encodeUtf8('a|b;c\n1|2;3\n');
    expect(sniffCsv(bytes, { delimiter: ';' }).headers).toEqual(['a|b', 'c']);
    expect(sniffCsv(bytes, { delimiter: '|' }).headers).toEqual(['a', 'b;c']);
  });
});

describe('preamble, quotes and provenance lines', () => {
  it('detects report title lines above the header and records physical lines with embedded newlines', async () => {
    const sniff = sniffCsv(fixtureBytes('preamble-multiline-pipe.csv'));
    expect(sniff.skipLines).toBe(3);
    expect(sniff.delimiter).toBe('|');
    expect(sniff.headers[0]).toBe('referencia');
    const { records } = await importFixture('transaction', 'preamble-multiline-pipe.csv');
    expect(records.map((record) => [record.id, record.source.line])).toEqual([
      ['P-1', 5],
      ['P-2', 7],
      ['P-3', 8],
      ['P-4', 11],
    ]);
    expect(records[0]?.description).toBe('línea uno\nlínea dos');
    expect(records[2]?.description).toBe('dice "hola"\n\nfin');
  });

  it('honours a fixed skipLines from the spec', async () => {
    const bytes = encodeUtf8('Reporte;;\nid;fecha;monto;moneda;cuenta origen;cuenta destino\nX1;15/01/2025;5;COP;A;B\n');
    const sniff = sniffCsv(bytes, { skipLines: 1 });
    expect(sniff.skipLines).toBe(1);
    const { records } = await importBytes('transaction', 'fixed.csv', bytes, { adjust: (spec) => ({ ...spec, skipLines: 1 }) });
    expect(records.map((record) => [record.id, record.source.line])).toEqual([['X1', 3]]);
  });

  it('counts lines the same with CRLF line ends, quoted CRLF inside fields and blank lines', async () => {
    const text =
      'Extracto bancario\r\n\r\nid,fecha,monto,moneda,cuenta origen,cuenta destino,concepto\r\n' +
      'A,14/01/2025,1,USD,X,Y,"two\r\nlines"\r\n\r\nB,15/01/2025,2,USD,X,Y,plain\r\nC,16/01/2025,3,USD,X,Y,"x ""q"" y"\r\n';
    const { records } = await importBytes('transaction', 'crlf.csv', encodeUtf8(text), { chunkSize: 5 });
    expect(records.map((record) => [record.id, record.source.line])).toEqual([
      ['A', 4],
      ['B', 7],
      ['C', 8],
    ]);
    expect(records[0]?.description).toBe('two\r\nlines');
    expect(records[2]?.description).toBe('x "q" y');
  });

  it('keeps line numbers exact across megabyte parse chunks with multi-line fields throughout', async () => {
    const lines = ['Banco X', 'id,fecha,monto,moneda,cuenta origen,cuenta destino,concepto'];
    const expected: [string, number][] = [];
    for (let i = 0; i < 40_000; i++) {
      const id = `R${i}`;
      expected.push([id, lines.length + 1]);
      if (i % 7 === 0) lines.push(`${id},14/01/2025,${i + 1},USD,X,Y,"first`, 'second, with comma', 'third"');
      else lines.push(`${id},14/01/2025,${i + 1},USD,X,Y,${'x'.repeat(i % 50)}`);
    }
    const bytes = encodeUtf8(lines.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(2 << 20);
    const { records, outcome } = await importBytes('transaction', 'big.csv', bytes, { chunkSize: 65_536, extra: { batchSize: 4096 } });
    expect(outcome.counts).toMatchObject({ read: 40_000, imported: 40_000, quarantined: 0, duplicates: 0 });
    expect(records.map((record) => [record.id, record.source.line])).toEqual(expected);
  });

  it('reads old Mac CR-only line ends', async () => {
    const text = 'id;fecha;monto;moneda;cuenta origen;cuenta destino\rA;14/01/2025;1;COP;X;Y\rB;15/01/2025;2;COP;X;Y\r';
    const { records } = await importBytes('transaction', 'cr.csv', encodeUtf8(text));
    expect(records.map((record) => [record.id, record.source.line])).toEqual([
      ['A', 2],
      ['B', 3],
    ]);
  });
});

describe('header suggestions', () => {
  it('maps Spanish bank headers, joining date and time', () => {
    const { spec, missingRequired, ambiguousDateColumns } = suggestMapping('transaction', sniffCsv(fixtureBytes('co-bank-utf8-bom.csv')), 'Banco de Bogotá');
    expect(missingRequired).toEqual([]);
    expect(ambiguousDateColumns).toEqual([]);
    expect(spec).toMatchObject({ name: 'Banco de Bogotá', kind: 'transaction', delimiter: ';', decimalSeparator: ',', dateOrder: 'DMY', encoding: 'auto' });
    expect(spec.fields).toEqual({
      id: { column: 'Nro. Operación' },
      timestamp: { columns: ['Fecha', 'Hora'], separator: ' ' },
      fromAccount: { column: 'Cuenta Origen' },
      toAccount: { column: 'Cuenta Destino' },
      amount: { column: 'Monto' },
      currency: { column: 'Moneda' },
      channel: { column: 'Canal' },
      fromPartyName: { column: 'Nombre Ordenante' },
      fromPartyId: { column: 'NIT Ordenante' },
      toPartyName: { column: 'Beneficiario' },
      toPartyId: { column: 'Cédula Beneficiario' },
    });
  });

  it('maps English headers', () => {
    const { spec, missingRequired } = suggestMapping('transaction', sniffCsv(fixtureBytes('us-export-mdy.csv')));
    expect(missingRequired).toEqual([]);
    expect(spec.dateOrder).toBe('MDY');
    expect(spec.fields).toMatchObject({
      id: { column: 'Transaction ID' },
      timestamp: { column: 'Date' },
      amount: { column: 'Amount' },
      fromAccount: { column: 'From Account' },
      toAccount: { column: 'To Account' },
      fromPartyName: { column: 'Originator' },
      toPartyName: { column: 'Beneficiary' },
      channel: { column: 'Channel' },
      description: { column: 'Description' },
    });
  });

  it('maps Portuguese headers', () => {
    const { spec, missingRequired } = suggestMapping('transaction', sniffCsv(fixtureBytes('br-portuguese.csv')));
    expect(missingRequired).toEqual([]);
    expect(spec.fields).toMatchObject({
      id: { column: 'ID Transação' },
      timestamp: { column: 'Data' },
      amount: { column: 'Valor da operação' },
      currency: { column: 'Moeda' },
      fromAccount: { column: 'Conta origem' },
      toAccount: { column: 'Conta destino' },
      fromPartyName: { column: 'Remetente' },
      toPartyName: { column: 'Destinatário' },
    });
  });

  it('is tolerant of case, accents, underscores, dashes and dots', () => {
    const bytes = encodeUtf8('ID_TRANSACCION;FECHA-OPERACION;VALOR;MONEDA;CUENTA_ORIGEN;CUENTA.DESTINO;nombre_ordenante;id.beneficiario;pais destino;banco-origen\nA;2025-01-01;1;COP;X;Y;Z;W;CO;B\n');
    const { spec, missingRequired } = suggestMapping('transaction', sniffCsv(bytes));
    expect(missingRequired).toEqual([]);
    expect(spec.fields).toMatchObject({
      id: { column: 'ID_TRANSACCION' },
      timestamp: { column: 'FECHA-OPERACION' },
      amount: { column: 'VALOR' },
      fromAccount: { column: 'CUENTA_ORIGEN' },
      toAccount: { column: 'CUENTA.DESTINO' },
      fromPartyName: { column: 'nombre_ordenante' },
      toPartyId: { column: 'id.beneficiario' },
      toCountry: { column: 'pais destino' },
      fromBank: { column: 'banco-origen' },
    });
  });

  it('reports required fields no header matched and ambiguous date columns', () => {
    const bytes = encodeUtf8('fecha,monto,cuenta origen\n01/02/2025,5,A\n03/04/2025,6,B\n');
    const result = suggestMapping('transaction', sniffCsv(bytes));
    expect(result.missingRequired).toEqual(['id', 'toAccount', 'currency']);
    expect(result.ambiguousDateColumns).toEqual(['fecha']);
    expect(result.spec.dateOrder).toBe('auto');
  });

  it('maps party, account and shipment headers, including first + last name and the ID type named by the header', () => {
    const party = suggestMapping('party', sniffCsv(encodeUtf8('NIT;Razón social;País\n900123456;ACME SAS;CO\n')));
    expect(party.spec.fields).toEqual({ idNumber: { column: 'NIT' }, name: { column: 'Razón social' }, nationality: { column: 'País' }, idType: { constant: 'NIT' } });
    const people = suggestMapping('party', sniffCsv(fixtureBytes('parties-es.csv')));
    expect(people.spec.fields.name).toEqual({ columns: ['Nombres', 'Apellidos'], separator: ' ' });
    expect(people.missingRequired).toEqual([]);
    const accounts = suggestMapping('account', sniffCsv(fixtureBytes('accounts-en.csv')));
    expect(accounts.missingRequired).toEqual([]);
    expect(accounts.spec.fields).toMatchObject({ id: { column: 'Account Number' }, institution: { column: 'Bank' }, holderName: { column: 'Holder Name' }, opened: { column: 'Open Date' } });
    const shipments = suggestMapping('shipment', sniffCsv(fixtureBytes('shipments-es.csv')));
    expect(shipments.missingRequired).toEqual([]);
    expect(shipments.spec.fields).toMatchObject({
      id: { column: 'Número declaración' },
      hsCode: { column: 'Partida arancelaria' },
      declaredValue: { column: 'Valor FOB' },
      originPort: { column: 'Puerto embarque' },
      exporterId: { column: 'NIT exportador' },
    });
  });

  it('reports per-column date orders and the decimal separator in the sniff', () => {
    const sniff = sniffCsv(encodeUtf8('id;alta;baja;monto\n1;13/01/2025;2025-02-01;1.234,50\n2;02/01/2025;2025-02-03;7,25\n'));
    expect(sniff.dateOrders).toEqual({ alta: 'DMY', baja: 'YMD' });
    expect(sniff.decimalSeparator).toBe(',');
    expect(utc(2025, 1, 13)).toBeGreaterThan(0);
  });
});

describe('detection beyond the preview rows', () => {
  it('settles the date order from rows past the first fifty of the head', () => {
    const early = Array.from({ length: 80 }, (_, i) => `T${i};0${1 + (i % 9)}/01/2025;1`);
    const later = ['T80;13/01/2025;1'];
    const sniff = sniffCsv(encodeUtf8(`id;fecha;monto\n${[...early, ...later].join('\n')}\n`));
    expect(sniff.sampleRows).toHaveLength(50);
    expect(sniff.dateOrders.fecha).toBe('DMY');
  });
});

describe('Excel-padded report titles above the header', () => {
  it('skips four padded title lines (bank name, date, account, cut-off) and imports every row', async () => {
    const sniff = sniffCsv(fixtureBytes('excel-padded-preamble.csv'));
    expect(sniff.delimiter).toBe(';');
    expect(sniff.skipLines).toBe(4);
    expect(sniff.headers.slice(0, 3)).toEqual(['Referencia', 'Fecha', 'Monto']);
    const { records, outcome } = await importFixture('transaction', 'excel-padded-preamble.csv');
    expect(outcome.quarantine).toEqual([]);
    expect(records.map((record) => [record.id, record.amount, record.source.line])).toEqual([
      ['BB-001', 1_250_000, 6],
      ['BB-002', 980_500.5, 7],
      ['BB-003', 45_000, 8],
      ['BB-004', 3_000_000, 9],
    ]);
  });

  it('skips padded titles in a tab-delimited UTF-16 Excel export', async () => {
    const sniff = sniffCsv(fixtureBytes('excel-padded-preamble-utf16.txt'));
    expect(sniff.encoding).toBe('utf-16le');
    expect(sniff.delimiter).toBe('\t');
    expect(sniff.skipLines).toBe(3);
    expect(sniff.headers).toEqual(['Referencia', 'Fecha', 'Monto', 'Moneda', 'Cuenta origen', 'Cuenta destino', 'Concepto']);
    const { records } = await importFixture('transaction', 'excel-padded-preamble-utf16.txt');
    expect(records.map((record) => [record.id, record.amount, record.timestamp])).toEqual([
      ['BA-1', 1500, utc(2026, 11, 2)],
      ['BA-2', 250.75, utc(2026, 11, 14)],
      ['BA-3', 10_000, utc(2026, 11, 27)],
    ]);
  });

  for (const titles of [2, 3, 4]) {
    it(`finds the header under ${titles} padded title lines`, () => {
      const preamble = ['BANCO DE BOGOTÁ — Reporte de movimientos;;;;;;', 'Generado: 28/11/2026;;;;;;', 'Cuenta: 123;;;;;;', 'Fecha de corte: 30/11/2026;;;;;;'].slice(0, titles);
      const body = [HEADER, ...ROWS].map((row) => row.join(';'));
      const sniff = sniffCsv(encodeUtf8([...preamble, ...body].join('\n') + '\n'));
      expect(sniff.skipLines).toBe(titles);
      expect(sniff.headers).toEqual(HEADER);
    });
  }

  it('keeps a real header that has a few blank header cells', () => {
    const bytes = encodeUtf8('Reporte;;;;;;\nid;fecha;;monto;moneda;;\nT1;31/01/2025;x;10;USD;A;B\nT2;01/02/2025;y;20;USD;B;C\nT3;13/02/2025;z;30;USD;C;A\n');
    const sniff = sniffCsv(bytes);
    expect(sniff.skipLines).toBe(1);
    expect(sniff.headers).toEqual(['id', 'fecha', 'column_3', 'monto', 'moneda', 'column_6', 'column_7']);
  });

  it('treats a two-column file with one empty header cell as a header, not a title', () => {
    const sniff = sniffCsv(encodeUtf8('cuenta;\nA;1\nB;2\nC;3\n'));
    expect(sniff.skipLines).toBe(0);
    expect(sniff.headers).toEqual(['cuenta', 'column_2']);
  });
});
