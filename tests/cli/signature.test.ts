import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySignatureCommand } from '../../cli/signature';
import { createSignatureFile, keyFingerprintOf, parseSignatureFile, sealAuditEntry, signatureFileText, verifySignatureFile, type AuditEntry, type AuditSigner, type SignatureFile } from '../../shared/audit';
import { auditToJsonLines } from '../../shared/audit/report';

/**
 * Detached signatures beside exports (issue 12) and `caudal verify-signature`,
 * played against someone who changes the exported chart and tries to make the
 * signature fit.
 */
const work = mkdtempSync(join(tmpdir(), 'caudal-sig-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function signer(name: string): AuditSigner {
  const secretKey = ed25519.utils.randomSecretKey();
  return { analyst: { id: `id-${name}`, name, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) }, secretKey };
}
const ana = signer('Ana Gómez');
const mallory = signer('Ana Gómez'); // same name, another key
const CHART = new TextEncoder().encode('%PDF-1.7\n… the chart the prosecutor reads …\n%%EOF\n');
const MANIFEST = new TextEncoder().encode('{"format":"caudal.analysis-manifest/1"}\n');

let counter = 0;
/** Writes a file, its manifest and its signature into a folder of their own; returns the file's path. */
function exported(options: { bytes?: Uint8Array; sig?: (signature: SignatureFile) => SignatureFile | string; manifest?: Uint8Array; by?: AuditSigner } = {}): string {
  counter += 1;
  const dir = mkdtempSync(join(work, `case-${counter}-`));
  const path = join(dir, 'UIAF-2026-0042-money.pdf');
  writeFileSync(path, options.bytes ?? CHART);
  writeFileSync(join(dir, 'UIAF-2026-0042-money.pdf.manifest.json'), options.manifest ?? MANIFEST);
  const signature = createSignatureFile(options.by ?? ana, 'UIAF-2026-0042-money.pdf', CHART, {
    signedAt: new Date(Date.UTC(2026, 11, 4, 21)),
    manifest: { file: 'UIAF-2026-0042-money.pdf.manifest.json', sha256: bytesToHex(sha256(MANIFEST)) },
  });
  const written = options.sig ? options.sig(signature) : signature;
  writeFileSync(`${path}.sig`, typeof written === 'string' ? written : signatureFileText(written));
  return path;
}

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = verifySignatureCommand(
    args,
    (text) => void (out += text),
    (text) => void (err += text),
  );
  return { code, out, err };
}

function trailOf(by: AuditSigner): string {
  const entries: AuditEntry[] = [];
  entries.push(sealAuditEntry(null, { action: 'analyst.create', caseId: null, params: { analystId: by.analyst.id, name: by.analyst.name, publicKey: by.analyst.publicKey } }, by, 1));
  entries.push(sealAuditEntry(entries[0] ?? null, { action: 'export.chart', caseId: 'c1', params: { fileName: 'x.pdf' }, outputs: [bytesToHex(sha256(CHART))] }, by, 2));
  const path = join(work, `trail-${by.analyst.publicKey.slice(0, 8)}.jsonl`);
  writeFileSync(path, auditToJsonLines(entries));
  return path;
}

describe('the signature file', () => {
  it('names the file, its size and hash, the analyst and the key fingerprint', () => {
    const signature = createSignatureFile(ana, 'chart.pdf', CHART, { signedAt: new Date(0) });
    expect(signature).toMatchObject({ format: 'caudal.detached-signature/1', algorithm: 'Ed25519', hash: 'SHA-256', file: 'chart.pdf', size: CHART.byteLength, sha256: bytesToHex(sha256(CHART)), analyst: { name: 'Ana Gómez' } });
    expect(signature.keyFingerprint).toBe(keyFingerprintOf(ana.analyst.publicKey));
    expect(verifySignatureFile(parseSignatureFile('chart.pdf.sig', signatureFileText(signature)), CHART, { trustedKeys: [ana.analyst.publicKey] })).toMatchObject({ ok: true, trusted: true });
  });
});

