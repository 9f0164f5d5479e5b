import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { deflateSync, unzipSync, zipSync, type Zippable } from 'fflate';
import type { z } from 'zod';
import { assertStrongPassphrase } from './passphrase';
import { BoundsError, DEFAULT_OPEN_BUDGET_MS, MAX_TOTAL_INFLATED_BYTES, ZipBoundsError, boundedInflate, checkZipBounds } from './bounds';
import { bytesEqual, concatBytes, fromHex, fromUtf8, toHex, utf8 } from './bytes';
import { canonicalJson } from './canonicalJson';
import { PART_KINDS, PART_SCHEMAS, emptyContent, type PackageContent, type PartKind } from './content';
import { fingerprintOf, publicKeysOf, type PublicKeys, type UnitKeyPair } from './keys';
import {
  ClearHeaderSchema,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  ManifestSchema,
  PBKDF2_MIN_ITERATIONS,
  type ClearHeader,
  type Encryption,
  type Manifest,
  type PackageHeader,
  type PartEntry,
} from './manifest';
import { effectiveActions, type SanitisationPolicy } from './policy';
import { AES_KEY_BYTES, GCM_IV_BYTES, aesGcmDecrypt, aesGcmEncrypt, pbkdf2Sha256, randomBytes, sha256Hex } from './webcrypto';
import { inLanguage, type Language, type LocalizedText } from '../model';
import { monotonicNow } from '../runtime';

/**
 * The .caudal container (version 2): a zip of header.json (the only clear
 * part: format, version, random package id, key wraps and KDF parameters),
 * envelope.bin (signature ‖ manifest, encrypted under the content key) and
 * parts/<n>.bin, written in one canonical form (stored entries, fixed
 * timestamps, fixed order) so that a reader can require every byte of the
 * file to be exactly that form. The signed manifest holds the SHA-256 of
 * header.json and of each part, so no byte can change unnoticed.
 * The byte-level description lives in docs/PACKAGE_FORMAT.md.
 */

export const PACKAGE_EXTENSION = '.caudal';
export const CLEAR_HEADER_NAME = 'header.json';
export const ENVELOPE_NAME = 'envelope.bin';
const SIGNATURE_BYTES = 64;
/** 1980-01-01 12:00 local time: DOS time fields then read 1980-01-01 12:00:00 in every time zone. */
const CANONICAL_MTIME = new Date(1980, 0, 1, 12, 0, 0);

const SIGNATURE_DOMAIN = 'CAUDAL-PACKAGE-MANIFEST-V2\n';
const PART_AAD_DOMAIN = 'CAUDAL-PART-V2\n';
const ENVELOPE_AAD_DOMAIN = 'CAUDAL-ENVELOPE-V2\n';

