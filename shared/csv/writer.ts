/**
 * The one CSV writer every export goes through (quarantine, evidence annex,
 * CLI alerts, and any later key-book or match export).
 *
 * Untrusted text is neutralised against formula injection (OWASP "CSV
 * Injection"): a text cell whose first character — after any leading spaces
 * or line breaks — is `=`, `+`, `-`, `@`, a tab or a carriage return (or
 * their full-width forms, which some spreadsheets normalise) gets a leading
 * apostrophe, so Excel, LibreOffice and Sheets show it as text instead of
 * running it. Numbers are written as numbers: pass them as `number` in their
 * own typed columns (amounts, line numbers); a negative amount passed as a
 * number stays `-12.5`. A string that merely looks numeric is still text and
 * is guarded, because its column may be attacker-controlled.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Cell separator; ',' by default, ';' for Spanish-locale Excel. */
  delimiter?: ',' | ';' | '\t';
  /** Prefix a UTF-8 byte-order mark so Excel reads accents correctly; default false. */
  bom?: boolean;
  /** Line ending; '\r\n' (RFC 4180) by default. */
  newline?: '\r\n' | '\n';
}

/** Leading characters that make a spreadsheet read a cell as a formula (or start one after whitespace). */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** True when a spreadsheet could run this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as a spreadsheet will show it, never evaluate it. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** One cell: numbers verbatim (finite ones; others empty), text neutralised, then quoted when it needs to be. */
export function csvCell(value: CsvValue, delimiter: CsvOptions['delimiter'] = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  const mustQuote = text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r') || text !== value;
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[], delimiter: CsvOptions['delimiter'] = ','): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : delimiter) + csvCell(cells[i], delimiter);
  return line;
}

/** A whole CSV document: header, then rows, each line ended by `newline`. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  const lines = [csvLine(header, delimiter)];
  for (const row of rows) lines.push(csvLine(row, delimiter));
  return (options.bom ? '\uFEFF' : '') + lines.join(newline) + newline;
}
