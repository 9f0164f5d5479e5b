import { x25519 } from '@noble/curves/ed25519.js';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { ClearHeaderSchema, ManifestSchema, envelopeAad, fingerprintOf, fromHex, recipientKek, wrapAad, type ClearHeader, type Manifest, type UnitKeyPair } from '../../../shared/package';
import { aesGcmDecrypt, aesGcmEncrypt } from '../../../shared/package/webcrypto';

/**
 * What an attacker who can open a package (a recipient) holds: every entry,
 * the clear header, the content key, the signed manifest and its signature.
 * Tests use it to forge packages and check that the reader still refuses them.
 */
export interface OpenedEnvelope {
  entries: Record<string, Uint8Array>;
  clear: ClearHeader;
  contentKey: Uint8Array;
  signature: Uint8Array;
  manifestBytes: Uint8Array;
  manifest: Manifest;
}

export async function openEnvelope(bytes: Uint8Array, recipient: UnitKeyPair): Promise<OpenedEnvelope> {
  const entries = unzipSync(bytes);
  const clearBytes = entries['header.json']!;
  const clear = ClearHeaderSchema.parse(JSON.parse(Buffer.from(clearBytes).toString('utf8')));
  const fingerprint = fingerprintOf(recipient.signingPublicKey, recipient.agreementPublicKey);
  const wrap = clear.encryption.recipients.find((entry) => entry.fingerprint === fingerprint)!;
  const ephemeral = fromHex(wrap.ephemeralKey, 32);
  const kek = recipientKek(x25519.getSharedSecret(recipient.agreementSecretKey, ephemeral), ephemeral, recipient.agreementPublicKey, clear.packageId);
  const contentKey = await aesGcmDecrypt(kek, fromHex(wrap.iv, 12), fromHex(wrap.wrappedKey, 48), wrapAad('recipient', clear.packageId, fingerprint));
  const sealed = await aesGcmDecrypt(contentKey, fromHex(clear.envelopeIv, 12), entries['envelope.bin']!, envelopeAad(clearBytes));
  const manifestBytes = sealed.slice(64);
  return { entries, clear, contentKey, signature: sealed.slice(0, 64), manifestBytes, manifest: ManifestSchema.parse(JSON.parse(Buffer.from(manifestBytes).toString('utf8'))) };
}

/** Re-packs entries canonically, as an attacker with a zip library would. */
export function repack(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { level: 0, mtime: new Date(1980, 0, 1, 12, 0, 0) }];
  return zipSync(files, { level: 0 });
}

/** Seals a (possibly edited) manifest and signature back into the package, correctly encrypted under its content key. */
export async function resealEnvelope(opened: OpenedEnvelope, manifestBytes: Uint8Array, signature: Uint8Array, parts: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const clearBytes = opened.entries['header.json']!;
  const envelope = await aesGcmEncrypt(opened.contentKey, fromHex(opened.clear.envelopeIv, 12), Buffer.concat([signature, manifestBytes]), envelopeAad(clearBytes));
  const others = Object.fromEntries(Object.entries(opened.entries).filter(([name]) => name !== 'header.json' && name !== 'envelope.bin'));
  return repack({ 'header.json': clearBytes, 'envelope.bin': envelope, ...(Object.keys(parts).length > 0 ? parts : others) });
}