export const REFUSAL_REASONS = [
  'container',
  'manifest',
  'signature',
  'unknown-signer',
  'signer-mismatch',
  'integrity',
  'expired',
  'passphrase-required',
  'wrong-passphrase',
  'not-a-recipient',
  'wrong-key',
  'content',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * Why a package was refused; nothing of a refused package may be stored or
 * shown beyond this. The detail is worded here once in each language: `detail`
 * (English, as the CLI, logs and message read it) and `detailEs` (Spanish).
 * Text quoted from a library (a zod issue, a zip or JSON error) stays as the
 * library wrote it, inside the Spanish frame.
 */
export class PackageRefusal extends Error {
  readonly detail: string;
  readonly detailEs: string;

  constructor(
    readonly reason: RefusalReason,
    detail: LocalizedText,
    readonly signer?: { unit: string; fingerprint: string },
  ) {
    super(`package refused (${reason}): ${detail.en}`);
    this.name = 'PackageRefusal';
    this.detail = detail.en;
    this.detailEs = detail.es;
  }
}

/** A refusal's detail in the session's language (English when no Spanish was given, e.g. an error that is no refusal). */
export function refusalDetailIn(language: Language, refusal: { detail: string; detailEs?: string }): string {
  return inLanguage(language, refusal.detail, refusal.detailEs);
}

/** The part kinds as a Spanish detail names them ("parts/1.bin (transacciones)"). */
const PART_KIND_ES: Record<PartKind, string> = {
  parties: 'personas y empresas',
  accounts: 'cuentas',
  transactions: 'transacciones',
  shipments: 'embarques',
  alerts: 'alertas',
  charts: 'gráficos',
  hits: 'coincidencias',
  psi: 'mensaje PSI',
};

/** An embedded error's text: ours in both languages, a library's (fflate, zod, JSON, Web Crypto) as it wrote it. */
function quoted(error: unknown): LocalizedText {
  const en = error instanceof Error ? error.message : String(error);
  return { en, es: error instanceof BoundsError ? error.messageEs : en };
}

export interface BuildPackageOptions {
  header: Omit<PackageHeader, 'packageId'>;
  content: PackageContent;
  policy: SanitisationPolicy;
  sender: UnitKeyPair;
  passphrase?: string;
  recipients?: readonly PublicKeys[];
  /** PBKDF2 iterations; never below 600,000. */
  iterations?: number;
  /** Called after each encrypted part. */
  onProgress?(partsDone: number, partsTotal: number): void;
}

export interface BuiltPackage {
  bytes: Uint8Array;
  manifest: Manifest;
  fileName: string;
}

export function wrapAad(kind: 'passphrase' | 'recipient', packageId: string, fingerprint = ''): Uint8Array {
  return utf8(kind === 'passphrase' ? `CAUDAL-KEYWRAP-V1\npassphrase\n${packageId}` : `CAUDAL-KEYWRAP-V1\nrecipient\n${packageId}\n${fingerprint}`);
}

export function recipientKek(sharedSecret: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array, packageId: string): Uint8Array {
  return hkdf(sha256, sharedSecret, concatBytes(ephemeralPublic, recipientPublic), utf8(`CAUDAL-KEYWRAP-V1 X25519\n${packageId}`), AES_KEY_BYTES);
}

/** SHA-256 over the canonical JSON of everything in the manifest except `parts` (the clear header through its hash): bound into every part's AAD. */
export function manifestBinding(manifest: Omit<Manifest, 'parts'>): Uint8Array {
  const { format, version, header, sender, sanitisation, clearHeaderSha256 } = manifest;
  return sha256(utf8(canonicalJson({ format, version, header, sender, sanitisation, clearHeaderSha256 })));
}

/** AAD of envelope.bin: the exact bytes of header.json, hashed. */
export function envelopeAad(clearHeaderBytes: Uint8Array): Uint8Array {
  return concatBytes(utf8(ENVELOPE_AAD_DOMAIN), sha256(clearHeaderBytes));
}

/** The signature over the manifest's exact bytes (the manifest holds header.json's hash). */
export function signManifest(manifestBytes: Uint8Array, signingSecretKey: Uint8Array): Uint8Array {
  return ed25519.sign(concatBytes(utf8(SIGNATURE_DOMAIN), manifestBytes), signingSecretKey);
}

/** Serialises a clear header exactly as Caudal writes it. */
export const clearHeaderBytes = (header: ClearHeader): Uint8Array => utf8(`${JSON.stringify(header, null, 2)}\n`);

export function partAad(binding: Uint8Array, name: string): Uint8Array {
  return concatBytes(utf8(PART_AAD_DOMAIN), binding, utf8(`\n${name}`));
}

function canonicalZip(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of entries) files[name] = [data, { level: 0, mtime: CANONICAL_MTIME }];
  return zipSync(files, { level: 0, mtime: CANONICAL_MTIME });
}

