import type { IndexableType } from 'dexie';
import { SEALED_FIELD, SEALED_TABLES, sealingDisabled, sealingKeyAvailable } from './sealing';
import type { CaudalDatabase } from './schema';

/**
 * The re-encryption pass (issue 12): rows written before sealing existed (or
 * while a benchmark switched it off) are still plain text in IndexedDB;
 * reading them works, but a copied profile gives them away. This pass finds
 * them and writes them again through the sealing middleware.
 *
 * - Finding costs no decryption: a raw, read-only cursor below Dexie looks
 *   only for the `$sealed` envelope.
 * - Rewriting is race-free: each small group of keys is read and put back in
 *   one Dexie read-write transaction, so a row the analyst changed meanwhile
 *   is sealed as it stands now, never overwritten with an older copy.
 * - Resumable: after every batch the table and last key reached are stored in
 *   the custody table (strict durability); an interrupted pass (lock, closed
 *   window, cancel) continues from there on the next unlock.
 * - Runs beside the app in small groups, yielding between them, so the page
 *   stays responsive (a chunk is at most 5,000 records).
 */
export const RESEAL_PROGRESS_KEY = 'reseal.progress';

interface StoredProgress {
  v: 1;
  tableIndex: number;
  lastKey: IDBValidKey | null;
  scanned: number;
  resealed: number;
  finishedAt?: number;
}

export interface ResealProgress {
  table: string;
  tableIndex: number;
  tables: number;
  scanned: number;
  resealed: number;
}

export type ResealOutcome =
  | { kind: 'finished'; scanned: number; resealed: number; finishedAt: number }
  | { kind: 'paused'; scanned: number; resealed: number }
  | { kind: 'locked' }
  | { kind: 'sealing-off' };

export interface ResealOptions {
  /** Rows looked at per raw read. */
  scanBatch?: number;
  /** Rows rewritten per transaction; default 1 for record chunks (thousands of records each), 16 elsewhere. */
  writeBatch?: number;
  signal?: AbortSignal;
  onProgress?(progress: ResealProgress): void;
  /** Start over even when a pass has finished before (after a benchmark wrote plain rows again). */
  restart?: boolean;
  now?: () => number;
}

const isSealedRaw = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as Record<string, unknown>)[SEALED_FIELD] instanceof Uint8Array;

/** Up to `limit` rows after `after`, by primary key, straight from IndexedDB: the keys of those still in plain text. */
function scanForPlaintext(idb: IDBDatabase, store: string, after: IDBValidKey | null, limit: number): Promise<{ plainKeys: IDBValidKey[]; scanned: number; lastKey: IDBValidKey | null; end: boolean }> {
  return new Promise((resolve, reject) => {
    const transaction = idb.transaction(store, 'readonly');
    const request = transaction.objectStore(store).openCursor(after === null ? null : IDBKeyRange.lowerBound(after, true));
    const plainKeys: IDBValidKey[] = [];
    let scanned = 0;
    let lastKey = after;
    request.onerror = () => reject(request.error ?? new Error(`${store}: the scan failed`));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) {
        resolve({ plainKeys, scanned, lastKey, end: true });
        return;
      }
      scanned += 1;
      lastKey = cursor.primaryKey;
      if (!isSealedRaw(cursor.value)) plainKeys.push(cursor.primaryKey);
      if (scanned >= limit) resolve({ plainKeys, scanned, lastKey, end: false });
      else cursor.continue();
    };
  });
}

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function loadProgress(db: CaudalDatabase): Promise<StoredProgress | null> {
  const row = await db.custody.get(RESEAL_PROGRESS_KEY);
  const value = row?.value as Partial<StoredProgress> | undefined;
  return value?.v === 1 && typeof value.tableIndex === 'number' ? (value as StoredProgress) : null;
}

const saveProgress = (db: CaudalDatabase, progress: StoredProgress) => db.custody.put({ key: RESEAL_PROGRESS_KEY, value: progress });

/** The sealed tables this database has, in a fixed order so a resumed pass means the same table. */
export function resealTables(db: CaudalDatabase): string[] {
  const present = new Set(db.tables.map((table) => table.name));
  return [...SEALED_TABLES].filter((name) => present.has(name)).sort();
}

export async function resealPlaintextRows(db: CaudalDatabase, options: ResealOptions = {}): Promise<ResealOutcome> {
  // Writing without the key, or with sealing switched off, would only rewrite plain text.
  if (!sealingKeyAvailable()) return { kind: 'locked' };
  if (sealingDisabled()) return { kind: 'sealing-off' };
  const scanBatch = options.scanBatch ?? 500;
  const now = options.now ?? Date.now;
  const tables = resealTables(db);
  const stored = options.restart ? null : await loadProgress(db);
  if (stored?.finishedAt !== undefined) return { kind: 'finished', scanned: stored.scanned, resealed: stored.resealed, finishedAt: stored.finishedAt };
  const state: StoredProgress = stored ?? { v: 1, tableIndex: 0, lastKey: null, scanned: 0, resealed: 0 };
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();

  while (state.tableIndex < tables.length) {
    const name = tables[state.tableIndex] as string;
    const table = db.table(name);
    if (options.signal?.aborted) return { kind: 'paused', scanned: state.scanned, resealed: state.resealed };
    const batch = await scanForPlaintext(idb, name, state.lastKey, scanBatch);
    // One chunk row is up to 5,000 records: encoding it is the longest step the page takes here.
    const writeBatch = options.writeBatch ?? (name === 'chunks' ? 1 : 16);
    for (let start = 0; start < batch.plainKeys.length; start += writeBatch) {
      const keys = batch.plainKeys.slice(start, start + writeBatch);
      // Read and rewrite in one transaction: the middleware seals what is put, and nothing written meanwhile is lost.
      await db.transaction('rw', table, async () => {
        const rows = (await table.bulkGet(keys as IndexableType[])).filter((row): row is NonNullable<typeof row> => row !== undefined);
        if (rows.length > 0) await table.bulkPut(rows);
      });
      state.resealed += keys.length;
      await yieldToPage();
    }
    state.scanned += batch.scanned;
    state.lastKey = batch.lastKey;
    if (batch.end) {
      state.tableIndex += 1;
      state.lastKey = null;
    }
    await saveProgress(db, state);
    options.onProgress?.({ table: name, tableIndex: state.tableIndex, tables: tables.length, scanned: state.scanned, resealed: state.resealed });
    await yieldToPage();
  }
  state.finishedAt = now();
  await saveProgress(db, state);
  return { kind: 'finished', scanned: state.scanned, resealed: state.resealed, finishedAt: state.finishedAt };
}
