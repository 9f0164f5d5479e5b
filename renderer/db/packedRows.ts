import type { RecordColumns, ValueColumn } from '../../shared/import';

/**
 * Chunks are stored column by column rather than as an array of objects:
 * the structured clone of one array per field is about half the bytes of
 * 20,000 objects that each repeat every key name and the 64-character source
 * hash, so IndexedDB writes and reads less and the UI thread deserialises
 * less when a case is re-opened. Rows are rebuilt exactly: a field absent
 * from a row stays absent.
 *
 * Format 2 goes further where the clone is still costly (measured on the 1M-row
 * bench, docs/benchmarks/import.md): a column of numbers only is a Float64Array
 * (cloned as one block of bytes instead of 5,000 tagged values), and a column
 * whose values repeat a lot (currency, channel, description, counterpart names)
 * is stored as its distinct values plus one small integer code per row. Those
 * codes also mean every row rebuilt from the chunk shares the same few strings
 * instead of each carrying its own copy, which is most of the page's heap after
 * a large import. Format 1 chunks (plain arrays) are read the same way.
 *
 * Format 3 (schema v12, issue 10) codes the columns a chunk cannot (account numbers: 4,750 distinct
 * in 5,000 rows, but 50,000 in a million-row file) against one dictionary per field for the whole
 * import: each chunk carries the values it adds to that dictionary, so the import worker writes as it
 * parses and a reader rebuilds the dictionary walking the chunks in order. A loaded case then holds
 * one string per account instead of one per row and side (≈ 60 MB less per million rows on every copy
 * of the case), and the stored chunk is smaller. A format 2 chunk is a format 3 chunk without such
 * columns: one reading path.
 */
export type PackedColumn = unknown[] | Float64Array | Uint8Array | Uint16Array | Uint32Array;

/** A column coded against its import's file-wide dictionary of that field: the codes this chunk adds start at `base`. */
export interface FileCodedColumn {
  base: number;
  added: unknown[];
}

export interface PackedRows {
  format: 'columns/1' | 'columns/2' | 'columns/3';
  length: number;
  keys: string[];
  /** columns[c][i] is row i's value of keys[c], or its code in dictionaries[c] when that is set, or in the import's dictionary of keys[c] when fileCoded[c] is set. */
  columns: PackedColumn[];
  /** Per column: its distinct values when the column holds codes, null otherwise (format 2). */
  dictionaries?: (unknown[] | null)[];
  /** Per column: set when the column holds codes into the import's file-wide dictionary of its field (format 3). */
  fileCoded?: (FileCodedColumn | null)[];
  /** When every row's provenance points at the same file (always, for an import): that hash once, and the lines. */
  sourceFile?: string;
  sourceLines?: number[] | Float64Array;
}

type Row = Record<string, unknown>;

/** The format every stored chunk is written in since schema v12 (columns/2 chunks are the same minus file-coded columns; the v12 upgrade relabels the ones it can read). */
export const STORED_CHUNK_FORMAT = 'columns/3';

/** A column is coded when its rows repeat each value at least this many times on average. */
const MIN_REPEATS_FOR_CODES = 8;
const MAX_DICTIONARY = 65_536;

function commonSourceFile(rows: readonly Row[]): string | undefined {
  let file: string | undefined;
  for (const row of rows) {
    const source = row.source as { file?: unknown; line?: unknown } | undefined;
    if (!source || typeof source.file !== 'string' || typeof source.line !== 'number') return undefined;
    // Exactly file and line: counted, not Object.keys(), which would allocate an array per row.
    let members = 0;
    for (const _member in source) members += 1;
    if (members !== 2) return undefined;
    if (file === undefined) file = source.file;
    else if (source.file !== file) return undefined;
  }
  return file;
}

