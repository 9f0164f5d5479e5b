import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { canonicalJson } from './canonicalJson';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';

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
  if (!parsed.success) throw new Error(`not a Caudal public key card: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
  const card = parsed.data;
  const signingPublicKey = fromHex(card.signingKey, 32);
  const agreementPublicKey = fromHex(card.agreementKey, 32);
  if (fingerprintOf(signingPublicKey, agreementPublicKey) !== card.fingerprint) throw new Error('the card’s fingerprint does not match its keys');
  const { selfSignature, ...body } = card;
  let valid: boolean;
  try {
    valid = ed25519.verify(fromHex(selfSignature, 64), concatBytes(CARD_DOMAIN, utf8(canonicalJson(body))), signingPublicKey);
  } catch {
    valid = false;
  }
  if (!valid) throw new Error('the card’s self-signature is invalid');
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
