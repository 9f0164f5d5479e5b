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

/** Bytes handed to the parser at a time while it reads from the file already in memory (the blob stream hands out up to 2 MB). */
const IN_MEMORY_SLICE = 1 << 20;

/** The picked file as the parser reads it, and its SHA-256, from one read of the file (see hashedSource). */
export interface HashedSource {
  source: ByteSource;
  sha256: Promise<string>;
}

/** The file's first bytes, read on their own so that parsing starts while the whole file is still being read (≈ 0.25 s of parsing). */
const HEAD_SLICE = 8 << 20;

/**
 * The file's SHA-256 and its bytes for the parser, with the file read whole only once. Measured in
 * Chromium's import worker (round 8): reading the 117 MB bench file whole takes ≈ 0.12 s and its digest
 * ≈ 0.12 s, yet the hash took 0.8–1.9 s while the parser streamed the same file beside it (3–4 s when the
 * parser did not pause for it): a stream and a whole read of one file hold each other up, and the parser,
 * which may write nothing before the hash is known, waited. Here the file is read whole while the parser
 * starts on its first HEAD_SLICE bytes (one short read of their own); it then goes on from the whole file in
 * memory while the native digest runs on it; once the hash is known the in-memory copy (the size of the
 * file) is let go and the parser streams the rest of the file from where it stopped. A file above
 * NATIVE_HASH_LIMIT (or without WebCrypto) is streamed for both, as before.
 */
export function hashedSource(file: PickedFile, signal: AbortSignal): HashedSource {
  if (!(file.size <= NATIVE_HASH_LIMIT && globalThis.crypto?.subtle)) return { source: blobSource(file), sha256: sha256Of(file, signal) };
  const head = file.blob.slice(0, Math.min(HEAD_SLICE, file.size)).arrayBuffer();
  const whole = file.blob.arrayBuffer();
  // The parser's view of the file while the hash is being computed; null once the hash is known (or failed).
  let inMemory: Uint8Array | null = null;
  const sha256 = whole.then(async (buffer) => {
    inMemory = new Uint8Array(buffer);
    try {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
      if (signal.aborted) throw Object.assign(new Error('The import was cancelled.'), { name: 'AbortError' });
      return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    } finally {
      inMemory = null;
    }
  });
  sha256.catch(() => undefined); // Whoever awaits it sees the failure; the parser streams on regardless.
  head.catch(() => undefined); // Read again below if it failed.
  return {
    sha256,
    source: {
      name: file.name,
      size: file.size,
      async *stream() {
        let position = 0;
        // 1. The first bytes, while the whole file is being read.
        const first = await head.catch(() => null);
        if (first) {
          for (let offset = 0; offset < first.byteLength; offset += IN_MEMORY_SLICE) yield new Uint8Array(first, offset, Math.min(IN_MEMORY_SLICE, first.byteLength - offset));
          position = first.byteLength;
        }
        // 2. The whole file in memory, from there on, while the hash is computed.
        await whole.catch(() => undefined);
        for (let bytes = inMemory as Uint8Array | null; bytes !== null && position < bytes.byteLength; bytes = inMemory) {
          const end = Math.min(position + IN_MEMORY_SLICE, bytes.byteLength);
          // A copy, not a view: the decoder's leftovers and the strings cut from it must not hold the whole file.
          yield bytes.slice(position, end);
          position = end;
        }
        // 3. The rest of the file, streamed from where the parser is (all of it if a read failed).
        if (position >= file.size) return;
        const reader = file.blob.slice(position).stream().getReader();
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
    },
  };
}
