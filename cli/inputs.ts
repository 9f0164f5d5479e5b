/**
 * `caudal analyze` inputs: several files and folders (`caudal analyze
 * extractos/ otro.csv`), each file routed to the statement reader (account
 * statements, CSV, .xlsx or .ods) or to the streaming transfer importer, and the two
 * sides of every transfer seen in two statements merged into one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { hashSource, bytesSource, ImportError, type DateOrder } from '../shared/import';
import {
  importStatement,
  isStatementMappingJson,
  looksLikeStatementCsv,
  mergeStatementSides,
  NotAStatementError,
  parseStatementMapping,
  StatementFileError,
  StatementMappingError,
  type MatchSummary,
  type StatementMapping,
  type StatementSummary,
} from '../shared/import/statement';
import type { QuarantineEntry, Transaction } from '../shared/model';
import { readHead } from './files';

/** File extensions read from a folder; anything else there (PDFs, notes) is skipped and said so. */
const READABLE = new Set(['.csv', '.txt', '.tsv', '.xlsx', '.xlsm', '.xls', '.ods']);
const WORKBOOK = new Set(['.xlsx', '.xlsm', '.xls', '.ods']);

export class InputError extends Error {}

/**
 * The files named on the command line, folders expanded (not recursively:
 * one folder per request to a bank is how analysts keep them), in name order
 * so every run reads them in the same order.
 */