/** The most compact exact form of one column: numbers as a Float64Array, repeated values as codes, else the array. */
function encodeColumn(values: unknown[]): { column: PackedColumn; dictionary: unknown[] | null } {
  if (values.length === 0) return { column: values, dictionary: null };
  let numbers = true;
  for (let index = 0; numbers && index < values.length; index += 1) numbers = typeof values[index] === 'number';
  if (numbers) {
    const column = new Float64Array(values.length);
    for (let index = 0; index < values.length; index += 1) column[index] = values[index] as number;
    return { column, dictionary: null };
  }
  const limit = Math.min(MAX_DICTIONARY, Math.floor(values.length / MIN_REPEATS_FOR_CODES));
  const codeOf = new Map<unknown, number>();
  const dictionary: unknown[] = [];
  const codes = limit <= 256 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    // Only strings and absent values are coded: an object or number shared through a code would change identity or form.
    if (value !== undefined && typeof value !== 'string') return { column: values, dictionary: null };
    let code = codeOf.get(value);
    if (code === undefined) {
      if (dictionary.length >= limit) return { column: values, dictionary: null };
      code = dictionary.length;
      codeOf.set(value, code);
      dictionary.push(value);
    }
    codes[index] = code;
  }
  // Few distinct values (currencies, channels): one byte a row is enough, half the stored bytes.
  if (dictionary.length <= 256 && codes instanceof Uint16Array) return { column: Uint8Array.from(codes), dictionary };
  return { column: codes, dictionary };
}

/** Marks the provenance member when it is stored once for the whole chunk. */
const SHARED_SOURCE: unknown[] = [];

export function packRows(rows: readonly unknown[]): PackedRows {
  const records = rows as readonly Row[];
  const count = records.length;
  const sourceFile = commonSourceFile(records);
  // One pass over the rows, in row order, filling one array per field. Reading row[key] inside
  // for-in takes V8's enum-cache fast path, where a loop per field with a variable key is a slow
  // megamorphic look-up per value; the previous row's key order (rows of one import share it)
  // finds each key's column without a Map look-up. A field a row lacks stays undefined.
  const keys: string[] = [];
  const columnValues: unknown[][] = [];
  const columnOf = new Map<string, unknown[]>();
  const lastKeys: string[] = [];
  const lastColumns: unknown[][] = [];
  for (let index = 0; index < count; index += 1) {
    const row = records[index] as Row;
    let position = 0;
    for (const key in row) {
      let values: unknown[];
      if (lastKeys[position] === key) values = lastColumns[position] as unknown[];
      else {
        let known = columnOf.get(key);
        if (known === undefined) {
          known = sourceFile !== undefined && key === 'source' ? SHARED_SOURCE : new Array<unknown>(count).fill(undefined);
          columnOf.set(key, known);
          if (known !== SHARED_SOURCE) {
            keys.push(key);
            columnValues.push(known);
          }
        }
        values = known;
        lastKeys[position] = key;
        lastColumns[position] = known;
      }
      if (values !== SHARED_SOURCE) values[index] = row[key];
      position += 1;
    }
  }
  const columns: PackedColumn[] = [];
  const dictionaries: (unknown[] | null)[] = [];
  for (const values of columnValues) {
    const { column, dictionary } = encodeColumn(values);
    columns.push(column);
    dictionaries.push(dictionary);
  }
  const packed: PackedRows = { format: STORED_CHUNK_FORMAT, length: count, keys, columns, dictionaries };
  if (sourceFile !== undefined) {
    packed.sourceFile = sourceFile;
    const lines = new Float64Array(count);
    for (let index = 0; index < count; index += 1) lines[index] = ((records[index] as Row).source as { line: number }).line;
    packed.sourceLines = lines;
  }
  return packed;
}

/**
 * The stored chunk of a batch the import engine wrote column by column: the
 * same chunk packRows makes of that batch's records (same keys in the same
 * order, same column forms), without a record object per row or a pass over
 * objects. A number column without gaps is stored as it is.
 */
