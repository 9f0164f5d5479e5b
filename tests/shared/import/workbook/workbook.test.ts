import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectStatement, readStatement, StatementFileError } from '../../../../shared/import/statement';
import { readWorkbook, sniffWorkbook, workbookTable } from '../../../../shared/import/workbook';
import { makeXlsx, sheetXml } from './makeXlsx';

const SHA = 'c'.repeat(64);
const day = (d: number) => new Date(Date.UTC(2026, 1, d));

const STATEMENT_ROWS = [
  ['Banco Ejemplo'],
  ['Número de cuenta:', '0012345678'],
  ['Titular:', 'Importadora del Sur S.A.'],
  [null],
  ['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo'],
  [day(2), 'T1', 'TRANSF A CTA 998877 ANA', 1500.25, null, 8499.75],
  [day(3), 'T2', 'ABONO NOMINA', null, 2000, 10499.75],
  [day(4), 'T3', 'PAGO', 499.75, null, 10000],
];

async function expectWorkbookError(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const error = await readWorkbook(bytes, 'hostil.xlsx').then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StatementFileError);
  expect((error as StatementFileError).message).toMatch(/^hostil\.xlsx: /);
  expect((error as StatementFileError).message).toMatch(pattern);
}

describe('workbooks', () => {
  it('reads every sheet with typed cells: numbers as numbers, dates as dates', async () => {
    const workbook = await readWorkbook(makeXlsx([{ name: 'Resumen', rows: [['nada']] }, { name: 'Movimientos', rows: STATEMENT_ROWS }]), 'extracto.xlsx');
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['Resumen', 'Movimientos']);
    const rows = (workbook.sheets[1] as { rows: unknown[][] }).rows;
    expect(rows[5]?.[0]).toEqual(day(2));
    expect(rows[5]?.[3]).toBe(1500.25);
  });

  it('a statement sheet picked by name reads like a CSV statement, with provenance at the sheet row', async () => {
    const workbook = await readWorkbook(makeXlsx([{ name: 'Resumen', rows: [['nada']] }, { name: 'Movimientos', rows: STATEMENT_ROWS }]), 'extracto.xlsx');
    const table = workbookTable(workbook, 'Movimientos', SHA);
    const detection = detectStatement(table);
    expect(detection.isStatement).toBe(true);
    expect(detection.mapping.sheet).toBe('Movimientos');
    const outcome = readStatement(table, { ...detection.mapping, currency: 'COP' });
    expect(outcome.summary).toMatchObject({ ownerAccount: '0012345678', holderName: 'Importadora del Sur S.A.', sheet: 'Movimientos' });
    expect(outcome.transactions.map((t) => [t.source.line, t.statement.side, t.amount, t.timestamp])).toEqual([
      [6, 'debit', 1500.25, Date.UTC(2026, 1, 2)],
      [7, 'credit', 2000, Date.UTC(2026, 1, 3)],
      [8, 'debit', 499.75, Date.UTC(2026, 1, 4)],
    ]);
    expect(outcome.summary.reconciliation).toMatchObject({ complete: true, openingBalance: 10000, closingBalance: 10000 });
    expect(() => workbookTable(workbook, 'Hoja9', SHA)).toThrow(/no sheet named 'Hoja9' \(sheets: Resumen, Movimientos\)/);
  });

  it('a bad cell is quarantined with file, sheet and row', async () => {
    const rows = STATEMENT_ROWS.map((row) => row.slice());
    rows[6] = [day(3), 'T2', 'ABONO', null, 'dos mil', 10499.75];
    const table = workbookTable(await readWorkbook(makeXlsx([{ name: 'Hoja1', rows }]), 'extracto.xlsx'), 'first', SHA);
    const outcome = readStatement(table, { ...detectStatement(table).mapping, currency: 'COP' });
    expect(outcome.quarantine).toEqual([expect.objectContaining({ file: 'extracto.xlsx [Hoja1]', line: 7, column: 'Crédito', code: 'invalid-number', value: 'dos mil' })]);
  });

  it('formulas are taken as the value Excel computed, never evaluated; formula-looking text stays text', async () => {
    const workbook = await readWorkbook(makeXlsx([{ name: 'S', rows: [[{ formula: 'B1*2', cached: 42 }, 21, '=cmd|\' /C calc\'!A0', { formula: 'WEBSERVICE("http://x")' }]] }]), 'f.xlsx');
    const row = workbook.sheets[0]?.rows[0] ?? [];
    expect(row.slice(0, 3)).toEqual([42, 21, "=cmd|' /C calc'!A0"]);
    expect(row[3] ?? null).toBeNull();
  });

  it('refuses a zip bomb before unpacking it', async () => {
    // A real bomb: 64 MB of zeros per entry, eight entries, a few hundred KB on disk.
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const entries = Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`xl/media/zeros${index}.bin`, zeros]));
    const bomb = makeXlsx([{ name: 'S', rows: [['x']] }], entries);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    await expectWorkbookError(bomb, /would unpack to more than 400 MB.*possible zip bomb/);
  }, 120_000);

  it('a lying size in the zip directory does not make the reader grow past it', async () => {
    const bytes = makeXlsx([{ name: 'S', rows: Array.from({ length: 2000 }, (_, index) => [index, 'relleno relleno relleno']) }]);
    // Declare the sheet 100 bytes long in the central directory: unpacking must fail cleanly, not allocate what the data holds.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    for (let offset = 0; offset < bytes.length - 46; offset++) {
      if (view.getUint32(offset, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(offset + 28, true);
      const entryName = bytes.subarray(offset + 46, offset + 46 + nameLength);
      if (entryName.length === name.length && entryName.every((byte, index) => byte === name[index])) view.setUint32(offset + 24, 100, true);
    }
    const outcome = await readWorkbook(bytes, 'hostil.xlsx').then(
      (workbook) => workbook.sheets[0]?.rows.length ?? 0,
      (error: unknown) => error,
    );
    if (typeof outcome === 'number') expect(outcome).toBeLessThan(2000);
    else expect(outcome).toBeInstanceOf(StatementFileError);
  });

  it('refuses a sheet whose far-away cells would make millions of empty rows and columns', async () => {
    const raw = sheetXml([[1]]).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>');
    await expectWorkbookError(makeXlsx([{ name: 'S', raw }]), /spans 1,048,576 rows × 16,384 columns/);
  });

  it('a huge but dense sheet within the limits is read', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => [index, `r${index}`]);
    const workbook = await readWorkbook(makeXlsx([{ name: 'S', rows }]), 'big.xlsx');
    expect(workbook.sheets[0]?.rows).toHaveLength(20_000);
  });

  it('names what it cannot read: .xls, a renamed text file, a broken zip (an .ods goes to its own reader)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniffWorkbook(ole)).toBe('xls');
    await expectWorkbookError(ole, /\.xls\) workbooks are not read/);
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') });
    expect(sniffWorkbook(ods)).toBe('ods');
    await expectWorkbookError(ods, /content\.xml holds no spreadsheet/);
    await expectWorkbookError(strToU8('Fecha;Monto\n'), /not an \.xlsx or \.ods workbook/);
    const broken = makeXlsx([{ name: 'S', rows: [['x']] }]).slice(0, 200);
    await expectWorkbookError(broken, /not a readable \.xlsx workbook/);
  });
});
