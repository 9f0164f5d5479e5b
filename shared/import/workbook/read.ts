import readXlsxFile from 'read-excel-file/universal';
import { StatementFileError } from '../statement/errors';
import type { Cell, StatementTable } from '../statement/table';
import { textDecoder } from '../../runtime';
import { cellName, unzipWorkbook, WORKBOOK_LIMITS } from './common';
import { readOds } from './ods';

export { WORKBOOK_LIMITS } from './common';


/**
 * Excel workbooks (.xlsx) through read-excel-file (MIT, maintained, unzips
 * with fflate, which Caudal already ships, and reads cells with their types:
 * numbers as numbers, date-formatted cells as dates, formulas as the value
 * Excel last computed — never evaluated). See docs in the notes for why not
 * the `xlsx` package.
 *
 * A workbook is a zip of XML, so before the library sees one it is checked
 * for what a hostile file would do: a zip bomb (entries declaring gigabytes),
 * too many entries, and a sheet whose cell references span millions of rows
 * and columns (the library builds dense rows: one cell at XFD1048576 would
 * be 17 billion slots). Those are refused with a message naming the file.
 *
 * Also refused before the library parses: a cell text (or tag) longer than
 * the CSV engine's 1 MiB line cap, in a sheet or in sharedStrings.xml (a
 * 100 MB shared string was read into one cell), a used range past what the
 * library reads in about 1.5 GB (it keeps a DOM-like tree per sheet: 1M rows
 * × 8 columns took 3.9 GB and 31 s), and an encrypted workbook (an OLE file
 * like .xls, which the analyst would otherwise be told to re-save as .xlsx).
 */

export interface WorkbookSheet {
  name: string;
  rows: Cell[][];
}

export interface Workbook {
  fileName: string;
  sheets: WorkbookSheet[];
}

export type WorkbookFormat = 'xlsx' | 'xls' | 'encrypted' | 'ods' | 'not-a-workbook';

/** The stream names an encrypted OOXML file keeps in its OLE directory (UTF-16LE), per MS-OFFCRYPTO. */
const ENCRYPTED_STREAM = 'E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0';

/** What kind of spreadsheet the bytes are, from their signature (the extension can lie). */
export function sniffWorkbook(bytes: Uint8Array): WorkbookFormat {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // A password-protected .xlsx is an OLE compound file too; telling it from .xls gives the analyst the right advice.
    return textDecoder('latin1').decode(bytes).includes(ENCRYPTED_STREAM) ? 'encrypted' : 'xls';
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'not-a-workbook';
  // An OpenDocument file's first entry is named "mimetype" (stored uncompressed, its text says which kind: readOds checks it).
  if (bytes.length >= 38 && bytes[2] === 0x03 && bytes[3] === 0x04 && bytes[26] === 8 && bytes[27] === 0 && textDecoder('latin1').decode(bytes.subarray(30, 38)) === 'mimetype') return 'ods';
  return 'xlsx';
}

const CELL_REF = /<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g;
const ROW_REF = /<row\b[^>]*?\br="(\d{1,7})"/g;

function columnNumber(letters: string): number {
  let value = 0;
  for (let i = 0; i < letters.length; i++) value = value * 26 + (letters.charCodeAt(i) - 64);
  return value;
}

/** The used range of a sheet from its cell and row references (what the library will allocate). */
function usedRange(xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const match of xml.matchAll(CELL_REF)) {
    const column = columnNumber(match[1] as string);
    const row = Number(match[2]);
    if (column > columns) columns = column;
    if (row > rows) rows = row;
  }
  for (const match of xml.matchAll(ROW_REF)) {
    const row = Number(match[1]);
    if (row > rows) rows = row;
  }
  return { rows, columns };
}

/**
 * One linear pass over a part: the first stretch of more than `limit`
 * characters without a '<' (a cell text or a tag past the cap; no regex with
 * a counted repeat, which backtracks on runs just under the cap), and the
 * number of tags (the library keeps a node per element: 300 MB of `<x/>`
 * from a 300 KB zip took 6 s and 1.3 GB to read as an empty sheet).
 */
function scanPart(xml: string, limit: number): { overlongAt: number; tags: number } {
  let previous = 0;
  let tags = 0;
  for (;;) {
    const next = xml.indexOf('<', previous + 1);
    const end = next < 0 ? xml.length : next;
    if (end - previous > limit) return { overlongAt: previous, tags };
    if (next < 0) return { overlongAt: -1, tags };
    tags += 1;
    previous = next;
  }
}

function overlongPlace(part: string, xml: string, offset: number): { en: string; es: string } {
  if (/sharedStrings/i.test(part)) {
    let ordinal = 0;
    for (let at = xml.indexOf('<si', 0); at >= 0 && at < offset; at = xml.indexOf('<si', at + 3)) ordinal += 1;
    return { en: `shared string ${ordinal} (${part})`, es: `texto compartido ${ordinal} (${part})` };
  }
  const rowStart = xml.lastIndexOf('<row', offset);
  const row = rowStart >= 0 ? /^<row\b[^>]*?\br="(\d{1,7})"/.exec(xml.slice(rowStart, rowStart + 200))?.[1] : undefined;
  return row ? { en: `sheet part ${part}, row ${row}`, es: `parte de hoja ${part}, fila ${row}` } : { en: `sheet part ${part}`, es: `parte de hoja ${part}` };
}

