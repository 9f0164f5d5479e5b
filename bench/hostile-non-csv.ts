/**
 * Hostile files for every importer that is not the CSV engine (issue 10,
 * round 12): Excel workbooks (.xlsx, and .ods since round 13), goAML XML, bank statements, FtM JSON lines,
 * sanctions lists and partner packages, each through its real shared/ entry
 * point. `npm run bench:hostile` runs every case in a child process of its
 * own (this file with `--case NAME`), so each figure is that case's peak
 * resident memory, not the sum of the run.
 *
 * Each case says what it expects — 'refused' (a named error) or 'handled'
 * (read, with its bad parts quarantined or left out) — and the run fails when
 * a case does otherwise. Fixtures are generated; goAML ones are streamed and
 * never held whole. Reads nothing from ../shared/.
 *
 * Usage: npm run bench:hostile -- --only-non-csv   (or with the CSV cases)
 *        node scripts/run-ts.mjs bench/hostile-non-csv.ts --case NAME
 */
import { spawnSync } from 'node:child_process';
import { strToU8, zipSync } from 'fflate';
import { importGoaml, type GoamlByteSource } from '../shared/interop/goaml';
import { importFtmLines } from '../shared/interop/ftm';
import { importStatement } from '../shared/import/statement';
import { readWorkbook } from '../shared/import/workbook';
import { parseListFiles } from '../shared/screen/lists';
import { buildPackage, defaultPolicy, generateUnitKeyPair, openPackage, publicKeysOf, randomBytes, sanitise } from '../shared/package';
import { makeXlsx, sheetXml } from '../tests/shared/import/workbook/makeXlsx';
import { contentXml, makeOds, tableXml } from '../tests/shared/import/workbook/makeOds';
import { report, twoParty } from '../tests/shared/interop/goaml/helpers';
import { HEADER as PACKAGE_HEADER, NOW, demoDataset } from '../tests/shared/package/fixtures';

type Expectation = 'refused' | 'handled';

interface HostileCase {
  name: string;
  importer: 'workbook' | 'goAML' | 'statement' | 'FtM' | 'list' | 'package';
  expect: Expectation;
  /** Builds the input and runs the importer; returns what it did, or throws its named error. */
  run(): Promise<{ inputMb: number; detail: string }>;
}

const encoder = new TextEncoder();
const MB = 1024 * 1024;
const SHA = 'b'.repeat(64);
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

async function workbook(bytes: Uint8Array, name = 'hostil.xlsx'): Promise<{ inputMb: number; detail: string }> {
  const started = performance.now();
  const read = await readWorkbook(bytes, name);
  const sheet = read.sheets[0];
  // The case's seconds include building the fixture; the read alone is said here.
  return { inputMb: bytes.length / MB, detail: `${read.sheets.length} sheet(s), ${sheet?.rows.length.toLocaleString('en') ?? 0} rows in the first, read in ${((performance.now() - started) / 1000).toFixed(2)} s` };
}

function denseSheet(rows: number, columns: number): string {
  const parts: string[] = [SHEET_HEAD];
  for (let row = 1; row <= rows; row += 1) {
    let xml = `<row r="${row}">`;
    for (let column = 0; column < columns; column += 1) xml += `<c r="${String.fromCharCode(65 + column)}${row}"><v>${column}</v></c>`;
    parts.push(`${xml}</row>`);
  }
  parts.push(SHEET_TAIL);
  return parts.join('');
}

const ods = (bytes: Uint8Array) => workbook(bytes, 'hostil.ods');
const odsSheet = (rows: string, name = 'S') => makeOds([], { content: contentXml(`<table:table table:name="${name}">${rows}</table:table>`) });
const ODS_FLOAT = (value: number | string, repeat?: number) => `<table:table-cell office:value-type="float" office:value="${value}"${repeat ? ` table:number-columns-repeated="${repeat}"` : ''}/>`;

