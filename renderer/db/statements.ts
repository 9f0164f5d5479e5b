import { mergeStatementSides, type MatchSummary } from '../../shared/import/statement/match';
import type { StatementSummary } from '../../shared/import/statement/read';
import { parseStatementMapping, type StatementMapping } from '../../shared/import/statement/spec';
import type { CaseDataset, QuarantineEntry, SourceFile } from '../../shared/model';
import { importIdOf } from './imports';
import { packRows } from './packedRows';
import { CHUNK_ROWS } from './schema';
import type { CaudalDatabase, StatementRow } from './schema';

/**
 * Issue 16: statements in the case database. Statement lines are stored as
 * one-sided transactions in ordinary import chunks (same atomicity,
 * provenance and idempotency as any import); the two sides of a transfer are
 * merged whenever the case is read, so matching runs again by itself as new
 * statements arrive and an unmatched side is never lost.
 */
export const DEFAULT_TOLERANCE_DAYS = 2;

export async function matchToleranceDays(db: CaudalDatabase, caseId: string): Promise<number> {
  return (await db.statementSettings.get(caseId))?.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
}

export async function setMatchToleranceDays(db: CaudalDatabase, caseId: string, days: number): Promise<void> {
  if (!Number.isFinite(days) || days < 0 || days > 60) throw new Error(`The tolerance must be between 0 and 60 days, got ${days}.`);
  await db.statementSettings.put({ caseId, toleranceDays: days });
}

/** The last matching summary per case, as computed by the last read of that case. */
const lastSummaries = new Map<string, MatchSummary>();

export function lastMatchSummary(caseId: string): MatchSummary | undefined {
  return lastSummaries.get(caseId);
}

/** The dataset with both sides of each transfer merged (called by loadRawCaseDataset). */
export async function withStatementSidesMerged(db: CaudalDatabase, caseId: string, dataset: CaseDataset): Promise<CaseDataset> {
  const hasSides = dataset.transactions.some((transaction) => 'statement' in transaction);
  if (!hasSides) {
    lastSummaries.delete(caseId);
    return dataset;
  }
  const { transactions, summary } = mergeStatementSides(dataset.transactions, { toleranceDays: await matchToleranceDays(db, caseId) });
  lastSummaries.set(caseId, summary);
  return { ...dataset, transactions };
}

export async function saveStatementRow(db: CaudalDatabase, row: StatementRow): Promise<void> {
  await db.statements.put(row);
}

/** Statements of the case whose imports are committed, oldest first. */
export async function listStatements(db: CaudalDatabase, caseId: string): Promise<{ importId: string; summary: StatementSummary; importedAt: number }[]> {
  const committed = new Set(await db.imports.where('[caseId+status]').equals([caseId, 'committed']).primaryKeys());
  const rows = await db.statements.where('caseId').equals(caseId).toArray();
  return rows
    .filter((row) => committed.has(row.id))
    .sort((a, b) => a.importedAt - b.importedAt)
    .map((row) => ({ importId: row.id, summary: row.summary as StatementSummary, importedAt: row.importedAt }));
}

export async function saveStatementMapping(db: CaudalDatabase, mapping: StatementMapping, now = Date.now()): Promise<void> {
  const valid = parseStatementMapping(mapping);
  await db.statementMappings.put({ name: valid.name, mapping: valid, updatedAt: now });
}

export async function listStatementMappings(db: CaudalDatabase): Promise<StatementMapping[]> {
  const rows = await db.statementMappings.orderBy('name').toArray();
  const mappings: StatementMapping[] = [];
  for (const row of rows) {
    try {
      mappings.push(parseStatementMapping(row.mapping));
    } catch {
      // A row that no longer validates is skipped rather than breaking the list.
    }
  }
  return mappings;
}

/** One parsed statement ready to be stored as a committed import. */
export interface PreparedStatement {
  file: SourceFile;
  transactions: readonly unknown[];
  quarantine: QuarantineEntry[];
  summary: unknown;
  mapping: unknown;
}

/**
 * Stores a group of parsed statements, each as one committed import with its
 * chunks and its statement row, in a single IndexedDB transaction: IndexedDB
 * pays per transaction, and a folder of 1,500 small statements would
 * otherwise spend its time opening and committing. The transaction is atomic,
 * so a failure or a killed worker leaves none of the group stored — never half
 * a statement. A file already committed in the case is reported, not rewritten.
 */
export async function writeStatementImports(db: CaudalDatabase, caseId: string, prepared: readonly PreparedStatement[], now = Date.now()): Promise<{ written: string[]; already: { sha256: string; previous: SourceFile }[] }> {
  const written: string[] = [];
  const already: { sha256: string; previous: SourceFile }[] = [];
  await db.transaction('rw', [db.imports, db.chunks, db.statements, db.cases], async () => {
    for (const statement of prepared) {
      const id = importIdOf(caseId, statement.file.sha256);
      const existing = await db.imports.get(id);
      if (existing?.status === 'committed') {
        already.push({ sha256: statement.file.sha256, previous: existing.file });
        continue;
      }
      if (existing) await db.chunks.where('importId').equals(id).delete();
      const file: SourceFile = { ...statement.file, importedAt: now };
      await db.imports.put({ id, caseId, status: 'committed', file, quarantine: statement.quarantine });
      for (let start = 0, index = 0; start < statement.transactions.length; start += CHUNK_ROWS, index += 1) {
        await db.chunks.add({ caseId, importId: id, kind: 'transaction', index, packed: packRows(statement.transactions.slice(start, start + CHUNK_ROWS)) });
      }
      await db.statements.put({ id, caseId, summary: statement.summary, mapping: statement.mapping, importedAt: now });
      written.push(id);
    }
    if (written.length > 0) await db.cases.update(caseId, { updatedAt: now });
  });
  return { written, already };
}