/** A cell element without its `r` reference (optional in the standard, always written by Excel). */
const CELL_WITHOUT_REF = /<c(?=[\s>/])(?![^>]*\br=)/;

/** Checks the workbook before the library reads it; returns the sheet parts whose cells lack their reference. */
function guard(bytes: Uint8Array, fileName: string): string[] {
  const withoutRefs: string[] = [];
  const fail = (message: string, spanish: string) => {
    throw new StatementFileError('workbook', message, { file: fileName }, spanish);
  };
  const sheets = unzipWorkbook(bytes, fileName, 'xlsx', (name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name) || /^xl\/sharedStrings\.xml$/i.test(name));
  const decoder = textDecoder();
  for (const [name, data] of Object.entries(sheets)) {
    const xml = decoder.decode(data);
    const scan = scanPart(xml, WORKBOOK_LIMITS.maxCellChars);
    if (scan.overlongAt >= 0) {
      const place = overlongPlace(name, xml, scan.overlongAt);
      fail(
        `${place.en}: a cell text or tag longer than ${WORKBOOK_LIMITS.maxCellChars.toLocaleString('en')} characters (the limit per cell, as for a CSV line); refused`,
        `${place.es}: un texto de celda o etiqueta de más de ${WORKBOOK_LIMITS.maxCellChars.toLocaleString('es')} caracteres (el límite por celda, como para una línea CSV); se rechaza`,
      );
    }
    const range = /sharedStrings/i.test(name) ? { rows: 0, columns: 0 } : usedRange(xml);
    if (!/sharedStrings/i.test(name) && CELL_WITHOUT_REF.test(xml)) withoutRefs.push(name);
    if (range.rows > WORKBOOK_LIMITS.maxRowsPerSheet || range.rows * range.columns > WORKBOOK_LIMITS.maxCellsPerSheet) {
      fail(
        `sheet part ${name} spans ${range.rows.toLocaleString('en')} rows × ${range.columns.toLocaleString('en')} columns; the limit is ${WORKBOOK_LIMITS.maxCellsPerSheet.toLocaleString('en')} cells (a sheet with far-away cells is refused rather than filled in; a sheet that large imports as CSV: save it as CSV in Excel)`,
        `la parte de hoja ${name} abarca ${range.rows.toLocaleString('es')} filas × ${range.columns.toLocaleString('es')} columnas; el límite es ${WORKBOOK_LIMITS.maxCellsPerSheet.toLocaleString('es')} celdas (una hoja con celdas lejanas se rechaza en vez de rellenarse; una hoja así de grande se importa como CSV: guárdela como CSV en Excel)`,
      );
    }
    if (scan.tags > WORKBOOK_LIMITS.maxTagsPerPart) {
      fail(
        `${name} holds ${scan.tags.toLocaleString('en')} XML tags; the limit is ${WORKBOOK_LIMITS.maxTagsPerPart.toLocaleString('en')} (about five per cell of the largest sheet read); refused as a possible zip bomb (a real sheet that large imports as CSV)`,
        `${name} contiene ${scan.tags.toLocaleString('es')} etiquetas XML; el límite es ${WORKBOOK_LIMITS.maxTagsPerPart.toLocaleString('es')} (unas cinco por celda de la hoja más grande que se lee); se rechaza como posible bomba zip (una hoja real así de grande se importa como CSV)`,
      );
    }
  }
  return withoutRefs;
}

