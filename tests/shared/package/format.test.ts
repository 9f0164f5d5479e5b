import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, pbkdf2Sync, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPackage, canonicalJson, defaultPolicy, generateUnitKeyPair, publicKeysOf, randomBytes, sanitise } from '../../../shared/package';
import { FULL_SELECTION, HEADER, NOW, demoAlerts, demoCharts, demoDataset } from './fixtures';

/**
 * An independent reader written from docs/PACKAGE_FORMAT.md alone, on Node's
 * own crypto and zlib (not the engine's libraries): if the document and the
 * implementation ever disagree, this fails.
 */

const PASSPHRASE = 'lectura independiente del formato 2026';
const u16 = (bytes: Buffer, at: number) => bytes.readUInt16LE(at);
const u32 = (bytes: Buffer, at: number) => bytes.readUInt32LE(at);

function readCanonicalZip(file: Buffer): { name: string; data: Buffer }[] {
  const eocd = file.length - 22;
  expect(u32(file, eocd)).toBe(0x06054b50);
  expect(u16(file, eocd + 20)).toBe(0); // no comment: the file ends here
  const count = u16(file, eocd + 10);
  let central = u32(file, eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let index = 0; index < count; index++) {
    expect(u32(file, central)).toBe(0x02014b50);
    // made by 2.0, needs 2.0, flags 0, stored, time 0x6000, date 0x0021 (little-endian bytes).
    expect(file.subarray(central + 4, central + 16).toString('hex')).toBe('140014000000000000602100');
    const nameLength = u16(file, central + 28);
    expect(u16(file, central + 30)).toBe(0); // extra
    expect(u32(file, central + 38)).toBe(0); // external attributes
    const offset = u32(file, central + 42);
    const name = file.subarray(central + 46, central + 46 + nameLength).toString('latin1');
    expect(u32(file, offset)).toBe(0x04034b50);
    expect(file.subarray(offset + 4, offset + 14).toString('hex')).toBe('14000000000000602100');
    const size = u32(file, offset + 18);
    expect(u32(file, offset + 22)).toBe(size); // stored
    const start = offset + 30 + u16(file, offset + 26) + u16(file, offset + 28);
    entries.push({ name, data: file.subarray(start, start + size) });
    central += 46 + nameLength;
  }
  return entries;
}

const ed25519Public = (raw: Buffer) => createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
const x25519Public = (raw: Buffer) => createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), raw]), format: 'der', type: 'spki' });
const x25519Private = (raw: Uint8Array) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), Buffer.from(raw)]), format: 'der', type: 'pkcs8' });

function gcmDecrypt(key: Buffer, iv: Buffer, data: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}

