import { gcm } from '@noble/ciphers/aes.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { AuditEntry } from './chain';
import type { AnalystRecord, UnlockedAnalyst } from './identity';
import { decodeSealable, encodeSealable } from './sealCodec';
import { textDecoder } from '../runtime';

/**
 * One file holding a case: a readable JSON header (which case, when, who,
 * the analysts' sealed key records so the right passphrase opens it on a
 * fresh workstation), then the case's rows and the audit trail as one
 * AES-256-GCM ciphertext under the workstation's data key, then an Ed25519
 * signature by the analyst who made it over the SHA-256 of everything
 * before. Restoring checks the signature before decrypting anything.
 *
 *   "CAUDALBK1\n" · u32 header length · header JSON · ciphertext · 64-byte signature
 */
export const BACKUP_FORMAT = 'caudal.backup/1';
const MAGIC = utf8ToBytes('CAUDALBK1\n');
const SIGNATURE_BYTES = 64;

const AnalystRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.number(),
  kdf: z.object({ name: z.literal('PBKDF2-SHA-256'), iterations: z.number().int().positive(), salt: z.string() }),
  iv: z.string(),
  sealed: z.string(),
});

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.number(),
  caseId: z.string(),
  caseNumber: z.string(),
  caseName: z.string(),
  madeBy: z.object({ id: z.string(), name: z.string(), publicKey: z.string().regex(/^[0-9a-f]{64}$/) }),
  analysts: z.array(AnalystRecordSchema).min(1),
  iv: z.string().regex(/^[0-9a-f]{24}$/),
  /** Rows per table, so the reader can tell what it will restore before decrypting. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  auditEntries: z.number().int().nonnegative(),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export interface BackupPayload {
  tables: Record<string, unknown[]>;
  auditLog: AuditEntry[];
}

export class BackupError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'BackupError';
  }
}

const aad = (headerBytes: Uint8Array) => {
  const out = new Uint8Array(MAGIC.length + headerBytes.length);
  out.set(MAGIC, 0);
  out.set(headerBytes, MAGIC.length);
  return out;
};

export function writeBackup(input: { header: Omit<BackupHeader, 'format' | 'iv' | 'madeBy' | 'counts' | 'auditEntries' | 'analysts'>; analysts: AnalystRecord[]; payload: BackupPayload; signer: UnlockedAnalyst }): Uint8Array {
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    ...input.header,
    madeBy: { ...input.signer.analyst },
    analysts: input.analysts,
    iv: bytesToHex(iv),
    counts: Object.fromEntries(Object.entries(input.payload.tables).map(([table, rows]) => [table, rows.length])),
    auditEntries: input.payload.auditLog.length,
  };
  const headerBytes = utf8ToBytes(JSON.stringify(header));
  const ciphertext = gcm(input.signer.dataKey, iv, aad(headerBytes)).encrypt(encodeSealable(input.payload));
  const body = new Uint8Array(MAGIC.length + 4 + headerBytes.length + ciphertext.length);
  body.set(MAGIC, 0);
  new DataView(body.buffer).setUint32(MAGIC.length, headerBytes.length, false);
  body.set(headerBytes, MAGIC.length + 4);
  body.set(ciphertext, MAGIC.length + 4 + headerBytes.length);
  const signature = ed25519.sign(sha256(body), input.signer.secretKey);
  const file = new Uint8Array(body.length + SIGNATURE_BYTES);
  file.set(body, 0);
  file.set(signature, body.length);
  return file;
}

/** Reads the header and checks the signature; nothing is decrypted yet. */
export function readBackupHeader(fileName: string, bytes: Uint8Array): { header: BackupHeader; ciphertext: Uint8Array; headerBytes: Uint8Array } {
  if (bytes.length < MAGIC.length + 4 + SIGNATURE_BYTES || MAGIC.some((byte, index) => bytes[index] !== byte)) throw new BackupError(fileName, 'not a Caudal backup');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, false);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > bytes.length - SIGNATURE_BYTES) throw new BackupError(fileName, 'truncated header');
  const headerBytes = bytes.subarray(MAGIC.length + 4, headerEnd);
  let header: BackupHeader;
  try {
    const parsed = BackupHeaderSchema.safeParse(JSON.parse(textDecoder('utf-8', { fatal: true }).decode(headerBytes)));
    if (!parsed.success) throw new BackupError(fileName, `header field ${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    header = parsed.data;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(fileName, 'the header is not JSON');
  }
  const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  let valid: boolean;
  try {
    valid = ed25519.verify(signature, sha256(body), hexToBytes(header.madeBy.publicKey));
  } catch {
    valid = false;
  }
  if (!valid) throw new BackupError(fileName, `the signature by ${header.madeBy.name} does not match: the file was altered or damaged`);
  if (!header.analysts.some((record) => record.id === header.madeBy.id && record.publicKey === header.madeBy.publicKey)) throw new BackupError(fileName, 'the signer is not one of the analysts in the backup');
  return { header, ciphertext: bytes.subarray(headerEnd, bytes.length - SIGNATURE_BYTES), headerBytes };
}

export function openBackupPayload(fileName: string, read: { ciphertext: Uint8Array; headerBytes: Uint8Array; header: BackupHeader }, dataKey: Uint8Array): BackupPayload {
  let plain: Uint8Array;
  try {
    plain = gcm(dataKey, hexToBytes(read.header.iv), aad(read.headerBytes)).decrypt(read.ciphertext);
  } catch {
    throw new BackupError(fileName, 'the content does not open with this analyst’s key');
  }
  const payload = decodeSealable(plain) as BackupPayload;
  if (typeof payload !== 'object' || payload === null || typeof payload.tables !== 'object' || !Array.isArray(payload.auditLog)) throw new BackupError(fileName, 'the content is not a case backup');
  return payload;
}