export async function buildPackage(options: BuildPackageOptions): Promise<BuiltPackage> {
  const iterations = options.iterations ?? PBKDF2_MIN_ITERATIONS;
  if (iterations < PBKDF2_MIN_ITERATIONS) throw new Error(`PBKDF2 needs at least ${PBKDF2_MIN_ITERATIONS} iterations`);
  const recipients = options.recipients ?? [];
  if (!options.passphrase && recipients.length === 0) throw new Error('protect the package with a passphrase or at least one recipient key');
  if (options.passphrase !== undefined) await assertStrongPassphrase(options.passphrase, 'passphrase', [options.header.originatingUnit, options.header.recipientUnit, options.header.reference]);

  const packageId = toHex(randomBytes(16));
  const contentKey = randomBytes(AES_KEY_BYTES);
  const encryption: Encryption = { cipher: 'AES-256-GCM', keyWrap: 'AES-256-GCM', recipientKdf: 'X25519-HKDF-SHA-256', recipients: [] };
  if (options.passphrase) {
    const salt = randomBytes(16);
    const iv = randomBytes(GCM_IV_BYTES);
    const kek = await pbkdf2Sha256(options.passphrase, salt, iterations, AES_KEY_BYTES);
    const wrapped = await aesGcmEncrypt(kek, iv, contentKey, wrapAad('passphrase', packageId));
    encryption.passphrase = { kdf: 'PBKDF2-SHA-256', iterations, salt: toHex(salt), iv: toHex(iv), wrappedKey: toHex(wrapped) };
  }
  for (const recipient of recipients) {
    const ephemeral = x25519.keygen();
    const shared = x25519.getSharedSecret(ephemeral.secretKey, recipient.agreementPublicKey);
    const kek = recipientKek(shared, ephemeral.publicKey, recipient.agreementPublicKey, packageId);
    const iv = randomBytes(GCM_IV_BYTES);
    const wrapped = await aesGcmEncrypt(kek, iv, contentKey, wrapAad('recipient', packageId, recipient.fingerprint));
    encryption.recipients.push({
      fingerprint: recipient.fingerprint,
      ephemeralKey: toHex(ephemeral.publicKey),
      iv: toHex(iv),
      wrappedKey: toHex(wrapped),
    });
  }

  const clear: ClearHeader = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, packageId, encryption, envelopeIv: toHex(randomBytes(GCM_IV_BYTES)) };
  const clearBytes = clearHeaderBytes(clear);
  const senderKeys = publicKeysOf(options.sender);
  const unsigned: Omit<Manifest, 'parts'> = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    header: { ...options.header, packageId },
    sender: { unit: senderKeys.unit, signingKey: toHex(senderKeys.signingPublicKey), agreementKey: toHex(senderKeys.agreementPublicKey), fingerprint: senderKeys.fingerprint },
    sanitisation: {
      fields: effectiveActions(options.policy),
      amountBands: '1-2-5 series; a generalised amount is its band’s lower bound',
      dates: 'generalised dates are the first day of their month, 00:00 UTC',
    },
    clearHeaderSha256: sha256Hex(clearBytes),
  };
  const binding = manifestBinding(unsigned);

  const parts: PartEntry[] = [];
  const files: [string, Uint8Array][] = [];
  const nonEmpty = PART_KINDS.filter((kind) => options.content[kind].length > 0);
  for (const kind of nonEmpty) {
    const records = options.content[kind];
    const name = `parts/${parts.length + 1}.bin`;
    const plain = utf8(JSON.stringify(records));
    const iv = randomBytes(GCM_IV_BYTES);
    const ciphertext = await aesGcmEncrypt(contentKey, iv, deflateSync(plain, { level: 6 }), partAad(binding, name));
    parts.push({ kind, name, iv: toHex(iv), compression: 'deflate-raw', sha256: sha256Hex(ciphertext), size: ciphertext.length, plainSize: plain.length, records: records.length });
    files.push([name, ciphertext]);
    options.onProgress?.(parts.length, nonEmpty.length);
  }
  if (parts.length === 0) throw new Error('nothing selected: a package must carry at least one record, alert or chart');

  const manifest = ManifestSchema.parse({ ...unsigned, parts });
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = signManifest(manifestBytes, options.sender.signingSecretKey);
  const envelope = await aesGcmEncrypt(contentKey, fromHex(clear.envelopeIv, GCM_IV_BYTES), concatBytes(signature, manifestBytes), envelopeAad(clearBytes));
  const bytes = canonicalZip([[CLEAR_HEADER_NAME, clearBytes], [ENVELOPE_NAME, envelope], ...files]);
  // The file name says nothing about the case (no reference, no case number): files travel by mail and sit in folders.
  return { bytes, manifest, fileName: `package-${packageId.slice(0, 12)}${PACKAGE_EXTENSION}` };
}

