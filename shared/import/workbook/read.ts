import { unzipSync, type UnzipFileInfo } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { StatementFileError } from '../statement/errors';
import type { Cell, StatementTable } from '../statement/table';
import { textDecoder } from '../../runtime';


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
 */
export const WORKBOOK_LIMITS = {
  /** Compressed file size read at all. */
  maxFileBytes: 100 * 1024 * 1024,
  /** Uncompressed bytes of all entries together, as declared by the zip (fflate allocates by the declared size, so a lying entry is cut, not grown). */
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxEntries: 2_000,
  /** Rows × columns of the used range of one sheet. */
  maxCellsPerSheet: 20_000_000,
  maxRowsPerSheet: 1_048_576,
} as const;

export interface WorkbookSheet {
  name: string;
  rows: Cell[][];
}

export interface Workbook {
  fileName: string;
  sheets: WorkbookSheet[];
}

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'not-a-workbook';

/** What kind of spreadsheet the bytes are, from their signature (the extension can lie). */
export function sniffWorkbook(bytes: Uint8Array): WorkbookFormat {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'not-a-workbook';
  // An OpenDocument file starts with an uncompressed "mimetype" entry.
  const head = textDecoder('latin1').decode(bytes.subarray(0, 120));
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
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

function guard(bytes: Uint8Array, fileName: string): void {
  const fail = (message: string) => {
    throw new StatementFileError('workbook', message, { file: fileName });
  };
  if (bytes.length > WORKBOOK_LIMITS.maxFileBytes) fail(`the workbook is ${(bytes.length / 1048576).toFixed(0)} MB; the limit is ${WORKBOOK_LIMITS.maxFileBytes / 1048576} MB (save the sheet as CSV and import that)`);
  let entries = 0;
  let declared = 0;
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        entries += 1;
        declared += file.originalSize;
        if (entries > WORKBOOK_LIMITS.maxEntries) fail(`the workbook holds more than ${WORKBOOK_LIMITS.maxEntries} parts; refused as a possible zip bomb`);
        if (declared > WORKBOOK_LIMITS.maxUncompressedBytes) {
          fail(`the workbook would unpack to more than ${WORKBOOK_LIMITS.maxUncompressedBytes / 1048576} MB (entry ${file.name}: ${(file.originalSize / 1048576).toFixed(0)} MB from ${(file.size / 1024).toFixed(0)} KB); refused as a possible zip bomb`);
        }
        return /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
      },
    });
  } catch (error) {
    if (error instanceof StatementFileError) throw error;
    return fail(`not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const decoder = textDecoder();
  for (const [name, data] of Object.entries(sheets)) {
    const range = usedRange(decoder.decode(data));
    if (range.rows > WORKBOOK_LIMITS.maxRowsPerSheet || range.rows * range.columns > WORKBOOK_LIMITS.maxCellsPerSheet) {
      fail(`sheet part ${name} spans ${range.rows.toLocaleString('en')} rows × ${range.columns.toLocaleString('en')} columns; the limit is ${WORKBOOK_LIMITS.maxCellsPerSheet.toLocaleString('en')} cells (a sheet with far-away cells is refused rather than filled in)`);
    }
  }
}

/**
 * Reads every sheet of an .xlsx workbook into typed cells. Row i of a sheet
 * is sheet row i + 1, so provenance (file, sheet, row) points at what the
 * analyst sees in Excel.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<Workbook> {
  const format = sniffWorkbook(bytes);
  if (format === 'xls') throw new StatementFileError('workbook', 'old Excel 97-2003 (.xls) workbooks are not read; open it in Excel or LibreOffice and save it as .xlsx (or CSV)', { file: fileName });
  if (format === 'ods') throw new StatementFileError('workbook', 'OpenDocument (.ods) spreadsheets are not read; save it as .xlsx (or CSV) in LibreOffice', { file: fileName });
  if (format === 'not-a-workbook') throw new StatementFileError('workbook', 'not an .xlsx workbook (the file does not start like a zip archive)', { file: fileName });
  guard(bytes, fileName);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw new StatementFileError('workbook', `not a readable .xlsx workbook (${(error as Error).message})`, { file: fileName });
  }
  return {
    fileName,
    sheets: sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data.map((row) => row.map(toCell)) })),
  };
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
    throw new StatementFileError('missing-sheet', `no sheet named '${sheetChoice}' (sheets: ${workbook.sheets.map((candidate) => candidate.name).join(', ')})`, { file: workbook.fileName });
  }
  return { fileName: workbook.fileName, sha256, sheet: sheet.name, rows: sheet.rows, lines: sheet.rows.map((_, index) => index + 1), encoding: 'xlsx', delimiter: '' };
}

/** Whether a file name or its first bytes say workbook rather than CSV. */
export function isWorkbookFile(name: string, head?: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(name)) return true;
  return head !== undefined && sniffWorkbook(head) !== 'not-a-workbook';
}
