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
export type ValueColumn = unknown[] | NumberColumn;

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

/** Collects the values of valid records into the columns of one batch at a time. */
export class ColumnWriter<K extends RecordKind> {
  private readonly fields: readonly string[];
  private readonly numberSlot: boolean[];
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
        column = this.numberSlot[slot] ? new Float64Array(this.capacity).fill(Number.NaN) : new Array<unknown>(this.capacity);
        columns[slot] = column;
        this.firstRow[slot] = row;
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