export function collectInputFiles(paths: readonly string[], say: (message: string) => void = () => undefined): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${path}: no such file or folder` : `${path}: cannot read (${code ?? String(error)})`);
    }
    if (stat.isDirectory()) {
      const entries = readdirSync(path, { withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('~$'))
        .map((entry) => entry.name)
        .sort();
      const readable = entries.filter((name) => READABLE.has(extname(name).toLowerCase()));
      const skipped = entries.length - readable.length;
      if (skipped > 0) say(`${path}: skipped ${skipped} file${skipped === 1 ? '' : 's'} that ${skipped === 1 ? 'is' : 'are'} neither CSV nor a workbook`);
      if (readable.length === 0) throw new InputError(`${path}: the folder holds no CSV or workbook file`);
      files.push(...readable.map((name) => join(path, name)));
    } else if (stat.isFile()) files.push(path);
    else throw new InputError(`${path}: not a file or folder`);
  }
  const seen = new Set<string>();
  return files.filter((file) => (seen.has(file) ? false : (seen.add(file), true)));
}


/** A --mapping file: a statement mapping (caudal.statement-mapping/1) or a transfer mapping, told apart by its schema tag. */
export function readAnyMapping(path: string): { statement?: StatementMapping; json?: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such mapping file` : `${path}: not a JSON mapping (${(error as Error).message})`);
  }
  if (!isStatementMappingJson(json)) return { json };
  try {
    return { statement: parseStatementMapping(json) };
  } catch (error) {
    if (error instanceof StatementMappingError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

export interface StatementReport {
  path: string;
  summary: StatementSummary;
  quarantine: QuarantineEntry[];
}

export interface CollectedInputs {
  transactions: Transaction[];
  statements: StatementReport[];
  matching: MatchSummary | undefined;
  quarantined: number;
  incompleteStatements: number;
}

export interface CollectOptions {
  /** The saved mapping given with --mapping: a statement mapping applies to every statement. */
  mapping?: { statement?: StatementMapping; transferPath?: string };
  /** Days between a debit and its credit when pairing without a reference. */
  matchDays?: number;
  /** The unit profile's currency, for statements that name none. */
  currency: string;
  /** --date-order: settles statements whose dates fit both DD/MM and MM/DD. */
  dateOrder?: DateOrder;
  /** The transfer importer (caudal.ts's streaming path) for files that are not statements. */
  importTransfers(path: string, mappingPath: string | undefined): Promise<{ records: Transaction[]; quarantined: number }>;
  say(message: string): void;
}

const QUARANTINE_PRINTED = 50;

function describeStatement(path: string, summary: StatementSummary, quarantine: QuarantineEntry[], say: (message: string) => void): void {
  for (const entry of quarantine.slice(0, QUARANTINE_PRINTED)) {
    say(`${path}${summary.sheet ? ` [${summary.sheet}]` : ''}, line ${entry.line}${entry.column ? `, column '${entry.column}'` : ''}: ${entry.reason} — row quarantined`);
  }
  if (quarantine.length > QUARANTINE_PRINTED) say(`${path}: … and ${quarantine.length - QUARANTINE_PRINTED} more quarantined rows`);
  const { counts, reconciliation } = summary;
  const balance = !reconciliation.checked
    ? 'no balance column, completeness not checked'
    : reconciliation.complete
      ? `complete (balance ${reconciliation.openingBalance?.toFixed(2)} → ${reconciliation.closingBalance?.toFixed(2)})`
      : `INCOMPLETE: ${reconciliation.breaks.length} balance break${reconciliation.breaks.length === 1 ? '' : 's'}`;
  say(
    `${path}: statement of account ${summary.ownerAccount}${summary.holderName ? ` (${summary.holderName})` : ''}${summary.period ? `, period ${summary.period.text}` : ''}: ` +
      `${counts.read} movements, ${counts.debits} debits, ${counts.credits} credits, ${counts.quarantined} quarantined; ${balance}`,
  );
  for (const tear of reconciliation.breaks.slice(0, 20)) {
    const around = tear.context.map((row) => `line ${row.line}: ${row.signedAmount >= 0 ? '+' : ''}${row.signedAmount.toFixed(2)} → ${row.balance === undefined ? '—' : row.balance.toFixed(2)}`).join('; ');
    say(`${path}, line ${tear.line}: the balance ${tear.found.toFixed(2)} does not follow from line ${tear.previousLine} (expected ${tear.expected.toFixed(2)}, gap ${tear.gap.toFixed(2)}); around it: ${around}`);
  }
  if (reconciliation.titleOpeningGap !== undefined) say(`${path}: the opening balance in the title block differs from the rows by ${reconciliation.titleOpeningGap.toFixed(2)}`);
  if (reconciliation.titleClosingGap !== undefined) say(`${path}: the closing balance in the title block differs from the rows by ${reconciliation.titleClosingGap.toFixed(2)}`);
  if (summary.badlyDecodedLines) say(`${path}: bytes not valid in the file's encoding on line ${summary.badlyDecodedLines.join(', ')} (imported with �); check those names against the bank's copy`);
}

/**
 * Imports every input: statements through the statement reader, other CSVs
 * through the transfer importer; then merges both sides of each transfer.
 * A file-level failure names the file and stops the run (nothing half-read
 * is analysed).
 */
export async function collectTransactions(files: readonly string[], options: CollectOptions): Promise<CollectedInputs> {
  const transactions: Transaction[] = [];
  const statements: StatementReport[] = [];
  let quarantined = 0;
  const existingIds = new Set<string>();
  for (const path of files) {
    const name = basename(path);
    const extension = extname(name).toLowerCase();
    let asStatement = WORKBOOK.has(extension) || options.mapping?.statement !== undefined;
    if (!asStatement) asStatement = looksLikeStatementCsv(await readHead(path), name);
    if (!asStatement) {
      const imported = await options.importTransfers(path, options.mapping?.transferPath);
      for (const record of imported.records) transactions.push(record);
      quarantined += imported.quarantined;
      continue;
    }
    const bytes = new Uint8Array(readFileSync(path));
    const sha256 = await hashSource(bytesSource(name, bytes));
    try {
      const result = await importStatement({ name, bytes, sha256 }, options.mapping?.statement, { defaultCurrency: options.currency, existingIds, ...(options.dateOrder ? { dateOrderWhenAmbiguous: options.dateOrder } : {}) });
      for (const record of result.transactions) {
        existingIds.add(record.id);
        transactions.push(record);
      }
      quarantined += result.summary.counts.quarantined;
      statements.push({ path, summary: result.summary, quarantine: result.quarantine });
      describeStatement(path, result.summary, result.quarantine, options.say);
    } catch (error) {
      if (error instanceof NotAStatementError && !WORKBOOK.has(extension)) {
        throw new InputError(`${path}: ${error.message.slice(name.length + 2)}`);
      }
      if (error instanceof ImportError || error instanceof StatementFileError || error instanceof NotAStatementError) {
        throw new InputError(error.message.startsWith(name) ? `${path}${error.message.slice(name.length)}` : `${path}: ${error.message}`);
      }
      throw error;
    }
  }
  let matching: MatchSummary | undefined;
  let merged: Transaction[] = transactions;
  if (statements.length > 0) {
    const result = mergeStatementSides(transactions, options.matchDays === undefined ? {} : { toleranceDays: options.matchDays });
    matching = result.summary;
    merged = result.transactions;
    options.say(
      `both sides of transfers: ${matching.merged} pair${matching.merged === 1 ? '' : 's'} merged (${matching.byReference} by reference, ${matching.byAccounts} by accounts, amount and date` +
        `${matching.ambiguous > 0 ? `, ${matching.ambiguous} among equal candidates` : ''}); ${matching.unmatchedDebits} debit${matching.unmatchedDebits === 1 ? '' : 's'} and ${matching.unmatchedCredits} credit${matching.unmatchedCredits === 1 ? '' : 's'} kept one-sided`,
    );
  }
  const incompleteStatements = statements.filter((statement) => statement.summary.reconciliation.checked && !statement.summary.reconciliation.complete).length;
  return { transactions: merged, statements, matching, quarantined, incompleteStatements };
}

/** The statements part of `analyze`'s JSON output. */
export function statementsJson(collected: CollectedInputs): unknown {
  return {
    statements: collected.statements.map(({ path, summary }) => ({
      file: path,
      sheet: summary.sheet,
      account: summary.ownerAccount,
      holder: summary.holderName,
      period: summary.period?.text,
      movements: summary.counts.read,
      quarantined: summary.counts.quarantined,
      complete: summary.reconciliation.checked ? summary.reconciliation.complete : null,
      openingBalance: summary.reconciliation.openingBalance,
      closingBalance: summary.reconciliation.closingBalance,
      breaks: summary.reconciliation.breaks.map((tear) => ({ line: tear.line, previousLine: tear.previousLine, expected: tear.expected, found: tear.found, gap: tear.gap })),
    })),
    matching: collected.matching,
  };
}
