import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import { resolveCaseDataset } from '../../shared/resolve';
import { FileDictionaries, SharedStrings, unpackRowsInto } from './packedRows';
import type { ChunkRow, CaudalDatabase } from './schema';
import { withStatementSidesMerged } from './statements';

const DATASET_KEY: Record<RecordKind, keyof CaseDataset> = {
  transaction: 'transactions',
  party: 'parties',
  account: 'accounts',
  shipment: 'shipments',
};

/** Gives the UI thread a turn between chunks; workers (analysis, packages) and tests have no UI to keep alive. */
function yieldToUi(): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every stored chunk is packed since schema v3 (the upgrade repacked older ones): one reading path. Chunks of one import come in chunk order (file-wide dictionaries, format 3). */
function append(dataset: CaseDataset, chunk: ChunkRow, shared: SharedStrings | undefined, fileDictionaries: FileDictionaries): void {
  if (!chunk.packed) throw new Error(`chunk ${chunk.id ?? '?'} of import ${chunk.importId} is not packed; the database was not upgraded to v3`);
  fileDictionaries.absorb(chunk.packed);
  unpackRowsInto(chunk.packed, dataset[DATASET_KEY[chunk.kind]] as unknown[], 0, chunk.packed.length, shared, fileDictionaries);
}

interface LoadedCase {
  caseId: string;
  /** Committed import ids in the order their rows sit in `dataset`. */
  importIds: string[];
  lastImportedAt: number;
  dataset: CaseDataset;
}

/**
 * The case last read per database. Committed imports never change, so when
 * the analyst commits one more file, re-reading the case only needs that
 * file's rows: the earlier rows are reused rather than deserialised again,
 * which keeps the UI thread free right after a large import.
 */
const lastLoaded = new WeakMap<CaudalDatabase, LoadedCase>();

/**
 * Reads a case's stored records back into the engine's in-memory form, as
 * imported (no entity resolution). Only committed imports
 * count: chunks of an import still pending (cancelled, crashed) are invisible.
 * Imports come in the order they were committed, each in file order.
 *
 * A million-row case must load without freezing the window: chunks are small
 * (CHUNK_ROWS) and packed by column, each is fetched on its own (the browser
 * deserialises it in one task), rebuilt, and the UI thread gets a turn before
 * the next. Committed imports never change, so reading outside one long
 * transaction is safe. (A load worker was tried: the page must deserialise
 * the same bytes anyway, so it only added a second copy and made it slower.)
 *
 * Every call returns new arrays; row objects may be shared with the dataset
 * returned before, and nobody mutates them.
 */
export async function loadRawCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  committed.sort((a, b) => a.file.importedAt - b.file.importedAt || (a.id < b.id ? -1 : 1));
  const previous = lastLoaded.get(db);
  let dataset = emptyDataset();
  let toRead = committed;
  const reusable =
    previous?.caseId === caseId &&
    previous.importIds.length <= committed.length &&
    previous.importIds.every((id, index) => committed[index]?.id === id) &&
    committed.slice(previous.importIds.length).every((entry) => entry.file.importedAt >= previous.lastImportedAt);
  if (previous && reusable) {
    dataset = copyOf(previous.dataset);
    toRead = committed.slice(previous.importIds.length);
  }
  // Off the UI thread (the analysis worker's own copy of the case), one account number (any repeated
  // uncoded value) is one string for the whole load, not one per row: ≈ 50 MB less per million rows
  // for the whole detection run. Not on the page: there the look-ups cost the re-open 0.3–1.5 s under
  // load, more than the 2 s it may take (measured side by side, docs/BENCHMARKS.md "Import round 6").
  const shared = typeof document === 'undefined' ? new SharedStrings() : undefined;
  for (const entry of toRead) await appendImport(db, dataset, entry.id, shared);
  lastLoaded.set(db, { caseId, importIds: committed.map((entry) => entry.id), lastImportedAt: committed.at(-1)?.file.importedAt ?? 0, dataset });
  // The caller gets its own arrays, so whatever it does with them never reaches the next load.
  // Issue 16: both sides of each transfer seen in two statements become one transaction.
  return withStatementSidesMerged(db, caseId, copyOf(dataset));
}