/** A sheet as LibreOffice writes it, every cell spelled out (distinct values), each row padded to column 16384 and the sheet to row 1048576. */
function denseOds(rows: number, columns: number): Uint8Array {
  const parts: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    let xml = '<table:table-row table:style-name="ro1">';
    for (let column = 0; column < columns; column += 1) {
      const value = row * columns + column;
      xml += column === 1 ? `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>ref ${value}</text:p></table:table-cell>` : `<table:table-cell office:value-type="float" office:value="${value}" calcext:value-type="float"><text:p>${value}</text:p></table:table-cell>`;
    }
    parts.push(`${xml}<table:table-cell table:number-columns-repeated="${16_384 - columns}"/></table:table-row>`);
  }
  const tail = `<table:table-row table:number-rows-repeated="${1_048_576 - rows}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
  return makeOds([], { content: contentXml(`<table:table table:name="S">${parts.join('')}${tail}</table:table>`) });
}

/** A goAML file streamed in 64 KB pieces: head, `filler` up to `fillerBytes`, tail. */
function streamed(head: string, filler: string, fillerBytes: number, tail: string): GoamlByteSource {
  const piece = encoder.encode(filler.repeat(Math.max(1, Math.floor(65_536 / filler.length))));
  const pieces = Math.ceil(fillerBytes / piece.length);
  const headBytes = encoder.encode(head);
  const tailBytes = encoder.encode(tail);
  return {
    name: 'hostil.xml',
    size: headBytes.length + pieces * piece.length + tailBytes.length,
    async *stream() {
      yield headBytes;
      for (let index = 0; index < pieces; index += 1) yield piece;
      yield tailBytes;
    },
  };
}

const bytesSource = (bytes: Uint8Array): GoamlByteSource => ({
  name: 'hostil.xml',
  size: bytes.length,
  async *stream() {
    for (let offset = 0; offset < bytes.length; offset += 65_536) yield bytes.subarray(offset, offset + 65_536);
  },
});

async function goaml(source: GoamlByteSource): Promise<{ inputMb: number; detail: string }> {
  const outcome = await importGoaml(source, { sha256: SHA, defaultCurrency: 'COP', onBatch: () => undefined });
  const first = outcome.quarantine[0];
  return { inputMb: source.size / MB, detail: `${outcome.counts.imported.toLocaleString('en')} imported, ${outcome.counts.quarantined} quarantined${first ? ` (first: line ${first.line}, ${first.field})` : ''}` };
}

const goamlStart = report(twoParty('OK-1')).replace('\n</report>\n', '\n');

const STATEMENT_TITLE = 'Banco Ejemplo\nNúmero de cuenta:;0012345678\nTitular:;Importadora del Sur\n\nFecha;Referencia;Descripción;Débito;Crédito;Saldo\n';
const statementRows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => `${String(((from + index) % 28) + 1).padStart(2, '0')}/02/2026;T${from + index};PAGO;10,00;;${(10_000_000 - (from + index + 1) * 10).toFixed(2).replace('.', ',')}`).join('\n') + '\n';

async function statement(bytes: Uint8Array): Promise<{ inputMb: number; detail: string }> {
  const outcome = await importStatement({ name: 'extracto.csv', bytes, sha256: SHA }, undefined, { defaultCurrency: 'COP' });
  const { counts } = outcome.summary;
  const first = outcome.quarantine[0];
  return {
    inputMb: bytes.length / MB,
    detail: `${counts.imported.toLocaleString('en')} imported, ${counts.quarantined} quarantined${first ? ` (line ${first.line} ${first.code})` : ''}${outcome.summary.badlyDecodedLines ? `, bad bytes on lines ${outcome.summary.badlyDecodedLines.join(', ')}` : ''}`,
  };
}

function ftm(text: string): { inputMb: number; detail: string } {
  const outcome = importFtmLines(text, { sha256: SHA, fileName: 'socio.ftm.json' });
  return { inputMb: text.length / MB, detail: `${outcome.parties.length} parties, ${outcome.counts.quarantined} quarantined` };
}

export const NON_CSV_CASES: HostileCase[] = [
  // Workbooks.
  {
    name: 'xlsx: zip bomb, 8 entries of 64 MB of zeros',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const zeros = new Uint8Array(64 * MB);
      return workbook(makeXlsx([{ name: 'S', rows: [['x']] }], Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`xl/media/zeros${index}.bin`, zeros]))));
    },
  },
  { name: 'xlsx: 300 MB sheet of empty tags', importer: 'workbook', expect: 'refused', run: () => workbook(makeXlsx([{ name: 'S', raw: SHEET_HEAD + '<x/>'.repeat(75 * MB) + SHEET_TAIL }])) },
  {
    name: 'xlsx: one 100 MB shared string',
    importer: 'workbook',
    expect: 'refused',
    run: () => workbook(makeXlsx([{ name: 'S', raw: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}` }], { 'xl/sharedStrings.xml': strToU8(`<sst><si><t>${'x'.repeat(100 * MB)}</t></si></sst>`) })),
  },
  {
    name: 'xlsx: 2 million shared strings (48 MB)',
    importer: 'workbook',
    expect: 'handled',
    run: () => workbook(makeXlsx([{ name: 'S', raw: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>1999999</v></c></row>${SHEET_TAIL}` }], { 'xl/sharedStrings.xml': strToU8(`<sst>${'<si><t>abcdefgh</t></si>'.repeat(2_000_000)}</sst>`) })),
  },
  { name: 'xlsx: a cell at XFD1048576', importer: 'workbook', expect: 'refused', run: () => workbook(makeXlsx([{ name: 'S', raw: sheetXml([[1]]).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>') }])) },
  { name: 'xlsx: dense 300,000 rows x 10 columns (3M cells, the cap)', importer: 'workbook', expect: 'handled', run: () => workbook(makeXlsx([{ name: 'S', raw: denseSheet(300_000, 10) }])) },
  { name: 'xlsx: dense 1,000,000 rows x 8 columns', importer: 'workbook', expect: 'refused', run: () => workbook(makeXlsx([{ name: 'S', raw: denseSheet(1_000_000, 8) }])) },
  {
    name: 'xlsx: two zip entries named sheet1.xml',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const bytes = makeXlsx([{ name: 'S', rows: [[1]] }], { 'xl/worksheets/sheetZ.xml': [strToU8(sheetXml([[2]])), { level: 0 }] });
      const from = strToU8('xl/worksheets/sheetZ.xml');
      for (let offset = 0; offset <= bytes.length - from.length; offset += 1) if (from.every((byte, index) => bytes[offset + index] === byte)) bytes.set(strToU8('xl/worksheets/sheet1.xml'), offset);
      return workbook(bytes);
    },
  },
  {
    name: 'xlsx: password-protected (OLE with EncryptedPackage)',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const bytes = new Uint8Array(64 * 1024);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.set(Uint8Array.from([...'EncryptedPackage'].flatMap((char) => [char.charCodeAt(0), 0])), 2048);
      return workbook(bytes);
    },
  },
  {
    name: 'xlsx: DOCTYPE with billion laughs and an external entity',
    importer: 'workbook',
    expect: 'handled',
    run: () =>
      workbook(
        makeXlsx([
          {
            name: 'S',
            raw: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c><c r="B1" t="inlineStr"><is><t>&x;</t></is></c></row>${SHEET_TAIL}`,
          },
        ]),
      ),
  },
  { name: 'xlsx: rows out of order (row 3, then row 1)', importer: 'workbook', expect: 'refused', run: () => workbook(makeXlsx([{ name: 'S', raw: `${SHEET_HEAD}<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>${SHEET_TAIL}` }])) },
  { name: 'xlsx: a CSV renamed .xlsx', importer: 'workbook', expect: 'refused', run: () => workbook(encoder.encode('Fecha;Monto\n01/02/2026;10\n')) },
  { name: 'xlsx: zip cut after 200 bytes', importer: 'workbook', expect: 'refused', run: () => workbook(zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheetXml([[1]])) }).slice(0, 200)) },

  // OpenDocument spreadsheets (.ods).
  {
    name: 'ods: zip bomb, 8 entries of 64 MB of zeros',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const zeros = new Uint8Array(64 * MB);
      return ods(makeOds([{ name: 'S', rows: [['x']] }], { extra: Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`Pictures/zeros${index}.bin`, zeros])) }));
    },
  },
  { name: 'ods: 2,001 zip entries', importer: 'workbook', expect: 'refused', run: () => ods(makeOds([{ name: 'S', rows: [[1]] }], { extra: Object.fromEntries(Array.from({ length: 2_001 }, (_, index) => [`Thumbnails/t${index}.png`, strToU8('x')])) })) },
  { name: 'ods: no content.xml', importer: 'workbook', expect: 'refused', run: () => ods(zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'styles.xml': strToU8('<x/>') })) },
  {
    name: 'ods: two zip entries named content.xml',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const bytes = makeOds([{ name: 'S', rows: [[1]] }], { extra: { 'content.xmZ': [strToU8(contentXml(tableXml('S', [[1_000_000]]))), { level: 0 }] } });
      const from = strToU8('content.xmZ');
      for (let offset = 0; offset <= bytes.length - from.length; offset += 1) if (from.every((byte, index) => bytes[offset + index] === byte)) bytes.set(strToU8('content.xml'), offset);
      return ods(bytes);
    },
  },
  { name: 'ods: a text document (.odt mimetype) renamed .ods', importer: 'workbook', expect: 'refused', run: () => ods(makeOds([{ name: 'S', rows: [[1]] }], { mimetype: 'application/vnd.oasis.opendocument.text' })) },
  {
    name: 'ods: password-protected (manifest encryption-data)',
    importer: 'workbook',
    expect: 'refused',
    run: () =>
      ods(
        makeOds([], {
          content: Uint8Array.from({ length: 64 * 1024 }, (_, index) => (index * 131 + 7) % 256),
          manifest: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry></manifest:manifest>',
        }),
      ),
  },
  {
    name: 'ods: DOCTYPE with billion laughs and an external entity',
    importer: 'workbook',
    expect: 'refused',
    run: () => ods(makeOds([], { content: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>${contentXml(tableXml('S', [['&b;&x;']])).replace(/^<\?xml[^>]*\?>/, '')}` })),
  },
  { name: 'ods: one 100 MB cell text', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row><table:table-cell office:value-type="string"><text:p>${'x'.repeat(100 * MB)}</text:p></table:table-cell></table:table-row>`)) },
  { name: 'ods: text:s with text:c="999999999" (a billion spaces)', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet('<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="999999999"/></text:p></table:table-cell></table:table-row>')) },
  { name: 'ods: a value repeated over 1,000,000,000 columns', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row>${ODS_FLOAT(1, 1_000_000_000)}</table:table-row>`)) },
  { name: 'ods: a non-empty row repeated 1,000,000,000 times', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row table:number-rows-repeated="1000000000">${ODS_FLOAT(1)}</table:table-row>`)) },
  {
    name: 'ods: 1,000 sheets of 300,000 x 10 repeated values (200 bytes each)',
    importer: 'workbook',
    expect: 'refused',
    run: () => ods(makeOds([], { content: contentXml(Array.from({ length: 1_000 }, (_, index) => `<table:table table:name="S${index}"><table:table-row table:number-rows-repeated="300000">${ODS_FLOAT(1, 10)}</table:table-row></table:table>`).join('')) })),
  },
  { name: 'ods: 300,000 x 10 repeated values (3M cells, the cap)', importer: 'workbook', expect: 'handled', run: () => ods(odsSheet(`<table:table-row table:number-rows-repeated="300000">${ODS_FLOAT(1, 10)}</table:table-row>`)) },
  { name: 'ods: 10,000-deep nesting in a cell', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row><table:table-cell office:value-type="string"><text:p>${'<text:span>'.repeat(10_000)}x${'</text:span>'.repeat(10_000)}</text:p></table:table-cell></table:table-row>`)) },
  { name: 'ods: 60 MB content.xml of 15 million empty tags', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row><table:table-cell>${'<x/>'.repeat(15_000_001)}</table:table-cell></table:table-row>`)) },
  { name: 'ods: 200 MB attribute', importer: 'workbook', expect: 'refused', run: () => ods(odsSheet(`<table:table-row table:style-name="${'a'.repeat(200 * MB)}"/>`)) },
  {
    name: 'ods: a Latin-1 byte in UTF-8 content.xml',
    importer: 'workbook',
    expect: 'refused',
    run: () => {
      const content = strToU8(contentXml(tableXml('S', [['Pago a Ñandú', 10]])));
      content[content.indexOf(0xc3)] = 0xff;
      return ods(makeOds([], { content }));
    },
  },
  { name: 'ods: 150,000 rows x 10 columns as LibreOffice writes them', importer: 'workbook', expect: 'handled', run: () => ods(denseOds(150_000, 10)) },

  // goAML.
  {
    name: 'goAML: billion-laughs DOCTYPE',
    importer: 'goAML',
    expect: 'refused',
    run: () => goaml(bytesSource(encoder.encode(`<?xml version="1.0"?><!DOCTYPE report [<!ENTITY l0 "lol">${Array.from({ length: 10 }, (_, index) => `<!ENTITY l${index + 1} "${`&l${index};`.repeat(10)}">`).join('')}]><report><reason>&l10;</reason></report>`))),
  },
  { name: 'goAML: external entity (file:///etc/passwd)', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(encoder.encode('<?xml version="1.0"?><!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]><report><reason>&x;</reason></report>'))) },
  { name: 'goAML: undeclared &xxe; without a DOCTYPE', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(encoder.encode(report(twoParty('X').replace('<transmode_code>B', '<transmode_code>&xxe;'))))) },
  { name: 'goAML: 10,000-deep nesting', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(encoder.encode(`<report>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</report>`))) },
  { name: 'goAML: 200 MB text node', importer: 'goAML', expect: 'refused', run: () => goaml(streamed(`${goamlStart}<transaction><comments>`, 'x', 200 * MB, '</comments></transaction></report>')) },
  { name: 'goAML: 200 MB attribute', importer: 'goAML', expect: 'refused', run: () => goaml(streamed(`${goamlStart}<transaction note="`, 'a', 200 * MB, '"/></report>')) },
  { name: 'goAML: 200 MB comment', importer: 'goAML', expect: 'refused', run: () => goaml(streamed(`${goamlStart}<!--`, 'c', 200 * MB, '--></report>')) },
  { name: 'goAML: 200 MB of whitespace between transactions', importer: 'goAML', expect: 'refused', run: () => goaml(streamed(goamlStart, ' ', 200 * MB, '</report>')) },
  { name: 'goAML: elements in a foreign namespace', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(encoder.encode(report(twoParty('N').replace(/<(\/?)transaction>/g, '<$1x:transaction>')).replace('<report>', '<report xmlns:x="urn:otro">')))) },
  { name: 'goAML: UTF-8 file with invalid bytes after a BOM', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(report(twoParty('E'))).slice(0, 200), 0xff, 0xfe, 0x00]))) },
  {
    name: 'goAML: amounts 1e309, NaN, -0, 400 nines; zone +99:99',
    importer: 'goAML',
    expect: 'handled',
    run: () =>
      goaml(
        bytesSource(
          encoder.encode(
            report(
              [...['1e309', 'NaN', '-0', '9'.repeat(400)].map((amount, index) => twoParty(`A-${index}`, { amount: `<amount_local>${amount}</amount_local>` })), twoParty('Z-1', { date: '2025-06-01T10:00:00+99:99' }), twoParty('OK-2')].join('\n'),
            ),
          ),
        ),
      ),
  },
  {
    name: 'goAML: UTF-16LE file of 20,000 transactions',
    importer: 'goAML',
    expect: 'handled',
    run: () => {
      const text = report(Array.from({ length: 20_000 }, (_, index) => twoParty(`U-${index}`)).join('\n')).replace('encoding="UTF-8"', 'encoding="UTF-16"');
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        bytes[2 + index * 2] = code & 0xff;
        bytes[3 + index * 2] = code >> 8;
      }
      return goaml(bytesSource(bytes));
    },
  },
  { name: 'goAML: 6,000 good transactions, then a 2 MB comment', importer: 'goAML', expect: 'refused', run: () => goaml(bytesSource(encoder.encode(report(`${Array.from({ length: 6_000 }, (_, index) => twoParty(`H-${index}`)).join('\n')}\n<!--${'c'.repeat(2 * MB)}-->`)))) },

  // Statements.
  {
    name: 'statement: a 60 MB line among 1,000 rows',
    importer: 'statement',
    expect: 'handled',
    run: () => statement(encoder.encode(`${STATEMENT_TITLE}${statementRows(500)}02/02/2026;TX;${'x'.repeat(60 * MB)};10,00;;1,00\n${statementRows(500, 500)}`)),
  },
  { name: 'statement: runaway quote over 60 MB of two-byte lines', importer: 'statement', expect: 'refused', run: () => statement(encoder.encode(`${STATEMENT_TITLE}01/02/2026;T1;"${'x\n'.repeat(30 * MB)}`)) },
  { name: 'statement: stray quote at the first row of 300,000', importer: 'statement', expect: 'handled', run: () => statement(encoder.encode(`${STATEMENT_TITLE}01/02/2026;T-X;"Pago a El Dorado;10,00;;9999990,00\n${statementRows(299_999, 1)}`)) },
  {
    name: 'statement: UTF-8 with one stray Latin-1 byte',
    importer: 'statement',
    expect: 'handled',
    run: () => statement(Uint8Array.from([...encoder.encode(STATEMENT_TITLE + statementRows(1_000)), ...encoder.encode('04/02/2026;T9;'), 0xd1, ...encoder.encode('ANDU;10,00;;9989990,00\n')])),
  },

  // FtM.
  { name: 'FtM: 100,000 fragments of one id', importer: 'FtM', expect: 'handled', run: async () => ftm(Array.from({ length: 100_000 }, (_, index) => JSON.stringify({ id: 'same', schema: 'Person', properties: { name: ['Ana'], alias: [`a${index}`] } })).join('\n')) },
  { name: 'FtM: __proto__ and constructor property names', importer: 'FtM', expect: 'handled', run: async () => ftm('{"id":"p1","schema":"Person","properties":{"name":["Ana"]}}\n{"id":"p1","schema":"Person","properties":{"__proto__":["x"],"constructor":["y"]}}') },
  { name: 'FtM: a 100 MB name', importer: 'FtM', expect: 'handled', run: async () => ftm(JSON.stringify({ id: 'big', schema: 'Person', properties: { name: ['x'.repeat(100 * MB)] } })) },
  { name: 'FtM: 1,000,000-deep array in an unused field', importer: 'FtM', expect: 'handled', run: async () => ftm(`{"id":"d","schema":"Person","properties":{"name":["Dora"]},"x":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`) },

  // Sanctions lists.
  {
    name: 'UN list: 100 MB attribute',
    importer: 'list',
    expect: 'refused',
    run: async () => {
      const text = `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL note="${'a'.repeat(100 * MB)}"/></INDIVIDUALS></CONSOLIDATED_LIST>`;
      parseListFiles([{ name: 'un.xml', text }]);
      return { inputMb: text.length / MB, detail: 'read' };
    },
  },
  {
    name: 'national list: a 50 MB name',
    importer: 'list',
    expect: 'handled',
    run: async () => {
      const text = `nombre;rfc\n${'x'.repeat(50 * MB)};AAA010101AAA\nAna Ruiz;BBB010101BBB\n`;
      const [parsed] = parseListFiles([{ name: 'lista.csv', text }]);
      return { inputMb: text.length / MB, detail: `${parsed?.list.entries.length ?? 0} entries, ${parsed?.list.warnings.length ?? 0} warning(s)` };
    },
  },

  // Partner packages (reading side).
  {
    name: 'package: signed by a known partner, one transaction id twice',
    importer: 'package',
    expect: 'refused',
    run: async () => {
      const sender = generateUnitKeyPair('UIAF Colombia', NOW);
      const receiver = generateUnitKeyPair('UAF Panamá', NOW);
      const selection = { parties: [], accounts: [], transactions: ['T-1'], shipments: [], alerts: [], charts: [] };
      const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
      const first = content.transactions[0];
      if (first) content.transactions = [first, { ...first, amount: first.amount * 1000 }];
      const built = await buildPackage({ header: PACKAGE_HEADER, content, policy: defaultPolicy(), sender, passphrase: 'bench passphrase 2026 hostile', recipients: [publicKeysOf(receiver)] });
      await openPackage(built.bytes, { keyBook: [{ ...publicKeysOf(sender), verified: true }], passphrase: 'bench passphrase 2026 hostile', ownKeys: [receiver], now: NOW });
      return { inputMb: built.bytes.length / MB, detail: 'opened' };
    },
  },
];