/**
 * A key-book entry as the engine needs it: `unit` is the key book's OWN label
 * for the key (never what a package claims), `verified` whether the analyst
 * confirmed the fingerprint over a separate channel (own keys count as verified).
 */
export type KeyBookEntry = PublicKeys & { verified?: boolean };

/**
 * Who signed, as far as THIS unit can tell:
 * - `verified`: key in the key book, fingerprint confirmed by phone, and the
 *   package names the same unit as the key book;
 * - `unverified`: key in the key book, fingerprint never confirmed;
 * - `unknown`: key not in the key book (accepted explicitly by the analyst);
 * - `mismatch`: key in the key book, but the package claims to come from
 *   another unit (accepted explicitly by the analyst; always shown in red).
 * `unit` is the key book's label when the key is known, else the claim.
 */
export const SIGNER_TRUST = ['verified', 'unverified', 'unknown', 'mismatch'] as const;
export type SignerTrust = (typeof SIGNER_TRUST)[number];
export interface SignerIdentity {
  unit: string;
  fingerprint: string;
  known: boolean;
  trust: SignerTrust;
  /** The units the package claims (manifest sender, originating unit). */
  claimedUnit: string;
}

const sameUnit = (a: string, b: string) => a.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') === b.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export interface OpenPackageOptions {
  /** Public keys the unit holds (partners' cards and its own), with the key book's own labels. */
  keyBook: readonly KeyBookEntry[];
  passphrase?: string;
  /** The unit's own key pairs, to open packages addressed to it. */
  ownKeys?: readonly UnitKeyPair[];
  /** The analyst explicitly accepted a signer that is not in the key book. */
  acceptUnknownSigner?: boolean;
  now: number;
  /** Called after each decrypted and validated part. */
  onProgress?(partsDone: number, partsTotal: number): void;
  /** Wall-clock budget for decrypting and inflating (default DEFAULT_OPEN_BUDGET_MS). */
  budgetMs?: number;
}

export interface OpenedPackage {
  manifest: Manifest;
  content: PackageContent;
  signer: SignerIdentity;
  /** SHA-256 of the whole file: its identity in chain-of-custody records. */
  packageSha256: string;
}

/** zod's first issue: where (ours, in both languages) and what (zod's own words). */
function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): LocalizedText {
  const issue = error.issues[0];
  if (!issue) return { en: 'invalid', es: 'no válido' };
  const path = issue.path.map(String).join('.');
  return { en: `${path || '(root)'}: ${issue.message}`, es: `${path || '(raíz)'}: ${issue.message}` };
}

/** Strict UTF-8 JSON checked against a schema; a failure is refused with `refuse(why)`. */
function parseJson<T>(bytes: Uint8Array, schema: z.ZodType<T>, refuse: (why: LocalizedText) => PackageRefusal): T {
  let parsed: z.ZodSafeParseResult<T>;
  try {
    parsed = schema.safeParse(JSON.parse(fromUtf8(bytes)));
  } catch (error) {
    throw refuse(quoted(error));
  }
  if (!parsed.success) throw refuse(describeIssue(parsed.error));
  return parsed.data;
}

