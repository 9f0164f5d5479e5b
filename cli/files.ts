import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from '../shared/import';

/** What the sniffers read to recognise a file (encoding, delimiter, header, goAML root, statement title block). */
export const SNIFF_BYTES = 64 * 1024;

/** The first `bytes` bytes of a file (fewer when it is shorter), without reading the rest. */
export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 }) as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const head = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    head.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return head;
}

/** A path that is not a readable file, said the way every command reports it. */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

/** A file as the engine reads it (shared/import ByteSource), checked first so a bad path is named, not thrown as ENOENT. */
export function fileSource(path: string): ByteSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new InputFileError(`${path}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`);
  }
  return { name: basename(path), size, stream: () => createReadStream(path) as AsyncIterable<Uint8Array> };
}
