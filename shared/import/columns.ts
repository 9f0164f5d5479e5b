import type { RecordByKind, RecordKind } from '../model';
import { recordBuilder } from './build';
import { FIELD_DEFINITIONS } from './fields';

/*
 * Valid records of one batch, column by column. The engine writes each
 * converted value straight into its field's column, so a million-row import
 * makes no object per record: no record, no provenance object, and no second
 * pass over objects to store them by column (renderer/db/packedRows.ts packs
 * these columns as they are). Callers that want record objects (the CLI,
 * tests) get them from `recordsOfColumns`, built exactly as before.
 */

/** A column of number fields (amounts, dates): NaN where a record lacks the field (no valid value is NaN). */
export type NumberColumn = Float64Array;
/**
 * A text column whose values repeat (names, descriptions, currencies): row i's value is
 * `dictionary[codes[i]]` (undefined is a value like any other). Coded while converting, so each
 * row's own copy of a repeated string dies young instead of living until its chunk is stored.
 */
export interface CodedColumn {
  codes: Uint8Array | Uint16Array;
  dictionary: unknown[];
}
export type ValueColumn = unknown[] | NumberColumn | CodedColumn;

export interface RecordColumns<K extends RecordKind = RecordKind> {
  kind: K;
  /** Records in the batch. */
  length: number;
  /** Field names, indexed like FIELD_DEFINITIONS[kind] (the column "slots"). */
  fields: readonly string[];
  /**
   * Per slot, each record's value (undefined where the record lacks the field;
   * NaN in a NumberColumn; coded in a CodedColumn), or null when no record of
   * the batch has the field.
   */
  columns: (ValueColumn | null)[];
  /**
   * Per slot, the first record that has the field (-1: none). A record's
   * fields are listed in slot order, so the batch's fields in order of first
   * appearance are sorted by (firstRow, slot): the order packRows keeps.
   */
  firstRow: Int32Array;
  /** Every record's provenance file (the file's SHA-256). */
  sourceFile: string;
  /** Physical line each record starts on. */
  lines: Float64Array;
}

/** Field types whose converted values are always numbers. */
const NUMBER_TYPES = new Set(['amount', 'date']);

/**
 * A column is kept coded when its rows repeat each value at least this often on average: the rule
 * of the stored chunk (renderer/db/packedRows.ts encodeColumn), so a coded column is exactly the
 * column that encodeColumn would have made of the values.
 */
const MIN_REPEATS_FOR_CODES = 8;
const MAX_DICTIONARY = 65_536;

/** A text column being coded while rows are added. */
interface Coding {
  codes: Uint16Array;
  dictionary: unknown[];
  codeOf: Map<unknown, number>;
}

/** Collects the values of valid records into the columns of one batch at a time. */
export class ColumnWriter<K extends RecordKind> {
  private readonly fields: readonly string[];
  private readonly numberSlot: boolean[];
  /** Slots whose coding was given up in the last batch (too many distinct values): not tried again. */
  private readonly uncodable: boolean[];
  private readonly maxDictionary: number;
  private columns: (unknown[] | NumberColumn | null)[];
  private codings: (Coding | null)[];
  private firstRow: Int32Array;
  private lines: Float64Array;
  length = 0;

  constructor(
    readonly kind: K,
    private readonly capacity: number,
  ) {
    const definitions = FIELD_DEFINITIONS[kind];
    this.fields = definitions.map((definition) => definition.name);
    this.numberSlot = definitions.map((definition) => NUMBER_TYPES.has(definition.type));
    this.uncodable = definitions.map(() => false);
    this.maxDictionary = Math.min(MAX_DICTIONARY, Math.floor(capacity / MIN_REPEATS_FOR_CODES));
    this.columns = new Array<unknown[] | NumberColumn | null>(definitions.length).fill(null);
    this.codings = new Array<Coding | null>(definitions.length).fill(null);
    this.firstRow = new Int32Array(definitions.length).fill(-1);
    this.lines = new Float64Array(capacity);
  }