/** Step 1: the container, within hard bounds and in canonical form. */
function readContainer(bytes: Uint8Array): { clearBytes: Uint8Array; envelope: Uint8Array; entries: Record<string, Uint8Array>; names: string[] } {
  // Its directory read by hand within hard bounds (no ZIP64, few entries,
  // sizes inside the file), stored entries only, and byte-identical to the
  // canonical zip of its own entries.
  const unreadable = (error: unknown) => {
    const why = quoted(error);
    return new PackageRefusal('container', { en: `not a readable .caudal zip (${why.en})`, es: `no es un zip .caudal legible (${why.es})` });
  };
  try {
    checkZipBounds(bytes);
  } catch (error) {
    throw unreadable(error);
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.compression !== 0) throw new ZipBoundsError(`entry ${file.name} is compressed`, `la entrada ${file.name} está comprimida`);
        return true;
      },
    });
  } catch (error) {
    throw unreadable(error);
  }
  const names = Object.keys(entries);
  let rebuilt: Uint8Array;
  try {
    rebuilt = canonicalZip(names.map((name) => [name, entries[name] as Uint8Array] as const));
  } catch (error) {
    const why = quoted(error);
    throw new PackageRefusal('container', { en: `entries cannot be re-encoded (${why.en})`, es: `las entradas no se pueden volver a codificar (${why.es})` });
  }
  if (!bytesEqual(rebuilt, bytes)) {
    throw new PackageRefusal('container', { en: 'the zip is not in canonical form: the file was modified or damaged', es: 'el zip no está en forma canónica: el archivo fue modificado o está dañado' });
  }
  if (names[0] !== CLEAR_HEADER_NAME || names[1] !== ENVELOPE_NAME) {
    throw new PackageRefusal(
      'container',
      names[0] === 'manifest.json'
        ? { en: 'a format-1 package (clear manifest): no longer accepted, ask the sender for a new one', es: 'es un paquete de formato 1 (manifiesto en claro): ya no se acepta; pida al remitente uno nuevo' }
        : { en: 'header.json and envelope.bin must be the first two entries', es: 'header.json y envelope.bin deben ser las dos primeras entradas' },
    );
  }
  return { clearBytes: entries[CLEAR_HEADER_NAME] as Uint8Array, envelope: entries[ENVELOPE_NAME] as Uint8Array, entries, names };
}

/** Step 2: header.json, strict UTF-8 JSON valid against the version-2 schema. */
function readClearHeader(clearBytes: Uint8Array): ClearHeader {
  return parseJson(clearBytes, ClearHeaderSchema, (why) => new PackageRefusal('manifest', { en: `header.json is invalid: ${why.en}`, es: `header.json no es válido: ${why.es}` }));
}

/**
 * Steps 4–8 once the content key is known: the envelope, the manifest, the
 * signature, the signer (from the key book only), the parts' integrity and
 * the expiry. Throws PackageRefusal.
 */
