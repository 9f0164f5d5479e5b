import { ed25519 } from '@noble/curves/ed25519.js';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildPackage,
  defaultPolicy,
  generateUnitKeyPair,
  importPackage,
  openPackage,
  publicKeysOf,
  randomBytes,
  sanitise,
  type OpenPackageOptions,
  type PackageStore,
  type RefusalReason,
} from '../../../shared/package';
import { openEnvelope, repack, resealEnvelope } from './envelope';
import { HEADER, NOW, demoDataset } from './fixtures';
import { expectSpanishDetail } from './spanishDetail';

const PASSPHRASE = 'tamper-evident passphrase';
const sender = generateUnitKeyPair('UIAF Colombia', NOW);
const recipient = generateUnitKeyPair('UAF Panamá', NOW);
const stranger = generateUnitKeyPair('UIF Honduras', NOW);
const keyBook = [publicKeysOf(sender)];

async function smallPackage(transactions = ['T-1']) {
  const selection = { parties: [], accounts: [], transactions, shipments: [], alerts: [], charts: [] };
  const { content } = sanitise({ dataset: demoDataset(), alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  return buildPackage({ header: HEADER, content, policy: defaultPolicy(), sender, passphrase: PASSPHRASE, recipients: [publicKeysOf(recipient)] });
}

/** Imports through a store that records writes: a refused package must leave it empty, and its detail must read in Spanish too. */
async function refusalOf(bytes: Uint8Array, options: Partial<OpenPackageOptions> = {}): Promise<RefusalReason | 'accepted'> {
  let writes = 0;
  const store: PackageStore = { saveReceived: async () => { writes++; return 'case'; } };
  try {
    await importPackage(bytes, 'x.caudal', { keyBook, passphrase: PASSPHRASE, now: NOW, ...options }, store);
    return 'accepted';
  } catch (error) {
    expect(writes).toBe(0);
    return expectSpanishDetail(error).reason;
  }
}


describe('tampered, truncated and wrongly keyed packages', () => {
  it('refuses the package after flipping EVERY single byte position, one at a time, and imports nothing', async () => {
    const built = await smallPackage();
    expect(await refusalOf(built.bytes)).toBe('accepted');
    const reasons = new Map<string, number>();
    // Every position, no sampling: the package is about 3 KB; a flip never reaches the KDF, so this stays quick.
    for (let position = 0; position < built.bytes.length; position++) {
      const tampered = built.bytes.slice();
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      const reason = await refusalOf(tampered);
      expect(reason, `byte ${position} of ${built.bytes.length}`).not.toBe('accepted');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    // Also the other bit pattern at every position: a whole-byte inversion.
    for (let position = 0; position < built.bytes.length; position++) {
      const tampered = built.bytes.slice();
      tampered[position] = (tampered[position] ?? 0) ^ 0xff;
      expect(await refusalOf(tampered), `byte ${position} inverted`).not.toBe('accepted');
    }
    expect(built.bytes.length).toBeGreaterThan(1000);
    expect([...reasons.keys()].sort()).toEqual(['container']);
  });

  it('refuses after flipping every byte of every entry when the attacker re-zips canonically (header, envelope and hash layers)', async () => {
    const built = await smallPackage();
    const entries = unzipSync(built.bytes);
    const reasons = new Map<string, number>();
    let flips = 0;
    // Opened with the recipient's key (no PBKDF2 per flip): a flip in a key wrap then fails as wrong-key or not-a-recipient.
    const byKey = { passphrase: undefined, ownKeys: [recipient] };
    for (const [name, data] of Object.entries(entries)) {
      for (let position = 0; position < data.length; position++) {
        const changed = data.slice();
        changed[position] = (changed[position] ?? 0) ^ 0x04;
        const reason = await refusalOf(repack({ ...entries, [name]: changed }), byKey);
        expect(reason, `${name} byte ${position}`).not.toBe('accepted');
        reasons.set(`${name}:${reason}`, (reasons.get(`${name}:${reason}`) ?? 0) + 1);
        flips++;
      }
    }
    expect(flips).toBeGreaterThan(1000);
    // Every byte of the encrypted, signed manifest is covered by its GCM tag.
    expect(reasons.get('envelope.bin:manifest')).toBe(entries['envelope.bin']!.length);
    expect([...reasons.keys()].filter((key) => key.startsWith('parts/')).map((key) => key.split(':')[1])).toEqual(['integrity']);
  });

  it('refuses altered content that was re-zipped cleanly, even by a recipient holding the content key: manifest edit, part edit, extra or missing part', async () => {
    const built = await smallPackage();
    const opened = await openEnvelope(built.bytes, recipient);
    const byKey = { passphrase: undefined, ownKeys: [recipient] };
    expect(await refusalOf(await resealEnvelope(opened, opened.manifestBytes, opened.signature), byKey)).toBe('accepted');

    const manifestText = Buffer.from(opened.manifestBytes).toString('utf8');
    const longerExpiry = Buffer.from(manifestText.replace(/"expiresAt": \d+/, '"expiresAt": 99999999999999'), 'utf8');
    expect(await refusalOf(await resealEnvelope(opened, longerExpiry, opened.signature), byKey)).toBe('signature');

    const partName = Object.keys(opened.entries).find((name) => name.startsWith('parts/'))!;
    const flippedPart = opened.entries[partName]!.slice();
    flippedPart[20] = (flippedPart[20] ?? 0) ^ 0x80;
    expect(await refusalOf(repack({ ...opened.entries, [partName]: flippedPart }), byKey)).toBe('integrity');

    expect(await refusalOf(repack({ ...opened.entries, 'parts/9.bin': new Uint8Array([1, 2, 3]) }), byKey)).toBe('integrity');
    const withoutPart = { ...opened.entries };
    delete withoutPart[partName];
    expect(await refusalOf(repack(withoutPart), byKey)).toBe('integrity');
  });

  it('refuses a swapped envelope, a re-signed manifest and an unknown signer unless explicitly accepted', async () => {
    const first = await smallPackage(['T-1']);
    const second = await smallPackage(['T-2']);
    const a = unzipSync(first.bytes);
    const b = unzipSync(second.bytes);
    expect(await refusalOf(repack({ ...a, 'envelope.bin': b['envelope.bin']! }))).toBe('manifest');

    // A recipient re-signs with their own key but keeps the sender's name and keys in the manifest.
    const opened = await openEnvelope(first.bytes, recipient);
    const forged = ed25519.sign(Buffer.concat([Buffer.from('CAUDAL-PACKAGE-MANIFEST-V2\n'), Buffer.from(opened.manifestBytes)]), stranger.signingSecretKey);
    expect(await refusalOf(await resealEnvelope(opened, opened.manifestBytes, forged))).toBe('signature');

    // A sender not in the key book: refused, then accepted only on explicit request and flagged as unknown.
    expect(await refusalOf(first.bytes, { keyBook: [] })).toBe('unknown-signer');
    const accepted = await openPackage(first.bytes, { keyBook: [], acceptUnknownSigner: true, passphrase: PASSPHRASE, now: NOW });
    expect(accepted.signer.known).toBe(false);
  });

  it('shows nothing but format, version, package id and key wraps without a key', async () => {
    const built = await smallPackage();
    const entries = unzipSync(built.bytes);
    expect(Object.keys(entries)).toEqual(['header.json', 'envelope.bin', 'parts/1.bin']);
    const clear = JSON.parse(Buffer.from(entries['header.json']!).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(clear).sort()).toEqual(['encryption', 'envelopeIv', 'format', 'packageId', 'version']);
    const text = Buffer.from(built.bytes).toString('latin1');
    for (const secret of [HEADER.purpose, HEADER.reference, HEADER.contact, HEADER.legalBasis, 'UIAF Colombia', 'UAF Panam', 'transactions', 'RESERVADO']) expect(text).not.toContain(secret);
    expect(built.fileName).not.toContain(HEADER.reference);
  });

  it('refuses a wrong passphrase, a missing passphrase, another unit’s key and a wrong private key', async () => {
    const built = await smallPackage();
    expect(await refusalOf(built.bytes, { passphrase: 'tamper-evident passphrasf' })).toBe('wrong-passphrase');
    expect(await refusalOf(built.bytes, { passphrase: undefined })).toBe('passphrase-required');
    expect(await refusalOf(built.bytes, { passphrase: undefined, ownKeys: [stranger] })).toBe('passphrase-required');
    expect(await refusalOf(built.bytes, { passphrase: undefined, ownKeys: [recipient] })).toBe('accepted');
    // The recipient's public keys but someone else's private key (a corrupted key book entry).
    expect(await refusalOf(built.bytes, { passphrase: undefined, ownKeys: [{ ...recipient, agreementSecretKey: stranger.agreementSecretKey }] })).toBe('wrong-key');

    const keyOnly = await buildPackage({ header: HEADER, content: (await openPackage(built.bytes, { keyBook, passphrase: PASSPHRASE, now: NOW })).content, policy: defaultPolicy(), sender, recipients: [publicKeysOf(recipient)] });
    expect(await refusalOf(keyOnly.bytes, { passphrase: undefined, ownKeys: [stranger] })).toBe('not-a-recipient');
    // A passphrase typed for a key-only package does not stand in the way of the unit's own key.
    expect(await refusalOf(keyOnly.bytes, { passphrase: 'typed out of habit', ownKeys: [recipient] })).toBe('accepted');
    expect(await refusalOf(keyOnly.bytes, { passphrase: 'typed out of habit' })).toBe('not-a-recipient');
  });

  it('refuses truncated packages and expired ones', async () => {
    const built = await smallPackage();
    for (const length of [0, 1, 22, 100, built.bytes.length / 2, built.bytes.length - 22, built.bytes.length - 1]) {
      expect(await refusalOf(built.bytes.slice(0, Math.floor(length))), `truncated to ${length}`).toBe('container');
    }
    expect(await refusalOf(Buffer.concat([built.bytes, Buffer.from([0])]))).toBe('container');
    expect(await refusalOf(built.bytes, { now: HEADER.expiresAt + 1 })).toBe('expired');
  });
});
