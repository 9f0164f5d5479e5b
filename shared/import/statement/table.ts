import { decodeHead } from '../text';
import { detectNewline, parseRows, sniffCsv } from '../sniff';
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
}

/** A statement CSV is read whole; past this it is not a statement but a transfer file. */
export const MAX_STATEMENT_CSV_BYTES = 64 * 1024 * 1024;

/**
 * Reads a statement CSV into rows, keeping the title block above the table
 * (the preamble the transfer importer skips is exactly what a statement
 * needs: account number, holder, period).
 */
export function csvStatementTable(bytes: Uint8Array, fileName: string, sha256: string, choice: { encoding?: EncodingChoice; delimiter?: DelimiterChoice } = {}): StatementTable {
  if (bytes.length > MAX_STATEMENT_CSV_BYTES) {
    throw new StatementFileError('too-large', `a statement file is read whole and this one is ${(bytes.length / 1048576).toFixed(0)} MB (limit ${MAX_STATEMENT_CSV_BYTES / 1048576} MB); import it as a transfer file instead`, { file: fileName });
  }
  const encoding = choice.encoding ?? 'auto';
  const decoded = decodeHead(bytes, encoding, fileName);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportError('empty-file', 'the file is empty', { file: fileName });
  const newline = detectNewline(text);
  const delimiter = choice.delimiter && choice.delimiter !== 'auto' ? choice.delimiter : sniffCsv(bytes.subarray(0, 256 * 1024), { encoding }).delimiter;
  const parsed = parseRows(text, delimiter, newline);
  const lineBreak = newline === '\r' ? '\r' : '\n';
  const rows: Cell[][] = [];
  const lines: number[] = [];
  let line = 1;
  for (const row of parsed) {
    const rowLine = line;
    line += 1;
    for (const value of row) {
      if (value.includes(lineBreak)) line += value.split(lineBreak).length - 1;
    }
    rows.push(row);
    lines.push(rowLine);
  }
  return { fileName, sha256, rows, lines, encoding: decoded.encoding, delimiter };
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
