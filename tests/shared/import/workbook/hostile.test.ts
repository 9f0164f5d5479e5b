import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectStatement, readStatement } from '../../../../shared/import/statement';
import { errorTextIn } from '../../../../shared/model';
import { readWorkbook, sniffWorkbook, workbookTable, WORKBOOK_LIMITS } from '../../../../shared/import/workbook';
import { makeXlsx, sheetXml, type TestCell } from './makeXlsx';
import { workbookError } from './refused';

const refusedXlsx = (bytes: Uint8Array) => workbookError(bytes, 'hostil.xlsx');

/**
 * Workbooks that play the attacker, beyond the zip bomb, lying sizes and
 * far-away cells workbook.test.ts covers: huge texts in a sheet or in
 * sharedStrings.xml, duplicate zip entries, an encrypted workbook, cells out
 * of order or lying about their type, entity declarations, and values that
 * are well-formed and absurd (a date in the year 275690).
 */

const SHA = 'd'.repeat(64);
const HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';
const sst = (strings: string[]) => strToU8(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${strings.map((text) => `<si><t>${text}</t></si>`).join('')}</sst>`);


describe('workbook texts past the per-cell cap', () => {
  it('refuses a 2 MB shared string before the library reads it, naming which string', async () => {
    const bytes = makeXlsx([{ name: 'S', raw: `${HEAD}<row r="1"><c r="A1" t="s"><v>1</v></c></row>${TAIL}` }], { 'xl/sharedStrings.xml': sst(['corto', 'x'.repeat(2 * 1024 * 1024)]) });
    expect((await refusedXlsx(bytes)).message).toMatch(/shared string 2 \(xl\/sharedStrings\.xml\): a cell text or tag longer than 1,048,576 characters/);
  });

  it('refuses a 2 MB inline cell text and a 2 MB attribute, naming the sheet part and row', async () => {
    const rows: TestCell[][] = [['a'], ['b'], ['y'.repeat(2 * 1024 * 1024)]];
    expect((await refusedXlsx(makeXlsx([{ name: 'S', rows }]))).message).toMatch(/sheet part xl\/worksheets\/sheet1\.xml, row 3: a cell text or tag longer than 1,048,576/);
    const attribute = `${HEAD}<row r="1"><c r="A1" x="${'z'.repeat(2 * 1024 * 1024)}"><v>1</v></c></row>${TAIL}`;
    expect((await refusedXlsx(makeXlsx([{ name: 'S', raw: attribute }]))).message).toMatch(/row 1: a cell text or tag longer than/);
  });

  it('reads a long but real cell (500,000 characters) and a million short shared strings', async () => {
    const long = 'descripción-'.repeat(40_000);
    const strings = Array.from({ length: 1_000_000 }, (_, index) => `s${index}`);
    const workbook = await readWorkbook(makeXlsx([{ name: 'S', raw: `${HEAD}<row r="1"><c r="A1" t="s"><v>999999</v></c><c r="B1" t="inlineStr"><is><t>${long}</t></is></c></row>${TAIL}` }], { 'xl/sharedStrings.xml': sst(strings) }), 'largo.xlsx');
    expect(workbook.sheets[0]?.rows[0]).toEqual(['s999999', long]);
  }, 60_000);

  it('keeps the used-range limit where the library stays near 1.5 GB, and says to import such a sheet as CSV', async () => {
    expect(WORKBOOK_LIMITS.maxCellsPerSheet).toBe(3_000_000);
    const far = `${HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="400000"><c r="H400000"><v>2</v></c></row>${TAIL}`;
    expect((await refusedXlsx(makeXlsx([{ name: 'S', raw: far }]))).message).toMatch(/spans 400,000 rows × 8 columns; the limit is 3,000,000 cells.*save it as CSV/);
  });
});

describe('workbook XML that inflates into millions of elements', () => {
  it('refuses a sheet of 15 million empty tags (60 MB from a zip of a few dozen KB) before the library builds a node for each', async () => {
    const raw = `${HEAD}${'<x/>'.repeat(WORKBOOK_LIMITS.maxTagsPerPart + 1)}${TAIL}`;
    const bytes = makeXlsx([{ name: 'S', raw }]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect((await refusedXlsx(bytes)).message).toMatch(/xl\/worksheets\/sheet1\.xml holds 15,000,00\d XML tags; the limit is 15,000,000.*possible zip bomb/);
  }, 60_000);
});

describe('workbook zips that are not what they say', () => {
  it('refuses two zip entries with one name (the guard and the library could read different ones)', async () => {
    const benign = sheetXml([[1]]);
    const hostile = `${HEAD}<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>${TAIL}`;
    const bytes = makeXlsx([{ name: 'S', raw: benign }], { 'xl/worksheets/sheetZ.xml': [strToU8(hostile), { level: 0 }] });
    // Rename the extra entry in its local header and in the central directory to the real sheet's name.
    const from = strToU8('xl/worksheets/sheetZ.xml');
    const to = strToU8('xl/worksheets/sheet1.xml');
    let renamed = 0;
    for (let offset = 0; offset <= bytes.length - from.length; offset += 1) {
      if (from.every((byte, index) => bytes[offset + index] === byte)) {
        bytes.set(to, offset);
        renamed += 1;
      }
    }
    expect(renamed).toBe(2);
    expect((await refusedXlsx(bytes)).message).toMatch(/two entries named xl\/worksheets\/sheet1\.xml/);
  });

  it('tells a password-protected workbook from an old .xls, with the advice that fits', async () => {
    const utf16 = (text: string) => Uint8Array.from([...text].flatMap((char) => [char.charCodeAt(0), 0]));
    const encrypted = new Uint8Array(4096);
    encrypted.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    encrypted.set(utf16('EncryptionInfo'), 1024);
    encrypted.set(utf16('EncryptedPackage'), 1152);
    expect(sniffWorkbook(encrypted)).toBe('encrypted');
    expect((await refusedXlsx(encrypted)).message).toMatch(/password-protected \(encrypted\).*remove the password/);
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    xls.set(utf16('Workbook'), 1024);
    expect(sniffWorkbook(xls)).toBe('xls');
  });

  it('reads past entry names that climb out of the folder, and writes nothing anywhere', async () => {
    const bytes = makeXlsx([{ name: 'S', rows: [[7]] }], { '../../../../tmp/caudal-evil.xml': strToU8('<x/>'), '/etc/caudal-evil': strToU8('x') });
    expect((await readWorkbook(bytes, 'ruta.xlsx')).sheets[0]?.rows).toEqual([[7]]);
  });

  it('never expands entities: a DOCTYPE with a billion-laughs chain or an external file stays literal text', async () => {
    const raw = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c><c r="B1" t="inlineStr"><is><t>&x;</t></is></c></row>${TAIL}`;
    const workbook = await readWorkbook(makeXlsx([{ name: 'S', raw }]), 'entidades.xlsx');
    expect(workbook.sheets[0]?.rows).toEqual([['&b;', '&x;']]);
  });
});

