import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { utf8DecodeStrict, utf8Encode } from '../runtime';

/**
 * Byte helpers for the package format. Every binary value in a manifest or
 * key card is lower-case hex: partners can read it with any language's
 * standard library, and no base64 variant ambiguity arises.
 */

export const utf8 = utf8Encode;

/** Strict: invalid UTF-8 throws instead of being replaced, so damaged bytes are refused, not misread. */
export const fromUtf8 = utf8DecodeStrict;

export const toHex = (bytes: Uint8Array): string => bytesToHex(bytes);

export function fromHex(hex: string, expectedLength?: number): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error('expected lower-case hex');
  const bytes = hexToBytes(hex);
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new Error(`expected ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
