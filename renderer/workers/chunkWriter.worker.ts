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
import { sha256Of } from './fileJob';

declare const self: DedicatedWorkerGlobalScope;

const failed = (seq: number, error: unknown): FromChunkWriter => ({ seq, ok: false, message: error instanceof Error ? error.message : String(error) });

self.onmessage = (event: MessageEvent<ToChunkWriter>) => {
  const message = event.data;
  if ('hash' in message) {
    // The import's file hash, asked for first: nothing is sent here to store before it is known.
    sha256Of(message.hash, new AbortController().signal).then(
      (sha256) => self.postMessage({ seq: message.seq, ok: true, sha256 } satisfies FromChunkWriter),
      (error: unknown) => self.postMessage(failed(message.seq, error)),
    );
    return;
  }
  const { seq, chunk } = message;
  database()
    // The sealing middleware seals the chunk here, off the parsing thread (one sealed already is stored as it is).
    .chunks.add({ ...chunk } as ChunkRow)
    .then(
      () => self.postMessage({ seq, ok: true } satisfies FromChunkWriter),
      (error: unknown) => self.postMessage(failed(seq, error)),
    );
};