export function packColumns(batch: RecordColumns, fileCodes?: FileCodes): PackedRows {
  const count = batch.length;
  const fileCoded: (FileCodedColumn | null)[] = [];
  const slots: number[] = [];
  for (let slot = 0; slot < batch.columns.length; slot += 1) if (batch.columns[slot] && (batch.firstRow[slot] as number) >= 0) slots.push(slot);
  // Fields in order of first appearance, as packRows finds them walking the records.
  slots.sort((a, b) => (batch.firstRow[a] as number) - (batch.firstRow[b] as number) || a - b);
  const keys: string[] = [];
  const columns: PackedColumn[] = [];
  const dictionaries: (unknown[] | null)[] = [];
  for (const slot of slots) {
    const stored = batch.columns[slot] as ValueColumn;
    keys.push(batch.fields[slot] as string);
    if (stored instanceof Float64Array) {
      let complete = true;
      for (let index = 0; complete && index < count; index += 1) complete = !Number.isNaN(stored[index]);
      if (complete) {
        columns.push(stored);
        dictionaries.push(null);
        fileCoded.push(null);
        continue;
      }
      const values: unknown[] = new Array<unknown>(count).fill(undefined);
      for (let index = 0; index < count; index += 1) if (!Number.isNaN(stored[index])) values[index] = stored[index];
      const { column, dictionary } = encodeColumn(values);
      columns.push(column);
      dictionaries.push(dictionary);
      fileCoded.push(null);
      continue;
    }
    const field = batch.fields[slot] as string;
    // A field already coded against the file (its values did not fit a chunk's dictionary) goes there directly.
    let coded = fileCodes?.isCoding(field) ? fileCodes.encode(field, stored) : null;
    let chunkCoded: { column: PackedColumn; dictionary: unknown[] | null } | null = null;
    if (!coded) {
      chunkCoded = encodeColumn(stored);
      // Too many distinct values for the chunk's own dictionary: the import's dictionary of this field, if it repeats across the file.
      if (chunkCoded.dictionary === null && fileCodes) coded = fileCodes.encode(field, stored);
    }
    columns.push(coded ? coded.codes : (chunkCoded as { column: PackedColumn }).column);
    dictionaries.push(coded ? null : (chunkCoded?.dictionary ?? null));
    fileCoded.push(coded ? { base: coded.base, added: coded.added } : null);
  }
  const packed: PackedRows = { format: STORED_CHUNK_FORMAT, length: count, keys, columns, dictionaries, sourceFile: batch.sourceFile, sourceLines: batch.lines };
  if (fileCoded.some((column) => column !== null)) packed.fileCoded = fileCoded;
  return packed;
}

/** Values of a field coded before deciding whether the field repeats across the file. */
const FILE_CODES_TRIAL_VALUES = 20_000;
/** A field whose trial values were at least this share first occurrences (references, free text) is no longer coded. */
const FILE_CODES_GIVE_UP_NEW_SHARE = 0.9;
/** Distinct values one field's file-wide dictionary may hold: bounds the writer's memory on any file; later chunks store the field plainly. */
export const MAX_FILE_DICTIONARY = 1 << 20;

/**
 * The import worker's side of format 3: one dictionary per field for the whole import, grown chunk
 * by chunk in the order the chunks are numbered (packColumns is called in that order). Record ids are
 * never coded: they are unique in a case by construction, and duplicate checks read them chunk by chunk.
 */
export class FileCodes {
  private readonly fields = new Map<string, { lookup: CodeLookup; size: number; seen: number; coding: boolean }>();

  /** Whether `field` is (still) coded: the chunk's own dictionary need not be tried first once a file-coded field is known not to fit one. */
  isCoding(field: string): boolean {
    return this.fields.get(field)?.coding === true;
  }