/**
 * Reads every sheet of an .xlsx workbook or an .ods spreadsheet (ods.ts) into
 * typed cells, told apart by their bytes, not their name. Row i of a sheet is
 * sheet row i + 1, so provenance (file, sheet, row) points at what the
 * analyst sees in Excel or LibreOffice.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<Workbook> {
  const format = sniffWorkbook(bytes);
  if (format === 'encrypted') {
    throw new StatementFileError(
      'workbook',
      'the workbook is password-protected (encrypted); open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, empty), save it and import it again',
      { file: fileName },
      'el libro está protegido con contraseña (cifrado); ábralo en Excel, quite la contraseña (Archivo › Información › Proteger libro › Cifrar con contraseña, vacía), guárdelo e impórtelo de nuevo',
    );
  }
  if (format === 'xls') throw new StatementFileError('workbook', 'old Excel 97-2003 (.xls) workbooks are not read; open it in Excel or LibreOffice and save it as .xlsx (or CSV)', { file: fileName }, 'los libros antiguos de Excel 97-2003 (.xls) no se leen; ábralo en Excel o LibreOffice y guárdelo como .xlsx (o CSV)');
  if (format === 'ods') return readOds(bytes, fileName);
  if (format === 'not-a-workbook') throw new StatementFileError('workbook', 'not an .xlsx or .ods workbook (the file does not start like a zip archive)', { file: fileName }, 'no es un libro .xlsx ni .ods (el archivo no empieza como un archivo zip)');
  const withoutRefs = guard(bytes, fileName);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    // read-excel-file needs every cell's reference and fails with a TypeError without it: say what the file lacks.
    const explained =
      withoutRefs.length > 0
        ? {
            en: `cells in ${withoutRefs.join(', ')} have no reference (the r="A1" attribute Excel always writes); open the file in Excel or LibreOffice and save it as .xlsx again`,
            es: `las celdas de ${withoutRefs.join(', ')} no tienen referencia (el atributo r="A1" que Excel siempre escribe); abra el archivo en Excel o LibreOffice y guárdelo de nuevo como .xlsx`,
          }
        : explainLibraryError((error as Error).message);
    throw new StatementFileError('workbook', `not a readable .xlsx workbook (${explained.en})`, { file: fileName }, `no es un libro .xlsx legible (${explained.es})`);
  }
  return {
    fileName,
    sheets: sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data.map((row) => row.map(toCell)) })),
  };
}

const CELL_PROBLEMS: Record<string, { en: string; es: string }> = {
  VALUE_INVALID: { en: 'its value does not match the type the cell declares (for example text in a number cell)', es: 'su valor no corresponde al tipo que declara la celda (por ejemplo, texto en una celda numérica)' },
  TYPE_INVALID: { en: 'it declares a cell type Excel does not have', es: 'declara un tipo de celda que Excel no tiene' },
  FORMAT_INVALID: { en: 'its number format is not valid', es: 'su formato de número no es válido' },
  VALUE_MISSING: { en: 'it has no value', es: 'no tiene valor' },
};

/** read-excel-file's messages in the analyst's terms: the cell as Excel names it, and why. */
function explainLibraryError(message: string): { en: string; es: string } {
  const rowOrder = /Out-of-place <row\/> number (\d+) follows <row\/> number (\d+)/.exec(message);
  if (rowOrder) {
    return {
      en: `row ${rowOrder[1]} comes after row ${rowOrder[2]}: rows out of order or repeated, which Excel never writes; refused rather than guess which copy is right`,
      es: `la fila ${rowOrder[1]} viene después de la fila ${rowOrder[2]}: filas desordenadas o repetidas, que Excel nunca escribe; se rechaza en vez de adivinar qué copia vale`,
    };
  }
  const cellOrder = /Out-of-place <c\/> at row (\d+) col (\d+) follows <c\/> at row (\d+) col (\d+)/.exec(message);
  if (cellOrder) {
    const later = cellName(Number(cellOrder[1]), Number(cellOrder[2]));
    const earlier = cellName(Number(cellOrder[3]), Number(cellOrder[4]));
    return {
      en: `cell ${later} comes after cell ${earlier}: cells out of order or repeated, which Excel never writes; refused rather than guess which copy is right`,
      es: `la celda ${later} viene después de la celda ${earlier}: celdas desordenadas o repetidas, que Excel nunca escribe; se rechaza en vez de adivinar qué copia vale`,
    };
  }
  const cell = /<c\/> at row (\d+), col (\d+): ([A-Z_]+)/.exec(message);
  if (cell) {
    const ref = cellName(Number(cell[1]), Number(cell[2]));
    const problem = CELL_PROBLEMS[cell[3] as string] ?? { en: cell[3] as string, es: cell[3] as string };
    return { en: `cell ${ref}: ${problem.en}`, es: `celda ${ref}: ${problem.es}` };
  }
  return { en: message, es: message };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return String(value);
}

/** One sheet as a statement table: 'first' or a sheet name (exact, else case-insensitive). */
export function workbookTable(workbook: Workbook, sheetChoice: string, sha256: string): StatementTable {
  const sheet =
    sheetChoice === 'first'
      ? workbook.sheets[0]
      : (workbook.sheets.find((candidate) => candidate.name === sheetChoice) ?? workbook.sheets.find((candidate) => candidate.name.toLowerCase() === sheetChoice.toLowerCase()));
  if (!sheet) {
    const names = workbook.sheets.map((candidate) => candidate.name).join(', ');
    throw new StatementFileError('missing-sheet', `no sheet named '${sheetChoice}' (sheets: ${names})`, { file: workbook.fileName }, `no hay ninguna hoja llamada '${sheetChoice}' (hojas: ${names})`);
  }
  return { fileName: workbook.fileName, sha256, sheet: sheet.name, rows: sheet.rows, lines: sheet.rows.map((_, index) => index + 1), encoding: 'xlsx', delimiter: '' };
}

/** Whether a file name or its first bytes say workbook rather than CSV. */
export function isWorkbookFile(name: string, head?: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(name)) return true;
  return head !== undefined && sniffWorkbook(head) !== 'not-a-workbook';
}
