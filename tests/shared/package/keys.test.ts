import { describe, expect, it } from 'vitest';
import {
  deserialiseKeyPair,
  exportPublicCard,
  fingerprintOf,
  fingerprintWords,
  formatFingerprint,
  generateUnitKeyPair,
  importPublicCard,
  isProtectedKeyMaterial,
  protectKeyPair,
  unprotectKeyPair,
  publicKeysOf,
  serialiseKeyPair,
} from '../../../shared/package';

describe('key book', () => {
  const pair = generateUnitKeyPair('UAFE Ecuador', 1_700_000_000_000);

  it('exports a public card without private keys and imports it with the same fingerprint', () => {
    const card = exportPublicCard(pair);
    const json = JSON.stringify(card);
    expect(json).not.toContain(Buffer.from(pair.signingSecretKey).toString('hex'));
    expect(json).not.toContain(Buffer.from(pair.agreementSecretKey).toString('hex'));
    const imported = importPublicCard(JSON.parse(json));
    expect(imported.fingerprint).toBe(publicKeysOf(pair).fingerprint);
    expect(imported.unit).toBe('UAFE Ecuador');
  });

  it('shows the fingerprint as ten groups of four hex digits and ten distinct words', () => {
    const fingerprint = publicKeysOf(pair).fingerprint;
    expect(formatFingerprint(fingerprint)).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    const words = fingerprintWords(fingerprint);
    expect(words).toHaveLength(10);
    const all = new Set(Array.from({ length: 256 }, (_, byte) => fingerprintWords(byte.toString(16).padStart(2, '0').repeat(20))[0]));
    expect(all.size).toBe(256);
  });

  it('refuses a card whose keys, unit or fingerprint were changed', () => {
    const card = exportPublicCard(pair);
    const other = exportPublicCard(generateUnitKeyPair('UAFE Ecuador', 1));
    expect(() => importPublicCard({ ...card, signingKey: other.signingKey })).toThrow(/fingerprint/);
    expect(() => importPublicCard({ ...card, unit: 'UAF Panamá' })).toThrow(/self-signature/);
    // Swapping in another encryption key with a recomputed fingerprint still breaks the self-signature.
    const mixed = fingerprintOf(pair.signingPublicKey, Buffer.from(other.agreementKey, 'hex'));
    expect(() => importPublicCard({ ...card, agreementKey: other.agreementKey, fingerprint: mixed })).toThrow(/self-signature/);
    expect(() => importPublicCard({ hello: 'world' })).toThrow(/not a Caudal public key card/);
  });

  it('keeps its private keys sealed at rest under a key passphrase', async () => {
    const sealed = await protectKeyPair(pair, 'clave de la unidad 2026');
    expect(isProtectedKeyMaterial(sealed)).toBe(true);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(Buffer.from(pair.signingSecretKey).toString('hex'));
    expect(stored).not.toContain(Buffer.from(pair.agreementSecretKey).toString('hex'));
    const opened = await unprotectKeyPair('UAFE Ecuador', sealed, 'clave de la unidad 2026');
    expect(Buffer.from(opened.signingSecretKey).equals(Buffer.from(pair.signingSecretKey))).toBe(true);
    expect(Buffer.from(opened.agreementSecretKey).equals(Buffer.from(pair.agreementSecretKey))).toBe(true);
    await expect(unprotectKeyPair('UAFE Ecuador', sealed, 'clave de la unidad 2027')).rejects.toThrow(/wrong key passphrase/);
    // Swapping in another unit's public keys breaks the seal (the public keys are bound as AAD).
    const other = serialiseKeyPair(generateUnitKeyPair('x', 1));
    await expect(unprotectKeyPair('UAFE Ecuador', { ...sealed, signingPublicKey: other.signingPublicKey! }, 'clave de la unidad 2026')).rejects.toThrow(/wrong key passphrase/);
    await expect(protectKeyPair(pair, 'short')).rejects.toThrow(/12 characters/);
  });

  it('stores and restores its own key pair, refusing mismatched halves', () => {
    const material = serialiseKeyPair(pair);
    const restored = deserialiseKeyPair('UAFE Ecuador', material);
    expect(publicKeysOf(restored).fingerprint).toBe(publicKeysOf(pair).fingerprint);
    const other = serialiseKeyPair(generateUnitKeyPair('x', 1));
    expect(() => deserialiseKeyPair('UAFE Ecuador', { ...material, signingPublicKey: other.signingPublicKey! })).toThrow(/do not belong together/);
  });
});