  /** Codes of `values` in the field's dictionary and the values this call added, or null when the field is not (or no longer) coded. */
  encode(field: string, values: readonly unknown[]): { codes: Uint16Array | Uint32Array; base: number; added: unknown[] } | null {
    if (field === 'id') return null;
    let state = this.fields.get(field);
    if (state === undefined) {
      state = { lookup: new CodeLookup(), size: 0, seen: 0, coding: true };
      this.fields.set(field, state);
    }
    if (!state.coding) return null;
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index];
      if (value !== undefined && typeof value !== 'string') return null;
    }
    const base = state.size;
    const added: unknown[] = [];
    // Uint16 codes as long as the dictionary cannot pass 65,536 values within this chunk.
    const codes = base + values.length <= 0x1_0000 ? new Uint16Array(values.length) : new Uint32Array(values.length);
    const { lookup } = state;
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index] as string | undefined;
      const code = lookup.codeOf(value, base + added.length);
      if (code === base + added.length) {
        if (code >= MAX_FILE_DICTIONARY) {
          // Full: this chunk and the later ones store the field plainly (codes already given stay valid).
          state.coding = false;
          state.lookup = new CodeLookup();
          return null;
        }
        added.push(value);
      }
      codes[index] = code;
    }
    state.size = base + added.length;
    state.seen += values.length;
    // Unique values (references, free text) stop being coded once the trial shows it, and any later chunk
    // made mostly of new values stops it too (the dictionary would only grow); chunks written keep their codes.
    const judged = state.seen >= FILE_CODES_TRIAL_VALUES;
    const firstJudgement = judged && state.seen - values.length < FILE_CODES_TRIAL_VALUES;
    if ((firstJudgement && state.size >= state.seen * FILE_CODES_GIVE_UP_NEW_SHARE) || (judged && added.length >= values.length * FILE_CODES_GIVE_UP_NEW_SHARE)) {
      state.coding = false;
      state.lookup = new CodeLookup();
    }
    return { codes, base, added };
  }
}

/** Digit strings up to this length are looked up as numbers (value × 16 + length stays below 2^53, exact). */
const MAX_DIGIT_KEY_LENGTH = 14;

/**
 * Value → code for one field of one import. Account numbers are mostly digit strings: those are
 * turned into an exact number (the digits' value and the string's length, so "007" and "7" differ)
 * and looked up in a typed-array table, one memory access per probe instead of a Map's bucket, entry
 * and key string (measured in the import worker on 2M account cells: the Map cost ≈ 1 s in Chromium).
 * Anything else goes to a Map. Probing starts from a hash seeded at random per import, so a file
 * cannot be built in advance to make its numbers collide; the table stays at most half full.
 */
class CodeLookup {
  private keys = new Float64Array(1 << 12);
  private codes = new Int32Array(1 << 12);
  private used = 0;
  private readonly others = new Map<string | undefined, number>();
  private readonly seed = Math.floor(Math.random() * 0x1_0000_0000) | 0;

  /** The value's code, or `next` (now taken by the value) when it is new. */
  codeOf(value: string | undefined, next: number): number {
    if (value !== undefined && value.length > 0 && value.length <= MAX_DIGIT_KEY_LENGTH) {
      let number = 0;
      let index = 0;
      for (; index < value.length; index += 1) {
        const digit = value.charCodeAt(index) - 48;
        if (digit < 0 || digit > 9) break;
        number = number * 10 + digit;
      }
      if (index === value.length) return this.numberCode(number * 16 + value.length, next);
    }
    const known = this.others.get(value);
    if (known !== undefined) return known;
    this.others.set(value, next);
    return next;
  }

  private numberCode(key: number, next: number): number {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    // Keys are ≥ 1 (the length, ≥ 1, is added), so 0 marks an empty slot.
    let slot = this.slotOf(key) & mask;
    for (;;) {
      const held = this.keys[slot] as number;
      if (held === key) return this.codes[slot] as number;
      if (held === 0) {
        this.keys[slot] = key;
        this.codes[slot] = next;
        this.used += 1;
        return next;
      }
      slot = (slot + 1) & mask;
    }
  }

