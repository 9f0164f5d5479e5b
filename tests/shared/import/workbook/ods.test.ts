import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectStatement, importStatement, readStatement } from '../../../../shared/import/statement';
import { errorTextIn } from '../../../../shared/model';
import { readWorkbook, sniffWorkbook, workbookTable, WORKBOOK_LIMITS } from '../../../../shared/import/workbook';
import { makeXlsx } from './makeXlsx';
import { contentXml, makeOds, tableXml, type OdsTestCell } from './makeOds';
import { workbookError } from './refused';

/**
 * OpenDocument spreadsheets (.ods): what LibreOffice writes reads into the
 * same cells as the .xlsx Excel would write from the same data, and an .ods
 * that plays the attacker is refused, naming the file and where, before it
 * costs time or memory.
 */

const SHA = 'e'.repeat(64);
const day = (d: number) => new Date(Date.UTC(2026, 1, d));

const STATEMENT_ROWS: OdsTestCell[][] = [
  ['Banco del Pacífico'],
  ['Número de cuenta:', '0012345678'],
  ['Titular:', 'Importadora Andina S.A.'],
  [null],
  ['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo'],
  [day(2), 'T1', 'TRANSF A CTA 998877 ANA', 1500.25, null, 8499.75],
  [day(3), 'T2', 'ABONO NOMINA', null, 2000, 10499.75],
  [day(4), 'T3', 'PAGO', 499.75, null, 10000],
];

/** A sheet of raw rows (`<table:table-row>` elements) in a LibreOffice-like content.xml. */
const rawSheet = (rows: string, name = 'Hoja1') => makeOds([], { content: contentXml(`<table:table table:name="${name}">${rows}</table:table>`) });
const cells = (inner: string) => rawSheet(`<table:table-row>${inner}</table:table-row>`);

const odsError = (bytes: Uint8Array) => workbookError(bytes, 'hostil.ods');

/** Renames every occurrence of one zip entry name (local header and central directory) to another of the same length. */
function renameEntry(bytes: Uint8Array, from: string, to: string): number {
  const source = strToU8(from);
  let renamed = 0;
  for (let offset = 0; offset <= bytes.length - source.length; offset += 1) {
    if (source.every((byte, index) => bytes[offset + index] === byte)) {
      bytes.set(strToU8(to), offset);
      renamed += 1;
    }
  }
  return renamed;
}

