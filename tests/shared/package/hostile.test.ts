import { ed25519 } from '@noble/curves/ed25519.js';
import { deflateSync, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_ZIP_ENTRIES,
  PackageRefusal,
  boundedInflate,
  buildPackage,
  checkZipBounds,
  defaultPolicy,
  fromHex,
  generateUnitKeyPair,
  manifestBinding,
  openPackage,
  partAad,
  pbkdf2Sha256,
  publicKeysOf,
  randomBytes,
  sanitise,
  sha256Hex,
  wrapAad,
  type KeyBookEntry,
  type Manifest,
  type OpenPackageOptions,
  type RefusalReason,
} from '../../../shared/package';
import { aesGcmDecrypt, aesGcmEncrypt } from '../../../shared/package/webcrypto';
import { HEADER, NOW, demoDataset } from './fixtures';

const PASSPHRASE = 'hostile partner passphrase 2026';
const colombia = generateUnitKeyPair('UIAF Colombia', NOW);
// Honduras's unit is in Panama's key book under its own label, fingerprint confirmed by phone.
const honduras = generateUnitKeyPair('UIF Honduras', NOW);
const panamaKeyBook: KeyBookEntry[] = [
  { ...publicKeysOf(colombia), verified: true },
  { ...publicKeysOf(honduras), verified: true },
];

function repack(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { level: 0, mtime: new Date(1980, 0, 1, 12, 0, 0) }];
  return zipSync(files, { level: 0 });
}

async function refusal(bytes: Uint8Array, options: Partial<OpenPackageOptions> = {}): Promise<{ reason: RefusalReason | 'accepted'; detail: string }> {
  try {
    await openPackage(bytes, { keyBook: panamaKeyBook, passphrase: PASSPHRASE, now: NOW, ...options });
    return { reason: 'accepted', detail: '' };
  } catch (error) {
    expect(error).toBeInstanceOf(PackageRefusal);
    return { reason: (error as PackageRefusal).reason, detail: (error as PackageRefusal).detail };
  }
}

async function packageFrom(sender: typeof colombia, header = HEADER) {
  const selection = { parties: [], accounts: [], transactions: ['T-1'], shipments: [], alerts: [], charts: [] };
  const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  return buildPackage({ header, content, policy: defaultPolicy(), sender, passphrase: PASSPHRASE });
}

describe('signer identity comes from the key book only', () => {
  it('flags a key-book partner that signs as another unit, and never shows it as verified', async () => {
    // Honduras makes a key pair whose manifest names Colombia — the key book knows that key as Honduras.
    const impostor = { ...honduras, unit: 'UIAF Colombia' };
    const forged = await packageFrom(impostor);
    const refused = await refusal(forged.bytes);
    expect(refused.reason).toBe('signer-mismatch');
    expect(refused.detail).toContain('UIF Honduras');
    expect(refused.detail).toContain('UIAF Colombia');
    // Accepted only on explicit request, then named by the key book and marked as a mismatch.
    const opened = await openPackage(forged.bytes, { keyBook: panamaKeyBook, passphrase: PASSPHRASE, now: NOW, acceptUnknownSigner: true });
    expect(opened.signer).toMatchObject({ unit: 'UIF Honduras', claimedUnit: 'UIAF Colombia', trust: 'mismatch' });

    // The same key with an honest sender but a header claiming another originating unit: also a mismatch.
    const claimsOrigin = await packageFrom(honduras, { ...HEADER, originatingUnit: 'UIAF Colombia' });
    expect((await refusal(claimsOrigin.bytes)).reason).toBe('signer-mismatch');
  });

  it('shows verified only for a confirmed key-book entry whose label matches every claim', async () => {
    const honest = await packageFrom(colombia);
    expect((await openPackage(honest.bytes, { keyBook: panamaKeyBook, passphrase: PASSPHRASE, now: NOW })).signer.trust).toBe('verified');
    const unconfirmed = panamaKeyBook.map((entry) => ({ ...entry, verified: false }));
    expect((await openPackage(honest.bytes, { keyBook: unconfirmed, passphrase: PASSPHRASE, now: NOW })).signer.trust).toBe('unverified');
    // The key book's own label wins over the manifest's spelling of the name.
    const relabelled = [{ ...publicKeysOf(colombia), unit: 'uiaf  COLOMBIA', verified: true }];
    expect((await openPackage(honest.bytes, { keyBook: relabelled, passphrase: PASSPHRASE, now: NOW })).signer).toMatchObject({ unit: 'uiaf  COLOMBIA', trust: 'verified' });
    const stranger = await openPackage(honest.bytes, { keyBook: [], passphrase: PASSPHRASE, now: NOW, acceptUnknownSigner: true });
    expect(stranger.signer.trust).toBe('unknown');
  });
});

