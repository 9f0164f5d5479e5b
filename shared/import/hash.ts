import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { abortError, type AbortSignalLike, type ByteSource } from './types';

/**
 * SHA-256 (hex) of the whole file, streamed so a 1 GB export never sits in
 * memory. The hash is the file's identity in the chain of custody.
 */
export async function hashSource(source: ByteSource, signal?: AbortSignalLike): Promise<string> {
  const hash = sha256.create();
  if (signal?.aborted) throw abortError(signal);
  for await (const chunk of source.stream()) {
    if (signal?.aborted) throw abortError(signal);
    hash.update(chunk);
  }
  if (signal?.aborted) throw abortError(signal);
  return bytesToHex(hash.digest());
}

/** A ByteSource over bytes already in memory (tests, pasted text, small files). */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 16): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    async *stream() {
      for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
        yield bytes.subarray(offset, Math.min(offset + chunkSize, bytes.byteLength));
      }
    },
  };
}
