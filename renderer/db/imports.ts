import type { QuarantineEntry, RecordKind, SourceFile } from '../../shared/model';
import type { CaudalDatabase, ChunkRow, ImportRow } from './schema';
import { packedColumnValues, packRows, unpackRows } from './packedRows';

/** The same file (by content hash) imported twice into a case is one import. */
export function importIdOf(caseId: string, sha256: string): string {
  return `${caseId}:${sha256}`;
}

/** Raised before any parsing when the file's bytes are already committed in the case. */
export class AlreadyImportedError extends Error {
  constructor(readonly previous: SourceFile) {
    super(`This file was already imported on ${new Date(previous.importedAt).toISOString().slice(0, 10)} as ${previous.name}.`);
    this.name = 'AlreadyImportedError';
  }
}

export async function findCommittedImport(db: CaudalDatabase, caseId: string, sha256: string): Promise<ImportRow | undefined> {
  const row = await db.imports.get(importIdOf(caseId, sha256));
  return row?.status === 'committed' ? row : undefined;
}

/**
 * Opens a pending import: its chunks stay invisible to readers until
 * commitImport flips it. A pending entry left for the same file (a crash, a
 * terminated worker) is discarded first so its chunks never mix with the new run.
 */
export async function beginImport(db: CaudalDatabase, caseId: string, file: SourceFile): Promise<string> {
  const id = importIdOf(caseId, file.sha256);
  await db.transaction('rw', db.imports, db.chunks, async () => {
    const existing = await db.imports.get(id);
    if (existing?.status === 'committed') throw new AlreadyImportedError(existing.file);
    if (existing) await db.chunks.where('importId').equals(id).delete();
    await db.imports.put({ id, caseId, status: 'pending', file, quarantine: [] });
  });
  return id;
}

/** One put per chunk: IndexedDB pays per write, not per byte. Stored packed by column (see packedRows.ts). */
export async function appendChunk(db: CaudalDatabase, importId: string, caseId: string, kind: RecordKind, index: number, rows: readonly unknown[]): Promise<void> {
  await db.chunks.add({ caseId, importId, kind, index, packed: packRows(rows) });
}

/** The rows of a chunk whichever form it was stored in. */
export function chunkRows(chunk: ChunkRow): unknown[] {
  return chunk.packed ? unpackRows(chunk.packed) : (chunk.rows ?? []);
}

/** Records the finished run's summary and quarantine; the import stays pending until the analyst confirms. */
export async function finishImport(db: CaudalDatabase, importId: string, file: SourceFile, quarantine: QuarantineEntry[]): Promise<void> {
  const updated = await db.imports.where('id').equals(importId).and((row) => row.status === 'pending').modify({ file, quarantine });
  if (updated !== 1) throw new Error(`Import ${importId} is no longer pending; it was discarded meanwhile.`);
}

/** One small transaction: the import's chunks become visible and the case is marked as changed. */
export async function commitImport(db: CaudalDatabase, importId: string, now = Date.now()): Promise<ImportRow> {
  return db.transaction('rw', db.imports, db.cases, async () => {
    const row = await db.imports.get(importId);
    if (!row) throw new Error(`Import ${importId} does not exist; it was discarded.`);
    if (row.status === 'committed') return row;
    const committed: ImportRow = { ...row, status: 'committed', file: { ...row.file, importedAt: now } };
    await db.imports.put(committed);
    await db.cases.update(row.caseId, { updatedAt: now });
    return committed;
  });
}

/** Discards a pending import and its chunks; a committed import is never touched. */
export async function abortImport(db: CaudalDatabase, importId: string): Promise<boolean> {
  return db.transaction('rw', db.imports, db.chunks, async () => {
    const row = await db.imports.get(importId);
    if (row?.status === 'committed') return false;
    await db.chunks.where('importId').equals(importId).delete();
    if (row) await db.imports.delete(importId);
    return true;
  });
}

/**
 * Run once at start-up: an import still pending then was left by a crash, a
 * closed window or a killed worker. Its chunks are invisible already; this
 * frees their space. Returns how many imports were discarded.
 */
export async function sweepPendingImports(db: CaudalDatabase): Promise<number> {
  const pending = await db.imports.filter((row) => row.status === 'pending').primaryKeys();
  for (const id of pending) await abortImport(db, id);
  return pending.length;
}

export async function listImports(db: CaudalDatabase, caseId: string): Promise<ImportRow[]> {
  const rows = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  return rows.sort((a, b) => a.file.importedAt - b.file.importedAt);
}

export async function getImport(db: CaudalDatabase, importId: string): Promise<ImportRow | undefined> {
  return db.imports.get(importId);
}

/** The quarantined rows of one import (pending or committed), for review and export. */
export async function quarantineOf(db: CaudalDatabase, importId: string): Promise<QuarantineEntry[]> {
  return (await db.imports.get(importId))?.quarantine ?? [];
}

/**
 * Ids of the records of one kind already committed in the case, so an
 * overlapping export (the same transactions in two monthly files) is counted
 * as duplicates instead of stored twice.
 */
export async function existingRecordIds(db: CaudalDatabase, caseId: string, kind: RecordKind): Promise<Set<string>> {
  const ids = new Set<string>();
  const committed = new Set(await db.imports.where('[caseId+status]').equals([caseId, 'committed']).primaryKeys());
  if (committed.size === 0) return ids;
  await db.chunks.where('[caseId+kind]').equals([caseId, kind]).each((chunk) => {
    if (!committed.has(chunk.importId)) return;
    const packedIds = chunk.packed ? packedColumnValues(chunk.packed, 'id') : undefined;
    for (const id of packedIds ?? chunkRows(chunk).map((row) => (row as { id?: unknown }).id)) {
      if (typeof id === 'string') ids.add(id);
    }
  });
  return ids;
}
