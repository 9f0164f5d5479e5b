/// <reference lib="webworker" />
/**
 * The import worker's chunk writer: stores the packed chunks it is handed
 * (sealing them through the database's middleware, with the data key the
 * unlocked page hands every worker) and answers each one, so sealing and
 * IndexedDB run beside the parsing instead of between its batches.
 */
import { database } from '../db/database';
import type { ChunkRow } from '../db/schema';
import type { FromChunkWriter, ToChunkWriter } from './chunkSink';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<ToChunkWriter>) => {
  const { seq, chunk } = event.data;
  database()
    // A chunk the import worker sealed already is stored as it is by the sealing middleware.
    .chunks.add({ ...chunk } as ChunkRow)
    .then(
      () => self.postMessage({ seq, ok: true } satisfies FromChunkWriter),
      (error: unknown) => self.postMessage({ seq, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies FromChunkWriter),
    );
};