  private slotOf(key: number): number {
    const high = Math.floor(key / 0x1_0000_0000) | 0;
    const low = key | 0;
    let hash = Math.imul(high ^ this.seed, 0x9e3779b1) ^ Math.imul(low, 0x85ebca6b);
    hash ^= hash >>> 15;
    return Math.imul(hash, 0x2c1b3c6d) >>> 0;
  }

  private grow(): void {
    const keys = this.keys;
    const codes = this.codes;
    this.keys = new Float64Array(keys.length * 2);
    this.codes = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as number;
      if (key === 0) continue;
      let slot = this.slotOf(key) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.codes[slot] = codes[index] as number;
    }
  }
}

/**
 * The reader's side of format 3: the dictionaries of one import rebuilt from its chunks, which must be
 * given in chunk order (a chunk's codes may point at values an earlier chunk added).
 */
export class FileDictionaries {
  private readonly fields = new Map<string, unknown[]>();

  /** Takes in the values a chunk adds; call once per chunk, in chunk order, before rebuilding its rows. */
  absorb(packed: PackedRows): void {
    const fileCoded = packed.fileCoded;
    if (!fileCoded) return;
    for (let column = 0; column < fileCoded.length; column += 1) {
      const coded = fileCoded[column];
      if (!coded) continue;
      const key = packed.keys[column] as string;
      let dictionary = this.fields.get(key);
      if (dictionary === undefined) {
        dictionary = [];
        this.fields.set(key, dictionary);
      }
      if (coded.base !== dictionary.length) throw new Error(`stored chunk: the ${key} dictionary continues at ${coded.base} but ${dictionary.length} values were read; the import's chunks are missing or out of order`);
      for (const value of coded.added) dictionary.push(value);
    }
  }

  /** The field's dictionary as far as the chunks absorbed so far go. */
  of(key: string): unknown[] | undefined {
    return this.fields.get(key);
  }
}

/** Row i's value of column c, whichever form the column was stored in (not a file-coded one: see packedColumnValues). */
function valueAt(packed: PackedRows, column: number, index: number): unknown {
  const stored = (packed.columns[column] as PackedColumn)[index];
  const dictionary = packed.dictionaries?.[column];
  return dictionary ? dictionary[stored as number] : stored;
}

/** The values of one field for every row (undefined where absent), or undefined when no row has the field. */
export function packedColumnValues(packed: PackedRows, key: string): unknown[] | undefined {
  const column = packed.keys.indexOf(key);
  if (column < 0) return undefined;
  if (packed.fileCoded?.[column]) throw new Error(`stored chunk: ${key} is coded against its import's dictionary; read the import's chunks in order (loadRawCaseDataset)`);
  const values: unknown[] = new Array(packed.length);
  for (let index = 0; index < packed.length; index += 1) values[index] = valueAt(packed, column, index);
  return values;
}

type RowConstructor = new (reserve: boolean) => Row;

/**
 * A constructor of plain rows (prototype Object.prototype) with room for every field inside the
 * object. A `{}` literal has room for four; a row's other fields went to a second, separately
 * allocated property array, per row. V8 sizes the objects a constructor makes from the
 * `this.x =` assignments in its body (never run here) and trims the unused room once it has seen
 * a few objects, so each row is one allocation: 1M rebuilt rows 224 → 192 MB and 0.89 → 0.74 s in
 * Node. One constructor per row width, so a narrow kind read first does not size a wider one.
 */
function makeRowConstructor(): RowConstructor {
  // A function, not a class: its prototype can be Object.prototype, so rows stay plain objects.
  const RowShape = function RowShape(this: Row, reserve: boolean) {
    if (reserve) {
      this.f0 = undefined;
      this.f1 = undefined;
      this.f2 = undefined;
      this.f3 = undefined;
      this.f4 = undefined;
      this.f5 = undefined;
      this.f6 = undefined;
      this.f7 = undefined;
      this.f8 = undefined;
      this.f9 = undefined;
      this.f10 = undefined;
      this.f11 = undefined;
      this.f12 = undefined;
      this.f13 = undefined;
      this.f14 = undefined;
      this.f15 = undefined;
      this.f16 = undefined;
      this.f17 = undefined;
      this.f18 = undefined;
      this.f19 = undefined;
    }
  };
  RowShape.prototype = Object.prototype;
  return RowShape as unknown as RowConstructor;
}

