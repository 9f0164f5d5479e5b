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
import { abortImport, AlreadyImportedError, appendChunk, beginImport, commitImport, findCommittedImport, finishImport, importIdOf } from '../../../db/imports';
import { CHUNK_ROWS, type CaudalDatabase } from '../../../db/schema';
import { saveStatementRow } from '../../../db/statements';
import type { FromStatementWorker, StatementFileJob, StatementFileResult, StatementInspection } from './statementProtocol';

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

function describeError(error: unknown): { code?: string; message: string } {
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
 * Imports statements one file at a time, each atomically: its movements are
 * written as one-sided transactions in a pending import with the statement's
 * summary beside it, then committed in one small transaction. A failure or a
 * cancel discards that file's pending rows; files committed before stay.
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
  for (const [index, { file, mapping }] of files.entries()) {
    post({ type: 'progress', done: index, total: files.length, current: file.name });
    if (signal.aborted) {
      results.push({ name: file.name, status: 'cancelled' });
      continue;
    }
    let importId: string | undefined;
    try {
      const bytes = await bytesOf(file);
      const sha256 = await sha256Of(bytes, file.name);
      const previous = await findCommittedImport(db, caseId, sha256);
      if (previous) {
        const result: StatementFileResult = { name: file.name, status: 'already-imported', error: { message: `${file.name}: already imported as ${previous.file.name}` } };
        results.push(result);
        post({ type: 'file-done', result });
        continue;
      }
      // Statement line ids come from this file's hash and line: they cannot collide with earlier imports, so no id scan is needed.
      const outcome = await importStatement({ name: file.name, bytes, sha256 }, mapping, { defaultCurrency });
      if (signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      const counts = outcome.summary.counts;
      const sourceFile: SourceFile = {
        sha256,
        name: outcome.summary.sheet ? `${file.name} [${outcome.summary.sheet}]` : file.name,
        size: bytes.length,
        kind: 'transaction',
        importedAt: Date.now(),
        mappingName: outcome.mapping.name,
        mapping: outcome.mapping,
        encoding: outcome.summary.sheet ? 'xlsx' : 'text',
        delimiter: '',
        counts: { read: counts.read, imported: counts.imported, quarantined: counts.quarantined, duplicates: counts.duplicates },
      };
      importId = await beginImport(db, caseId, sourceFile);
      for (let start = 0, chunk = 0; start < outcome.transactions.length; start += CHUNK_ROWS, chunk += 1) {
        await appendChunk(db, importId, caseId, 'transaction', chunk, outcome.transactions.slice(start, start + CHUNK_ROWS));
      }
      await saveStatementRow(db, { id: importId, caseId, summary: outcome.summary, mapping: outcome.mapping, importedAt: sourceFile.importedAt });
      await finishImport(db, importId, sourceFile, outcome.quarantine);
      if (signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      await commitImport(db, importId);
      const result: StatementFileResult = { name: file.name, status: 'imported', importId, summary: outcome.summary, quarantine: outcome.quarantine };
      results.push(result);
      post({ type: 'file-done', result });
    } catch (error) {
      if (importId) {
        await abortImport(db, importId).catch(() => undefined);
        await db.statements.delete(importId).catch(() => undefined);
      }
      const result: StatementFileResult =
        isAbortError(error) || signal.aborted
          ? { name: file.name, status: 'cancelled' }
          : error instanceof AlreadyImportedError
            ? { name: file.name, status: 'already-imported', error: { message: error.message } }
            : { name: file.name, status: 'failed', error: describeError(error) };
      results.push(result);
      post({ type: 'file-done', result });
    }
  }
  post({ type: 'progress', done: files.length, total: files.length, current: '' });
  return results;
}

export { importIdOf };