async function verifyEnvelope(
  container: ReturnType<typeof readContainer>,
  clear: ClearHeader,
  contentKey: Uint8Array,
  options: Pick<OpenPackageOptions, 'keyBook' | 'acceptUnknownSigner' | 'now'>,
): Promise<{ manifest: Manifest; signer: SignerIdentity; parts: Map<string, Uint8Array> }> {
  // 4. Envelope and manifest.
  let sealed: Uint8Array;
  try {
    sealed = await aesGcmDecrypt(contentKey, fromHex(clear.envelopeIv, GCM_IV_BYTES), container.envelope, envelopeAad(container.clearBytes));
  } catch {
    throw new PackageRefusal('manifest', {
      en: 'envelope.bin cannot be decrypted: the file was altered or its parts come from different packages',
      es: 'envelope.bin no se puede descifrar: el archivo fue alterado o sus partes vienen de paquetes distintos',
    });
  }
  if (sealed.length <= SIGNATURE_BYTES) throw new PackageRefusal('manifest', { en: 'envelope.bin holds no manifest', es: 'envelope.bin no contiene ningún manifiesto' });
  const signature = sealed.subarray(0, SIGNATURE_BYTES);
  const manifestBytes = sealed.subarray(SIGNATURE_BYTES);
  const manifest: Manifest = parseJson(manifestBytes, ManifestSchema, (why) => new PackageRefusal('manifest', { en: `the manifest is invalid: ${why.en}`, es: `el manifiesto no es válido: ${why.es}` }));
  if (manifest.version !== MANIFEST_VERSION) {
    throw new PackageRefusal('manifest', {
      en: `manifest version ${manifest.version} inside a version-${MANIFEST_VERSION} container`,
      es: `manifiesto de versión ${manifest.version} dentro de un contenedor de versión ${MANIFEST_VERSION}`,
    });
  }
  if (manifest.clearHeaderSha256 !== sha256Hex(container.clearBytes)) throw new PackageRefusal('manifest', { en: 'the manifest does not cover this header.json', es: 'el manifiesto no cubre este header.json' });
  if (manifest.header.packageId !== clear.packageId) throw new PackageRefusal('manifest', { en: 'the manifest belongs to another package', es: 'el manifiesto pertenece a otro paquete' });
  if (new Set(manifest.parts.map((part) => part.kind)).size !== manifest.parts.length) throw new PackageRefusal('manifest', { en: 'a part kind is listed twice', es: 'un tipo de parte figura dos veces' });
  if (manifest.parts.some((part, index) => part.name !== `parts/${index + 1}.bin`)) {
    throw new PackageRefusal('manifest', { en: 'the parts are not named parts/1.bin, parts/2.bin, … in order', es: 'las partes no se llaman parts/1.bin, parts/2.bin, … en ese orden' });
  }
  const declaredInflated = manifest.parts.reduce((sum, part) => sum + part.plainSize, 0);
  if (declaredInflated > MAX_TOTAL_INFLATED_BYTES) {
    throw new PackageRefusal('manifest', {
      en: `the parts declare ${declaredInflated} bytes once inflated, above the ${MAX_TOTAL_INFLATED_BYTES}-byte limit`,
      es: `las partes declaran ${declaredInflated} bytes una vez descomprimidas, por encima del límite de ${MAX_TOTAL_INFLATED_BYTES} bytes`,
    });
  }

  // 5. Signature by the key the manifest names, whose fingerprint must match.
  const signerInfo = { unit: manifest.sender.unit, fingerprint: manifest.sender.fingerprint };
  const signingKey = fromHex(manifest.sender.signingKey, 32);
  const agreementKey = fromHex(manifest.sender.agreementKey, 32);
  if (fingerprintOf(signingKey, agreementKey) !== manifest.sender.fingerprint) {
    throw new PackageRefusal('signature', { en: 'the sender fingerprint does not match the sender keys', es: 'la huella del remitente no corresponde a sus llaves' }, signerInfo);
  }
  let signatureValid: boolean;
  try {
    signatureValid = ed25519.verify(signature, concatBytes(utf8(SIGNATURE_DOMAIN), manifestBytes), signingKey);
  } catch {
    signatureValid = false;
  }
  if (!signatureValid) throw new PackageRefusal('signature', { en: 'the manifest signature is invalid', es: 'la firma del manifiesto no es válida' }, signerInfo);

  // 6. Signer: named by the key book only. A key the book holds under another
  // unit's label is an impersonation attempt (or a mislabelled card): refused
  // unless the analyst accepts it, and then never shown as verified.
  const entry = options.keyBook.find((candidate) => candidate.fingerprint === manifest.sender.fingerprint);
  const claims = [manifest.sender.unit, manifest.header.originatingUnit];
  if (entry && claims.some((claim) => !sameUnit(claim, entry.unit)) && !options.acceptUnknownSigner) {
    const claimed = claims.find((claim) => !sameUnit(claim, entry.unit)) ?? '';
    throw new PackageRefusal(
      'signer-mismatch',
      {
        en: `signed with the key your key book holds for “${entry.unit}”, but the package claims to come from “${claimed}”`,
        es: `firmado con la llave que su libreta de llaves tiene para «${entry.unit}», pero el paquete dice venir de «${claimed}»`,
      },
      { unit: entry.unit, fingerprint: entry.fingerprint },
    );
  }
  if (!entry && !options.acceptUnknownSigner) {
    const sameUnitEntry = options.keyBook.find((candidate) => sameUnit(candidate.unit, manifest.sender.unit));
    throw new PackageRefusal(
      'unknown-signer',
      sameUnitEntry
        ? {
            en: `signed by a key for “${manifest.sender.unit}” that differs from the one in your key book (${sameUnitEntry.fingerprint})`,
            es: `firmado con una llave de «${manifest.sender.unit}» distinta de la que tiene su libreta de llaves (${sameUnitEntry.fingerprint})`,
          }
        : { en: `signed by “${manifest.sender.unit}”, whose key is not in your key book`, es: `firmado por «${manifest.sender.unit}», cuya llave no está en su libreta de llaves` },
      signerInfo,
    );
  }
  const trust: SignerTrust = !entry ? 'unknown' : claims.some((claim) => !sameUnit(claim, entry.unit)) ? 'mismatch' : entry.verified === true ? 'verified' : 'unverified';
  const signer: SignerIdentity = { unit: entry?.unit ?? manifest.sender.unit, fingerprint: manifest.sender.fingerprint, known: entry !== undefined, trust, claimedUnit: manifest.sender.unit };

  // 7. Integrity: exactly the listed parts, each with its SHA-256 and size.
  const expectedNames = manifest.parts.map((part) => part.name);
  const actualNames = container.names.slice(2);
  if (actualNames.length !== expectedNames.length || actualNames.some((name, index) => name !== expectedNames[index])) {
    throw new PackageRefusal('integrity', {
      en: `the parts in the file (${actualNames.join(', ') || 'none'}) are not the parts the manifest lists (${expectedNames.join(', ')})`,
      es: `las partes del archivo (${actualNames.join(', ') || 'ninguna'}) no son las que lista el manifiesto (${expectedNames.join(', ')})`,
    });
  }
  const parts = new Map<string, Uint8Array>();
  for (const part of manifest.parts) {
    const data = container.entries[part.name] as Uint8Array;
    if (data.length !== part.size || sha256Hex(data) !== part.sha256) {
      throw new PackageRefusal('integrity', { en: `${part.name} does not match its SHA-256 in the manifest`, es: `${part.name} no coincide con el SHA-256 que registra el manifiesto` });
    }
    parts.set(part.name, data);
  }

  // 8. Expiry.
  if (options.now > manifest.header.expiresAt) {
    const day = new Date(manifest.header.expiresAt).toISOString().slice(0, 10);
    throw new PackageRefusal('expired', { en: `the package expired on ${day}`, es: `el paquete venció el ${day}` }, signerInfo);
  }
  return { manifest, signer, parts };
}