describe('docs/PACKAGE_FORMAT.md, read by an independent implementation', () => {
  it('verifies, unwraps (passphrase and X25519) and decrypts exactly as documented', async () => {
    const sender = generateUnitKeyPair('UIAF Colombia', NOW);
    const recipient = generateUnitKeyPair('UAF Panamá', NOW);
    const { content } = sanitise({ dataset: demoDataset(), alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
    const built = await buildPackage({ header: HEADER, content, policy: defaultPolicy(), sender, passphrase: PASSPHRASE, recipients: [publicKeysOf(recipient)] });

    const entries = readCanonicalZip(Buffer.from(built.bytes));
    expect(entries.map((entry) => entry.name)).toEqual(['header.json', 'envelope.bin', 'parts/1.bin', 'parts/2.bin', 'parts/3.bin', 'parts/4.bin', 'parts/5.bin']);
    // §3 the clear header: nothing but format, version, package id, key wraps and KDF parameters.
    const clearBytes = entries[0]!.data;
    const clear = JSON.parse(clearBytes.toString('utf8'));
    expect(Object.keys(clear).sort()).toEqual(['encryption', 'envelopeIv', 'format', 'packageId', 'version']);
    expect(clear).toMatchObject({ format: 'caudal-package', version: 2 });
    const packageId = clear.packageId as string;

    // §5.1 passphrase.
    const wrap = clear.encryption.passphrase;
    const kek = pbkdf2Sync(Buffer.from(PASSPHRASE.normalize('NFC')), Buffer.from(wrap.salt, 'hex'), wrap.iterations, 32, 'sha256');
    const contentKey = gcmDecrypt(kek, Buffer.from(wrap.iv, 'hex'), Buffer.from(wrap.wrappedKey, 'hex'), Buffer.from(`CAUDAL-KEYWRAP-V1\npassphrase\n${packageId}`));

    // §5.2 recipient.
    const entry = clear.encryption.recipients[0];
    expect(Object.keys(entry).sort()).toEqual(['ephemeralKey', 'fingerprint', 'iv', 'wrappedKey']);
    const ephemeral = Buffer.from(entry.ephemeralKey, 'hex');
    const shared = diffieHellman({ privateKey: x25519Private(recipient.agreementSecretKey), publicKey: x25519Public(ephemeral) });
    const recipientKek = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, Buffer.from(recipient.agreementPublicKey)]), Buffer.from(`CAUDAL-KEYWRAP-V1 X25519\n${packageId}`), 32));
    const viaKey = gcmDecrypt(recipientKek, Buffer.from(entry.iv, 'hex'), Buffer.from(entry.wrappedKey, 'hex'), Buffer.from(`CAUDAL-KEYWRAP-V1\nrecipient\n${packageId}\n${entry.fingerprint}`));
    expect(viaKey.equals(contentKey)).toBe(true);

    // §4 envelope: signature ‖ manifest, bound to the clear header.
    const headerDigest = createHash('sha256').update(clearBytes).digest();
    const sealed = gcmDecrypt(contentKey, Buffer.from(clear.envelopeIv, 'hex'), entries[1]!.data, Buffer.concat([Buffer.from('CAUDAL-ENVELOPE-V2\n'), headerDigest]));
    const signature = sealed.subarray(0, 64);
    const manifestBytes = sealed.subarray(64);
    const manifest = JSON.parse(manifestBytes.toString('utf8'));
    expect(manifest.clearHeaderSha256).toBe(headerDigest.toString('hex'));
    expect(manifest.header.packageId).toBe(packageId);

    // §6 fingerprint, §4 signature.
    const signingKey = Buffer.from(manifest.sender.signingKey, 'hex');
    const agreementKey = Buffer.from(manifest.sender.agreementKey, 'hex');
    const fingerprint = createHash('sha256').update(Buffer.concat([Buffer.from('CAUDAL-KEY-FINGERPRINT-V1'), signingKey, agreementKey])).digest().subarray(0, 20).toString('hex');
    expect(fingerprint).toBe(manifest.sender.fingerprint);
    expect(verify(null, Buffer.concat([Buffer.from('CAUDAL-PACKAGE-MANIFEST-V2\n'), manifestBytes]), ed25519Public(signingKey), signature)).toBe(true);

    // §7 parts.
    const { format, version, header, sender: senderInfo, sanitisation, clearHeaderSha256 } = manifest;
    const binding = createHash('sha256').update(canonicalJson({ format, version, header, sender: senderInfo, sanitisation, clearHeaderSha256 })).digest();
    for (const part of manifest.parts) {
      const data = entries.find((candidate) => candidate.name === part.name)!.data;
      expect(createHash('sha256').update(data).digest('hex')).toBe(part.sha256);
      const aad = Buffer.concat([Buffer.from('CAUDAL-PART-V2\n'), binding, Buffer.from(`\n${part.name}`)]);
      const plain = inflateRawSync(gcmDecrypt(contentKey, Buffer.from(part.iv, 'hex'), data, aad));
      expect(plain.length).toBe(part.plainSize);
      const records = JSON.parse(plain.toString('utf8'));
      expect(records).toEqual(content[part.kind as keyof typeof content]);
      expect(records).toHaveLength(part.records);
    }

  });
});