describe('.ods spreadsheets read like .xlsx workbooks', () => {
  it('sniffs an .ods by its first entry, whatever its name says', () => {
    const bytes = makeOds([{ name: 'S', rows: [[1]] }]);
    expect(sniffWorkbook(bytes)).toBe('ods');
    expect(sniffWorkbook(makeXlsx([{ name: 'S', rows: [[1]] }]))).toBe('xlsx');
  });

  it('gives the same sheets, rows and typed cells as the same data saved as .xlsx', async () => {
    const sheets = [
      { name: 'Resumen', rows: [['nada']] as OdsTestCell[][] },
      { name: 'Movimientos', rows: STATEMENT_ROWS },
    ];
    const ods = await readWorkbook(makeOds(sheets), 'extracto.ods');
    const xlsx = await readWorkbook(makeXlsx(sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows as (string | number | Date | null)[][] }))), 'extracto.xlsx');
    expect(ods.fileName).toBe('extracto.ods');
    expect(ods.sheets).toEqual(xlsx.sheets);
    expect(ods.sheets[1]?.rows[5]?.[0]).toEqual(day(2));
    expect(ods.sheets[1]?.rows[5]?.[3]).toBe(1500.25);
  });

  it('imports a statement from an .ods exactly as from the .xlsx: same movements, same provenance rows, same reconciliation', async () => {
    const xlsxBytes = makeXlsx([{ name: 'Movimientos', rows: STATEMENT_ROWS as (string | number | Date | null)[][] }]);
    const fromXlsx = await importStatement({ name: 'extracto.xlsx', bytes: xlsxBytes, sha256: SHA }, undefined, { defaultCurrency: 'USD' });
    const fromOds = await importStatement({ name: 'extracto.ods', bytes: makeOds([{ name: 'Movimientos', rows: STATEMENT_ROWS }]), sha256: SHA }, undefined, { defaultCurrency: 'USD' });
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('extracto.xlsx', 'extracto.ods')) as unknown;
    expect(fromOds.summary.counts).toMatchObject({ read: 3, imported: 3, quarantined: 0 });
    expect(strip(fromOds.transactions)).toEqual(strip(fromXlsx.transactions));
    expect(strip(fromOds.summary)).toEqual(strip(fromXlsx.summary));
    expect(fromOds.transactions.map((t) => [t.source.line, t.statement.side, t.amount])).toEqual([
      [6, 'debit', 1500.25],
      [7, 'credit', 2000],
      [8, 'debit', 499.75],
    ]);
  });

  it('reads each OpenDocument value type: float, percentage, currency, date, date-time, time, boolean, string, empty, formula results', async () => {
    const workbook = await readWorkbook(
      cells(
        [
          '<table:table-cell office:value-type="float" office:value="-1.5E3"/>',
          '<table:table-cell office:value-type="percentage" office:value="0.15"><text:p>15 %</text:p></table:table-cell>',
          '<table:table-cell office:value-type="currency" office:currency="USD" office:value="1234.5"><text:p>$1.234,50</text:p></table:table-cell>',
          '<table:table-cell office:value-type="date" office:date-value="2026-02-04"/>',
          '<table:table-cell office:value-type="date" office:date-value="2026-02-04T18:30:15.5"/>',
          '<table:table-cell office:value-type="time" office:time-value="PT12H30M00S"/>',
          '<table:table-cell office:value-type="boolean" office:boolean-value="true"/>',
          '<table:table-cell office:value-type="string"><text:p>texto</text:p></table:table-cell>',
          '<table:table-cell/>',
          '<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" office:value="-3000"><text:p>-3000</text:p></table:table-cell>',
          '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
          '<table:table-cell office:value-type="string" office:string-value="del atributo"><text:p>mostrado</text:p></table:table-cell>',
          '<table:table-cell><text:p>sin tipo</text:p></table:table-cell>',
        ].join(''),
      ),
      'tipos.ods',
    );
    expect(workbook.sheets[0]?.rows).toEqual([
      [-1500, 0.15, 1234.5, new Date(Date.UTC(2026, 1, 4)), new Date(Date.UTC(2026, 1, 4, 18, 30, 15, 500)), new Date(Date.UTC(1899, 11, 30, 12, 30)), true, 'texto', null, -3000, null, 'del atributo', 'sin tipo'],
    ]);
  });

  it('a time cell gives what read-excel-file gives for an Excel time cell (a Date on 1899-12-30)', async () => {
    const excel = await readWorkbook(makeXlsx([{ name: 'S', raw: '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>0.5208333333333334</v></c></row></sheetData></worksheet>' }]), 't.xlsx');
    const ods = await readWorkbook(cells('<table:table-cell office:value-type="time" office:time-value="PT12H30M00S"/>'), 't.ods');
    expect(ods.sheets[0]?.rows).toEqual(excel.sheets[0]?.rows);
  });

  it('joins paragraphs with a line break and spells out text:s, text:tab, text:line-break, spans and links; leaves annotations and footnotes out', async () => {
    const workbook = await readWorkbook(
      cells(
        '<table:table-cell office:value-type="string"><office:annotation><text:p>comentario oculto</text:p></office:annotation><text:p>  Pago <text:span text:style-name="T1">a <text:a xlink:href="http://x" xmlns:xlink="http://www.w3.org/1999/xlink">Ana</text:a></text:span><text:s text:c="3"/>Ruiz<text:tab/>fin</text:p><text:p>línea<text:line-break/>dos<text:note><text:note-body><text:p>nota</text:p></text:note-body></text:note></text:p></table:table-cell>',
      ),
      'texto.ods',
    );
    expect(workbook.sheets[0]?.rows).toEqual([['Pago a Ana   Ruiz\tfin\nlínea\ndos']]);
  });

  it('keeps the sheet rows where LibreOffice shows them: repeated empty rows and cells in between are made, trailing ones are not', async () => {
    const row = (inner: string, repeat = 1) => `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${inner}</table:table-row>`;
    const empty16k = '<table:table-cell table:number-columns-repeated="16384"/>';
    const workbook = await readWorkbook(
      rawSheet(
        `<table:table-header-rows>${row('<table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>' + empty16k.replace('16384', '16383'))}</table:table-header-rows>` +
          row(empty16k, 2) +
          `<table:table-row-group>${row('<table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="2"/><table:covered-table-cell table:number-columns-repeated="3"/>', 2)}</table:table-row-group>` +
          row(empty16k, 1_048_571),
      ),
      'huecos.ods',
    );
    expect(workbook.sheets[0]?.rows).toEqual([
      ['a', null, null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, 7, 7],
      [null, null, 7, 7],
    ]);
    // Each repeated row is a row of its own, not one array shared by reference.
    expect(workbook.sheets[0]?.rows[3]).not.toBe(workbook.sheets[0]?.rows[4]);
  });

  it('reads a LibreOffice-sized sheet (every row padded to 16,384 columns, 1,048,576 rows declared) in well under a second', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => [index, `r${index}`, day((index % 28) + 1)] as OdsTestCell[]);
    const bytes = makeOds([{ name: 'S', rows }]);
    const started = performance.now();
    const workbook = await readWorkbook(bytes, 'grande.ods');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(workbook.sheets[0]?.rows).toHaveLength(5_000);
    expect(workbook.sheets[0]?.rows[4_999]).toEqual([4_999, 'r4999', day((4_999 % 28) + 1)]);
  });

  it('a bad cell is quarantined with file, sheet and row, as from an .xlsx', async () => {
    const rows = STATEMENT_ROWS.map((row) => row.slice());
    rows[6] = [day(3), 'T2', 'ABONO', null, 'dos mil', 10499.75];
    const table = workbookTable(await readWorkbook(makeOds([{ name: 'Hoja1', rows }]), 'extracto.ods'), 'first', SHA);
    const outcome = readStatement(table, { ...detectStatement(table).mapping, currency: 'USD' });
    expect(outcome.quarantine).toEqual([expect.objectContaining({ file: 'extracto.ods [Hoja1]', line: 7, column: 'Crédito', code: 'invalid-number', value: 'dos mil' })]);
  });

  it('quarantines a date cell in the year 275690 and an amount of 1e309 at their rows, as from an .xlsx', async () => {
    const header = '<table:table-row>' + ['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo'].map((text) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`).join('') + '</table:table-row>';
    const line = (date: string, reference: string, debit: string, balance: string) =>
      `<table:table-row><table:table-cell office:value-type="date" office:date-value="${date}"/><table:table-cell office:value-type="string"><text:p>${reference}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>PAGO</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="${debit}"/><table:table-cell/><table:table-cell office:value-type="float" office:value="${balance}"/></table:table-row>`;
    const title = '<table:table-row><table:table-cell office:value-type="string"><text:p>Número de cuenta:</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>0012345678</text:p></table:table-cell></table:table-row><table:table-row/>';
    const table = workbookTable(await readWorkbook(rawSheet(title + header + line('2026-02-02', 'T1', '100', '900') + line('275690-02-02', 'T2', '50', '850') + line('2026-02-03', 'T3', '1e309', '1')), 'extracto.ods'), 'first', SHA);
    const outcome = readStatement(table, { ...detectStatement(table).mapping, currency: 'USD' });
    expect(outcome.transactions.map((transaction) => transaction.source.line)).toEqual([4]);
    expect(outcome.quarantine).toEqual([
      expect.objectContaining({ file: 'extracto.ods [Hoja1]', line: 5, code: 'invalid-date', reason: expect.stringMatching(/year 275690/) }),
      expect.objectContaining({ file: 'extracto.ods [Hoja1]', line: 6, code: 'invalid-number', value: 'Infinity' }),
    ]);
  });
});

describe('.ods files that play the attacker', () => {
  it('refuses a zip bomb by its declared sizes, before inflating it', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bomb = makeOds([{ name: 'S', rows: [['x']] }], { extra: Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`Pictures/zeros${index}.bin`, zeros])) });
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    expect((await odsError(bomb)).message).toMatch(/would unpack to more than 400 MB.*possible zip bomb/);
  }, 120_000);

  it('refuses more entries than a spreadsheet has', async () => {
    const extra = Object.fromEntries(Array.from({ length: WORKBOOK_LIMITS.maxEntries }, (_, index) => [`Thumbnails/t${index}.png`, strToU8('x')]));
    expect((await odsError(makeOds([{ name: 'S', rows: [[1]] }], { extra }))).message).toMatch(/holds more than 2000 parts; refused as a possible zip bomb/);
  });

  it('refuses a missing content.xml and two of them', async () => {
    const missing = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'styles.xml': strToU8('<x/>') });
    expect((await odsError(missing)).message).toMatch(/has no content\.xml/);
    expect((await odsError(makeOds([], { content: contentXml('') }))).message).toMatch(/holds no sheet \(no table:table element in content\.xml\)/);
    const twice = makeOds([{ name: 'S', rows: [[1]] }], { extra: { 'content.xmZ': [strToU8(contentXml(tableXml('S', [[1_000_000]]))), { level: 0 }] } });
    expect(renameEntry(twice, 'content.xmZ', 'content.xml')).toBe(2);
    expect((await odsError(twice)).message).toMatch(/two entries named content\.xml/);
  });

  it('refuses a file whose mimetype entry says another kind of document, with what it is', async () => {
    const text = makeOds([{ name: 'S', rows: [[1]] }], { mimetype: 'application/vnd.oasis.opendocument.text' });
    expect(sniffWorkbook(text)).toBe('ods');
    const error = await odsError(text);
    expect(error.message).toMatch(/this is an OpenDocument text document \(\.odt\), not a spreadsheet/);
    expect(error.messageEs).toMatch(/es un documento de texto OpenDocument \(\.odt\), no una hoja de cálculo/);
    expect((await odsError(makeOds([{ name: 'S', rows: [[1]] }], { mimetype: 'application/x-evil' }))).message).toMatch(/mimetype entry says 'application\/x-evil'/);
  });

  it('tells a password-protected .ods apart and says how to remove the password', async () => {
    const manifest =
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="5021"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="abc"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="xyz"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>';
    const ciphertext = Uint8Array.from({ length: 4096 }, (_, index) => (index * 131 + 7) % 256);
    const error = await odsError(makeOds([], { content: ciphertext, manifest }));
    expect(error.message).toMatch(/password-protected \(encrypted\).*untick "Save with password"/);
    expect(error.messageEs).toMatch(/protegida con contraseña \(cifrada\).*desmarque «Guardar con contraseña»/);
    // Without its manifest, the ciphertext is still not taken for XML.
    expect((await odsError(makeOds([], { content: ciphertext, manifest: '<m/>' }))).message).toMatch(/content\.xml is not XML.*password-protected or damaged/);
  });

  it('refuses any DOCTYPE (no entity is ever expanded) and an undeclared entity', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>${contentXml(tableXml('S', [['&b;']])).replace(/^<\?xml[^>]*\?>/, '')}`;
    expect((await odsError(makeOds([], { content: laughs }))).message).toMatch(/DOCTYPE declaration is not allowed/);
    const undeclared = contentXml('<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>&xxe;</text:p></table:table-cell></table:table-row></table:table>');
    expect((await odsError(makeOds([], { content: undeclared }))).message).toMatch(/not a readable \.ods spreadsheet \(content\.xml, sheet 'S', cell A1, between bytes 0 and \d+: undefined entity\)/);
  });

  it('refuses a cell text past maxCellChars, naming the sheet and cell, however it is built', async () => {
    const big = 'x'.repeat(WORKBOOK_LIMITS.maxCellChars + 10);
    const cases = [
      `<table:table-cell/><table:table-cell office:value-type="string"><text:p>${big}</text:p></table:table-cell>`,
      `<table:table-cell/><table:table-cell office:value-type="string"><text:p>${'<text:span>yyyyyyyyyy</text:span>'.repeat(110_000)}</text:p></table:table-cell>`,
      `<table:table-cell/><table:table-cell office:value-type="string"><text:p>a<text:s text:c="999999999"/></text:p></table:table-cell>`,
    ];
    for (const inner of cases) {
      const error = await odsError(rawSheet(`<table:table-row><table:table-cell/></table:table-row><table:table-row>${inner}</table:table-row>`));
      expect(error.message).toMatch(/^hostil\.ods: sheet 'Hoja1', cell B2: a cell text or tag longer than 1,048,576 characters/);
      expect(error.messageEs).toMatch(/^hostil\.ods: hoja 'Hoja1', celda B2: un texto de celda o etiqueta de más de 1\.048\.576 caracteres/);
    }
    const value = `<table:table-row><table:table-cell office:value-type="string" office:string-value="${big}"/></table:table-row>`;
    expect((await odsError(rawSheet(value))).message).toMatch(/sheet 'Hoja1', cell A1: a cell text or tag longer than 1,048,576 characters/);
    // A huge attribute or comment anywhere is stopped before saxes holds it whole.
    const huge = 'z'.repeat(2 * WORKBOOK_LIMITS.maxCellChars);
    const attribute = `<table:table-row table:style-name="${huge}"><table:table-cell/></table:table-row>`;
    expect((await odsError(rawSheet(attribute))).message).toMatch(/sheet 'Hoja1': more than 1,048,576 characters without the end of a tag, text, comment or instruction/);
    const comment = `<!--${huge}-->`;
    expect((await odsError(rawSheet(comment))).message).toMatch(/sheet 'Hoja1': more than 1,048,576 characters without the end/);
  });

  it('refuses huge repeat counts of a value before copying it: columns, rows, and far-away rows', async () => {
    const started = performance.now();
    const columns = await odsError(cells('<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000000000"/>'));
    expect(columns.message).toMatch(/sheet 'Hoja1', cell A1: the sheet would hold 1 rows × 1,000,000,000 columns; the limit is 3,000,000 cells/);
    const rows = await odsError(rawSheet('<table:table-row table:number-rows-repeated="1000000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'));
    expect(rows.message).toMatch(/sheet 'Hoja1', row 1: a non-empty row at row 1,000,000,000, past the 1,048,576 rows/);
    const wide = await odsError(rawSheet('<table:table-row table:number-rows-repeated="400000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="8"/></table:table-row>'));
    expect(wide.message).toMatch(/the sheet would hold 400,000 rows × 8 columns; the limit is 3,000,000 cells.*save it as CSV in LibreOffice/);
    const far = await odsError(rawSheet('<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10"/></table:table-row><table:table-row table:number-rows-repeated="500000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="2"/></table:table-row>'));
    expect(far.message).toMatch(/sheet 'Hoja1', cell A500002: the sheet would hold 500,002 rows × 10 columns/);
    expect((await odsError(cells('<table:table-cell table:number-columns-repeated="-5"/>'))).message).toMatch(/table:number-columns-repeated="-5" is not a positive whole number/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('counts the cells of all sheets: a thousand 200-byte sheets of 3 million cells each are refused', async () => {
    const sheet = (index: number) => `<table:table table:name="S${index}"><table:table-row table:number-rows-repeated="300000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10"/></table:table-row></table:table>`;
    const bytes = makeOds([], { content: contentXml(Array.from({ length: 1_000 }, (_, index) => sheet(index)).join('')) });
    expect(bytes.length).toBeLessThan(20_000);
    expect((await odsError(bytes)).message).toMatch(/sheet 'S2', cell A1: the workbook would hold 6,000,010 cells \(6,000,000 in the sheets before this one, and 1 rows × 10 columns here\); the limit is 6,000,000 cells for all sheets together/);
  }, 60_000);

  it('refuses nesting past the depth limit', async () => {
    const deep = `<table:table-cell office:value-type="string"><text:p>${'<text:span>'.repeat(10_000)}x${'</text:span>'.repeat(10_000)}</text:p></table:table-cell>`;
    expect((await odsError(cells(deep))).message).toMatch(/sheet 'Hoja1', cell A1: <text:span> is nested deeper than 100 levels/);
  });

  it('refuses bytes that are not UTF-8 and a content.xml in another encoding', async () => {
    const good = strToU8(contentXml(tableXml('S', [['Ñandú']])));
    const bad = good.slice();
    bad[good.indexOf(0xc3)] = 0xff;
    expect((await odsError(makeOds([], { content: bad }))).message).toMatch(/^hostil\.ods: content\.xml holds bytes that are not UTF-8 \(between bytes 0 and 65,536\)/);
    const latin1 = contentXml(tableXml('S', [['x']])).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect((await odsError(makeOds([], { content: latin1 }))).message).toMatch(/declares the encoding ISO-8859-1; OpenDocument files are UTF-8/);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'<x/>'].flatMap((char) => [char.charCodeAt(0), 0])]);
    expect((await odsError(makeOds([], { content: utf16 }))).message).toMatch(/content\.xml is not XML/);
  });

  it('names the cell whose value contradicts its declared type', async () => {
    const lies: [string, RegExp][] = [
      ['<table:table-cell office:value-type="float" office:value="abc"/>', /cell C1: its value 'abc' is not the number the cell declares/],
      ['<table:table-cell office:value-type="float"/>', /cell C1: it declares a number but has no office:value/],
      ['<table:table-cell office:value-type="float" office:value="0x10"/>', /cell C1: its value '0x10' is not the number/],
      ['<table:table-cell office:value-type="date" office:date-value="2026-02-30"/>', /cell C1: its date value '2026-02-30' is not a day of the calendar/],
      ['<table:table-cell office:value-type="date" office:date-value="ayer"/>', /cell C1: its date value 'ayer' is not an ISO date/],
      ['<table:table-cell office:value-type="time" office:time-value="PT"/>', /cell C1: its time value 'PT' is not a duration/],
      ['<table:table-cell office:value-type="boolean" office:boolean-value="quizás"/>', /cell C1: its value 'quizás' is not the true or false/],
      ['<table:table-cell office:value-type="void"/>', /cell C1: it declares a value type OpenDocument does not have \(void\)/],
    ];
    for (const [cell, pattern] of lies) expect((await odsError(cells(`<table:table-cell table:number-columns-repeated="2"/>${cell}`))).message).toMatch(pattern);
  });

  it('reads past entry names that climb out of the folder and writes nothing', async () => {
    const bytes = makeOds([{ name: 'S', rows: [[7]] }], { extra: { '../../../../tmp/caudal-evil.xml': strToU8('<x/>') } });
    expect((await readWorkbook(bytes, 'ruta.ods')).sheets[0]?.rows).toEqual([[7]]);
  });

  it('says each refusal in Spanish too, with the file in front', async () => {
    const error = await odsError(cells('<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000000000"/>'));
    expect(error.messageEs).toMatch(/^hostil\.ods: hoja 'Hoja1', celda A1: la hoja tendría 1 filas × 1\.000\.000\.000 columnas; el límite es 3\.000\.000 celdas/);
    expect(errorTextIn('es', error)).toBe(error.messageEs);
    expect(errorTextIn('en', error)).toBe(error.message);
  });
});
