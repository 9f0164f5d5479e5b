import type { RecordColumns } from '../../shared/import';

/*
 * A batch of the engine's columns in the form postMessage hands to the chunk
 * writer cheaply. Cloning 5,000 separate strings per column is the costly
 * part of a structured clone (≈ 0.55 s per 1M rows on the import worker, the
 * thread every other step waits for); one text column as one flat string plus
 * its end offsets is a single copy, and the numbers move without one. The
 * writer rebuilds the columns, packs and seals them on the other core, so the
 * dictionary coding and the sealing encode leave the import worker too.
 */

export type WireColumn =
  | null
  /** Numbers (NaN where absent), moved. */
  | { form: 'numbers'; values: Float64Array }
  /** Strings (or absent): `text` is every present value joined, `ends[i]` the UTF-16 offset where value i ends, -1 when absent. */
  | { form: 'text'; text: string; ends: Int32Array }
  /** Anything else (booleans, a mixed column), cloned as it is. */
  | { form: 'values'; values: unknown[] };

export interface WireColumns extends Omit<RecordColumns, 'columns'> {
  columns: WireColumn[];
}

function textColumn(values: unknown[], length: number): WireColumn {
  const ends = new Int32Array(length);
  const parts: string[] = [];
  let offset = 0;
  for (let row = 0; row < length; row++) {
    const value = values[row];
    if (value === undefined) {
      ends[row] = -1;
      continue;
    }
    if (typeof value !== 'string') return { form: 'values', values };
    offset += value.length;
    ends[row] = offset;
    parts.push(value);
  }
  return { form: 'text', text: parts.join(''), ends };
}

export function columnsToWire(batch: RecordColumns): WireColumns {
  const columns = batch.columns.map((column): WireColumn => {
    if (column === null) return null;
    if (column instanceof Float64Array) return { form: 'numbers', values: column };
    return textColumn(column, batch.length);
  });
  return { kind: batch.kind, length: batch.length, fields: batch.fields, firstRow: batch.firstRow, sourceFile: batch.sourceFile, lines: batch.lines, columns };
}

export function columnsFromWire(wire: WireColumns): RecordColumns {
  const columns = wire.columns.map((column) => {
    if (column === null) return null;
    if (column.form !== 'text') return column.values;
    const { text, ends } = column;
    const values = new Array<unknown>(wire.length);
    let start = 0;
    for (let row = 0; row < wire.length; row++) {
      const end = ends[row] as number;
      if (end < 0) continue;
      values[row] = text.slice(start, end);
      start = end;
    }
    return values;
  });
  return { kind: wire.kind, length: wire.length, fields: wire.fields, firstRow: wire.firstRow, sourceFile: wire.sourceFile, lines: wire.lines, columns };
}

/** The buffers a postMessage of this batch can move instead of copying (each owns its whole buffer). */
export function wireTransferables(wire: WireColumns): ArrayBuffer[] {
  const views: ArrayBufferView[] = [wire.firstRow, wire.lines];
  for (const column of wire.columns) {
    if (column?.form === 'numbers') views.push(column.values);
    else if (column?.form === 'text') views.push(column.ends);
  }
  const buffers: ArrayBuffer[] = [];
  for (const view of views) {
    if (view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && !buffers.includes(view.buffer)) buffers.push(view.buffer);
  }
  return buffers;
}
