import { ed25519 } from '@noble/curves/ed25519.js';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  PackageRefusal,
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
import { HEADER, NOW, demoDataset } from './fixtures';

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

/** Imports through a store that records writes: a refused package must leave it empty. */
async function refusalOf(bytes: Uint8Array, options: Partial<OpenPackageOptions> = {}): Promise<RefusalReason | 'accepted'> {
  let writes = 0;
  const store: PackageStore = { saveReceived: async () => { writes++; return 'case'; } };
  try {
    await importPackage(bytes, 'x.caudal', { keyBook, passphrase: PASSPHRASE, now: NOW, ...options }, store);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(PackageRefusal);
    expect(writes).toBe(0);
    return (error as PackageRefusal).reason;
  }
}

/** Re-packs entries in the canonical way (as an attacker with a zip library would), so only the content change is tested. */
function repack(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { level: 0, mtime: new Date(1980, 0, 1, 12, 0, 0) }];
  return zipSync(files, { level: 0 });
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

  it('refuses after flipping every byte of every entry when the attacker re-zips canonically (signature and hash layers)', async () => {
    const built = await smallPackage();
    const entries = unzipSync(built.bytes);
    const reasons = new Map<string, number>();
    let flips = 0;
    for (const [name, data] of Object.entries(entries)) {
      for (let position = 0; position < data.length; position++) {
        const changed = data.slice();
        changed[position] = (changed[position] ?? 0) ^ 0x04;
        const reason = await refusalOf(repack({ ...entries, [name]: changed }));
        expect(reason, `${name} byte ${position}`).not.toBe('accepted');
        reasons.set(`${name}:${reason}`, (reasons.get(`${name}:${reason}`) ?? 0) + 1);
        flips++;
      }
    }
    expect(flips).toBeGreaterThan(1000);
    expect(reasons.get('manifest.sig:signature')).toBe(64);
    expect([...reasons.keys()].filter((key) => key.startsWith('parts/')).map((key) => key.split(':')[1])).toEqual(['integrity']);
  });

  it('refuses altered content that was re-zipped cleanly: manifest edit, part edit, extra or missing part', async () => {
    const built = await smallPackage();
    const entries = unzipSync(built.bytes);
    const manifestText = Buffer.from(entries['manifest.json']!).toString('utf8');

    const longerExpiry = { ...entries, 'manifest.json': Buffer.from(manifestText.replace(/"expiresAt": \d+/, '"expiresAt": 99999999999999'), 'utf8') };
    expect(await refusalOf(repack(longerExpiry))).toBe('signature');

    const partName = Object.keys(entries).find((name) => name.startsWith('parts/'))!;
    const flippedPart = entries[partName]!.slice();
    flippedPart[20] = (flippedPart[20] ?? 0) ^ 0x80;
    expect(await refusalOf(repack({ ...entries, [partName]: flippedPart }))).toBe('integrity');

    expect(await refusalOf(repack({ ...entries, 'parts/extra.bin': new Uint8Array([1, 2, 3]) }))).toBe('integrity');
    const withoutPart = { ...entries };
    delete withoutPart[partName];
    expect(await refusalOf(repack(withoutPart))).toBe('integrity');
  });

  it('refuses a swapped signature, a re-signed manifest and an unknown signer unless explicitly accepted', async () => {
    const first = await smallPackage(['T-1']);
    const second = await smallPackage(['T-2']);
    const a = unzipSync(first.bytes);
    const b = unzipSync(second.bytes);
    expect(await refusalOf(repack({ ...a, 'manifest.sig': b['manifest.sig']! }))).toBe('signature');

    // An attacker re-signs with their own key but keeps the sender's name and keys in the manifest.
    const forged = ed25519.sign(Buffer.concat([Buffer.from('CAUDAL-PACKAGE-MANIFEST-V1\n'), Buffer.from(a['manifest.json']!)]), stranger.signingSecretKey);
    expect(await refusalOf(repack({ ...a, 'manifest.sig': forged }))).toBe('signature');

    // A sender not in the key book: refused, then accepted only on explicit request and flagged as unknown.
    expect(await refusalOf(first.bytes, { keyBook: [] })).toBe('unknown-signer');
    const opened = await openPackage(first.bytes, { keyBook: [], acceptUnknownSigner: true, passphrase: PASSPHRASE, now: NOW });
    expect(opened.signer.known).toBe(false);
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