const rowConstructors = new Map<number, RowConstructor>();

function rowConstructorFor(width: number): RowConstructor {
  let constructor = rowConstructors.get(width);
  if (!constructor) {
    constructor = makeRowConstructor();
    rowConstructors.set(width, constructor);
  }
  return constructor;
}

/** Values of a field looked up before deciding whether it repeats across chunks. */
const SHARING_TRIAL_VALUES = 20_000;
/** A field whose trial values were at least this share first occurrences (references, free text) is left alone. */
const SHARING_GIVE_UP_NEW_SHARE = 0.9;

/**
 * One string per distinct value across the chunks of one case load, for fields a chunk does not
 * code (too many distinct values within 5,000 rows) but the case repeats: a million-row file over
 * 50,000 accounts deserialises 2,000,000 account strings, one copy per row and side. Rows that share
 * them make the loaded case smaller (page and analysis worker alike) and leave the duplicates to die
 * young. Fields whose values turn out unique (references) stop being looked up after a trial.
 */
export class SharedStrings {
  /**
   * Open addressing on a hash of the characters, not a Map: measured in Chromium, a Map look-up of
   * a freshly deserialised string cost ≈ 0.6 µs (1.2 s for a million-row load), this table a
   * fraction of it (docs/BENCHMARKS.md, "Import round 6").
   */
  private slots: (string | undefined)[] = new Array<string | undefined>(1 << 12).fill(undefined);
  private count = 0;
  private readonly trials = new Map<string, { seen: number; added: number; sharing: boolean }>();

  /**
   * `hash` is FNV-1a from a random start per load, so a file cannot be built in advance to make its
   * values collide; and no look-up walks more than MAX_PROBES slots whatever the values (a value
   * that finds no place within them is simply not shared). Tests pass a hash of their own.
   */
  constructor(private readonly hash: (value: string) => number = seededHash(Math.floor(Math.random() * 0x1_0000_0000))) {}

  /** Distinct strings held. */
  get size(): number {
    return this.count;
  }

  /** Whether values of `key` are still looked up (false once its trial showed they do not repeat). */
  isSharing(key: string): boolean {
    return this.trials.get(key)?.sharing ?? true;
  }

