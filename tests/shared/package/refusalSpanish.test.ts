import { deflateSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  REFUSAL_REASONS,
  buildPackage,
  defaultPolicy,
  fingerprintOf,
  fromHex,
  generateUnitKeyPair,
  manifestBinding,
  openPackage,
  partAad,
  publicKeysOf,
  randomBytes,
  refusalDetailIn,
  sanitise,
  sha256Hex,
  signManifest,
  type Manifest,
  type OpenPackageOptions,
  type RefusalReason,
} from '../../../shared/package';
import { aesGcmEncrypt } from '../../../shared/package/webcrypto';
import { openEnvelope, repack, resealEnvelope, type OpenedEnvelope } from './envelope';
import { HEADER, NOW, demoDataset } from './fixtures';
import { expectSpanishDetail, untranslatedWords } from './spanishDetail';

/**
 * One crafted package per refusal the reader can give, each checked for the
 * Spanish detail an analyst reads: its exact wording where the detail is all
 * ours, its Spanish frame where it quotes a library (zod, JSON, fflate).
 */

const PASSPHRASE = 'paquete de prueba en español 2026';
const colombia = generateUnitKeyPair('UIAF Colombia', NOW);
const otherColombia = generateUnitKeyPair('UIAF Colombia', NOW);
const panama = generateUnitKeyPair('UAF Panamá', NOW);
const stranger = generateUnitKeyPair('UIF Honduras', NOW);
const keyBook = [{ ...publicKeysOf(colombia), verified: true }];
const options: OpenPackageOptions = { keyBook, passphrase: PASSPHRASE, ownKeys: [panama], now: NOW };

async function build(protection: { passphrase?: string; recipients: typeof panama[] }) {
  const selection = { parties: [], accounts: [], transactions: ['T-1', 'T-2'], shipments: [], alerts: [], charts: [] };
  const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  return (await buildPackage({ header: HEADER, content, policy: defaultPolicy(), sender: colombia, ...(protection.passphrase ? { passphrase: protection.passphrase } : {}), recipients: protection.recipients.map(publicKeysOf) })).bytes;
}

/** The manifest edited and signed again by the sender: only checks past the signature can refuse it. */
async function resigned(opened: OpenedEnvelope, edit: (manifest: Manifest) => Manifest, parts: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const manifestBytes = Buffer.from(`${JSON.stringify(edit(opened.manifest), null, 2)}\n`);
  return resealEnvelope(opened, manifestBytes, signManifest(manifestBytes, colombia.signingSecretKey), parts);
}

/** parts/1.bin replaced by `plain` deflated (or `compressed` as given), correctly encrypted, hashed and signed. */
async function withPart(opened: OpenedEnvelope, payload: { plain?: unknown; compressed?: Uint8Array }, entry: Partial<Manifest['parts'][number]> = {}): Promise<Uint8Array> {
  const first = opened.manifest.parts[0]!;
  const plain = Buffer.from(JSON.stringify(payload.plain ?? null));
  const compressed = payload.compressed ?? deflateSync(plain);
  const ciphertext = await aesGcmEncrypt(opened.contentKey, fromHex(first.iv, 12), compressed, partAad(manifestBinding(opened.manifest), first.name));
  const part = { ...first, sha256: sha256Hex(ciphertext), size: ciphertext.length, plainSize: payload.compressed ? first.plainSize : plain.length, ...entry };
  return resigned(opened, (manifest) => ({ ...manifest, parts: [part] }), { [first.name]: ciphertext });
}

interface Case {
  name: string;
  bytes: () => Promise<Uint8Array> | Uint8Array;
  options?: Partial<OpenPackageOptions>;
  reason: RefusalReason;
  es: string | RegExp;
}

const both = await build({ passphrase: PASSPHRASE, recipients: [panama] });
const keyOnly = await build({ recipients: [panama] });
const passphraseOnly = await build({ passphrase: PASSPHRASE, recipients: [] });
const opened = await openEnvelope(both, panama);
const records = (await openPackage(both, options)).content.transactions;
const expiry = new Date(HEADER.expiresAt).toISOString().slice(0, 10);

