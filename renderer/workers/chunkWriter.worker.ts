/// <reference lib="webworker" />
/**
 * The import worker's chunk writer: takes the batches it is handed (columns
 * in their wire form, columnWire.ts), packs them, stores them (sealing them
 * through the database's middleware, with the data key the unlocked page hands
 * every worker) and answers each one, so packing, sealing and IndexedDB run
 * beside the parsing instead of between its batches.
 */
import { database } from '../db/database';
import { storeChunk, type FromChunkWriter, type ToChunkWriter } from './chunkSink';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<ToChunkWriter>) => {
  const { seq, chunk } = event.data;
  storeChunk(database(), chunk).then(
    () => self.postMessage({ seq, ok: true } satisfies FromChunkWriter),
    (error: unknown) => self.postMessage({ seq, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies FromChunkWriter),
  );
};