/**
 * The case as every view, detector and export works on it: the stored records
 * with entity resolution applied once, here (shared/resolve/caseDataset.ts, as the CLI does):
 * the same party across files is one party, and the analyst's confirmed
 * merges hold. The raw records stay available through loadRawCaseDataset.
 */
export async function loadCaseDataset(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const raw = await loadRawCaseDataset(db, caseId);
  const decisions = await db.partyMerges.where('caseId').equals(caseId).toArray();
  return resolveCaseDataset(raw, decisions).dataset;
}

/**
 * The one sha→file-name map (issue 10): file names by SHA-256 of the case's
 * committed imports, so provenance reads "extracto_banco.csv, línea 1532"
 * rather than a hash. Every view and export that names a source file asks this.
 */
export async function sourceFileNames(db: CaudalDatabase, caseId: string): Promise<Map<string, string>> {
  const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  return new Map(committed.map((entry) => [entry.file.sha256, entry.file.name]));
}

function copyOf(dataset: CaseDataset): CaseDataset {
  return { transactions: dataset.transactions.slice(), parties: dataset.parties.slice(), accounts: dataset.accounts.slice(), shipments: dataset.shipments.slice() };
}

/**
 * Chunks fetched per IndexedDB request, and requests in flight while the page rebuilds rows:
 * IndexedDB reads and decrypts them (off this thread) while the page unpacks. One request for
 * a few chunks is one transaction and one hand-over instead of one per chunk.
 */
const CHUNKS_PER_READ = 4;
const READS_AHEAD = 2;

/**
 * Rebuilds one import's rows from its stored chunks, in chunk order. `readStored()` reads every
 * chunk stored now that it has not read yet, so it can be called again while the import is still
 * being written (the preload below) and once more after the commit: each chunk is read once, and
 * the rows come out exactly as one read of the finished import gives them.
 */
/**
 * The import being written, read into memory while its chunks land (per database; at most one):
 * once the analyst commits it, re-reading the case only has to read the last few chunks instead
 * of all of them after the import (≈ 1 s of the page's time per million rows, now spent while
 * the import worker is still parsing). Only the load that finds it committed uses it.
 */
const preloads = new WeakMap<CaudalDatabase, ImportReader>();

class ImportReader {
  /** This import's rows, by kind, in chunk order so far. */
  readonly rows: CaseDataset = emptyDataset();
  private readonly requested = new Set<number>();
  private expected = 0;
  /** Chunks that arrived before an earlier one (a later chunk's codes may need the values an earlier one adds to its import's dictionaries). */
  private readonly waiting = new Map<number, ChunkRow[]>();
  private readonly fileDictionaries = new FileDictionaries();
  private pass: Promise<void> = Promise.resolve();
  /** A preload nobody will use: its passes stop and its rows are dropped. */
  private released = false;
  /** Taken by a case load: from then on only that load decides, a late release() no longer stops it. */
  private claimed = false;
  /** The rows went to a case: nothing more is read. */
  private finished = false;

  constructor(
    private readonly db: CaudalDatabase,
    readonly importId: string,
    private readonly shared: SharedStrings | undefined,
  ) {}

  /** Reads what is stored now and not read yet; passes run one after another. */
  readStored(): Promise<void> {
    const next = this.pass.then(() => this.readOnce());
    this.pass = next.catch(() => undefined);
    return next;
  }