/** A package whose one part holds `plain` deflated, declaring `declared` inflated bytes, signed by a key-book partner. */
async function packageWithPart(compressed: Uint8Array, declared: number): Promise<Uint8Array> {
  const honest = await packageFrom(colombia);
  const entries = unzipSync(honest.bytes);
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as Manifest;
  const wrap = manifest.encryption.passphrase!;
  const kek = await pbkdf2Sha256(PASSPHRASE, fromHex(wrap.salt, 16), wrap.iterations, 32);
  const contentKey = await aesGcmDecrypt(kek, fromHex(wrap.iv, 12), fromHex(wrap.wrappedKey, 48), wrapAad('passphrase', manifest.header.packageId));
  const part = manifest.parts[0]!;
  const ciphertext = await aesGcmEncrypt(contentKey, fromHex(part.iv, 12), compressed, partAad(manifestBinding(manifest), part.name));
  const changed: Manifest = { ...manifest, parts: [{ ...part, sha256: sha256Hex(ciphertext), size: ciphertext.length, plainSize: declared }] };
  const manifestBytes = Buffer.from(`${JSON.stringify(changed, null, 2)}\n`);
  const signature = ed25519.sign(Buffer.concat([Buffer.from('CAUDAL-PACKAGE-MANIFEST-V1\n'), manifestBytes]), colombia.signingSecretKey);
  return repack({ 'manifest.json': manifestBytes, 'manifest.sig': signature, [part.name]: ciphertext });
}

describe('bounded opening', () => {
  it('refuses a decompression bomb from a key-book partner after one slice, not after inflating it', async () => {
    // 64 MiB of zeros deflate to ~64 KB; the manifest declares 300 bytes.
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    const bytes = await packageWithPart(bomb, 300);
    const started = performance.now();
    const result = await refusal(bytes);
    const elapsed = performance.now() - started;
    expect(result.reason).toBe('content');
    expect(result.detail).toMatch(/more than the 300 bytes/);
    console.info(`decompression bomb (${bytes.length} bytes → 64 MiB) refused in ${elapsed.toFixed(0)} ms (includes 600,000 PBKDF2 iterations)`);
    // Directly: the inflater stops at the declared size however far the stream would go.
    expect(() => boundedInflate(bomb, 1_000_000, Number.POSITIVE_INFINITY)).toThrow(/more than the 1000000 bytes/);
    expect(() => boundedInflate(deflateSync(new Uint8Array(10)), 20, Number.POSITIVE_INFINITY)).toThrow(/expected 20 bytes, got 10/);
    expect(() => boundedInflate(bomb, 64 * 1024 * 1024, performance.now() - 1)).toThrow(/longer than the time allowed/);
  });

  it('refuses parts declaring more than the total inflation cap before decrypting anything', async () => {
    const bytes = await packageWithPart(deflateSync(new Uint8Array(10)), 999_999_999);
    const honest = unzipSync(bytes);
    const manifest = JSON.parse(Buffer.from(honest['manifest.json']!).toString('utf8')) as Manifest;
    // A second part of the same declared size pushes the total over 1 GiB.
    const second = { ...manifest.parts[0]!, kind: 'accounts' as const, name: 'parts/accounts.bin' };
    const changed: Manifest = { ...manifest, parts: [manifest.parts[0]!, second] };
    const manifestBytes = Buffer.from(`${JSON.stringify(changed, null, 2)}\n`);
    const signature = ed25519.sign(Buffer.concat([Buffer.from('CAUDAL-PACKAGE-MANIFEST-V1\n'), manifestBytes]), colombia.signingSecretKey);
    const part = honest[manifest.parts[0]!.name]!;
    const result = await refusal(repack({ 'manifest.json': manifestBytes, 'manifest.sig': signature, [manifest.parts[0]!.name]: part, 'parts/accounts.bin': part }));
    expect(result).toMatchObject({ reason: 'manifest' });
    expect(result.detail).toMatch(/above the 1073741824-byte limit/);
  });

  it('refuses ZIP64, too many entries and entries larger than the file at once, before fflate reads the directory', async () => {
    // The 98-byte ZIP64 file of the review: a ZIP64 end record claiming 2^32 entries, its locator and an end record of 0xffff.
    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeBigUInt64LE(0xffffffffn, 24);
    zip64End.writeBigUInt64LE(0xffffffffn, 32);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22, 0);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
    const zip64 = Buffer.concat([zip64End, locator, end]);
    expect(zip64.length).toBe(98);
    const started = performance.now();
    const result = await refusal(zip64);
    console.info(`98-byte ZIP64 file refused in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result).toMatchObject({ reason: 'container' });
    expect(result.detail).toContain('ZIP64 is not supported');

    const many: Zippable = {};
    for (let index = 0; index <= MAX_ZIP_ENTRIES; index++) many[`f${index}`] = [new Uint8Array(1), { level: 0 }];
    expect(() => checkZipBounds(zipSync(many, { level: 0 }))).toThrow(`${MAX_ZIP_ENTRIES + 1} entries`);

    // An entry whose central record claims 1 GiB while the file holds 3 bytes.
    const small = Buffer.from(zipSync({ a: [new Uint8Array([1, 2, 3]), { level: 0 }] }, { level: 0 }));
    const central = small.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    small.writeUInt32LE(1 << 30, central + 20);
    small.writeUInt32LE(1 << 30, central + 24);
    expect(() => checkZipBounds(small)).toThrow(/entry a declares 1073741824 bytes/);
  });
});
