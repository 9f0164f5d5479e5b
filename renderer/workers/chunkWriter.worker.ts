/// <reference lib="webworker" />
/**
 * The import worker's chunk writer: stores the packed chunks it is handed
 * (sealing them through the database's middleware, with the data key the
 * unlocked page hands every worker) and answers each one, so sealing and
 * IndexedDB run beside the parsing instead of between its batches. It also
 * hashes the file at the start of the import, while it has nothing to write.
 */
import { database } from '../db/database';
import type { ChunkRow } from '../db/schema';
import type { FromChunkWriter, ToChunkWriter } from './chunkSink';
import { sha256Of } from './fileJob';

declare const self: DedicatedWorkerGlobalScope;

const failed = (seq: number) => (error: unknown) => self.postMessage({ seq, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies FromChunkWriter);

self.onmessage = (event: MessageEvent<ToChunkWriter>) => {
  const message = event.data;
  const { seq } = message;
  if ('hash' in message) {
    // The file's hash, here rather than on the parsing thread (chunkSink.ts hash): nothing is written before it is known, so this thread is free.
    const file = message.hash;
    sha256Of({ name: '', size: file.size, blob: file }, new AbortController().signal).then((sha256) => self.postMessage({ seq, ok: true, sha256 } satisfies FromChunkWriter), failed(seq));
    return;
  }
  database()
    // A chunk the import worker sealed already is stored as it is by the sealing middleware.
    .chunks.add({ ...message.chunk } as ChunkRow)
    .then(() => self.postMessage({ seq, ok: true } satisfies FromChunkWriter), failed(seq));
};
