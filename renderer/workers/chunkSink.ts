import type { RecordKind } from '../../shared/model';
import type { PackedRows } from '../db/packedRows';
import type { CaudalDatabase, ChunkRow } from '../db/schema';
import { SEALED_FIELD } from '../db/sealing';

/** One packed chunk of a pending import, ready to store. */
export interface ChunkWrite {
  caseId: string;
  importId: string;
  kind: RecordKind;
  index: number;
  packed: PackedRows;
}

/**
 * The same chunk already sealed (sealing.ts sealRowBeforeAdd): only the indexed fields in clear,
 * the rest one ciphertext, which moves to the writer without a copy.
 */
export interface SealedChunkWrite {
  caseId: string;
  importId: string;
  kind: RecordKind;
  [SEALED_FIELD]: Uint8Array;
}

const isSealedWrite = (chunk: ChunkWrite | SealedChunkWrite): chunk is SealedChunkWrite => SEALED_FIELD in chunk;

/** Where an import's chunks go: resolves when the chunk is stored, rejects with the reason it was not. */
export interface ChunkSink {
  write(chunk: ChunkWrite | SealedChunkWrite): Promise<void>;
  /** Stops the sink once every write it was given has settled (the caller waits for them first). */
  close(): void;
}

/** Messages of the chunk writer worker (chunkWriter.worker.ts). */
export type ToChunkWriter = { seq: number; chunk: ChunkWrite | SealedChunkWrite };
export type FromChunkWriter = { seq: number; ok: true } | { seq: number; ok: false; message: string };

/** Stores chunks on this thread (Node, tests, and wherever a worker cannot start another). */
export function inProcessSink(db: CaudalDatabase): ChunkSink {
  return {
    // A sealed chunk is stored as it is by the sealing middleware.
    write: async (chunk) => void (await db.chunks.add({ ...chunk } as ChunkRow)),
    close: () => undefined,
  };
}

/** The typed arrays' buffers: moved to the writer rather than copied (the import does not read a chunk again). */
function transferables(chunk: ChunkWrite | SealedChunkWrite): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  const views = isSealedWrite(chunk) ? [chunk[SEALED_FIELD]] : [...chunk.packed.columns, chunk.packed.sourceLines];
  for (const column of views) {
    if (ArrayBuffer.isView(column) && column.buffer instanceof ArrayBuffer && column.byteOffset === 0 && column.byteLength === column.buffer.byteLength) buffers.push(column.buffer);
  }
  return buffers;
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
        worker.postMessage({ seq, chunk } satisfies ToChunkWriter, transferables(chunk));
      });
    },
    close() {
      failAll(new Error('The chunk writer was closed.'));
      worker.terminate();
    },
  };
}
