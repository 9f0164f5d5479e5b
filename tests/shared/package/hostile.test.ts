import { deflateSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_ZIP_ENTRIES,
  boundedInflate,
  buildPackage,
  checkZipBounds,
  defaultPolicy,
  fromHex,
  generateUnitKeyPair,
  manifestBinding,
  signManifest,
  openPackage,
  partAad,
  publicKeysOf,
  randomBytes,
  sanitise,
  sha256Hex,
  type KeyBookEntry,
  type Manifest,
  type OpenPackageOptions,
  type RefusalReason,
} from '../../../shared/package';
import { aesGcmEncrypt } from '../../../shared/package/webcrypto';
import { openEnvelope, resealEnvelope } from './envelope';
import { HEADER, NOW, demoDataset } from './fixtures';
import { expectSpanishDetail } from './spanishDetail';

const PASSPHRASE = 'hostile partner passphrase 2026';
const colombia = generateUnitKeyPair('UIAF Colombia', NOW);
// Honduras's unit is in Panama's key book under its own label, fingerprint confirmed by phone.
const honduras = generateUnitKeyPair('UIF Honduras', NOW);
const panama = generateUnitKeyPair('UAF Panamá', NOW);
const panamaKeyBook: KeyBookEntry[] = [
  { ...publicKeysOf(colombia), verified: true },
  { ...publicKeysOf(honduras), verified: true },
];

/** Every refusal here must also read in Spanish (see spanishDetail.ts). */
async function refusal(bytes: Uint8Array, options: Partial<OpenPackageOptions> = {}): Promise<{ reason: RefusalReason | 'accepted'; detail: string; detailEs: string }> {
  try {
    await openPackage(bytes, { keyBook: panamaKeyBook, passphrase: PASSPHRASE, ownKeys: [panama], now: NOW, ...options });
    return { reason: 'accepted', detail: '', detailEs: '' };
  } catch (error) {
    const refused = expectSpanishDetail(error);
    return { reason: refused.reason, detail: refused.detail, detailEs: refused.detailEs };
  }
}

async function packageFrom(sender: typeof colombia, header = HEADER) {
  const selection = { parties: [], accounts: [], transactions: ['T-1'], shipments: [], alerts: [], charts: [] };
  const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  return buildPackage({ header, content, policy: defaultPolicy(), sender, passphrase: PASSPHRASE, recipients: [publicKeysOf(panama)] });
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
    expect(refused.detailEs).toBe('firmado con la llave que su libreta de llaves tiene para «UIF Honduras», pero el paquete dice venir de «UIAF Colombia»');
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

/** A package from a key-book partner whose one part holds `compressed`, declaring `declared` inflated bytes, correctly signed and sealed. */
async function packageWithParts(compressed: Uint8Array, declared: number, copies = 1): Promise<Uint8Array> {
  const honest = await packageFrom(colombia);
  const opened = await openEnvelope(honest.bytes, panama);
  const part = opened.manifest.parts[0]!;
  const kinds = ['transactions', 'accounts', 'parties'] as const;
  const parts: Manifest['parts'] = [];
  const files: Record<string, Uint8Array> = {};
  for (let index = 0; index < copies; index++) {
    const name = `parts/${index + 1}.bin`;
    const ciphertext = await aesGcmEncrypt(opened.contentKey, fromHex(part.iv, 12), compressed, partAad(manifestBinding(opened.manifest), name));
    parts.push({ ...part, kind: kinds[index]!, name, sha256: sha256Hex(ciphertext), size: ciphertext.length, plainSize: declared });
    files[name] = ciphertext;
  }
  const manifestBytes = Buffer.from(`${JSON.stringify({ ...opened.manifest, parts }, null, 2)}\n`);
  return resealEnvelope(opened, manifestBytes, signManifest(manifestBytes, colombia.signingSecretKey), files);
}

describe('bounded opening', () => {
  it('refuses a decompression bomb from a key-book partner after one slice, not after inflating it', async () => {
    // 64 MiB of zeros deflate to ~64 KB; the manifest declares 300 bytes.
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    const bytes = await packageWithParts(bomb, 300);
    const started = performance.now();
    const result = await refusal(bytes);
    const elapsed = performance.now() - started;
    expect(result.reason).toBe('content');
    expect(result.detail).toMatch(/more than the 300 bytes/);
    expect(result.detailEs).toBe('parts/1.bin no se puede descifrar: se descomprime en más de los 300 bytes que declara el manifiesto');
    console.info(`decompression bomb (${bytes.length} bytes → 64 MiB) refused in ${elapsed.toFixed(0)} ms (opened with the recipient key)`);
    // Directly: the inflater stops at the declared size however far the stream would go.
    expect(() => boundedInflate(bomb, 1_000_000, Number.POSITIVE_INFINITY)).toThrow(/more than the 1000000 bytes/);
    expect(() => boundedInflate(deflateSync(new Uint8Array(10)), 20, Number.POSITIVE_INFINITY)).toThrow(/expected 20 bytes, got 10/);
    expect(() => boundedInflate(bomb, 64 * 1024 * 1024, performance.now() - 1)).toThrow(/longer than the time allowed/);
  });

  it('refuses parts declaring more than the total inflation cap before decrypting any part', async () => {
    // Two parts of ~1e9 declared bytes each push the total over 1 GiB.
    const result = await refusal(await packageWithParts(deflateSync(new Uint8Array(10)), 999_999_999, 2));
    expect(result).toMatchObject({ reason: 'manifest' });
    expect(result.detail).toMatch(/above the 1073741824-byte limit/);
    expect(result.detailEs).toBe('las partes declaran 1999999998 bytes una vez descomprimidas, por encima del límite de 1073741824 bytes');
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
    expect(result.detailEs).toBe('no es un zip .caudal legible (no se admite ZIP64)');

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