const CASES: Case[] = [
  { name: 'a file too short to be a zip', bytes: () => new Uint8Array(10), reason: 'container', es: 'no es un zip .caudal legible (es demasiado corto para ser un zip)' },
  {
    name: 'a byte appended after the zip',
    bytes: () => Buffer.concat([both, Buffer.from([0])]),
    reason: 'container',
    es: 'no es un zip .caudal legible (no hay registro de fin del directorio central al final del archivo (no se admiten comentarios en el zip))',
  },
  {
    name: 'a zip re-packed with other timestamps',
    bytes: () => zipSync(Object.fromEntries(Object.entries(opened.entries).map(([name, data]) => [name, [data, { level: 0, mtime: new Date(2026, 0, 1) }]])) as Zippable, { level: 0 }),
    reason: 'container',
    es: 'el zip no está en forma canónica: el archivo fue modificado o está dañado',
  },
  { name: 'a format-1 package', bytes: () => repack({ 'manifest.json': Buffer.from('{}'), 'manifest.sig': new Uint8Array(64) }), reason: 'container', es: 'es un paquete de formato 1 (manifiesto en claro): ya no se acepta; pida al remitente uno nuevo' },
  { name: 'entries out of order', bytes: () => repack({ 'envelope.bin': opened.entries['envelope.bin']!, 'header.json': opened.entries['header.json']! }), reason: 'container', es: 'header.json y envelope.bin deben ser las dos primeras entradas' },
  { name: 'header.json that is not JSON', bytes: () => repack({ ...opened.entries, 'header.json': Buffer.from('{') }), reason: 'manifest', es: /^header\.json no es válido: \S/ },
  { name: 'header.json missing its fields', bytes: () => repack({ ...opened.entries, 'header.json': Buffer.from('{}') }), reason: 'manifest', es: /^header\.json no es válido: format: / },
  { name: 'header.json that is a list', bytes: () => repack({ ...opened.entries, 'header.json': Buffer.from('[]') }), reason: 'manifest', es: /^header\.json no es válido: \(raíz\): / },
  {
    name: 'an envelope from another package',
    bytes: async () => repack({ ...opened.entries, 'envelope.bin': (await openEnvelope(keyOnly, panama)).entries['envelope.bin']! }),
    reason: 'manifest',
    es: 'envelope.bin no se puede descifrar: el archivo fue alterado o sus partes vienen de paquetes distintos',
  },
  { name: 'an envelope holding a signature only', bytes: () => resealEnvelope(opened, new Uint8Array(0), opened.signature), reason: 'manifest', es: 'envelope.bin no contiene ningún manifiesto' },
  { name: 'a manifest missing its fields', bytes: () => resealEnvelope(opened, Buffer.from('{}'), opened.signature), reason: 'manifest', es: /^el manifiesto no es válido: format: / },
  { name: 'a version-1 manifest', bytes: () => resigned(opened, (manifest) => ({ ...manifest, version: 1 })), reason: 'manifest', es: 'manifiesto de versión 1 dentro de un contenedor de versión 2' },
  { name: 'a manifest of another header.json', bytes: () => resigned(opened, (manifest) => ({ ...manifest, clearHeaderSha256: '0'.repeat(64) })), reason: 'manifest', es: 'el manifiesto no cubre este header.json' },
  { name: 'a manifest of another package', bytes: () => resigned(opened, (manifest) => ({ ...manifest, header: { ...manifest.header, packageId: '0'.repeat(32) } })), reason: 'manifest', es: 'el manifiesto pertenece a otro paquete' },
  {
    name: 'a part kind listed twice',
    bytes: () => resigned(opened, (manifest) => ({ ...manifest, parts: [manifest.parts[0]!, { ...manifest.parts[0]!, name: 'parts/2.bin' }] })),
    reason: 'manifest',
    es: 'un tipo de parte figura dos veces',
  },
  { name: 'parts named out of order', bytes: () => resigned(opened, (manifest) => ({ ...manifest, parts: [{ ...manifest.parts[0]!, name: 'parts/2.bin' }] })), reason: 'manifest', es: 'las partes no se llaman parts/1.bin, parts/2.bin, … en ese orden' },
  {
    name: 'parts declaring more than the inflation cap',
    bytes: () => resigned(opened, (manifest) => ({ ...manifest, parts: [manifest.parts[0]!, { ...manifest.parts[0]!, kind: 'accounts', name: 'parts/2.bin', plainSize: 1_000_000_000 }, { ...manifest.parts[0]!, kind: 'parties', name: 'parts/3.bin', plainSize: 1_000_000_000 }] })),
    reason: 'manifest',
    es: new RegExp(`^las partes declaran ${2_000_000_000 + opened.manifest.parts[0]!.plainSize} bytes una vez descomprimidas, por encima del límite de 1073741824 bytes$`),
  },
  {
    name: 'a sender fingerprint of another key',
    bytes: () => resigned(opened, (manifest) => ({ ...manifest, sender: { ...manifest.sender, fingerprint: fingerprintOf(stranger.signingPublicKey, stranger.agreementPublicKey) } })),
    reason: 'signature',
    es: 'la huella del remitente no corresponde a sus llaves',
  },
  { name: 'a forged signature', bytes: () => resealEnvelope(opened, opened.manifestBytes, new Uint8Array(64).fill(7)), reason: 'signature', es: 'la firma del manifiesto no es válida' },
  {
    name: 'a key the key book holds for another unit',
    bytes: () => both,
    options: { keyBook: [{ ...publicKeysOf(colombia), unit: 'UIF Honduras', verified: true }] },
    reason: 'signer-mismatch',
    es: 'firmado con la llave que su libreta de llaves tiene para «UIF Honduras», pero el paquete dice venir de «UIAF Colombia»',
  },
  { name: 'a signer missing from the key book', bytes: () => both, options: { keyBook: [] }, reason: 'unknown-signer', es: 'firmado por «UIAF Colombia», cuya llave no está en su libreta de llaves' },
  {
    name: 'a signer whose unit the key book knows under another key',
    bytes: () => both,
    options: { keyBook: [publicKeysOf(otherColombia)] },
    reason: 'unknown-signer',
    es: `firmado con una llave de «UIAF Colombia» distinta de la que tiene su libreta de llaves (${fingerprintOf(otherColombia.signingPublicKey, otherColombia.agreementPublicKey)})`,
  },
  {
    name: 'a part the manifest does not list',
    bytes: () => repack({ ...opened.entries, 'parts/2.bin': new Uint8Array([1, 2, 3]) }),
    reason: 'integrity',
    es: 'las partes del archivo (parts/1.bin, parts/2.bin) no son las que lista el manifiesto (parts/1.bin)',
  },
  { name: 'no part at all', bytes: () => repack({ 'header.json': opened.entries['header.json']!, 'envelope.bin': opened.entries['envelope.bin']! }), reason: 'integrity', es: 'las partes del archivo (ninguna) no son las que lista el manifiesto (parts/1.bin)' },
  {
    name: 'a part changed after signing',
    bytes: () => repack({ ...opened.entries, 'parts/1.bin': opened.entries['parts/1.bin']!.map((byte, index) => (index === 0 ? byte ^ 1 : byte)) }),
    reason: 'integrity',
    es: 'parts/1.bin no coincide con el SHA-256 que registra el manifiesto',
  },
  { name: 'an expired package', bytes: () => both, options: { now: HEADER.expiresAt + 1 }, reason: 'expired', es: `el paquete venció el ${expiry}` },
  { name: 'a wrong passphrase', bytes: () => both, options: { passphrase: 'una frase equivocada 2026' }, reason: 'wrong-passphrase', es: 'la frase de paso es incorrecta' },
  { name: 'no passphrase and no unit key', bytes: () => both, options: { passphrase: undefined, ownKeys: [] }, reason: 'passphrase-required', es: 'ingrese la frase de paso' },
  { name: 'a passphrase for a key-only package', bytes: () => keyOnly, options: { ownKeys: [] }, reason: 'not-a-recipient', es: 'este paquete no está protegido con frase de paso; ábralo con la llave de su unidad' },
  { name: 'a key-only package and no unit key', bytes: () => keyOnly, options: { passphrase: undefined, ownKeys: [] }, reason: 'not-a-recipient', es: 'este paquete está dirigido a otras unidades' },
  { name: 'a key-only package for another unit', bytes: () => keyOnly, options: { passphrase: undefined, ownKeys: [stranger] }, reason: 'not-a-recipient', es: 'este paquete está dirigido a otra llave, no a su llave' },
  { name: 'a passphrase-only package opened by key', bytes: () => passphraseOnly, options: { passphrase: undefined, ownKeys: [stranger] }, reason: 'passphrase-required', es: 'este paquete está dirigido a quien tenga la frase de paso, no a su llave' },
  {
    name: 'a key wrap the private key cannot open',
    bytes: () => keyOnly,
    options: { passphrase: undefined, ownKeys: [{ ...panama, agreementSecretKey: stranger.agreementSecretKey }] },
    reason: 'wrong-key',
    es: 'la llave envuelta para su unidad no se puede abrir con su llave privada',
  },
  { name: 'a part inflating past its declared size', bytes: () => withPart(opened, { compressed: deflateSync(new Uint8Array(1_000_000)) }, { plainSize: 300 }), reason: 'content', es: 'parts/1.bin no se puede descifrar: se descomprime en más de los 300 bytes que declara el manifiesto' },
  { name: 'a part shorter than declared', bytes: () => withPart(opened, { compressed: deflateSync(new Uint8Array(10)) }, { plainSize: 20 }), reason: 'content', es: 'parts/1.bin no se puede descifrar: se esperaban 20 bytes y se obtuvieron 10' },
  { name: 'a part that is not JSON', bytes: () => withPart(opened, { compressed: deflateSync(Buffer.from('{')) }, { plainSize: 1 }), reason: 'content', es: /^parts\/1\.bin no se puede descifrar: \S/ },
  { name: 'a part whose record breaks the schema', bytes: () => withPart(opened, { plain: [{ id: 5 }] }), reason: 'content', es: /^parts\/1\.bin: contenido no válido en 0\.id: / },
  { name: 'a part with fewer records than declared', bytes: () => withPart(opened, { plain: records }, { records: records.length + 1 }), reason: 'content', es: `parts/1.bin contiene ${records.length} registros; el manifiesto indica ${records.length + 1}` },
  {
    name: 'a part repeating a record id',
    bytes: () => withPart(opened, { plain: [records[0], records[0]] }, { records: 2 }),
    reason: 'content',
    es: `parts/1.bin (transacciones): el registro 2 repite el id '${records[0]!.id}' del registro 1; un paquete contiene cada registro una sola vez`,
  },
];

