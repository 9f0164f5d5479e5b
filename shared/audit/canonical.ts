import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined`
 * members dropped, non-finite numbers refused. The same value always gives
 * the same bytes on every machine, so a hash over it is a stable identity a
 * defence expert can recompute with any JSON library that sorts keys.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path}: ${String(value)} has no canonical JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, index) => (item === undefined ? 'null' : write(item, `${path}[${index}]`))).join(',')}]`;
      if (value instanceof Uint8Array) throw new Error(`${path}: bytes must be hex-encoded before hashing`);
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${write(member, `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new Error(`${path}: a ${typeof value} has no JSON form`);
  }
}

export const sha256HexOfText = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** SHA-256 (hex) of a value's canonical JSON. */
export const canonicalHash = (value: unknown): string => sha256HexOfText(canonicalJson(value));
