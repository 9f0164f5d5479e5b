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
export type ValueColumn = unknown[] | NumberColumn | CodedColumn;

/**
 * A column of strings (and absences) coded as the rows are written: its distinct values in order of
 * first appearance (absent as `undefined`, where the first record lacking the field comes) and one
 * code per row. A repeated cell's string then dies as soon as its row is handled, instead of being
 * held by the batch until the chunk is packed: in Chromium's import worker those strings outlived
 * the young generation's collections and were promoted, and the old generation was marked and
 * compacted every ≈ 0.5 s (docs/BENCHMARKS.md, import rounds 8–10). The dictionary and codes are
 * exactly what renderer/db/packedRows.ts's encodeColumn makes of the same values.
 */
export class CodedColumn {
  readonly codes: Int32Array;
  readonly dictionary: (string | undefined)[] = [];
  private readonly codeOf = new Map<string | undefined, number>();
  /** Rows [0, filled) have their code. */
  private filled = 0;

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
  }

  private code(value: string | undefined, limit: number): number {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      if (code >= limit) return -1;
      this.codeOf.set(value, code);
      this.dictionary.push(value);
    }
    return code;
  }

  /** Codes rows [filled, to) as absent; false when that would take the dictionary past `limit` values. */
  fillAbsent(to: number, limit: number): boolean {
    if (to <= this.filled) return true;
    const absent = this.code(undefined, limit);
    if (absent < 0) return false;
    this.codes.fill(absent, this.filled, to);
    this.filled = to;
    return true;
  }

  /** Codes `value` as row `row` (rows since the last one written are absent); false when the dictionary would pass `limit` values. */
  put(row: number, value: string, limit: number): boolean {
    if (row !== this.filled && !this.fillAbsent(row, limit)) return false;
    // One Map look-up per cell, inline: this runs for every coded cell of the file.
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      if (code >= limit) return false;
      this.codeOf.set(value, code);
      this.dictionary.push(value);
    }
    this.codes[row] = code;
    this.filled = row + 1;
    return true;
  }

  /** Row `row`'s value (undefined where absent or not written yet). */
  valueAt(row: number): string | undefined {
    return row < this.filled ? this.dictionary[this.codes[row] as number] : undefined;
  }

  /**
   * The rows written so far as a plain column of `capacity` slots, as ColumnWriter wrote it before
   * columns were coded: absent rows are holes, not stored undefined values.
   */
  plain(capacity: number, length = this.filled): unknown[] {
    const values = new Array<unknown>(capacity);
    const { codes, dictionary } = this;
    for (let row = 0; row < Math.min(length, this.filled); row++) {
      const value = dictionary[codes[row] as number];
      if (value !== undefined) values[row] = value;
    }
    return values;
  }
}

export interface RecordColumns<K extends RecordKind = RecordKind> {
  kind: K;
  /** Records in the batch. */
  length: number;
  /** Field names, indexed like FIELD_DEFINITIONS[kind] (the column "slots"). */
  fields: readonly string[];
  /**
   * Per slot, each record's value (undefined where the record lacks the field;
   * NaN in a NumberColumn), or null when no record of the batch has the field.
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
/** packedRows.ts codes a chunk's column only when its rows repeat each value this many times on average, and with at most this many values. */
const MIN_REPEATS_FOR_CODES = 8;
const MAX_CODES = 65_536;

/** Collects the values of valid records into the columns of one batch at a time. */
export class ColumnWriter<K extends RecordKind> {
  private readonly fields: readonly string[];
  private readonly numberSlot: boolean[];
  /**
   * Fields written as plain values rather than coded: values other than strings, or more distinct
   * values in one batch than a chunk would code (record ids, account numbers). Once a field is, it
   * stays so for the rest of the file: trying again would only build dictionaries to throw away.
   */
  private readonly plainSlot: boolean[];
  /** Distinct values a coded column may collect before it turns plain (what a full batch could still code). */
  private readonly codeLimit: number;
  private columns: (ValueColumn | null)[];
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
    this.plainSlot = definitions.map(() => false);
    this.codeLimit = Math.min(MAX_CODES, Math.floor(capacity / MIN_REPEATS_FOR_CODES));
    this.columns = new Array<ValueColumn | null>(definitions.length).fill(null);
    this.firstRow = new Int32Array(definitions.length).fill(-1);
    this.lines = new Float64Array(capacity);
  }

  /** Appends one record: values indexed like FIELD_DEFINITIONS[kind], undefined where absent. */
  add(values: readonly unknown[], line: number): void {
    const row = this.length;
    const columns = this.columns;
    for (let slot = 0; slot < values.length; slot++) {
      const value = values[slot];
      if (value === undefined) continue;
      let column = columns[slot] as ValueColumn | null;
      if (column === null) {
        if (this.numberSlot[slot]) column = new Float64Array(this.capacity).fill(Number.NaN);
        else column = this.plainSlot[slot] || typeof value !== 'string' ? new Array<unknown>(this.capacity) : new CodedColumn(this.capacity);
        columns[slot] = column;
        this.firstRow[slot] = row;
      }
      if (column instanceof CodedColumn) {
        if (typeof value === 'string' && column.put(row, value, this.codeLimit)) continue;
        // Not a string, or too many distinct values for a chunk's dictionary: plain from here on.
        this.plainSlot[slot] = true;
        column = column.plain(this.capacity);
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
    const columns = this.columns.map((column) => {
      if (column instanceof CodedColumn) {
        // The rows after the last one with the field lack it; past the limit the chunk could not code it either.
        return column.fillAbsent(length, this.codeLimit) ? column : column.plain(length, length);
      }
      if (column === null || length === this.capacity) return column;
      if (column instanceof Float64Array) return column.slice(0, length);
      column.length = length;
      return column;
    });
    const batch: RecordColumns<K> = {
      kind: this.kind,
      length,
      fields: this.fields,
      columns,
      firstRow: this.firstRow,
      sourceFile,
      lines: length === this.capacity ? this.lines : this.lines.slice(0, length),
    };
    this.columns = new Array<ValueColumn | null>(this.fields.length).fill(null);
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
  if (column instanceof CodedColumn) return column.valueAt(row);
  const value = column[row];
  return column instanceof Float64Array && Number.isNaN(value) ? undefined : value;
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
