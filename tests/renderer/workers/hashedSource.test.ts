import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hashedSource } from '../../../renderer/workers/fileJob';

/*
 * Issue 10, round 8: the import reads the picked file once for its hash and the parser. The parser
 * starts on the bytes in memory and, once the hash is known, streams the rest of the file from where
 * it stopped: whatever the timing, it must see every byte exactly once, in order, and the hash must be
 * the file's.
 */

const MB = 1 << 20;

function fileOf(size: number, seed: number): { name: string; size: number; blob: Blob; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let index = 0; index < size; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return { name: 'extracto.csv', size, blob: new Blob([bytes]), bytes };
}

async function readAll(stream: AsyncIterable<Uint8Array>, pause: boolean): Promise<{ bytes: Uint8Array; sizes: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) {
    parts.push(new Uint8Array(chunk));
    // A parser that waits on other work between chunks (writes, the hash itself) lets the hash finish mid-file.
    if (pause) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes, sizes: parts.map((part) => part.byteLength) };
}

describe('one read of the picked file for its hash and the parser (hashedSource)', () => {
  for (const size of [0, 1, MB - 1, MB, MB + 1, 3 * MB + 12_345]) {
    for (const pause of [false, true]) {
      it(`${size} bytes, ${pause ? 'a parser that pauses between chunks' : 'a parser that never pauses'}: every byte once, in order, and the file's hash`, async () => {
        const file = fileOf(size, size + (pause ? 7 : 3));
        const picked = hashedSource(file, new AbortController().signal);
        const read = await readAll(picked.source.stream(), pause);
        expect(read.bytes.byteLength).toBe(size);
        expect(Buffer.compare(Buffer.from(read.bytes), Buffer.from(file.bytes))).toBe(0);
        expect(await picked.sha256).toBe(bytesToHex(sha256(file.bytes)));
      });
    }
  }

  it('lets go of the in-memory copy once the hash is known and streams the rest from where the parser stopped', async () => {
    const file = fileOf(6 * MB + 3, 99);
    const picked = hashedSource(file, new AbortController().signal);
    const read = await readAll(picked.source.stream(), true);
    expect(Buffer.compare(Buffer.from(read.bytes), Buffer.from(file.bytes))).toBe(0);
    // The first piece comes from memory (1 MB); after the hash, the blob's own stream hands over the rest
    // (Node's in larger pieces), so not all of the 6 MB came out of the in-memory copy.
    expect(read.sizes[0]).toBe(MB);
    expect(read.sizes.some((size) => size !== MB && size !== 3)).toBe(true);
    expect(read.sizes.length).toBeLessThan(7);
  });

  it('a cancelled import refuses the hash, and the parser still reads the file whole', async () => {
    const file = fileOf(2 * MB, 5);
    const controller = new AbortController();
    const picked = hashedSource(file, controller.signal);
    controller.abort();
    await expect(picked.sha256).rejects.toMatchObject({ name: 'AbortError' });
    const read = await readAll(picked.source.stream(), false);
    expect(Buffer.compare(Buffer.from(read.bytes), Buffer.from(file.bytes))).toBe(0);
  });
});
