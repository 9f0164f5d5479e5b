import { hashSource, bytesSource, ImportError, isAbortError } from '../../../../shared/import';
import {
  cellText,
  detectStatement,
  findHeaderRow,
  importStatement,
  isBlankCells,
  NotAStatementError,
  previewPatterns,
  StatementFileError,
  statementTable,
  type StatementMapping,
} from '../../../../shared/import/statement';
import type { SourceFile } from '../../../../shared/model';
import { sniffWorkbook } from '../../../../shared/import/workbook';
import { importIdOf } from '../../../db/imports';
import type { CaudalDatabase } from '../../../db/schema';
import { writeStatementImports, type PreparedStatement } from '../../../db/statements';
import type { FromStatementWorker, StatementFileJob, StatementFileResult, StatementInspection } from './statementProtocol';

/** Parsed statements stored per IndexedDB transaction: IndexedDB pays per transaction, and a batch of small statements is still small in memory. */
const FILES_PER_TRANSACTION = 25;

async function bytesOf(file: StatementFileJob): Promise<Uint8Array> {
  return new Uint8Array(await file.blob.arrayBuffer());
}

async function sha256Of(bytes: Uint8Array, name: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  return hashSource(bytesSource(name, bytes));
}

function describeError(error: unknown): { code?: string; message: string; messageEs?: string } {
  if (error instanceof StatementFileError && error.messageEs) return { code: error.code, message: error.message, messageEs: error.messageEs };
  if (error instanceof ImportError || error instanceof StatementFileError) return { code: error.code, message: error.message };
  if (error instanceof NotAStatementError) return { code: 'not-a-statement', message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Detects the layout of one file (or applies the analyst's mapping) and previews it, without storing anything. */
export async function inspectStatement(file: StatementFileJob, mapping: StatementMapping | undefined, sheet: string | undefined): Promise<StatementInspection> {
  const inspection: StatementInspection = { name: file.name, sampleRows: [], patterns: [] };
  try {
    const bytes = await bytesOf(file);
    const chosenSheet = sheet ?? (mapping?.sheet !== 'first' ? mapping?.sheet : undefined);
    const source = { name: file.name, bytes, sha256: '0'.repeat(64) };
    let { table, sheets } = await statementTable(source, chosenSheet ? { sheet: chosenSheet } : {});
    let detection = detectStatement(table);
    // No sheet named: the first sheet that holds a statement (banks put a cover or a summary first).
    if (!chosenSheet && sheets && !detection.isStatement) {
      for (const candidate of sheets.slice(1)) {
        const next = await statementTable(source, { sheet: candidate });
        const nextDetection = detectStatement(next.table);
        if (nextDetection.isStatement) {
          ({ table, sheets } = next);
          detection = nextDetection;
          break;
        }
      }
    }
    if (sheets) inspection.sheets = sheets;
    if (table.sheet) inspection.sheet = table.sheet;
    inspection.detection = detection;
    const headerIndex = findHeaderRow(table.rows);
    const body = headerIndex >= 0 ? table.rows.slice(headerIndex + 1).filter((row) => !isBlankCells(row)) : [];
    inspection.sampleRows = body.slice(0, 8).map((row) => row.map((cell) => cellText(cell)));
    const applied = mapping ?? detection.mapping;
    const descriptionColumn = applied.columns.description;
    const descriptionIndex = descriptionColumn ? detection.headers.indexOf(descriptionColumn) : -1;
    if (descriptionIndex >= 0) {
      const descriptions = table.rows.slice(headerIndex + 1).map((row, index) => ({ line: table.lines[headerIndex + 1 + index] as number, description: cellText(row[descriptionIndex]) })).filter((entry) => entry.description !== '');
      inspection.patterns = previewPatterns(applied.patterns, descriptions);
    }
  } catch (error) {
    inspection.error = describeError(error);
  }
  return inspection;
}

/**
 * Imports statements: each file is parsed on its own (a bad file fails alone,
 * naming itself), and the parsed files are stored in groups, each group one
 * atomic IndexedDB transaction (its movements as one-sided transactions in
 * ordinary import chunks, the statement's summary beside them). A cancel
 * stops before the next group; groups stored before stay.
 */
export async function runStatementImport(
  db: CaudalDatabase,
  caseId: string,
  files: readonly { file: StatementFileJob; mapping: StatementMapping | undefined }[],
  defaultCurrency: string,
  signal: AbortSignal,
  post: (message: FromStatementWorker) => void,
): Promise<StatementFileResult[]> {
  const results: StatementFileResult[] = [];
  let batch: { index: number; name: string; prepared: PreparedStatement; result: StatementFileResult }[] = [];
  const byIndex = new Map<number, StatementFileResult>();
  const finish = (index: number, result: StatementFileResult) => {
    byIndex.set(index, result);
    post({ type: 'file-done', result });
  };
  /** Writes the parsed files of the batch in one atomic transaction (see writeStatementImports). */
  const flush = async () => {
    if (batch.length === 0) return;
    const group = batch;
    batch = [];
    if (signal.aborted) {
      for (const entry of group) finish(entry.index, { name: entry.name, status: 'cancelled' });
      return;
    }
    try {
      const { already } = await writeStatementImports(db, caseId, group.map((entry) => entry.prepared));
      const refused = new Map(already.map((entry) => [entry.sha256, entry.previous]));
      for (const entry of group) {
        const previous = refused.get(entry.prepared.file.sha256);
        finish(entry.index, previous ? { name: entry.name, status: 'already-imported', error: { message: `${entry.name}: already imported as ${previous.name}` } } : entry.result);
      }
    } catch (error) {
      for (const entry of group) finish(entry.index, { name: entry.name, status: 'failed', error: describeError(error) });
    }
    post({ type: 'progress', done: byIndex.size, total: files.length, current: '' });
  };
  for (const [index, { file, mapping }] of files.entries()) {
    if (signal.aborted) {
      finish(index, { name: file.name, status: 'cancelled' });
      continue;
    }
    post({ type: 'progress', done: byIndex.size, total: files.length, current: file.name });
    try {
      const bytes = await bytesOf(file);
      const sha256 = await sha256Of(bytes, file.name);
      // Statement line ids come from this file's hash and line: they cannot collide with earlier imports, so no id scan is needed.
      const outcome = await importStatement({ name: file.name, bytes, sha256 }, mapping, { defaultCurrency });
      const counts = outcome.summary.counts;
      const sourceFile: SourceFile = {
        sha256,
        name: outcome.summary.sheet ? `${file.name} [${outcome.summary.sheet}]` : file.name,
        size: bytes.length,
        kind: 'transaction',
        importedAt: Date.now(),
        mappingName: outcome.mapping.name,
        mapping: outcome.mapping,
        encoding: outcome.summary.sheet ? (sniffWorkbook(bytes) === 'ods' ? 'ods' : 'xlsx') : 'text',
        delimiter: '',
        counts: { read: counts.read, imported: counts.imported, quarantined: counts.quarantined, duplicates: counts.duplicates },
      };
      batch.push({
        index,
        name: file.name,
        prepared: { file: sourceFile, transactions: outcome.transactions, quarantine: outcome.quarantine, summary: outcome.summary, mapping: outcome.mapping },
        result: { name: file.name, status: 'imported', importId: importIdOf(caseId, sha256), summary: outcome.summary, quarantine: outcome.quarantine },
      });
    } catch (error) {
      finish(index, isAbortError(error) ? { name: file.name, status: 'cancelled' } : { name: file.name, status: 'failed', error: describeError(error) });
    }
    if (batch.length >= FILES_PER_TRANSACTION) await flush();
  }
  await flush();
  for (let index = 0; index < files.length; index++) results.push(byIndex.get(index) ?? { name: files[index]?.file.name ?? '', status: 'cancelled' });
  post({ type: 'progress', done: files.length, total: files.length, current: '' });
  return results;
}

