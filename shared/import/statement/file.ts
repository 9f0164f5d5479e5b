import { isWorkbookFile, readWorkbook, workbookTable, type Workbook } from '../workbook/read';
import { csvStatementTable, type StatementTable } from './table';
import { detectStatement, type StatementDetection } from './detect';
import { readStatement, type ReadStatementOptions, type StatementOutcome } from './read';
import type { StatementMapping } from './spec';

/** One statement file as the CLI, the import worker and the benchmark hand it over. */
export interface StatementFile {
  name: string;
  bytes: Uint8Array;
  /** SHA-256 of the bytes (hashSource), the provenance of every movement. */
  sha256: string;
}

export interface StatementImport extends StatementOutcome {
  /** The mapping as applied: the one given, or the one detected. */
  mapping: StatementMapping;
  /** Set when the mapping was detected rather than given. */
  detection?: StatementDetection;
  /** Sheet names, for a workbook (the analyst picks one). */
  sheets?: string[];
}

export class NotAStatementError extends Error {
  constructor(
    readonly file: string,
    readonly detection: StatementDetection,
  ) {
    const what = detection.headerIndex < 0 ? 'no table header naming a date and an amount, debit or credit column' : `it lacks ${detection.missing.join(', ') || 'an owner account and a balance column'}`;
    super(`${file}: not recognised as an account statement (${what}); give a statement mapping`);
    this.name = 'NotAStatementError';
  }
}

/** The rows of a statement file: CSV as text rows, a workbook's chosen sheet as typed cells. */
export async function statementTable(file: StatementFile, choice: { sheet?: string; encoding?: StatementMapping['encoding']; delimiter?: StatementMapping['delimiter'] } = {}): Promise<{ table: StatementTable; sheets?: string[] }> {
  if (isWorkbookFile(file.name, file.bytes.subarray(0, 512))) {
    const workbook: Workbook = await readWorkbook(file.bytes, file.name);
    return { table: workbookTable(workbook, choice.sheet ?? 'first', file.sha256), sheets: workbook.sheets.map((sheet) => sheet.name) };
  }
  const options: Parameters<typeof csvStatementTable>[3] = {};
  if (choice.encoding) options.encoding = choice.encoding;
  if (choice.delimiter) options.delimiter = choice.delimiter;
  const table = csvStatementTable(file.bytes, file.name, file.sha256, options);
  if ((choice.delimiter ?? 'auto') !== 'auto' || detectStatement(table).isStatement) return { table };
  // The delimiter is guessed from the head; a stray quote there (`Pago a "El Dorado`) can tip the guess from ';' to ','
  // and the whole statement goes unrecognised. Try each delimiter on the head and keep the one that reads as a statement.
  const head = file.bytes.subarray(0, STATEMENT_HEAD_BYTES);
  for (const delimiter of STATEMENT_DELIMITERS) {
    if (delimiter === table.delimiter) continue;
    if (recognisedWith(head, file, { ...options, delimiter })) return { table: csvStatementTable(file.bytes, file.name, file.sha256, { ...options, delimiter }) };
  }
  return { table };
}

function recognisedWith(head: Uint8Array, file: StatementFile, options: Parameters<typeof csvStatementTable>[3]): boolean {
  try {
    return detectStatement(csvStatementTable(head, file.name, file.sha256, options)).isStatement;
  } catch {
    return false;
  }
}

const STATEMENT_HEAD_BYTES = 256 * 1024;
const STATEMENT_DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * Imports one statement: with the analyst's mapping when given (its sheet,
 * encoding, columns, patterns), else with the layout detected from the file.
 * Throws NotAStatementError when no mapping is given and the file does not
 * look like a statement.
 */
export async function importStatement(file: StatementFile, mapping: StatementMapping | undefined, options: ReadStatementOptions = {}): Promise<StatementImport> {
  const { table, sheets } = await statementTable(file, mapping ? { sheet: mapping.sheet, encoding: mapping.encoding, delimiter: mapping.delimiter } : {});
  let applied = mapping;
  let detection: StatementDetection | undefined;
  if (!applied) {
    detection = detectStatement(table);
    if (!detection.isStatement) throw new NotAStatementError(file.name, detection);
    applied = detection.mapping;
  }
  const outcome = readStatement(table, applied, options);
  const result: StatementImport = { ...outcome, mapping: applied };
  if (detection) result.detection = detection;
  if (sheets) result.sheets = sheets;
  return result;
}

/**
 * Whether a CSV file is a statement, judged from its first bytes (the CLI
 * routes each file of a folder: statements to the statement reader, transfer
 * files to the streaming engine). Workbooks are always read as statements.
 */
export function looksLikeStatementCsv(head: Uint8Array, name: string): boolean {
  try {
    const table = csvStatementTable(head, name, '0'.repeat(64));
    // The head may end mid-row; detection only looks at the header and the title block above it.
    return detectStatement(table).isStatement;
  } catch {
    return false;
  }
}
