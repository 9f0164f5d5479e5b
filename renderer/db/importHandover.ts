import { decodeSealable } from '../../shared/audit/sealCodec';
import type { RecordKind } from '../../shared/model';
import { STORED_CHUNK_FORMAT, type PackedRows } from './packedRows';
import { CHUNK_ROWS, type CaudalDatabase, type ImportRow } from './schema';

/**
 * The chunks of one import as its worker handed them to the page while it stored them (issue 10): the
 * clear packed form (format 3, typed arrays moved, not row objects), so that once the analyst commits the
 * import the page builds its rows from them instead of reading every chunk back from IndexedDB and
 * decrypting it (≈ 1.1 s of a million-row import, docs/BENCHMARKS.md "Import, round 8").
 *
 * The hand-over is only ever a shortcut to what IndexedDB holds: it is used for the import it names, once,
 * and only when it matches what was committed (the file's hash in every chunk, the kind, one chunk per number
 * with as many chunks as are stored, as many rows as the import counted, every chunk well formed). Anything
 * else — a missing, extra or repeated chunk, a crafted one, another import — is refused and the case is read
 * from IndexedDB as before. It is dropped when the import is discarded, cancelled or fails, when another
 * import hands over, and when a case other than its own is loaded.
 */
export class ImportHandover {
  private readonly chunks = new Map<number, PackedRows>();
  /** Set by the first message that cannot belong to this import: the whole hand-over is then refused. */
  private spoilt: string | null = null;

  constructor(
    readonly caseId: string,
    readonly kind: RecordKind,
  ) {}

  /** The import's id, from the first chunk (the worker announces it with its first stored chunk). */
  importId: string | null = null;

