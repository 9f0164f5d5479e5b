import { decodeSealable } from '../../shared/audit/sealCodec';
import type { RecordKind } from '../../shared/model';
import { STORED_CHUNK_FORMAT, type PackedRows } from './packedRows';
import { CHUNK_ROWS, type CaudalDatabase, type ImportRow } from './schema';

/**
 * The chunks of one import as its worker handed them to the page while it stored them (issue 10): the clear
 * bytes sealing encrypted for each chunk (its packed form, format 3, not row objects), so that once the
 * analyst commits the import the page builds its rows from them instead of reading every chunk back from
 * IndexedDB and decrypting it (≈ 1.1 s of a million-row import, docs/BENCHMARKS.md "Import, round 8").
 * The bytes are only kept while the import runs: decoding them then would take the machine's other core
 * from the import worker; they are decoded chunk by chunk as the rows are built.
 *
 * The hand-over is only ever a shortcut to what IndexedDB holds: it is used for the import it names, once,
 * and only when it matches what was committed (one chunk per number with as many chunks as are stored, every
 * chunk decoding to its own number and a well-formed chunk of the committed file, file dictionaries that
 * continue from chunk to chunk, as many rows as the import counted, the kind). Anything else — a missing,
 * extra or repeated chunk, a crafted one, another import — is refused and the case is read from IndexedDB
 * as before. It is dropped when the import is discarded, cancelled or fails, when another import hands
 * over, and when a case other than its own is loaded.
 */
export class ImportHandover {
  /** Per chunk number: its bytes as handed over, or (tests, crafted hand-overs) the chunk already decoded. */
  private readonly chunks = new Map<number, Uint8Array | PackedRows>();
  /** Set by the first message that cannot belong to this import: the whole hand-over is then refused. */
  private spoilt: string | null = null;

  constructor(
    readonly caseId: string,
    readonly kind: RecordKind,
  ) {}

  /** The import's id, from the first chunk (the worker announces it with its first stored chunk). */
  importId: string | null = null;

  /** Takes one chunk as the worker hands it over: the clear bytes of its sealed part, kept as they are until the commit. */
  receive(importId: string, index: number, sealable: Uint8Array): void {
    if (!(sealable instanceof Uint8Array)) this.spoil(`chunk ${index} is not bytes`);
    else this.keep(importId, index, sealable);
  }

  /** Takes one chunk already decoded (a hand-over built on this thread: tests). */
  take(importId: string, index: number, packed: PackedRows): void {
    this.keep(importId, index, packed);
  }

  /** A chunk of another import, or a number seen twice, spoils the hand-over. */
  private keep(importId: string, index: number, chunk: Uint8Array | PackedRows): void {
    if (this.spoilt) return;
    this.importId ??= importId;
    if (importId !== this.importId) this.spoil(`a chunk of another import (${importId})`);
    else if (!Number.isSafeInteger(index) || index < 0) this.spoil(`a chunk numbered ${String(index)}`);
    else if (this.chunks.has(index)) this.spoil(`chunk ${index} twice`);
    else this.chunks.set(index, chunk);
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
   * The chunks in order, still to be opened one by one (HandedOverChunks), when they are the committed import
   * (`entry`, with `storedChunks` chunks in IndexedDB) as far as can be told without decoding them; or why not.
   */
  verify(entry: ImportRow, storedChunks: number): { chunks: HandedOverChunks } | { refused: string } {
    if (this.spoilt) return { refused: this.spoilt };
    if (entry.status !== 'committed') return { refused: `import ${entry.id} is not committed` };
    if (this.importId !== entry.id) return { refused: `the hand-over is of import ${this.importId ?? '(none)'}, not ${entry.id}` };
    if (entry.caseId !== this.caseId) return { refused: `the hand-over is of case ${this.caseId}, not ${entry.caseId}` };
    if (entry.file.kind !== this.kind) return { refused: `the hand-over holds ${this.kind} records, the import ${entry.file.kind}` };
    if (this.chunks.size !== storedChunks) return { refused: `${this.chunks.size} chunks handed over, ${storedChunks} stored` };
    const chunks: (Uint8Array | PackedRows)[] = [];
    for (let index = 0; index < storedChunks; index += 1) {
      const chunk = this.chunks.get(index);
      if (!chunk) return { refused: `chunk ${index} was not handed over` };
      chunks.push(chunk);
    }
    return { chunks: new HandedOverChunks(chunks, entry.file.sha256, entry.file.counts.imported) };
  }

  /** Forgets the chunks (the import was discarded, or its rows were built). */
  release(): void {
    this.chunks.clear();
  }
}

/**
 * A verified hand-over's chunks, opened in chunk order: each decoded (as a read of the stored chunk decodes
 * it after decrypting), checked, and let go of. The caller builds each chunk's rows before opening the next
 * and asks `finish` once all are open, so a refusal half-way leaves it to drop the rows it built.
 */
export class HandedOverChunks {
  private next = 0;
  private rows = 0;

  constructor(
    private readonly chunks: (Uint8Array | PackedRows | undefined)[],
    private readonly sha256: string,
    private readonly imported: number,
  ) {}

  get length(): number {
    return this.chunks.length;
  }

  /** The next chunk, decoded and checked, or why it is refused. */
  open(): { packed: PackedRows } | { refused: string } {
    const index = this.next;
    this.next += 1;
    const held = this.chunks[index];
    this.chunks[index] = undefined; // Collected as the rows are built, not held to the end.
    let packed: PackedRows;
    if (held instanceof Uint8Array) {
      let decoded: unknown;
      try {
        decoded = decodeSealable(held);
      } catch (error) {
        return { refused: `chunk ${index} does not decode (${error instanceof Error ? error.message : String(error)})` };
      }
      // decodeSealable copied what it keeps: the block is freed now rather than at the next full collection (as sealing.ts does).
      (held.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
      const chunk = decoded as { index?: unknown; packed?: unknown } | null;
      if (typeof chunk !== 'object' || chunk === null || chunk.index !== index || typeof chunk.packed !== 'object' || chunk.packed === null) return { refused: `chunk ${index} decodes to something else` };
      packed = chunk.packed as PackedRows;
    } else if (held) packed = held;
    else return { refused: `chunk ${index} is not there` };
    const problem = malformation(packed);
    if (problem) return { refused: `chunk ${index}: ${problem}` };
    if (packed.sourceFile !== this.sha256) return { refused: `chunk ${index}: its rows come from another file` };
    // That each file dictionary continues where the previous chunk left it is FileDictionaries.absorb's rule, as on a read.
    this.rows += packed.length;
    return { packed };
  }

  /** After the last chunk: null when the chunks held as many rows as the import counted, else why not. */
  finish(): string | null {
    if (this.next !== this.chunks.length) return `${this.next} of ${this.chunks.length} chunks opened`;
    return this.rows === this.imported ? null : `${this.rows} rows handed over, ${this.imported} imported`;
  }
}

const isCodeArray = (column: unknown): column is Uint8Array | Uint16Array | Uint32Array => column instanceof Uint8Array || column instanceof Uint16Array || column instanceof Uint32Array;

/**
 * Why a handed-over chunk is not one the import worker writes (columns/3, every column as long as the chunk,
 * every code inside its dictionary or inside what its file dictionary holds once the chunk is absorbed), or
 * null. The file hash is checked by HandedOverChunks.open, dictionary continuity by FileDictionaries.absorb as the rows are built.
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
  keepHandoverOnlyFor(db, caseId);
  const handover = waiting.get(db);
  if (!handover || handover.importId !== importId) return undefined;
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