describe('caudal verify-signature', () => {
  it('accepts the untouched export and its manifest, and says when no trusted key was given', () => {
    const result = run([exported()]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^valid: .*UIAF-2026-0042-money\.pdf \(\d+ bytes, SHA-256 [0-9a-f]{64}\) signed by Ana Gómez, key fingerprint [0-9a-f]{64}/);
    expect(result.out).toMatch(/the analysis manifest .* is the one signed/);
    expect(result.err).toMatch(/not compared with a trusted one/);
    expect(run([exported(), '--key', ana.analyst.publicKey])).toMatchObject({ code: 0, err: '' });
    expect(run([exported(), '--key', keyFingerprintOf(ana.analyst.publicKey)]).code).toBe(0);
    expect(run([exported(), '--trail', trailOf(ana)])).toMatchObject({ code: 0, err: '' });
  });

  it('refuses a chart with one byte changed, or one byte added', () => {
    const changed = Uint8Array.from(CHART);
    changed[20] = (changed[20] ?? 0) ^ 0x01;
    const result = run([exported({ bytes: changed })]);
    expect(result.code).toBe(5);
    expect(result.err).toMatch(/UIAF-2026-0042-money\.pdf is not the file that was signed/);
    expect(run([exported({ bytes: new Uint8Array([...CHART, 0x0a]) })]).code).toBe(5);
  });

  it('refuses a changed manifest beside the chart', () => {
    const result = run([exported({ manifest: new TextEncoder().encode('{"format":"caudal.analysis-manifest/1","forged":true}\n') })]);
    expect(result.code).toBe(5);
    expect(result.err).toMatch(/manifest\.json has SHA-256 .* the signature is for/);
  });

  it('refuses a swapped key: the public key alone, the key and its fingerprint, or any signed field', () => {
    const keyOnly = run([exported({ sig: (s) => ({ ...s, analyst: { ...s.analyst, publicKey: mallory.analyst.publicKey } }) })]);
    expect(keyOnly).toMatchObject({ code: 5 });
    expect(keyOnly.err).toMatch(/fingerprint .* is not that of the public key/);
    const keyAndFingerprint = run([exported({ sig: (s) => ({ ...s, analyst: { ...s.analyst, publicKey: mallory.analyst.publicKey }, keyFingerprint: keyFingerprintOf(mallory.analyst.publicKey) }) })]);
    expect(keyAndFingerprint.code).toBe(5);
    expect(keyAndFingerprint.err).toMatch(/the signature does not verify/);
    expect(run([exported({ sig: (s) => ({ ...s, signedAt: '2026-01-01T00:00:00.000Z' }) })]).code).toBe(5);
    expect(run([exported({ sig: (s) => ({ ...s, analyst: { ...s.analyst, name: 'Luis Pérez' } }) })]).code).toBe(5);
  });

  it('a chart re-signed by another key passes only its own integrity check: against the analyst\'s key or trail it fails', () => {
    const forged = exported({ by: mallory });
    expect(run([forged]).code).toBe(0); // internally consistent …
    const againstKey = run([forged, '--key', ana.analyst.publicKey]);
    expect(againstKey.code).toBe(6);
    expect(againstKey.err).toMatch(/signed by a key that is not trusted here \(Ana Gómez, fingerprint/);
    expect(run([forged, '--trail', trailOf(ana)]).code).toBe(6);
  });

  it('refuses a truncated or malformed signature file, naming the file and field', () => {
    const text = (s: SignatureFile) => signatureFileText(s);
    const cut = run([exported({ sig: (s) => text(s).slice(0, 120) })]);
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/money\.pdf\.sig: not JSON .* cut short or damaged/);
    const shortSignature = run([exported({ sig: (s) => ({ ...s, signature: s.signature.slice(0, 100) }) })]);
    expect(shortSignature.code).toBe(1);
    expect(shortSignature.err).toMatch(/money\.pdf\.sig: field signature: an Ed25519 signature is 128 lowercase hex digits/);
    const extra = run([exported({ sig: (s) => JSON.stringify({ ...s, trusted: true }) })]);
    expect(extra.code).toBe(1);
    expect(extra.err).toMatch(/field trusted/);
    const empty = run([exported({ sig: () => '' })]);
    expect(empty.code).toBe(1);
  });

  it('refuses a broken trail rather than trusting its keys, and reports usage errors', () => {
    const trail = trailOf(ana);
    const lines = readFileSync(trail, 'utf8').split('\n');
    const edited = join(work, 'edited-trail.jsonl');
    writeFileSync(edited, [lines[0], (lines[1] ?? '').replace('x.pdf', 'y.pdf'), ''].join('\n'));
    const broken = run([exported(), '--trail', edited]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/edited-trail\.jsonl: the audit trail is broken at entry 2/);
    expect(run([]).code).toBe(64);
    expect(run([exported(), '--key', 'not-hex']).code).toBe(64);
    expect(run([join(work, 'missing.pdf')])).toMatchObject({ code: 1, err: expect.stringMatching(/missing\.pdf: file not found/) });
  });
});