  /**
   * Takes one chunk as the worker hands it over: the clear bytes of its sealed part, decoded now (while the
   * import runs and the page is idle) exactly as a read of the stored chunk decodes them after decrypting.
   * Bytes that do not decode to this chunk's `{ index, packed }` spoil the hand-over.
   */
  receive(importId: string, index: number, sealable: Uint8Array): void {
    if (this.spoilt) return;
    let decoded: unknown;
    try {
      decoded = decodeSealable(sealable);
    } catch (error) {
      this.spoil(`chunk ${index} does not decode (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    // decodeSealable copied what it keeps: the block is freed now rather than at the next full collection (as sealing.ts does).
    (sealable.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
    const chunk = decoded as { index?: unknown; packed?: unknown } | null;
    if (typeof chunk !== 'object' || chunk === null || chunk.index !== index || typeof chunk.packed !== 'object' || chunk.packed === null) {
      this.spoil(`chunk ${index} decodes to something else`);
      return;
    }
    this.take(importId, index, chunk.packed as PackedRows);
  }

  /** Takes one decoded chunk; a chunk of another import, or a number seen twice, spoils the hand-over. */
  take(importId: string, index: number, packed: PackedRows): void {
    if (this.spoilt) return;
    this.importId ??= importId;
    if (importId !== this.importId) this.spoil(`a chunk of another import (${importId})`);
    else if (!Number.isSafeInteger(index) || index < 0) this.spoil(`a chunk numbered ${String(index)}`);
    else if (this.chunks.has(index)) this.spoil(`chunk ${index} twice`);
    else {
      // Its shape and codes are checked now, while the import runs and the page is idle, not after the commit.
      const problem = malformation(packed);
      if (problem) this.spoil(`chunk ${index}: ${problem}`);
      else this.chunks.set(index, packed);
    }
  }

  /** The worker staged `importId`: a hand-over of chunks of another import is spoilt. */
  complete(importId: string): this {
    if (this.importId !== null && this.importId !== importId) this.spoil(`chunks of import ${this.importId}, staged ${importId}`);
    this.importId = importId;
    return this;
  }

  private spoil(why: string): void {
    this.spoilt = why;
    this.chunks.clear();
  }

  /** Chunks held (for tests and the bench). */
  get size(): number {
    return this.chunks.size;
  }

  /**
   * The chunks in order when they are exactly the committed import (`entry`, with `storedChunks` chunks in
   * IndexedDB), or why not. Verifies everything before anything is built, so a refused hand-over leaves no rows.
   */
  verify(entry: ImportRow, storedChunks: number): { chunks: PackedRows[] } | { refused: string } {
    if (this.spoilt) return { refused: this.spoilt };
    if (entry.status !== 'committed') return { refused: `import ${entry.id} is not committed` };
    if (this.importId !== entry.id) return { refused: `the hand-over is of import ${this.importId ?? '(none)'}, not ${entry.id}` };
    if (entry.caseId !== this.caseId) return { refused: `the hand-over is of case ${this.caseId}, not ${entry.caseId}` };
    if (entry.file.kind !== this.kind) return { refused: `the hand-over holds ${this.kind} records, the import ${entry.file.kind}` };
    if (this.chunks.size !== storedChunks) return { refused: `${this.chunks.size} chunks handed over, ${storedChunks} stored` };
    const chunks: PackedRows[] = [];
    let rows = 0;
    const dictionarySizes = new Map<string, number>();
    for (let index = 0; index < storedChunks; index += 1) {
      const packed = this.chunks.get(index);
      if (!packed) return { refused: `chunk ${index} was not handed over` };
      if (packed.sourceFile !== entry.file.sha256) return { refused: `chunk ${index}: its rows come from another file` };
      // Each file-coded column's dictionary continues where the previous chunk left it (its codes were checked against that size on arrival).
      const fileCoded = packed.fileCoded ?? [];
      for (let column = 0; column < fileCoded.length; column += 1) {
        const coded = fileCoded[column];
        if (!coded) continue;
        const key = packed.keys[column] as string;
        const before = dictionarySizes.get(key) ?? 0;
        if (coded.base !== before) return { refused: `chunk ${index}: the ${key} dictionary continues at ${String(coded.base)}, not ${before}` };
        dictionarySizes.set(key, before + coded.added.length);
      }
      rows += packed.length;
      chunks.push(packed);
    }
    if (rows !== entry.file.counts.imported) return { refused: `${rows} rows handed over, ${entry.file.counts.imported} imported` };
    return { chunks };
  }

  /** Forgets the chunks (the import was discarded, or its rows were built). */
  release(): void {
    this.chunks.clear();
  }
}

const isCodeArray = (column: unknown): column is Uint8Array | Uint16Array | Uint32Array => column instanceof Uint8Array || column instanceof Uint16Array || column instanceof Uint32Array;

/**
 * Why a handed-over chunk is not one the import worker writes (columns/3, every column as long as the chunk,
 * every code inside its dictionary or inside what its file dictionary holds once the chunk is absorbed), or
 * null. What depends on the commit and the chunks' order (file hash, dictionary continuity) is checked by verify.
 */
function malformation(packed: PackedRows): string | null {
  if (typeof packed !== 'object' || packed === null) return 'not a chunk';
  const { length, keys, columns, dictionaries, fileCoded, sourceLines } = packed;
  if (packed.format !== STORED_CHUNK_FORMAT) return `format ${String(packed.format)}`;
  if (!Number.isSafeInteger(length) || length < 1 || length > CHUNK_ROWS) return `${String(length)} rows`;
  if (typeof packed.sourceFile !== 'string') return 'its rows name no file';
  if (!(sourceLines instanceof Float64Array) || sourceLines.length !== length) return 'its line numbers do not match its rows';
  if (!Array.isArray(keys) || !Array.isArray(columns) || columns.length !== keys.length) return 'its fields and columns differ';
  if (new Set(keys).size !== keys.length || keys.some((key) => typeof key !== 'string' || key === 'source')) return 'its field names are not distinct field names';
  if (dictionaries !== undefined && (!Array.isArray(dictionaries) || dictionaries.length !== keys.length)) return 'its dictionaries do not match its columns';
  if (fileCoded !== undefined && (!Array.isArray(fileCoded) || fileCoded.length !== keys.length)) return 'its file-coded columns do not match its columns';
  for (let column = 0; column < keys.length; column += 1) {
    const key = keys[column] as string;
    const values = columns[column];
    if (!(Array.isArray(values) || values instanceof Float64Array || isCodeArray(values)) || values.length !== length) return `column ${key} does not have one value per row`;
    const dictionary = dictionaries?.[column] ?? null;
    const coded = fileCoded?.[column] ?? null;
    if (dictionary !== null && coded !== null) return `column ${key} is coded twice`;
    if (dictionary !== null) {
      if (!Array.isArray(dictionary) || !isCodeArray(values)) return `column ${key} is not coded as its dictionary says`;
      if (!codesBelow(values, dictionary.length)) return `column ${key} has a code outside its dictionary`;
    } else if (coded !== null) {
      if (typeof coded !== 'object' || !Number.isSafeInteger(coded.base) || coded.base < 0 || !Array.isArray(coded.added) || !isCodeArray(values)) return `column ${key} is not coded as its file dictionary says`;
      if (!codesBelow(values, coded.base + coded.added.length)) return `column ${key} has a code outside its file dictionary`;
    } else if (isCodeArray(values)) return `column ${key} holds codes without a dictionary`;
  }
  return null;
}

function codesBelow(codes: Uint8Array | Uint16Array | Uint32Array, size: number): boolean {
  for (let index = 0; index < codes.length; index += 1) if ((codes[index] as number) >= size) return false;
  return true;
}

/** The one hand-over per database waiting for its import's commit (one import runs at a time). */
const waiting = new WeakMap<CaudalDatabase, ImportHandover>();

/** Offers a finished import's hand-over to the next load of its case; any other hand-over is dropped. */
export function offerHandover(db: CaudalDatabase, handover: ImportHandover): void {
  waiting.get(db)?.release();
  waiting.set(db, handover);
}

/** Drops the hand-over of `importId` (or whichever is waiting): the import was discarded. */
export function dropHandover(db: CaudalDatabase, importId?: string): void {
  const handover = waiting.get(db);
  if (!handover || (importId !== undefined && handover.importId !== importId)) return;
  handover.release();
  waiting.delete(db);
}

/**
 * Hands the load of `caseId` the hand-over of `importId`, once (it is removed), or undefined. A load of
 * another case drops a waiting hand-over: the analyst has moved on, and the chunks are not kept for nothing.
 */
export function takeHandover(db: CaudalDatabase, caseId: string, importId: string): ImportHandover | undefined {
  const handover = waiting.get(db);
  if (!handover) return undefined;
  if (handover.caseId !== caseId) {
    dropHandover(db);
    return undefined;
  }
  if (handover.importId !== importId) return undefined;
  waiting.delete(db);
  return handover;
}

/** A load of `caseId` begins: a hand-over of another case is dropped. */
export function keepHandoverOnlyFor(db: CaudalDatabase, caseId: string): void {
  if (waiting.get(db)?.caseId !== caseId) dropHandover(db);
}

/** Whether a hand-over is waiting (tests). */
export function handoverWaiting(db: CaudalDatabase): ImportHandover | undefined {
  return waiting.get(db);
}
