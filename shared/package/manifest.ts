import { z } from 'zod';
import { FieldActionSchema, POLICY_KINDS, type PolicyKind } from './policy';
import { FingerprintSchema } from './keys';
import { PartKindSchema } from './content';

/**
 * Format version 2. The only thing readable without a key is header.json:
 * format, version, a random package id and what is needed to pick and
 * unwrap the content key (recipient key ids, KDF parameters). The manifest —
 * who sent it, to whom, for what purpose, under which caveat, what it holds —
 * travels signed inside envelope.bin, encrypted under the content key.
 * (Version 1 kept the manifest in clear; it is no longer written or read.)
 */

export const MANIFEST_FORMAT = 'caudal-package';
export const MANIFEST_VERSION = 2;
export const PBKDF2_MIN_ITERATIONS = 600_000;

export const DEFAULT_CAVEAT = {
  en: 'No onward dissemination or evidential use without the originator’s prior written consent.',
  es: 'Prohibida su difusión a terceros o su uso como prueba sin el consentimiento previo y por escrito de la unidad de origen.',
} as const;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `expected ${bytes} bytes as lower-case hex`);
const text = z.string().trim().min(1).max(2000);

export const PackageHeaderSchema = z.object({
  /** Random 16-byte id (hex); also bound into every key wrap and part AAD. */
  packageId: hex(16),
  originatingUnit: text,
  recipientUnit: text,
  reference: z.string().trim().min(1).max(120).regex(/^[\p{L}\p{N} ._()#-]+$/u, 'the reference becomes a file name: letters, digits, spaces and . _ ( ) # - only'),
  purpose: text,
  legalBasis: text,
  classification: text,
  /** Handling caveat in both languages; shown to the recipient before any content. */
  caveat: z.object({ en: text, es: text }),
  /** Milliseconds since the epoch, UTC: after this instant the package is refused. */
  expiresAt: z.number().int(),
  contact: text,
  createdAt: z.number().int(),
  /** When this package answers another (a match reply), the reference it answers. */
  inReplyTo: z.string().max(120).optional(),
});
export type PackageHeader = z.infer<typeof PackageHeaderSchema>;

export const SenderSchema = z.object({
  unit: text,
  signingKey: hex(32),
  agreementKey: hex(32),
  fingerprint: FingerprintSchema,
});
export type Sender = z.infer<typeof SenderSchema>;

export const PassphraseWrapSchema = z.object({
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(PBKDF2_MIN_ITERATIONS).max(10_000_000),
  salt: hex(16),
  iv: hex(12),
  /** AES-256-GCM(KEK, iv, contentKey, AAD) = 32 ciphertext bytes ‖ 16 tag bytes. */
  wrappedKey: hex(48),
});

/** One recipient's key wrap; `fingerprint` is the recipient key's id (§6), nothing names the unit. */
export const RecipientWrapSchema = z.object({
  fingerprint: FingerprintSchema,
  ephemeralKey: hex(32),
  iv: hex(12),
  wrappedKey: hex(48),
});

export const EncryptionSchema = z
  .object({
    cipher: z.literal('AES-256-GCM'),
    keyWrap: z.literal('AES-256-GCM'),
    recipientKdf: z.literal('X25519-HKDF-SHA-256'),
    passphrase: PassphraseWrapSchema.optional(),
    recipients: z.array(RecipientWrapSchema).max(32),
  })
  .refine((value) => value.passphrase !== undefined || value.recipients.length > 0, 'a package needs a passphrase or at least one recipient');
export type Encryption = z.infer<typeof EncryptionSchema>;

export const PartEntrySchema = z.object({
  kind: PartKindSchema,
  /** Path inside the zip: parts/<n>.bin, n = 1, 2, … in manifest order (the name says nothing about the kind). Version 1 used parts/<kind>.bin. */
  name: z.string().regex(/^parts\/([a-z]+|[1-9][0-9]?)\.bin$/),
  iv: hex(12),
  compression: z.literal('deflate-raw'),
  /** SHA-256 of the part file's bytes (the ciphertext with its tag). */
  sha256: hex(32),
  size: z.number().int().nonnegative(),
  /** Bytes of the JSON after decryption and inflation: a reader refuses anything else. */
  plainSize: z.number().int().nonnegative().max(1_000_000_000),
  records: z.number().int().nonnegative(),
});
export type PartEntry = z.infer<typeof PartEntrySchema>;

export const SanitisationSummarySchema = z.object({
  fields: z.object(Object.fromEntries(POLICY_KINDS.map((kind) => [kind, z.record(z.string(), FieldActionSchema)])) as Record<PolicyKind, z.ZodRecord<z.ZodString, typeof FieldActionSchema>>),
  amountBands: z.literal('1-2-5 series; a generalised amount is its band’s lower bound'),
  dates: z.literal('generalised dates are the first day of their month, 00:00 UTC'),
});

/**
 * The signed manifest inside envelope.bin. It also parses the version-1
 * manifests stored in the packages table before version 2 (which carried
 * `encryption` in clear); a reader of files requires version 2 and
 * `clearHeaderSha256`.
 */
export const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.union([z.literal(1), z.literal(MANIFEST_VERSION)]),
  header: PackageHeaderSchema,
  sender: SenderSchema,
  sanitisation: SanitisationSummarySchema,
  /** SHA-256 of header.json's exact bytes: the signature covers the clear header through it. */
  clearHeaderSha256: hex(32).optional(),
  encryption: z.unknown().optional(),
  parts: z.array(PartEntrySchema).min(1).max(16),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** header.json: the whole of what a package shows without a key. */
export const ClearHeaderSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  /** Random 16 bytes; bound into the key wraps. Equal to the manifest's header.packageId. */
  packageId: hex(16),
  encryption: EncryptionSchema,
  /** IV of envelope.bin. */
  envelopeIv: hex(12),
});
export type ClearHeader = z.infer<typeof ClearHeaderSchema>;
