import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes';

/**
 * The slice of Web Crypto the package format uses, typed locally because
 * shared/ compiles without the DOM library. Node 20 and every browser expose
 * it as globalThis.crypto; AES-GCM and PBKDF2 run natively there, which
 * matters for 600,000 PBKDF2 iterations.
 */
type Bytes = Uint8Array;
interface AesGcmParams {
  name: 'AES-GCM';
  iv: Bytes;
  additionalData: Bytes;
  tagLength: 128;
}
interface Pbkdf2Params {
  name: 'PBKDF2';
  salt: Bytes;
  iterations: number;
  hash: 'SHA-256';
}
type OpaqueKey = object;
interface SubtleLike {
  importKey(format: 'raw', keyData: Bytes, algorithm: 'AES-GCM' | 'PBKDF2', extractable: false, usages: string[]): Promise<OpaqueKey>;
  encrypt(algorithm: AesGcmParams, key: OpaqueKey, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: OpaqueKey, data: Bytes): Promise<ArrayBuffer>;
  deriveBits(algorithm: Pbkdf2Params, key: OpaqueKey, length: number): Promise<ArrayBuffer>;
}
interface CryptoLike {
  subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

function webCrypto(): CryptoLike {
  const candidate = (globalThis as { crypto?: CryptoLike }).crypto;
  if (!candidate?.subtle || typeof candidate.getRandomValues !== 'function') {
    throw new Error('Web Crypto (globalThis.crypto.subtle) is not available in this environment');
  }
  return candidate;
}

export function randomBytes(length: number): Uint8Array {
  return webCrypto().getRandomValues(new Uint8Array(length));
}

export const AES_KEY_BYTES = 32;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export async function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const handle = await subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, handle, plaintext));
}

/** Throws on any authentication failure (wrong key, altered ciphertext, IV or AAD). */
export async function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const handle = await subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, handle, ciphertext));
}

export async function pbkdf2Sha256(passphrase: string, salt: Uint8Array, iterations: number, lengthBytes: number): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const handle = await subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, handle, lengthBytes * 8));
}

export const sha256Hex = (bytes: Uint8Array): string => toHex(sha256(bytes));
