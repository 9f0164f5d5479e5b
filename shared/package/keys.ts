import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { canonicalJson } from './canonicalJson';
import { ExchangeError } from './exchangeError';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';
import { assertStrongPassphrase } from './passphrase';
import { aesGcmDecrypt, aesGcmEncrypt, pbkdf2Sha256, randomBytes } from './webcrypto';

/**
 * A unit's identity for package exchange: an Ed25519 key that signs manifests
 * and an X25519 key that partners wrap content keys to. The public halves
 * travel as a "public card"; partners compare its fingerprint by phone before
 * trusting it, exactly as they would an OpenPGP fingerprint.
 */

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes as lower-case hex');
export const FingerprintSchema = z.string().regex(/^[0-9a-f]{40}$/, 'expected a 20-byte fingerprint as lower-case hex');

export interface UnitKeyPair {
  unit: string;
  signingSecretKey: Uint8Array;
  signingPublicKey: Uint8Array;
  agreementSecretKey: Uint8Array;
  agreementPublicKey: Uint8Array;
  createdAt: number;
}

export const PublicCardSchema = z.object({
  format: z.literal('caudal-key-card'),
  version: z.literal(1),
  unit: z.string().trim().min(1).max(200),
  signingKey: hex32,
  agreementKey: hex32,
  createdAt: z.number().int(),
  fingerprint: FingerprintSchema,
  /** Ed25519 signature by signingKey over the card without this field (proof of possession). */
  selfSignature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type PublicCard = z.infer<typeof PublicCardSchema>;

/** The public keys of a unit as the engine needs them (own or partner). */
export interface PublicKeys {
  unit: string;
  signingPublicKey: Uint8Array;
  agreementPublicKey: Uint8Array;
  fingerprint: string;
}

const FINGERPRINT_DOMAIN = utf8('CAUDAL-KEY-FINGERPRINT-V1');
const CARD_DOMAIN = utf8('CAUDAL-KEY-CARD-V1\n');

/** First 20 bytes of SHA-256("CAUDAL-KEY-FINGERPRINT-V1" ‖ Ed25519 public ‖ X25519 public). */
export function fingerprintOf(signingPublicKey: Uint8Array, agreementPublicKey: Uint8Array): string {
  return toHex(sha256(concatBytes(FINGERPRINT_DOMAIN, signingPublicKey, agreementPublicKey)).slice(0, 20));
}

/** "3f9a 2c7b …" in ten groups of four, upper case: easy to read out over the phone. */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * The same fingerprint as words, for units that prefer reading words aloud:
 * each byte picks one of 256 short, phonetically distinct syllable pairs.
 */
export function fingerprintWords(fingerprint: string): string[] {
  const consonants = 'bdfgklmnprstvz'.split('');
  const vowels = ['a', 'e', 'i', 'o', 'u'];
  const bytes = fromHex(fingerprint);
  return Array.from(bytes.slice(0, 10), (byte) => {
    const first = consonants[byte % consonants.length] ?? 'b';
    const vowel = vowels[Math.floor(byte / consonants.length) % vowels.length] ?? 'a';
    const last = consonants[Math.floor(byte / (consonants.length * vowels.length)) % consonants.length] ?? 'b';
    return `${first}${vowel}${last}${vowels[byte % vowels.length] ?? 'a'}`;
  });
}

export function generateUnitKeyPair(unit: string, now: number): UnitKeyPair {
  const signing = ed25519.keygen();
  const agreement = x25519.keygen();
  return {
    unit,
    signingSecretKey: signing.secretKey,
    signingPublicKey: signing.publicKey,
    agreementSecretKey: agreement.secretKey,
    agreementPublicKey: agreement.publicKey,
    createdAt: now,
  };
}

export function publicKeysOf(pair: UnitKeyPair): PublicKeys {
  return {
    unit: pair.unit,
    signingPublicKey: pair.signingPublicKey,
    agreementPublicKey: pair.agreementPublicKey,
    fingerprint: fingerprintOf(pair.signingPublicKey, pair.agreementPublicKey),
  };
}

export function exportPublicCard(pair: UnitKeyPair): PublicCard {
  const body = {
    format: 'caudal-key-card' as const,
    version: 1 as const,
    unit: pair.unit,
    signingKey: toHex(pair.signingPublicKey),
    agreementKey: toHex(pair.agreementPublicKey),
    createdAt: pair.createdAt,
    fingerprint: fingerprintOf(pair.signingPublicKey, pair.agreementPublicKey),
  };
  const selfSignature = toHex(ed25519.sign(concatBytes(CARD_DOMAIN, utf8(canonicalJson(body))), pair.signingSecretKey));
  return { ...body, selfSignature };
}

/** Parses and checks a partner's card: schema, fingerprint and self-signature. Throws a readable Error. */
export function importPublicCard(json: unknown): PublicKeys & { card: PublicCard } {
  const parsed = PublicCardSchema.safeParse(json);
  if (!parsed.success) {
    // zod's own words stay as it wrote them; where they are, and the frame, are ours.
    const where = `${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim();
    throw new ExchangeError({ en: `not a Caudal public key card: ${where}`.trim(), es: `no es una tarjeta de llave pública de Caudal: ${where}`.trim() });
  };
  const card = parsed.data;
  const signingPublicKey = fromHex(card.signingKey, 32);
  const agreementPublicKey = fromHex(card.agreementKey, 32);
  if (fingerprintOf(signingPublicKey, agreementPublicKey) !== card.fingerprint) throw new ExchangeError({ en: 'the card’s fingerprint does not match its keys', es: 'la huella de la tarjeta no corresponde a sus llaves' });
  const { selfSignature, ...body } = card;
  let valid: boolean;
  try {
    valid = ed25519.verify(fromHex(selfSignature, 64), concatBytes(CARD_DOMAIN, utf8(canonicalJson(body))), signingPublicKey);
  } catch {
    valid = false;
  }
  if (!valid) throw new ExchangeError({ en: 'the card’s self-signature is invalid', es: 'la autofirma de la tarjeta no es válida' });
  return { unit: card.unit, signingPublicKey, agreementPublicKey, fingerprint: card.fingerprint, card };
}

/** Key material as stored in the key book (hex strings). */
export function serialiseKeyPair(pair: UnitKeyPair): Record<string, string> {
  return {
    signingSecretKey: toHex(pair.signingSecretKey),
    signingPublicKey: toHex(pair.signingPublicKey),
    agreementSecretKey: toHex(pair.agreementSecretKey),
    agreementPublicKey: toHex(pair.agreementPublicKey),
    createdAt: String(pair.createdAt),
  };
}

export function deserialiseKeyPair(unit: string, material: Record<string, string>): UnitKeyPair {
  const read = (name: string) => {
    const value = material[name];
    if (!value) throw new Error(`key book entry lacks ${name}`);
    return fromHex(value, 32);
  };
  const pair: UnitKeyPair = {
    unit,
    signingSecretKey: read('signingSecretKey'),
    signingPublicKey: read('signingPublicKey'),
    agreementSecretKey: read('agreementSecretKey'),
    agreementPublicKey: read('agreementPublicKey'),
    createdAt: Number(material.createdAt ?? 0),
  };
  if (toHex(ed25519.getPublicKey(pair.signingSecretKey)) !== toHex(pair.signingPublicKey)) throw new Error('key book entry: signing keys do not belong together');
  if (toHex(x25519.getPublicKey(pair.agreementSecretKey)) !== toHex(pair.agreementPublicKey)) throw new Error('key book entry: agreement keys do not belong together');
  return pair;
}

export function serialisePublicKeys(keys: PublicKeys): Record<string, string> {
  return { signingPublicKey: toHex(keys.signingPublicKey), agreementPublicKey: toHex(keys.agreementPublicKey) };
}

export function deserialisePublicKeys(unit: string, material: Record<string, string>): PublicKeys {
  const signingPublicKey = fromHex(material.signingPublicKey ?? '', 32);
  const agreementPublicKey = fromHex(material.agreementPublicKey ?? '', 32);
  return { unit, signingPublicKey, agreementPublicKey, fingerprint: fingerprintOf(signingPublicKey, agreementPublicKey) };
}

/**
 * The unit's private keys at rest: both secret keys (64 bytes) encrypted with
 * AES-256-GCM under PBKDF2-SHA-256(passphrase, 600,000 iterations), so a
 * copied profile or a seized laptop does not yield the unit's signing key.
 * Public halves stay readable so fingerprints show without unlocking.
 */
export async function protectKeyPair(pair: UnitKeyPair, passphrase: string, iterations = 600_000): Promise<Record<string, string>> {
  await assertStrongPassphrase(passphrase, 'key passphrase', [pair.unit]);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await pbkdf2Sha256(passphrase, salt, iterations, 32);
  const sealed = await aesGcmEncrypt(kek, iv, concatBytes(pair.signingSecretKey, pair.agreementSecretKey), keyAad(pair));
  return {
    protection: 'PBKDF2-SHA-256/AES-256-GCM',
    iterations: String(iterations),
    salt: toHex(salt),
    iv: toHex(iv),
    sealedSecretKeys: toHex(sealed),
    signingPublicKey: toHex(pair.signingPublicKey),
    agreementPublicKey: toHex(pair.agreementPublicKey),
    createdAt: String(pair.createdAt),
  };
}

export const isProtectedKeyMaterial = (material: Record<string, string>): boolean => material.protection !== undefined;

/** Opens protected key material; a wrong passphrase throws "wrong key passphrase". */
export async function unprotectKeyPair(unit: string, material: Record<string, string>, passphrase: string): Promise<UnitKeyPair> {
  if (material.protection !== 'PBKDF2-SHA-256/AES-256-GCM') throw new Error('unknown key protection');
  const publicKeys = deserialisePublicKeys(unit, material);
  const shell: UnitKeyPair = { unit, signingSecretKey: new Uint8Array(32), agreementSecretKey: new Uint8Array(32), signingPublicKey: publicKeys.signingPublicKey, agreementPublicKey: publicKeys.agreementPublicKey, createdAt: Number(material.createdAt ?? 0) };
  const kek = await pbkdf2Sha256(passphrase, fromHex(material.salt ?? '', 16), Number(material.iterations), 32);
  let secrets: Uint8Array;
  try {
    secrets = await aesGcmDecrypt(kek, fromHex(material.iv ?? '', 12), fromHex(material.sealedSecretKeys ?? ''), keyAad(shell));
  } catch {
    throw new ExchangeError({ en: 'wrong key passphrase', es: 'la frase de paso de la llave es incorrecta' });
  }
  return deserialiseKeyPair(unit, {
    signingSecretKey: toHex(secrets.slice(0, 32)),
    agreementSecretKey: toHex(secrets.slice(32, 64)),
    signingPublicKey: toHex(shell.signingPublicKey),
    agreementPublicKey: toHex(shell.agreementPublicKey),
    createdAt: String(shell.createdAt),
  });
}

function keyAad(pair: Pick<UnitKeyPair, 'signingPublicKey' | 'agreementPublicKey'>): Uint8Array {
  return concatBytes(utf8('CAUDAL-OWN-KEY-V1\n'), pair.signingPublicKey, pair.agreementPublicKey);
}
