import type { RecordKind } from '../../shared/model';
import type { CaudalDatabase } from '../db/schema';
import { packColumns } from '../db/packedRows';
import { columnsFromWire, wireTransferables, type WireColumns } from './columnWire';

/** One batch of a pending import, ready to pack and store (as columns in their wire form, columnWire.ts). */
export interface ChunkWrite {
  caseId: string;
  importId: string;
  kind: RecordKind;
  index: number;
  columns: WireColumns;
}

/** Packs a batch into its stored chunk and adds it (the sealing middleware seals it on the way). */
export async function storeChunk(db: CaudalDatabase, chunk: ChunkWrite): Promise<void> {
  const { caseId, importId, kind, index } = chunk;
  await db.chunks.add({ caseId, importId, kind, index, packed: packColumns(columnsFromWire(chunk.columns)) });
}

/** Where an import's chunks go: resolves when the chunk is stored, rejects with the reason it was not. */
export interface ChunkSink {
  write(chunk: ChunkWrite): Promise<void>;
  /** Stops the sink once every write it was given has settled (the caller waits for them first). */
  close(): void;
}

/** Messages of the chunk writer worker (chunkWriter.worker.ts). */
export type ToChunkWriter = { seq: number; chunk: ChunkWrite };
export type FromChunkWriter = { seq: number; ok: true } | { seq: number; ok: false; message: string };

/** Stores chunks on this thread (Node, tests, and wherever a worker cannot start another). */
export function inProcessSink(db: CaudalDatabase): ChunkSink {
  return {
    write: (chunk) => storeChunk(db, chunk),
    close: () => undefined,
  };
}

/**
 * Stores chunks in a second worker, so that sealing (encoding and AES-GCM)
 * and IndexedDB's hand-over of each chunk run on the machine's other core
 * while this worker parses the next batch. Each write resolves when the writer
 * says the chunk is stored; if the writer dies, every write still open and
 * every later one rejects.
 */
export function workerSink(): ChunkSink {
  const worker = new Worker(new URL('./chunkWriter.worker.ts', import.meta.url), { type: 'module', name: 'caudal-chunk-writer' });
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let failure: Error | null = null;
  let nextSeq = 0;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<FromChunkWriter>) => {
    const answer = event.data;
    const waiting = pending.get(answer.seq);
    if (!waiting) return;
    pending.delete(answer.seq);
    if (answer.ok) waiting.resolve();
    else waiting.reject(new Error(answer.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'The chunk writer stopped unexpectedly.'));
  };
  return {
    write(chunk) {
      if (failure) return Promise.reject(failure);
      const seq = nextSeq++;
      return new Promise<void>((resolve, reject) => {
        pending.set(seq, { resolve, reject });
        worker.postMessage({ seq, chunk } satisfies ToChunkWriter, wireTransferables(chunk.columns));
      });
    },
    close() {
      failAll(new Error('The chunk writer was closed.'));
      worker.terminate();
    },
  };
}
