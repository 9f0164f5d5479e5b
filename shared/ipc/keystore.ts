import { z } from 'zod';

/**
 * The OS keystore channels (issue 12). In the desktop app each analyst's key
 * record, already sealed under their passphrase, is wrapped once more with
 * Electron's safeStorage (DPAPI on Windows, Keychain on macOS, the desktop
 * secret store on Linux), so a database copied to another machine or user
 * account does not open even with the passphrase.
 *
 * Only ciphertext crosses IPC: the renderer sends the passphrase-sealed
 * record and gets it back; the data key itself never leaves the renderer.
 */

/** The passphrase-sealed record is 80 bytes (secret key ‖ data key ‖ GCM tag) = 160 hex digits; the bound leaves room, nothing more. */
export const KEYSTORE_MAX_SEALED_HEX = 512;
/** safeStorage adds a few dozen bytes of header and tag; 4 KiB of base64 bounds a hostile payload. */
export const KEYSTORE_MAX_WRAPPED_BASE64 = 4096;

/** Analyst ids are UUIDs (renderer/db/ids.ts); the schema allows a little more, never separators a prefix could be forged with. */
export const keystoreAnalystIdSchema = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'an analyst id is 1–64 letters, digits or hyphens');

const sealedHexSchema = z
  .string()
  .max(KEYSTORE_MAX_SEALED_HEX)
  .regex(/^(?:[0-9a-f]{2})+$/, 'the sealed key record is lowercase hex');

const wrappedSchema = z
  .string()
  .max(KEYSTORE_MAX_WRAPPED_BASE64)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the wrapped key record is base64');

const refusalDetailSchema = z.string().max(500);

export const keystoreContract = {
  'keystore:wrap': {
    request: z.strictObject({ analystId: keystoreAnalystIdSchema, sealed: sealedHexSchema }),
    response: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), wrapped: wrappedSchema, backend: z.string().max(64) }),
      // Not an error: the web build and machines without a keystore keep the passphrase-only record.
      z.strictObject({ ok: z.literal(false), reason: z.enum(['unavailable', 'weak-backend']), detail: refusalDetailSchema }),
    ]),
  },
  'keystore:unwrap': {
    request: z.strictObject({ analystId: keystoreAnalystIdSchema, wrapped: wrappedSchema }),
    response: z.discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        sealed: sealedHexSchema,
        /** Present when the OS rotated its key: store this instead of the old wrapping. */
        rewrapped: wrappedSchema.optional(),
      }),
      z.strictObject({ ok: z.literal(false), reason: z.enum(['unavailable', 'undecryptable', 'other-analyst']), detail: refusalDetailSchema }),
    ]),
  },
} as const;

export type KeystoreWrapResponse = z.output<(typeof keystoreContract)['keystore:wrap']['response']>;
export type KeystoreUnwrapResponse = z.output<(typeof keystoreContract)['keystore:unwrap']['response']>;

/** Signatures and manifests are kilobytes; 16 MiB only bounds a hostile payload. */
export const MAX_BESIDE_BYTES = 16 * 1024 * 1024;
/** The only names `files:saveBeside` writes: these suffixes after a file saved in this session. */
export const BESIDE_SUFFIXES = ['.sig', '.manifest.json'] as const;

export const besideContract = {
  'files:saveBeside': {
    request: z.strictObject({
      fileSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of a file saved in this session, 64 lowercase hex digits'),
      suffix: z.enum(BESIDE_SUFFIXES),
      bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_BESIDE_BYTES, 'a file saved beside an export is at most 16 MiB'),
    }),
    response: z.strictObject({ saved: z.boolean(), location: z.string().optional() }),
  },
} as const;
