import { hashSource, type ByteSource } from '../../shared/import';

/**
 * What every import worker (CSV, statements, goAML, FtM) shares: the picked
 * file as the engine's ByteSource, its SHA-256, and the queue that lets chunk
 * writes overlap parsing. One copy, so a fix to cancelling or hashing reaches
 * every kind of import.
 */
export interface PickedFile {
  name: string;
  size: number;
  blob: Blob;
}

/** Chunk writes in flight, in order; the first failure is re-thrown to the import. */
export class WriteQueue {
  private pending: Promise<void>[] = [];
  private failure: unknown = null;
  constructor(private readonly limit: number) {}

  start(write: Promise<void>): void {
    this.pending.push(
      write.catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
  }

  /** Waits until fewer than `limit` writes are in flight (the queue's own limit unless a caller needs another for a while). */
  async throttle(limit = this.limit): Promise<void> {
    while (this.pending.length >= limit) await this.pending.shift();
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<void> {
    await this.settle();
    if (this.failure) throw this.failure;
  }

  /** Waits for every write started, whatever its outcome. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}

/** Below this size the whole file is hashed natively in one call (much faster than streaming in JS). */
const NATIVE_HASH_LIMIT = 512 * 1024 * 1024;

export function blobSource(file: PickedFile): ByteSource {
  return {
    name: file.name,
    size: file.size,
    async *stream() {
      const reader = file.blob.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

export async function sha256Of(file: PickedFile, signal: AbortSignal): Promise<string> {
  if (file.size <= NATIVE_HASH_LIMIT && globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.blob.arrayBuffer()));
    if (signal.aborted) throw Object.assign(new Error('The import was cancelled.'), { name: 'AbortError' });
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  return hashSource(blobSource(file), signal);
}
