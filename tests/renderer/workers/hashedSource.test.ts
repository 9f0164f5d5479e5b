import { describe, expect, it, vi } from 'vitest';
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

  it('starts on the first bytes, goes on from the whole file in memory, and streams the rest once the hash is known', async () => {
    const file = fileOf(12 * MB + 3, 99);
    // A blob like Chromium's: its stream hands out 64 KB pieces, one per task; the whole read takes a while.
    const piece = 64 * 1024;
    const slowBlob = (bytes: Uint8Array): Blob =>
      ({
        size: bytes.byteLength,
        slice: (start: number, end?: number) => slowBlob(bytes.subarray(start, end)),
        arrayBuffer: () => new Promise((resolve) => setTimeout(() => resolve(bytes.slice().buffer), 30)),
        stream: () => {
          let offset = 0;
          return new ReadableStream<Uint8Array>({
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 1));
              if (offset >= bytes.byteLength) return controller.close();
              controller.enqueue(bytes.slice(offset, offset + piece));
              offset += piece;
            },
          });
        },
      }) as unknown as Blob;
    // The digest finishes when the test says so: after the first 8 MB and two more pieces from memory.
    let finishDigest = () => undefined as void;
    const digestDone = new Promise<void>((resolve) => (finishDigest = resolve));
    const realDigest = crypto.subtle.digest.bind(crypto.subtle);
    const digest = vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => {
      const result = await realDigest(algorithm, data);
      await digestDone;
      return result;
    });
    const picked = hashedSource({ name: file.name, size: file.size, blob: slowBlob(file.bytes) }, new AbortController().signal);
    const parts: Uint8Array[] = [];
    const sizes: number[] = [];
    for await (const chunk of picked.source.stream()) {
      parts.push(new Uint8Array(chunk));
      sizes.push(chunk.byteLength);
      if (sizes.filter((size) => size === MB).length === 10) finishDigest();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    digest.mockRestore();
    const read = { bytes: new Uint8Array(Buffer.concat(parts)), sizes };
    expect(Buffer.compare(Buffer.from(read.bytes), Buffer.from(file.bytes))).toBe(0);
    expect(await picked.sha256).toBe(bytesToHex(sha256(file.bytes)));
    // 1 MB pieces from memory (the first bytes, then the whole file) until the hash is known, then the file's stream.
    expect(read.sizes.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => MB));
    expect(read.sizes.slice(10).every((size) => size === piece || size === 3)).toBe(true);
    expect(read.sizes.length).toBeGreaterThan(20);
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

  it('a file whose whole read fails (changed on disk) fails the hash, and the parser still gets every byte from the stream', async () => {
    const file = fileOf(3 * MB + 5, 17);
    const failingReads = (bytes: Uint8Array): Blob =>
      ({
        size: bytes.byteLength,
        slice: (start: number, end?: number) => failingReads(bytes.subarray(start, end)),
        arrayBuffer: () => Promise.reject(Object.assign(new Error('The file could not be read'), { name: 'NotReadableError' })),
        stream: () => new Blob([bytes]).stream(),
      }) as unknown as Blob;
    const picked = hashedSource({ name: file.name, size: file.size, blob: failingReads(file.bytes) }, new AbortController().signal);
    const read = await readAll(picked.source.stream(), false);
    expect(Buffer.compare(Buffer.from(read.bytes), Buffer.from(file.bytes))).toBe(0);
    await expect(picked.sha256).rejects.toMatchObject({ name: 'NotReadableError' });
  });
});