  /**
   * Replaces the strings of `values[from, to)` by the first equal string this load saw. The column
   * array belongs to a chunk read for this load alone, so it is changed in place.
   */
  shareColumn(key: string, values: unknown[], from: number, to: number): void {
    let trial = this.trials.get(key);
    if (trial === undefined) {
      trial = { seen: 0, added: 0, sharing: true };
      this.trials.set(key, trial);
    }
    if (!trial.sharing) return;
    const before = this.count;
    // The table and its size in locals: this loop runs for every value of the column.
    let slots = this.slots;
    let mask = slots.length - 1;
    let count = this.count;
    const hash = this.hash;
    for (let index = from; index < to; index += 1) {
      const value = values[index];
      if (typeof value !== 'string') continue;
      // Kept at most half full, so probing stays short.
      if (count * 2 >= slots.length) {
        this.count = count;
        this.grow();
        slots = this.slots;
        mask = slots.length - 1;
      }
      let slot = hash(value) & mask;
      for (let probe = 0; probe < MAX_PROBES; probe += 1) {
        const held = slots[slot];
        if (held === undefined) {
          slots[slot] = value;
          count += 1;
          break;
        }
        if (held === value) {
          values[index] = held;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.count = count;
    trial.seen += to - from;
    trial.added += count - before;
    if (trial.seen >= SHARING_TRIAL_VALUES && trial.added >= trial.seen * SHARING_GIVE_UP_NEW_SHARE) trial.sharing = false;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Array<string | undefined>(old.length * 2).fill(undefined);
    const mask = slots.length - 1;
    for (const held of old) {
      if (held === undefined) continue;
      // Twice the room: every held value finds a place, at worst after a long walk once per growth.
      let slot = this.hash(held) & mask;
      while (slots[slot] !== undefined) slot = (slot + 1) & mask;
      slots[slot] = held;
    }
    this.slots = slots;
  }
}

/** Slots a look-up may walk before giving up on sharing that value: bounds the work per value on any input. */
const MAX_PROBES = 32;

/** FNV-1a over the UTF-16 code units from `seed`, as a non-negative int. */
function seededHash(seed: number): (value: string) => number {
  return (value) => {
    let hash = seed;
    for (let index = 0; index < value.length; index += 1) hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
    return hash >>> 0;
  };
}

/** Line numbers up to this are V8 small integers on every platform (31-bit); a larger one (never, in practice) stays a double. */
const MAX_SMALL_LINE = 0x3fff_ffff;

/**
 * Rebuilds rows [from, to) of a packed chunk, appending them to `target`. With `shared` (one per
 * case load), equal strings of uncoded fields across chunks become one string. A chunk with
 * file-coded columns needs its import's dictionaries, with this chunk already absorbed.
 */
export function unpackRowsInto(packed: PackedRows, target: unknown[], from = 0, to = packed.length, shared?: SharedStrings, fileDictionaries?: FileDictionaries): void {
  const { keys, columns, sourceFile, sourceLines } = packed;
  let dictionaries = packed.dictionaries ?? [];
  if (packed.fileCoded) {
    // File-coded columns read like chunk-coded ones, through the import's dictionary of the field.
    dictionaries = keys.map((key, column) => {
      if (!packed.fileCoded?.[column]) return packed.dictionaries?.[column] ?? null;
      const dictionary = fileDictionaries?.of(key);
      if (!dictionary) throw new Error(`stored chunk: ${key} is coded against its import's dictionary, which was not read; read the import's chunks in order`);
      return dictionary;
    });
  }
  const width = keys.length;
  // A field named __proto__ (a partner's row, a crafted chunk) must land as data: assigned, it would swap the row's prototype.
  const protoKey = keys.indexOf('__proto__');
  const RowShape = rowConstructorFor(width);
  // Plain string columns (coded ones already share within the chunk) are swapped to the load's strings
  // first, in one tight pass per column, so the row loop below stays as it is.
  if (shared) for (let column = 0; column < width; column += 1) if (!dictionaries[column] && Array.isArray(columns[column])) shared.shareColumn(keys[column] as string, columns[column] as unknown[], from, to);
  for (let index = from; index < to; index += 1) {
    const row: Row = new RowShape(false);
    for (let column = 0; column < width; column += 1) {
      const stored = (columns[column] as PackedColumn)[index];
      const dictionary = dictionaries[column];
      const value = dictionary ? dictionary[stored as number] : stored;
      if (value === undefined) continue;
      if (column === protoKey) Object.defineProperty(row, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      else row[keys[column] as string] = value;
    }
    if (sourceFile !== undefined && sourceLines) {
      const line = sourceLines[index] as number;
      // A line number read from the Float64Array is a double, which V8 (pointer compression, as in Chromium)
      // boxes in every row's provenance object: as a small integer it is stored in the object itself
      // (16 bytes less per row, ≈ 16 MB per million rows on every copy of the case). Same value.
      // (Any other value — fractional, negative, huge, from a crafted chunk — is kept exactly as stored.)
      row.source = { file: sourceFile, line: line > 0 && line <= MAX_SMALL_LINE && (line | 0) === line ? line | 0 : line };
    }
    target.push(row);
  }
}

export function unpackRows(packed: PackedRows): unknown[] {
  const rows: unknown[] = [];
  unpackRowsInto(packed, rows);
  return rows;
}
