/**
 * Chunks are stored column by column rather than as an array of objects:
 * the structured clone of one array per field is about half the bytes of
 * 20,000 objects that each repeat every key name and the 64-character source
 * hash, so IndexedDB writes and reads less and the UI thread deserialises
 * less when a case is re-opened. Rows are rebuilt exactly: a field absent
 * from a row stays absent.
 */
export interface PackedRows {
  format: 'columns/1';
  length: number;
  keys: string[];
  columns: unknown[][];
  /** When every row's provenance points at the same file (always, for an import): that hash once, and the lines. */
  sourceFile?: string;
  sourceLines?: number[];
}

type Row = Record<string, unknown>;

function commonSourceFile(rows: readonly Row[]): string | undefined {
  let file: string | undefined;
  for (const row of rows) {
    const source = row.source as { file?: unknown; line?: unknown } | undefined;
    if (!source || typeof source.file !== 'string' || typeof source.line !== 'number' || Object.keys(source).length !== 2) return undefined;
    if (file === undefined) file = source.file;
    else if (source.file !== file) return undefined;
  }
  return file;
}

export function packRows(rows: readonly unknown[]): PackedRows {
  const records = rows as readonly Row[];
  const sourceFile = commonSourceFile(records);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of records) {
    for (const key in row) {
      if (seen.has(key) || (sourceFile !== undefined && key === 'source')) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const columns = keys.map((key) => {
    const column: unknown[] = new Array(records.length);
    for (let index = 0; index < records.length; index += 1) column[index] = (records[index] as Row)[key];
    return column;
  });
  const packed: PackedRows = { format: 'columns/1', length: records.length, keys, columns };
  if (sourceFile !== undefined) {
    packed.sourceFile = sourceFile;
    packed.sourceLines = records.map((row) => (row.source as { line: number }).line);
  }
  return packed;
}

/** Rebuilds rows [from, to) of a packed chunk, appending them to `target`. */
export function unpackRowsInto(packed: PackedRows, target: unknown[], from = 0, to = packed.length): void {
  const { keys, columns, sourceFile, sourceLines } = packed;
  const width = keys.length;
  for (let index = from; index < to; index += 1) {
    const row: Row = {};
    for (let column = 0; column < width; column += 1) {
      const value = (columns[column] as unknown[])[index];
      if (value !== undefined) row[keys[column] as string] = value;
    }
    if (sourceFile !== undefined && sourceLines) row.source = { file: sourceFile, line: sourceLines[index] };
    target.push(row);
  }
}

export function unpackRows(packed: PackedRows): unknown[] {
  const rows: unknown[] = [];
  unpackRowsInto(packed, rows);
  return rows;
}