describe('workbook cells that lie', () => {
  it('names the cell when rows or cells come out of order or twice, instead of keeping one copy silently', async () => {
    const repeatedRow = `${HEAD}<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>${TAIL}`;
    expect((await refusedXlsx(makeXlsx([{ name: 'S', raw: repeatedRow }]))).message).toMatch(/cell A1 comes after cell A3: cells out of order or repeated/);
    const repeatedCell = `${HEAD}<row r="2"><c r="B2"><v>1</v></c><c r="B2"><v>1000000</v></c></row>${TAIL}`;
    expect((await refusedXlsx(makeXlsx([{ name: 'S', raw: repeatedCell }]))).message).toMatch(/cell B2 comes after cell B2/);
  });

  it('says what a sheet whose cells lack their r reference is missing, instead of the library\'s TypeError', async () => {
    const raw = `${HEAD}<row><c><v>1</v></c><c><v>2</v></c></row>${TAIL}`;
    const error = await refusedXlsx(makeXlsx([{ name: 'S', raw }]));
    expect(error.message).toMatch(/cells in xl\/worksheets\/sheet1\.xml have no reference \(the r="A1" attribute Excel always writes\)/);
    expect(error.messageEs).toMatch(/no tienen referencia/);
  });

  it('names the cell whose declared type its value contradicts', async () => {
    for (const cell of ['<c r="C4" t="n"><v>abc</v></c>', '<c r="C4" t="s"><v>99999</v></c>', '<c r="C4" t="b"><v>7</v></c>', '<c r="C4" t="d"><v>ayer</v></c>']) {
      const raw = `${HEAD}<row r="4">${cell}</row>${TAIL}`;
      expect((await refusedXlsx(makeXlsx([{ name: 'S', raw }]))).message).toMatch(/cell C4: its value does not match the type the cell declares/);
    }
  });

  it('quarantines with sheet and row a date cell in the year 275690 and an amount of 1e309, and imports the rest', async () => {
    const header = ['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo'];
    const farFuture = new Date(Date.UTC(2026, 1, 2));
    farFuture.setUTCFullYear(275_690);
    const raw = sheetXml([
      ['Número de cuenta:', '0012345678'],
      [null],
      header,
      [new Date(Date.UTC(2026, 1, 2)), 'T1', 'PAGO', 100, null, 900],
      [farFuture, 'T2', 'FECHA FALSA', 50, null, 850],
    ]).replace('</sheetData>', '<row r="6"><c r="A6" s="1"><v>46057</v></c><c r="B6" t="inlineStr"><is><t>T3</t></is></c><c r="C6" t="inlineStr"><is><t>INFINITO</t></is></c><c r="D6"><v>1e309</v></c></row></sheetData>');
    const table = workbookTable(await readWorkbook(makeXlsx([{ name: 'Hoja1', raw }]), 'extracto.xlsx'), 'first', SHA);
    const outcome = readStatement(table, { ...detectStatement(table).mapping, currency: 'COP' });
    expect(outcome.transactions.map((transaction) => transaction.source.line)).toEqual([4]);
    expect(outcome.quarantine).toEqual([
      expect.objectContaining({ file: 'extracto.xlsx [Hoja1]', line: 5, code: 'invalid-date', reason: expect.stringMatching(/year 275690, outside Excel's calendar/) }),
      expect.objectContaining({ file: 'extracto.xlsx [Hoja1]', line: 6, code: 'invalid-number', value: 'Infinity' }),
    ]);
  });
});

describe('what zipSync cannot make', () => {
  it('a zip of one huge but honest sheet is refused by its declared size before any inflating', async () => {
    // 420 MB declared by a stored (uncompressed) entry would need 420 MB to build; a lying directory does the same for the guard.
    const bytes = zipSync({ 'xl/worksheets/sheet1.xml': [strToU8(sheetXml([[1]])), { level: 0 }] });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 0; offset < bytes.length - 46; offset += 1) if (view.getUint32(offset, true) === 0x02014b50) view.setUint32(offset + 24, 420 * 1024 * 1024, true);
    expect((await refusedXlsx(bytes)).message).toMatch(/would unpack to more than 400 MB \(entry xl\/worksheets\/sheet1\.xml: 420 MB/);
  });
});

describe('workbook refusals in the analyst\'s language', () => {
  it('says each refusal in Spanish too, with the file in front', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [makeXlsx([{ name: 'S', raw: `${HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${TAIL}` }], { 'xl/sharedStrings.xml': sst(['x'.repeat(2 * 1024 * 1024)]) }), /^hostil\.xlsx: texto compartido 1 \(xl\/sharedStrings\.xml\): un texto de celda o etiqueta de más de 1\.048\.576 caracteres/],
      [makeXlsx([{ name: 'S', raw: `${HEAD}<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>${TAIL}` }]), /^hostil\.xlsx: no es un libro \.xlsx legible \(la celda A1 viene después de la celda A3/],
      [Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, ...Array.from('EncryptedPackage').flatMap((char) => [char.charCodeAt(0), 0])]), /^hostil\.xlsx: el libro está protegido con contraseña/],
    ];
    for (const [bytes, spanish] of cases) {
      const error = await refusedXlsx(bytes);
      expect(error.messageEs).toMatch(spanish);
      expect(errorTextIn('es', error)).toBe(error.messageEs);
      expect(errorTextIn('en', error)).toBe(error.message);
    }
  });
});