/** Step 3: the content key, by passphrase or by the unit's own key. */
async function unwrapContentKey(clear: ClearHeader, options: OpenPackageOptions): Promise<Uint8Array> {
  const { encryption } = clear;
  const header = { packageId: clear.packageId };
  const wrap = encryption.passphrase;
  if (options.passphrase !== undefined && options.passphrase !== '' && (wrap || (options.ownKeys ?? []).length === 0)) {
    if (!wrap) {
      throw new PackageRefusal('not-a-recipient', {
        en: 'this package is not protected by a passphrase; open it with your unit key',
        es: 'este paquete no está protegido con frase de paso; ábralo con la llave de su unidad',
      });
    }
    const kek = await pbkdf2Sha256(options.passphrase, fromHex(wrap.salt, 16), wrap.iterations, AES_KEY_BYTES);
    try {
      return await aesGcmDecrypt(kek, fromHex(wrap.iv, 12), fromHex(wrap.wrappedKey, 48), wrapAad('passphrase', header.packageId));
    } catch {
      throw new PackageRefusal('wrong-passphrase', { en: 'the passphrase is wrong', es: 'la frase de paso es incorrecta' });
    }
  }
  const own = options.ownKeys ?? [];
  if (own.length === 0) {
    throw encryption.passphrase
      ? new PackageRefusal('passphrase-required', { en: 'enter the passphrase', es: 'ingrese la frase de paso' })
      : new PackageRefusal('not-a-recipient', { en: 'this package is addressed to other units', es: 'este paquete está dirigido a otras unidades' });
  }
  for (const pair of own) {
    const fingerprint = fingerprintOf(pair.signingPublicKey, pair.agreementPublicKey);
    const entry = encryption.recipients.find((recipient) => recipient.fingerprint === fingerprint);
    if (!entry) continue;
    try {
      const ephemeral = fromHex(entry.ephemeralKey, 32);
      const shared = x25519.getSharedSecret(pair.agreementSecretKey, ephemeral);
      const kek = recipientKek(shared, ephemeral, pair.agreementPublicKey, header.packageId);
      return await aesGcmDecrypt(kek, fromHex(entry.iv, 12), fromHex(entry.wrappedKey, 48), wrapAad('recipient', header.packageId, fingerprint));
    } catch {
      throw new PackageRefusal('wrong-key', {
        en: 'the key wrapped for your unit cannot be opened with your private key',
        es: 'la llave envuelta para su unidad no se puede abrir con su llave privada',
      });
    }
  }
  const others = encryption.recipients.length;
  throw new PackageRefusal(encryption.passphrase ? 'passphrase-required' : 'not-a-recipient', {
    en: `this package is addressed to ${others > 0 ? `${others} other ${others === 1 ? 'key' : 'keys'}` : 'a passphrase holder'}, not to your key`,
    es: `este paquete está dirigido a ${others > 0 ? (others === 1 ? 'otra llave' : `otras ${others} llaves`) : 'quien tenga la frase de paso'}, no a su llave`,
  });
}