  /** Appends one record: values indexed like FIELD_DEFINITIONS[kind], undefined where absent. */
  add(values: readonly unknown[], line: number): void {
    const row = this.length;
    const columns = this.columns;
    const codings = this.codings;
    for (let slot = 0; slot < values.length; slot++) {
      const value = values[slot];
      const coding = codings[slot] as Coding | null;
      if (coding !== null) {
        if (typeof value === 'string' || value === undefined) {
          let code = coding.codeOf.get(value);
          if (code === undefined) {
            if (coding.dictionary.length < this.maxDictionary) {
              code = coding.dictionary.length;
              coding.codeOf.set(value, code);
              coding.dictionary.push(value);
              coding.codes[row] = code;
              continue;
            }
            this.uncodable[slot] = true;
          } else {
            coding.codes[row] = code;
            continue;
          }
        }
        // Too many distinct values, or not text: the column holds values after all.
        codings[slot] = null;
        columns[slot] = this.decode(coding, row);
      }
      if (value === undefined) continue;
      let column = columns[slot] as unknown[] | NumberColumn | null;
      if (column === null) {
        if (this.firstRow[slot] === -1) this.firstRow[slot] = row;
        if (this.numberSlot[slot]) column = new Float64Array(this.capacity).fill(Number.NaN);
        else if (typeof value === 'string' && !this.uncodable[slot]) {
          const started: Coding = { codes: new Uint16Array(this.capacity), dictionary: [], codeOf: new Map() };
          // The rows before this one lack the field: undefined is their value.
          if (row > 0) {
            started.dictionary.push(undefined);
            started.codeOf.set(undefined, 0);
          }
          started.codeOf.set(value, started.dictionary.length);
          started.codes[row] = started.dictionary.length;
          started.dictionary.push(value);
          codings[slot] = started;
          continue;
        } else column = new Array<unknown>(this.capacity);
        columns[slot] = column;
      }
      if (column instanceof Float64Array && (typeof value !== 'number' || Number.isNaN(value))) {
        // Not expected from the converters; kept exact by falling back to a plain column.
        column = this.toPlain(column, row);
        columns[slot] = column;
      }
      column[row] = value;
    }
    this.lines[row] = line;
    this.length = row + 1;
  }

  /** The values of the first `rows` rows of a coded column, as a plain column. */
  private decode(coding: Coding, rows: number): unknown[] {
    const plain = new Array<unknown>(this.capacity);
    for (let row = 0; row < rows; row++) {
      const value = coding.dictionary[coding.codes[row] as number];
      if (value !== undefined) plain[row] = value;
    }
    return plain;
  }

  private toPlain(column: Float64Array, rows: number): unknown[] {
    const plain = new Array<unknown>(this.capacity);
    for (let row = 0; row < rows; row++) {
      const value = column[row] as number;
      if (!Number.isNaN(value)) plain[row] = value;
    }
    return plain;
  }

  /** The batch so far (trimmed to its length); the writer starts a new one. */
  take(sourceFile: string): RecordColumns<K> {
    const length = this.length;
    const full = length === this.capacity;
    const limit = Math.min(MAX_DICTIONARY, Math.floor(length / MIN_REPEATS_FOR_CODES));
    const columns = this.fields.map((_, slot): ValueColumn | null => {
      const coding = this.codings[slot];
      if (coding) {
        // A short last batch allows fewer distinct values than the coding assumed.
        if (coding.dictionary.length > limit) {
          const plain = this.decode(coding, length);
          plain.length = length;
          return plain;
        }
        const codes = coding.codes.subarray(0, length);
        return { codes: coding.dictionary.length <= 256 ? Uint8Array.from(codes) : codes.slice(), dictionary: coding.dictionary };
      }
      const column = this.columns[slot] as unknown[] | NumberColumn | null;
      if (column === null || full) return column;
      if (column instanceof Float64Array) return column.slice(0, length);
      column.length = length;
      return column;
    });
    for (let slot = 0; slot < this.fields.length; slot++) if (this.codings[slot]) this.uncodable[slot] = false;
    const batch: RecordColumns<K> = {
      kind: this.kind,
      length,
      fields: this.fields,
      columns,
      firstRow: this.firstRow,
      sourceFile,
      lines: full ? this.lines : this.lines.slice(0, length),
    };
    this.columns = new Array<unknown[] | NumberColumn | null>(this.fields.length).fill(null);
    this.codings = new Array<Coding | null>(this.fields.length).fill(null);
    this.firstRow = new Int32Array(this.fields.length).fill(-1);
    this.lines = new Float64Array(this.capacity);
    this.length = 0;
    return batch;
  }
}

/** Record `row`'s value of column `slot` (undefined where absent). */
export function columnValue(batch: RecordColumns, slot: number, row: number): unknown {
  const column = batch.columns[slot];
  if (!column) return undefined;
  if (column instanceof Float64Array) {
    const value = column[row] as number;
    return Number.isNaN(value) ? undefined : value;
  }
  if (Array.isArray(column)) return column[row];
  return column.dictionary[column.codes[row] as number];
}

/** The batch as record objects with provenance, as the engine built them before it wrote columns. */
export function recordsOfColumns<K extends RecordKind>(batch: RecordColumns<K>): RecordByKind[K][] {
  const build = recordBuilder(batch.kind);
  const values = new Array<unknown>(batch.fields.length);
  const records: RecordByKind[K][] = new Array(batch.length);
  for (let row = 0; row < batch.length; row++) {
    for (let slot = 0; slot < values.length; slot++) values[slot] = columnValue(batch, slot, row);
    const record = build(values);
    record.source = { file: batch.sourceFile, line: batch.lines[row] };
    records[row] = record as unknown as RecordByKind[K];
  }
  return records;
}