describe('every refusal detail reads in Spanish', () => {
  it.each(CASES)('$name', async ({ bytes, options: extra, reason, es }) => {
    const error = await openPackage(await bytes(), { ...options, ...extra }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const refused = expectSpanishDetail(error);
    expect(refused.reason).toBe(reason);
    if (typeof es === 'string') expect(refused.detailEs).toBe(es);
    else expect(refused.detailEs).toMatch(es);
    // English stays what the CLI, logs and tests have always read.
    expect(refused.message).toBe(`package refused (${reason}): ${refused.detail}`);
  });

  it('covers every refusal reason', () => {
    expect(new Set(CASES.map((entry) => entry.reason))).toEqual(new Set(REFUSAL_REASONS));
  });

  it('shows the detail in the session language, English where no Spanish exists', () => {
    const refusal = { detail: 'the passphrase is wrong', detailEs: 'la frase de paso es incorrecta' };
    expect(refusalDetailIn('es', refusal)).toBe('la frase de paso es incorrecta');
    expect(refusalDetailIn('en', refusal)).toBe('the passphrase is wrong');
    expect(refusalDetailIn('es', { detail: 'the worker stopped' })).toBe('the worker stopped');
  });

  it('flags an English frame left in a Spanish detail, but not quoted library text', () => {
    expect(untranslatedWords('the manifest signature is invalid', 'la firma del manifest is invalid')).toEqual(['manifest', 'is', 'invalid']);
    expect(untranslatedWords('parts/1.bin: 0.id: Invalid input', 'parts/1.bin: invalid content at 0.id: Invalid input')).toEqual(['invalid', 'content', 'at']);
    expect(untranslatedWords('the package expired on 2026-01-01', 'the package expired on 2026-01-01')).toEqual(['the', 'package', 'expired', 'on']);
    expect(untranslatedWords('header.json is invalid: format: Invalid input', 'header.json no es válido: format: Invalid input')).toEqual([]);
    expect(untranslatedWords('not a readable .caudal zip (invalid zip data)', 'no es un zip .caudal legible (invalid zip data)')).toEqual([]);
  });
});
