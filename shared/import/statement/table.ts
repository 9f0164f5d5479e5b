import { decodeHead, looksBadlyDecoded } from '../text';
import { detectNewline, sniffCsv } from '../sniff';
import { MAX_LINE_CHARS, RecordChunker } from '../chunker';
import type { DelimiterChoice, EncodingChoice } from '../spec';
import { ImportError } from '../types';
import { StatementFileError } from './errors';

/**
 * One cell as the statement reader sees it. CSV gives text only; a workbook
 * gives typed cells (numbers as numbers, dates as Date), which are used as
 * they are rather than printed and parsed again.
 */
export type Cell = string | number | boolean | Date | null;

/** A statement's rows, whatever the file format, with where each row sits in the file. */
export interface StatementTable {
  fileName: string;
  /** SHA-256 of the file's bytes: every movement's provenance points at it. */
  sha256: string;
  /** The workbook sheet the rows come from; absent for CSV. */
  sheet?: string;
  rows: Cell[][];
  /** 1-based physical line (CSV) or sheet row number of each row, for provenance and messages. */
  lines: number[];
  encoding: string;
  delimiter: string;
  /**
   * CSV lines that are no row at all (longer than the 1 MiB a line may have),
   * in file order: the reader quarantines each with its line instead of the
   * table silently closing up around it.
   */
  overlongLines?: { line: number; length: number; text: string; truncated: boolean }[];
  /** Lines whose bytes were not valid in the encoding read (a UTF-8 file with a stray Latin-1 byte): the first 20. */
  badlyDecodedLines?: number[];
}

/** A statement CSV is read whole; past this it is not a statement but a transfer file. */
export const MAX_STATEMENT_CSV_BYTES = 64 * 1024 * 1024;
/**
 * Rows of a statement (Excel's own sheet limit). 64 MB of two-byte lines is
 * 32 million rows, which took 59 s and 5.4 GB to hold; the transfer importer
 * streams such a file instead.
 */
export const MAX_STATEMENT_ROWS = 1_048_576;
/** Text is handed to the chunker in pieces of this size (as the transfer importer does), so a runaway piece never builds one huge list. */
const PIECE_CHARS = 64 * 1024;

/**
 * Reads a statement CSV into rows, keeping the title block above the table
 * (the preamble the transfer importer skips is exactly what a statement
 * needs: account number, holder, period).
 */
export function csvStatementTable(bytes: Uint8Array, fileName: string, sha256: string, choice: { encoding?: EncodingChoice; delimiter?: DelimiterChoice } = {}): StatementTable {
  if (bytes.length > MAX_STATEMENT_CSV_BYTES) {
    const size = (bytes.length / 1048576).toFixed(0);
    const limit = MAX_STATEMENT_CSV_BYTES / 1048576;
    throw new StatementFileError(
      'too-large',
      `a statement file is read whole and this one is ${size} MB (limit ${limit} MB); import it as a transfer file instead`,
      { file: fileName },
      `un extracto se lee entero y este pesa ${size} MB (límite ${limit} MB); impórtelo como archivo de transferencias`,
    );
  }
  const encoding = choice.encoding ?? 'auto';
  let decoded = decodeHead(bytes, encoding, fileName);
  // One stray Latin-1 byte in a UTF-8 export makes 'auto' read the whole file as Windows-1252, turning every
  // accent into mojibake ("DÃ©bito": the header is not found, names fail to resolve). When the single-byte reading
  // itself looks like UTF-8 misread, read UTF-8 and name the lines with bytes it could not decode instead.
  if (encoding === 'auto' && (decoded.encoding === 'windows-1252' || decoded.encoding === 'iso-8859-1') && looksBadlyDecoded(decoded.text)) {
    decoded = decodeHead(bytes, 'utf-8', fileName);
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportError('empty-file', 'the file is empty', { file: fileName });
  const newline = detectNewline(text);
  const delimiter = choice.delimiter && choice.delimiter !== 'auto' ? choice.delimiter : sniffCsv(bytes.subarray(0, 256 * 1024), { encoding }).delimiter;
  // The transfer importer's chunker, item by item: each record with the physical line it starts on, a stray quote
  // re-synchronised, and a line past MAX_LINE_CHARS reported rather than dropped (parseRows drops it, and every later
  // row's line number would shift by one).
  const chunker = new RecordChunker({ delimiter, lineBreak: newline === '\r' ? '\r' : '\n', maxLineChars: MAX_LINE_CHARS });
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const overlongLines: NonNullable<StatementTable['overlongLines']> = [];
  const badlyDecodedLines: number[] = [];
  const take = (items: ReturnType<RecordChunker['push']>) => {
    for (const item of items) {
      if (item.fields) {
        rows.push(item.fields);
        lines.push(item.line);
        if (badlyDecodedLines.length < 20 && item.fields.some((field) => field.includes('\uFFFD'))) badlyDecodedLines.push(item.line);
      } else if (item.broken?.code === 'unclosed-quote') {
        rows.push(item.broken.cells);
        lines.push(item.line);
      } else if (item.broken) {
        overlongLines.push({ line: item.line, length: item.broken.length, text: item.broken.text, truncated: item.broken.truncated });
      }
      if (rows.length + overlongLines.length > MAX_STATEMENT_ROWS) {
        throw new StatementFileError(
          'too-large',
          `a statement is read whole and this one has more than ${MAX_STATEMENT_ROWS.toLocaleString('en')} rows (line ${item.line}); import it as a transfer file instead`,
          { file: fileName },
          `un extracto se lee entero y este tiene más de ${MAX_STATEMENT_ROWS.toLocaleString('es')} filas (línea ${item.line}); impórtelo como archivo de transferencias`,
        );
      }
    }
  };
  for (let start = 0; start < text.length; start += PIECE_CHARS) take(chunker.push(text.slice(start, start + PIECE_CHARS)));
  take(chunker.finish());
  const table: StatementTable = { fileName, sha256, rows, lines, encoding: decoded.encoding, delimiter };
  if (overlongLines.length > 0) table.overlongLines = overlongLines;
  if (badlyDecodedLines.length > 0) table.badlyDecodedLines = badlyDecodedLines;
  return table;
}

/** A cell as text, for labels, headers, references and descriptions. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export function isBlankCells(row: readonly Cell[]): boolean {
  for (const cell of row) if (cellText(cell) !== '') return false;
  return true;
}