  private async readOnce(): Promise<void> {
    if (this.released || this.finished) return;
    const stored = await this.db.chunks.where('importId').equals(this.importId).primaryKeys();
    const keys = stored.filter((key) => !this.requested.has(key));
    for (const key of keys) this.requested.add(key);
    // The next chunks are requested before the current ones are rebuilt, so the browser reads and opens them while the page unpacks.
    const reads: Promise<(ChunkRow | undefined)[]>[] = [];
    const request = (position: number) => {
      if (position >= keys.length) return;
      const read = this.db.chunks.bulkGet(keys.slice(position, position + CHUNKS_PER_READ));
      read.catch(() => undefined); // Awaited in turn; a failure is seen there, not reported as unhandled when an earlier read failed first.
      reads.push(read);
    };
    for (let ahead = 0; ahead < READS_AHEAD; ahead += 1) request(ahead * CHUNKS_PER_READ);
    for (let position = 0; position < keys.length; position += CHUNKS_PER_READ) {
      const chunks = (await reads.shift()) ?? [];
      if (this.released) return;
      request(position + READS_AHEAD * CHUNKS_PER_READ);
      for (const chunk of chunks) {
        if (!chunk) continue;
        // Chunks are appended in file order, so primary-key order normally is file order.
        // (Two chunks with one number are both kept, as stored: nothing is dropped.)
        this.waiting.set(chunk.index, [...(this.waiting.get(chunk.index) ?? []), chunk]);
        for (let next = this.waiting.get(this.expected); next !== undefined; next = this.waiting.get(this.expected)) {
          this.waiting.delete(this.expected);
          for (const ready of next) append(this.rows, ready, this.shared, this.fileDictionaries);
          this.expected += 1;
        }
        await yieldToUi();
      }
    }
  }

  /** Stops a preload (not one a case load has taken over) and forgets it. */
  release(): void {
    if (this.claimed) return;
    this.released = true;
    if (preloads.get(this.db) === this) preloads.delete(this.db);
  }

  /** The preload of `importId`, for the load that found it committed; undefined if there is none to use. */
  static claim(db: CaudalDatabase, importId: string): ImportReader | undefined {
    const preloaded = preloads.get(db);
    if (preloaded?.importId !== importId || preloaded.released) return undefined;
    preloads.delete(db);
    preloaded.claimed = true;
    return preloaded;
  }

  /** After the last read: appends the rows to the case. */
  appendTo(dataset: CaseDataset): void {
    this.finished = true;
    // A gap in the numbering (not written by Caudal's import): what is left, in chunk order; a chunk that needs a missing one's dictionary values fails with a clear error.
    for (const index of [...this.waiting.keys()].sort((a, b) => a - b)) for (const chunk of this.waiting.get(index) ?? []) append(this.rows, chunk, this.shared, this.fileDictionaries);
    this.waiting.clear();
    for (const key of Object.keys(this.rows) as (keyof CaseDataset)[]) {
      const target = dataset[key] as unknown[];
      const rows = this.rows[key] as unknown[];
      if (target.length === 0) (dataset as unknown as Record<string, unknown[]>)[key] = rows;
      else for (let index = 0; index < rows.length; index += 1) target.push(rows[index]);
    }
  }
}

export interface ImportPreload {
  /** Reads the chunks stored since the last call (call it whenever the import reports progress); resolves when that pass is over. */
  advance(): Promise<void>;
  /** Drops what was read (the import was discarded, failed or has been loaded). */
  release(): void;
}

/** Starts reading a pending import's rows while it is written, for the case load after its commit. Page only (the UI thread's case). */
export function preloadImport(db: CaudalDatabase, importId: string): ImportPreload {
  preloads.get(db)?.release();
  const reader = new ImportReader(db, importId, undefined);
  preloads.set(db, reader);
  let busy = false;
  return {
    advance() {
      // One pass at a time; progress comes every 100 ms, and the next one picks up what this one missed.
      if (busy) return Promise.resolve();
      busy = true;
      return reader.readStored().then(
        () => void (busy = false),
        () => reader.release(), // A read that failed: the load after the commit reads the import from scratch.
      );
    },
    release() {
      reader.release();
    },
  };
}

async function appendImport(db: CaudalDatabase, dataset: CaseDataset, importId: string, shared: SharedStrings | undefined): Promise<void> {
  // Only the import screen preloads, on the page's own database object (a worker's copy of the case never finds one).
  let reader = ImportReader.claim(db, importId);
  if (reader) {
    try {
      await reader.readStored();
    } catch {
      reader = undefined; // The preload's reads failed: read the import again from the start.
    }
  }
  if (!reader) {
    reader = new ImportReader(db, importId, shared);
    await reader.readStored();
  }
  reader.appendTo(dataset);
}