export interface CaseFigure {
  name: string;
  importer: string;
  expected: Expectation;
  outcome: Expectation;
  seconds: number;
  peakMb: number;
  inputMb: number;
  detail: string;
}

/** Runs one case in this process and prints its figure as one JSON line. */
async function runCase(name: string): Promise<void> {
  const hostile = NON_CSV_CASES.find((candidate) => candidate.name === name);
  if (!hostile) throw new Error(`no case named ${name}`);
  const started = performance.now();
  let figure: Omit<CaseFigure, 'seconds' | 'peakMb'>;
  try {
    const { inputMb, detail } = await hostile.run();
    figure = { name, importer: hostile.importer, expected: hostile.expect, outcome: 'handled', inputMb, detail };
  } catch (error) {
    figure = { name, importer: hostile.importer, expected: hostile.expect, outcome: 'refused', inputMb: 0, detail: `${error instanceof Error ? error.name : 'Error'}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ ...figure, seconds, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Runs every case in a child process of its own; returns the figures and prints a table. Throws when a case did not do what it expects. */
export function runNonCsvCases(filter?: RegExp): CaseFigure[] {
  const figures: CaseFigure[] = [];
  for (const hostile of NON_CSV_CASES) {
    if (filter && !filter.test(hostile.name)) continue;
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--case', hostile.name], { encoding: 'utf8', maxBuffer: 64 * MB });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    let figure: CaseFigure;
    try {
      figure = JSON.parse(line) as CaseFigure;
    } catch {
      figure = { name: hostile.name, importer: hostile.importer, expected: hostile.expect, outcome: 'refused', seconds: Number.NaN, peakMb: Number.NaN, inputMb: 0, detail: `CRASHED (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}` };
    }
    figures.push(figure);
    const detail = figure.detail.length > 170 ? `${figure.detail.slice(0, 170)}…` : figure.detail;
    console.log(`${figure.importer.padEnd(9)} ${figure.name.padEnd(62)} ${figure.outcome.padEnd(8)} ${figure.seconds.toFixed(2).padStart(6)} s ${figure.peakMb.toFixed(0).padStart(5)} MB peak — ${detail}`);
  }
  const wrong = figures.filter((figure) => figure.outcome !== figure.expected || figure.detail.startsWith('CRASHED'));
  if (wrong.length > 0) throw new Error(`non-CSV hostile cases not as expected: ${wrong.map((figure) => `${figure.name} (${figure.outcome}, expected ${figure.expected})`).join('; ')}`);
  return figures;
}

const caseArgument = process.argv.indexOf('--case');
if (caseArgument > 0) await runCase(process.argv[caseArgument + 1] as string);