/**
 * Two records of one part with one id (1-based positions): the receiving case
 * would hold both under one key, and which one an analyst sees would be a
 * matter of storage order. A signed package from a known partner is still
 * refused for it.
 */
function firstRepeatedId(records: readonly unknown[]): { id: string; first: number; second: number } | undefined {
  const seen = new Map<string, number>();
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index];
    const id = typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string' ? record.id : undefined;
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) return { id, first: first + 1, second: index + 1 };
    seen.set(id, index);
  }
  return undefined;
}

/**
 * Verifies, decrypts and validates a package completely in memory. Either
 * everything is returned or PackageRefusal is thrown: callers store nothing
 * until this resolves.
 */
export async function openPackage(bytes: Uint8Array, options: OpenPackageOptions): Promise<OpenedPackage> {
  const deadline = monotonicNow() + (options.budgetMs ?? DEFAULT_OPEN_BUDGET_MS);
  const container = readContainer(bytes);
  const clear = readClearHeader(container.clearBytes);
  const contentKey = await unwrapContentKey(clear, options);
  const { manifest, signer, parts } = await verifyEnvelope(container, clear, contentKey, options);
  const binding = manifestBinding(manifest);
  const content = emptyContent();
  for (const part of manifest.parts) {
    let records: unknown;
    try {
      const compressed = await aesGcmDecrypt(contentKey, fromHex(part.iv, 12), parts.get(part.name) as Uint8Array, partAad(binding, part.name));
      const plain = boundedInflate(compressed, part.plainSize, deadline);
      records = JSON.parse(fromUtf8(plain));
    } catch (error) {
      const why = quoted(error);
      throw new PackageRefusal('content', { en: `${part.name} cannot be decrypted: ${why.en}`, es: `${part.name} no se puede descifrar: ${why.es}` });
    }
    const parsed = PART_SCHEMAS[part.kind].safeParse(records);
    if (!parsed.success) {
      const issue = describeIssue(parsed.error);
      throw new PackageRefusal('content', { en: `${part.name}: ${issue.en}`, es: `${part.name}: contenido no válido en ${issue.es}` });
    }
    if (parsed.data.length !== part.records) {
      throw new PackageRefusal('content', {
        en: `${part.name} holds ${parsed.data.length} records, the manifest says ${part.records}`,
        es: `${part.name} contiene ${parsed.data.length} registros; el manifiesto indica ${part.records}`,
      });
    }
    const repeated = firstRepeatedId(parsed.data);
    if (repeated) {
      throw new PackageRefusal('content', {
        en: `${part.name} (${part.kind}): record ${repeated.second} repeats the id '${repeated.id}' of record ${repeated.first}; a package holds each record once`,
        es: `${part.name} (${PART_KIND_ES[part.kind]}): el registro ${repeated.second} repite el id '${repeated.id}' del registro ${repeated.first}; un paquete contiene cada registro una sola vez`,
      });
    }
    (content as Record<PartKind, unknown[]>)[part.kind] = parsed.data;
    options.onProgress?.(manifest.parts.indexOf(part) + 1, manifest.parts.length);
  }
  return { manifest, content, signer, packageSha256: sha256Hex(bytes) };
}
