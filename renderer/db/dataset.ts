import { emptyDataset, type CaseDataset, type RecordKind } from '../../shared/model';
import { resolveCaseDataset } from '../../shared/resolve';
import { keepHandoverOnlyFor, takeHandover, type ImportHandover } from './importHandover';
import { FileDictionaries, SharedStrings, unpackRowsInto } from './packedRows';
import type { ChunkRow, CaudalDatabase, ImportRow } from './schema';
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
  keepHandoverOnlyFor(db, caseId);
  for (const entry of toRead) await appendImport(db, dataset, entry, shared);
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

/** How long the page rebuilds handed-over rows before it gives the UI thread a turn. */
const UI_SLICE_MS = 16;

/** What the last load did with a hand-over (the bench and tests read it): built from it, or why it was refused. */
export const lastHandoverOutcome = new WeakMap<CaudalDatabase, { importId: string; used: true } | { importId: string; used: false; refused: string }>();

/**
 * Appends the rows of a just-committed import from the chunks its worker handed over (importHandover.ts),
 * without reading IndexedDB: true when done, false when the hand-over was refused (nothing appended then).
 */
async function appendHandedOver(db: CaudalDatabase, dataset: CaseDataset, entry: ImportRow, handover: ImportHandover, shared: SharedStrings | undefined): Promise<boolean> {
  let verdict: ReturnType<ImportHandover['verify']>;
  try {
    verdict = handover.verify(entry, await db.chunks.where('importId').equals(entry.id).count());
  } finally {
    // Whatever happens, the hand-over is used at most once; the verified chunks below are all that is kept.
    handover.release();
  }
  if ('refused' in verdict) return refuse(db, entry.id, verdict.refused);
  const chunks = verdict.chunks;
  const target = dataset[DATASET_KEY[entry.file.kind]] as unknown[];
  const before = target.length;
  const fileDictionaries = new FileDictionaries();
  let sliceStartedAt = performance.now();
  let refused: string | null = null;
  try {
    for (let index = 0; index < chunks.length; index += 1) {
      const opened = chunks.open();
      if ('refused' in opened) {
        refused = opened.refused;
        break;
      }
      fileDictionaries.absorb(opened.packed);
      unpackRowsInto(opened.packed, target, 0, opened.packed.length, shared, fileDictionaries);
      if (performance.now() - sliceStartedAt > UI_SLICE_MS) {
        await yieldToUi();
        sliceStartedAt = performance.now();
      }
    }
    refused ??= chunks.finish();
  } catch (error) {
    refused = error instanceof Error ? error.message : String(error);
  }
  if (refused !== null) {
    // Nothing of a refused hand-over stays: the rows built from it are dropped and the import is read from IndexedDB.
    target.length = before;
    return refuse(db, entry.id, refused);
  }
  lastHandoverOutcome.set(db, { importId: entry.id, used: true });
  performance.mark('caudal:handover:used');
  return true;
}

/** Records why a hand-over was not used (a mark on the page's timeline says it to a profile and bench/import.ts); the load then reads IndexedDB. */
function refuse(db: CaudalDatabase, importId: string, refused: string): false {
  lastHandoverOutcome.set(db, { importId, used: false, refused });
  performance.mark('caudal:handover:refused', { detail: refused });
  return false;
}

async function appendImport(db: CaudalDatabase, dataset: CaseDataset, entry: ImportRow, shared: SharedStrings | undefined): Promise<void> {
  const handover = takeHandover(db, entry.caseId, entry.id);
  if (handover && (await appendHandedOver(db, dataset, entry, handover, shared))) return;
  const importId = entry.id;
  const keys = await db.chunks.where('importId').equals(importId).primaryKeys();
  let expected = 0;
  // Chunks that arrived before an earlier one (a later chunk's codes may need the values an earlier one adds to its import's dictionaries).
  const waiting = new Map<number, ChunkRow[]>();
  const fileDictionaries = new FileDictionaries();
  // The next chunks are requested before the current ones are rebuilt, so the browser reads and opens them while the page unpacks.
  const reads: Promise<(ChunkRow | undefined)[]>[] = [];
  const request = (position: number) => {
    if (position >= keys.length) return;
    const read = db.chunks.bulkGet(keys.slice(position, position + CHUNKS_PER_READ));
    read.catch(() => undefined); // Awaited in turn; a failure is seen there, not reported as unhandled when an earlier read failed first.
    reads.push(read);
  };
  for (let ahead = 0; ahead < READS_AHEAD; ahead += 1) request(ahead * CHUNKS_PER_READ);
  for (let position = 0; position < keys.length; position += CHUNKS_PER_READ) {
    const chunks = (await reads.shift()) ?? [];
    request(position + READS_AHEAD * CHUNKS_PER_READ);
    for (const chunk of chunks) {
      if (!chunk) continue;
      // Chunks are appended in file order, so primary-key order normally is file order.
      // (Two chunks with one number are both kept, as stored: nothing is dropped.)
      waiting.set(chunk.index, [...(waiting.get(chunk.index) ?? []), chunk]);
      for (let next = waiting.get(expected); next !== undefined; next = waiting.get(expected)) {
        waiting.delete(expected);
        for (const ready of next) append(dataset, ready, shared, fileDictionaries);
        expected += 1;
      }
      await yieldToUi();
    }
  }
  // A gap in the numbering (not written by Caudal's import): what is left, in chunk order; a chunk that needs a missing one's dictionary values fails with a clear error.
  for (const index of [...waiting.keys()].sort((a, b) => a - b)) for (const chunk of waiting.get(index) ?? []) append(dataset, chunk, shared, fileDictionaries);
}
