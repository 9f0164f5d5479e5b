import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from './canonical';
import type { AuditSigner } from './chain';

/**
 * A detached signature saved beside an export (`<file>.sig`): small JSON
 * naming the file, its size and SHA-256, the analyst and their key's
 * fingerprint, and an Ed25519 signature by the analyst's key (the one that
 * signs the audit trail) over the canonical JSON of all of that. When the
 * export has an analysis manifest beside it, the manifest's SHA-256 is
 * signed too, so one signature covers the chart and the analysis behind it.
 *
 * The embedded public key only proves *a* key signed: whoever changes the
 * file can re-sign it with a key of their own. Verification therefore also
 * compares the key with one the reader trusts (from the audit trail, or given
 * by the analyst), and says so when it had none.
 */
export const SIGNATURE_FILE_FORMAT = 'caudal.detached-signature/1';
export const SIGNATURE_FILE_SUFFIX = '.sig';
const DOMAIN = 'CAUDAL-DETACHED-SIGNATURE-V1\n';
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

export const SignatureFileSchema = z.strictObject({
  format: z.literal(SIGNATURE_FILE_FORMAT),
  algorithm: z.literal('Ed25519'),
  hash: z.literal('SHA-256'),
  file: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256: Hex64,
  signedAt: z.string().max(40),
  analyst: z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), publicKey: Hex64 }),
  /** SHA-256 of the raw 32-byte public key: what an analyst reads out to a verifier. */
  keyFingerprint: Hex64,
  manifest: z.strictObject({ file: z.string().min(1).max(255), sha256: Hex64 }).optional(),
  signature: z.string().regex(/^[0-9a-f]{128}$/, 'an Ed25519 signature is 128 lowercase hex digits'),
});
export type SignatureFile = z.infer<typeof SignatureFileSchema>;

export const keyFingerprintOf = (publicKeyHex: string): string => bytesToHex(sha256(hexToBytes(publicKeyHex)));

/** The bytes signed: a domain tag and the canonical JSON of every member but the signature. */
const signedMessage = (unsigned: Omit<SignatureFile, 'signature'>): Uint8Array => utf8ToBytes(DOMAIN + canonicalJson(unsigned));

export interface SignOptions {
  signedAt: Date;
  manifest?: { file: string; sha256: string };
}

export function createSignatureFile(signer: AuditSigner, fileName: string, bytes: Uint8Array, options: SignOptions): SignatureFile {
  const unsigned: Omit<SignatureFile, 'signature'> = {
    format: SIGNATURE_FILE_FORMAT,
    algorithm: 'Ed25519',
    hash: 'SHA-256',
    file: fileName,
    size: bytes.byteLength,
    sha256: bytesToHex(sha256(bytes)),
    signedAt: options.signedAt.toISOString(),
    analyst: { id: signer.analyst.id, name: signer.analyst.name, publicKey: signer.analyst.publicKey },
    keyFingerprint: keyFingerprintOf(signer.analyst.publicKey),
    ...(options.manifest ? { manifest: { ...options.manifest } } : {}),
  };
  return { ...unsigned, signature: bytesToHex(ed25519.sign(signedMessage(unsigned), signer.secretKey)) };
}

export const signatureFileText = (signature: SignatureFile): string => `${JSON.stringify(signature, null, 2)}\n`;

export class SignatureFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'SignatureFileError';
  }
}

/** Parses a `.sig` file; a malformed one names the file and the field. */
export function parseSignatureFile(file: string, text: string): SignatureFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SignatureFileError(file, `not JSON (${error instanceof Error ? error.message : String(error)}); the signature file is cut short or damaged`);
  }
  const parsed = SignatureFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new SignatureFileError(file, `field ${path}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export type SignatureCheck =
  | { ok: true; analyst: SignatureFile['analyst']; keyFingerprint: string; trusted: boolean }
  | { ok: false; reason: 'file-differs' | 'manifest-differs' | 'bad-signature' | 'key-mismatch' | 'untrusted-key'; detail: string };

export interface VerifySignatureOptions {
  /** Public keys or fingerprints (hex) the reader trusts; when given, any other signer fails. */
  trustedKeys?: readonly string[];
  /** The manifest beside the file, when the signature names one. */
  manifestBytes?: Uint8Array;
}

/**
 * Checks, in order: the file is the one signed (size and SHA-256), the
 * manifest too when present, the fingerprint belongs to the embedded key, the
 * Ed25519 signature holds, and — when the reader gave trusted keys — that the
 * key is one of them. The first failure is the answer.
 */
export function verifySignatureFile(signature: SignatureFile, bytes: Uint8Array, options: VerifySignatureOptions = {}): SignatureCheck {
  const digest = bytesToHex(sha256(bytes));
  if (bytes.byteLength !== signature.size || digest !== signature.sha256) {
    return { ok: false, reason: 'file-differs', detail: `${signature.file} is not the file that was signed: ${bytes.byteLength} bytes with SHA-256 ${digest}, the signature is for ${signature.size} bytes with SHA-256 ${signature.sha256}` };
  }
  if (signature.manifest && options.manifestBytes) {
    const manifestDigest = bytesToHex(sha256(options.manifestBytes));
    if (manifestDigest !== signature.manifest.sha256) return { ok: false, reason: 'manifest-differs', detail: `${signature.manifest.file} has SHA-256 ${manifestDigest}, the signature is for ${signature.manifest.sha256}` };
  }
  if (keyFingerprintOf(signature.analyst.publicKey) !== signature.keyFingerprint) {
    return { ok: false, reason: 'key-mismatch', detail: `the fingerprint ${signature.keyFingerprint} is not that of the public key in the signature file` };
  }
  const { signature: signatureHex, ...unsigned } = signature;
  let valid: boolean;
  try {
    valid = ed25519.verify(hexToBytes(signatureHex), signedMessage(unsigned), hexToBytes(signature.analyst.publicKey));
  } catch {
    // A public key that is not a curve point: no signature can hold.
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad-signature', detail: `the signature does not verify with ${signature.analyst.name}'s key ${signature.keyFingerprint}: the signature file was altered` };
  const trusted = (options.trustedKeys ?? []).map((key) => key.toLowerCase());
  if (trusted.length > 0 && !trusted.includes(signature.analyst.publicKey) && !trusted.includes(signature.keyFingerprint)) {
    return { ok: false, reason: 'untrusted-key', detail: `signed by a key that is not trusted here (${signature.analyst.name}, fingerprint ${signature.keyFingerprint})` };
  }
  return { ok: true, analyst: signature.analyst, keyFingerprint: signature.keyFingerprint, trusted: trusted.length > 0 };
}
