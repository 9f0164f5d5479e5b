import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { aesGcmDecrypt, aesGcmEncrypt, pbkdf2Sha256, randomBytes } from '../package/webcrypto';
import type { AuditAnalyst, AuditSigner } from './chain';

/**
 * An analyst at the workstation: a name and an Ed25519 key pair. The secret
 * key, together with the workstation's data key (the key that seals case data
 * at rest), is stored only encrypted with AES-256-GCM under
 * PBKDF2-SHA-256(passphrase). The public key stays readable so anyone can
 * check the analyst's signatures without the passphrase.
 */
export interface AnalystRecord {
  id: string;
  name: string;
  publicKey: string;
  createdAt: number;
  kdf: { name: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  iv: string;
  /** AES-256-GCM(secret key ‖ data key), hex; empty while `keystore` holds it. */
  sealed: string;
  /**
   * Desktop app only: `sealed` wrapped once more by the operating system's
   * keystore (Electron safeStorage: DPAPI, Keychain, libsecret), so the record
   * opens only for this user on this machine, and only with the passphrase.
   */
  keystore?: { name: 'electron-safeStorage'; backend: string; wrapped: string };
}

/** How an analyst's keys are protected at rest, as the audit trail records it. */
export type KeyProtection = 'passphrase' | 'passphrase+os-keystore';

export const keyProtectionOf = (record: Pick<AnalystRecord, 'keystore'>): KeyProtection => (record.keystore ? 'passphrase+os-keystore' : 'passphrase');

export interface UnlockedAnalyst extends AuditSigner {
  /** 32-byte AES key for data at rest, shared by every analyst of the workstation. */
  dataKey: Uint8Array;
}

export const DEFAULT_KDF_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;

export class WrongPassphraseError extends Error {
  constructor(name: string) {
    super(`wrong passphrase for ${name}`);
    this.name = 'WrongPassphraseError';
  }
}

const aadFor = (record: Pick<AnalystRecord, 'id' | 'name' | 'publicKey'>) => utf8ToBytes(`CAUDAL-ANALYST-V1\n${record.id}\n${record.name}\n${record.publicKey}`);

export const analystOf = (record: Pick<AnalystRecord, 'id' | 'name' | 'publicKey'>): AuditAnalyst => ({ id: record.id, name: record.name, publicKey: record.publicKey });

export interface CreateAnalystOptions {
  id: string;
  name: string;
  passphrase: string;
  /** The workstation's data key when another analyst already exists; a new one otherwise. */
  dataKey?: Uint8Array;
  iterations?: number;
  now: number;
}

export async function createAnalyst(options: CreateAnalystOptions): Promise<{ record: AnalystRecord; unlocked: UnlockedAnalyst }> {
  const name = options.name.trim();
  if (!name) throw new Error('an analyst needs a name');
  if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKey = bytesToHex(ed25519.getPublicKey(secretKey));
  const dataKey = options.dataKey ?? randomBytes(32);
  if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
  const iterations = options.iterations ?? DEFAULT_KDF_ITERATIONS;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const shell = { id: options.id, name, publicKey };
  const kek = await pbkdf2Sha256(options.passphrase, salt, iterations, 32);
  const plain = new Uint8Array(64);
  plain.set(secretKey, 0);
  plain.set(dataKey, 32);
  const sealed = await aesGcmEncrypt(kek, iv, plain, aadFor(shell));
  const record: AnalystRecord = {
    ...shell,
    createdAt: options.now,
    kdf: { name: 'PBKDF2-SHA-256', iterations, salt: bytesToHex(salt) },
    iv: bytesToHex(iv),
    sealed: bytesToHex(sealed),
  };
  return { record, unlocked: { analyst: analystOf(record), secretKey, dataKey: Uint8Array.from(dataKey) } };
}

/** Opens the analyst's keys; a wrong passphrase (or an edited record) throws WrongPassphraseError. */
export async function unlockAnalyst(record: AnalystRecord, passphrase: string): Promise<UnlockedAnalyst> {
  // The OS keystore layer is taken off by the caller (renderer/db/keystore.ts); this only opens the passphrase layer.
  if (record.keystore) throw new Error(`analyst ${record.name}: the key record is still wrapped by the operating system keystore`);
  if (record.kdf.name !== 'PBKDF2-SHA-256' || !Number.isInteger(record.kdf.iterations) || record.kdf.iterations < 1) throw new Error(`analyst ${record.name}: unknown key protection`);
  const kek = await pbkdf2Sha256(passphrase, hexToBytes(record.kdf.salt), record.kdf.iterations, 32);
  let plain: Uint8Array;
  try {
    plain = await aesGcmDecrypt(kek, hexToBytes(record.iv), hexToBytes(record.sealed), aadFor(record));
  } catch {
    throw new WrongPassphraseError(record.name);
  }
  const secretKey = plain.slice(0, 32);
  // The record's public key is authenticated as AAD; check it belongs to the sealed secret all the same.
  if (bytesToHex(ed25519.getPublicKey(secretKey)) !== record.publicKey) throw new WrongPassphraseError(record.name);
  return { analyst: analystOf(record), secretKey, dataKey: plain.slice(32, 64) };
}

const detachedMessage = (label: string, digest: string) => utf8ToBytes(`CAUDAL-SIGNED-V1\n${label}\n${digest}`);

/** A signature an analyst puts on an export or manifest: over "label + SHA-256 of the file". */
export interface DetachedSignature {
  format: 'caudal.signature/1';
  label: string;
  sha256: string;
  analyst: AuditAnalyst;
  signature: string;
}

export function signDigest(signer: AuditSigner, label: string, sha256Hex: string): DetachedSignature {
  return { format: 'caudal.signature/1', label, sha256: sha256Hex, analyst: { ...signer.analyst }, signature: bytesToHex(ed25519.sign(detachedMessage(label, sha256Hex), signer.secretKey)) };
}

export function verifyDigestSignature(signature: DetachedSignature, sha256Hex: string): boolean {
  if (signature.sha256 !== sha256Hex) return false;
  try {
    return ed25519.verify(hexToBytes(signature.signature), detachedMessage(signature.label, sha256Hex), hexToBytes(signature.analyst.publicKey));
  } catch {
    return false;
  }
}
