import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { decodeListBytes, parseListFiles } from '../../../shared/screen';
import type { ParsedFiles } from './protocol';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** Reads and hashes list files (the screening worker runs this off the UI thread). */
export function parsePickedFiles(picked: readonly PickedFile[]): ParsedFiles[] {
  const hashed = picked.map((file) => ({ name: file.name, text: decodeListBytes(file.bytes), sha256: bytesToHex(sha256(file.bytes)), size: file.bytes.byteLength }));
  return parseListFiles(hashed).map(({ list, files }) => ({
    list,
    files: files.map((file) => {
      const found = hashed.find((h) => h.name === file.name) as (typeof hashed)[number];
      return { name: found.name, sha256: found.sha256, size: found.size };
    }),
  }));
}

