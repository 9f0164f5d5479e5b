import type { RecordKind } from '../../shared/model';
import type { PackedRows } from './packedRows';
import type { CaudalDatabase, ChunkRow } from './schema';

/** Rows per message from the load worker: small enough that the UI thread rebuilds them in a few milliseconds. */
export const ROWS_PER_SLICE = 4000;

export type CaseLoadRequest = { type: 'load'; databaseName: string; caseId: string } | { type: 'next' };

export type CaseLoadMessage =
  | { type: 'packed'; kind: RecordKind; packed: PackedRows }
  | { type: 'rows'; kind: RecordKind; rows: unknown[] }
  /** Sent after each stored chunk: the reader answers 'next' so at most one chunk is ever in flight. */
  | { type: 'chunk-end' }
  | { type: 'done' }
  | { type: 'error'; message: string };

function slicePacked(packed: PackedRows, from: number, to: number): PackedRows {
  const slice: PackedRows = { format: packed.format, length: to - from, keys: packed.keys, columns: packed.columns.map((column) => column.slice(from, to)) };
  if (packed.sourceFile !== undefined && packed.sourceLines) {
    slice.sourceFile = packed.sourceFile;
    slice.sourceLines = packed.sourceLines.slice(from, to);
  }
  return slice;
}

/**
 * Walks a case's committed chunks in order (imports by commit time, each
 * import's chunks in file order) and hands them out in slices. Runs in the
 * load worker in the app and inline in tests; `emit` may wait (flow control).
 */
export async function walkCaseChunks(db: CaudalDatabase, caseId: string, emit: (message: CaseLoadMessage) => void | Promise<void>): Promise<void> {
  const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  committed.sort((a, b) => a.file.importedAt - b.file.importedAt || (a.id < b.id ? -1 : 1));
  for (const entry of committed) {
    const keys = await db.chunks.where('importId').equals(entry.id).primaryKeys();
    const chunks: ChunkRow[] = [];
    let ordered = true;
    for (const key of keys) {
      const chunk = await db.chunks.get(key);
      if (!chunk) continue;
      // Chunks are appended in file order, so primary-key order normally is file order: stream them as they come.
      if (ordered && chunk.index === chunks.length) {
        await emitChunk(chunk, emit);
        chunks.push(chunk);
        // Only the count matters once emitted; drop the rows so memory stays one chunk deep.
        chunks[chunks.length - 1] = { ...chunk, rows: [], packed: undefined };
      } else {
        ordered = false;
        chunks.push(chunk);
      }
    }
    if (!ordered) {
      const rest = chunks.filter((chunk) => chunk.rows?.length || chunk.packed).sort((a, b) => a.index - b.index);
      for (const chunk of rest) await emitChunk(chunk, emit);
    }
  }
  await emit({ type: 'done' });
}

async function emitChunk(chunk: ChunkRow, emit: (message: CaseLoadMessage) => void | Promise<void>): Promise<void> {
  if (chunk.packed) {
    for (let from = 0; from < chunk.packed.length; from += ROWS_PER_SLICE) {
      await emit({ type: 'packed', kind: chunk.kind, packed: slicePacked(chunk.packed, from, Math.min(chunk.packed.length, from + ROWS_PER_SLICE)) });
    }
  } else {
    const rows = chunk.rows ?? [];
    for (let from = 0; from < rows.length; from += ROWS_PER_SLICE) await emit({ type: 'rows', kind: chunk.kind, rows: rows.slice(from, from + ROWS_PER_SLICE) });
  }
  await emit({ type: 'chunk-end' });
}
