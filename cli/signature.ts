/**
 * `caudal verify-signature <file> [--sig FILE] [--key HEX]… [--trail audit.jsonl]`:
 * checks the detached signature the app saves beside an export (`<file>.sig`,
 * shared/audit/signatureFile.ts) and, when it names one, the analysis
 * manifest beside the file.
 *
 * Exit codes: 0 valid; 5 the file, its manifest or the signature file was
 * changed; 6 valid, but by a key that is not the trusted one; 1 error
 * (missing or malformed file, broken trail); 64 usage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSignatureFile, SIGNATURE_FILE_SUFFIX, SignatureFileError, verifyAuditChain, verifySignatureFile } from '../shared/audit';
import { parseAuditJsonLines } from '../shared/audit/report';

export const VERIFY_SIGNATURE_USAGE = `caudal verify-signature <file> [--sig FILE] [--key HEX]... [--trail audit.jsonl]

Checks the detached signature Caudal saved beside an export (<file>.sig): that the
file (and the analysis manifest it names, if it lies beside the file) is unchanged
and that the signature is by the analyst's Ed25519 key.
  --sig FILE      the signature file (default: <file>.sig)
  --key HEX       trust only this analyst key (public key or its fingerprint); repeatable
  --trail FILE    trust the analysts enrolled in this audit trail export (JSON lines),
                  after checking the trail's own chain

Exit codes: 0 valid, 5 changed (file, manifest or signature), 6 signed by an untrusted key, 1 error, 64 usage.
`;

class SignatureCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function readFile(path: string, what: string): Uint8Array {
  if (!existsSync(path) || !statSync(path).isFile()) throw new SignatureCommandError(`${path}: ${what} not found`, 1);
  return readFileSync(path);
}

/** The public keys of every analyst in an exported trail, once its chain checks out. */
function trustedKeysFromTrail(path: string): string[] {
  const text = Buffer.from(readFile(path, 'audit trail')).toString('utf8');
  let entries;
  try {
    entries = parseAuditJsonLines(text);
  } catch (error) {
    throw new SignatureCommandError(`${path}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  const chain = verifyAuditChain(entries);
  if (!chain.ok) throw new SignatureCommandError(`${path}: the audit trail is broken at entry ${chain.problem?.seq ?? '?'}: ${chain.problem?.detail ?? ''}`, 1);
  const keys = new Set<string>();
  for (const entry of entries) {
    keys.add(entry.analyst.publicKey);
    const enrolled = (entry.params as { publicKey?: unknown }).publicKey;
    if (entry.action === 'analyst.create' && typeof enrolled === 'string') keys.add(enrolled);
  }
  return [...keys];
}

export function verifySignatureCommand(argv: string[], out: (text: string) => void = (text) => process.stdout.write(text), err: (text: string) => void = (text) => process.stderr.write(text)): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { sig: { type: 'string' }, key: { type: 'string', multiple: true }, trail: { type: 'string' } } });
  } catch (error) {
    err(`caudal verify-signature: ${error instanceof Error ? error.message : String(error)}\n\n${VERIFY_SIGNATURE_USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    err(`caudal verify-signature: takes exactly one file, got ${positionals.length}\n\n${VERIFY_SIGNATURE_USAGE}`);
    return 64;
  }
  const filePath = positionals[0] as string;
  const sigPath = values.sig ?? `${filePath}${SIGNATURE_FILE_SUFFIX}`;
  try {
    const bytes = readFile(filePath, 'file');
    let signature;
    try {
      signature = parseSignatureFile(sigPath, Buffer.from(readFile(sigPath, 'signature file')).toString('utf8'));
    } catch (error) {
      if (error instanceof SignatureFileError) throw new SignatureCommandError(error.message, 1);
      throw error;
    }
    for (const key of values.key ?? []) {
      if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new SignatureCommandError(`--key ${key}: expected a 64-hex-digit public key or fingerprint`, 64);
    }
    const trustedKeys = [...(values.key ?? []), ...(values.trail ? trustedKeysFromTrail(values.trail) : [])];
    const manifestPath = signature.manifest ? join(dirname(filePath), basename(signature.manifest.file)) : null;
    const manifestBytes = manifestPath && existsSync(manifestPath) ? readFileSync(manifestPath) : undefined;
    const check = verifySignatureFile(signature, bytes, { trustedKeys, ...(manifestBytes ? { manifestBytes } : {}) });
    if (!check.ok) {
      err(`caudal verify-signature: ${check.detail}\n`);
      return check.reason === 'untrusted-key' ? 6 : 5;
    }
    out(`valid: ${filePath} (${signature.size} bytes, SHA-256 ${signature.sha256}) signed by ${check.analyst.name}, key fingerprint ${check.keyFingerprint}, at ${signature.signedAt}\n`);
    if (signature.manifest) {
      out(manifestBytes ? `valid: the analysis manifest ${manifestPath} (SHA-256 ${signature.manifest.sha256}) is the one signed\n` : '');
      if (!manifestBytes) err(`caudal verify-signature: the signature also covers ${signature.manifest.file}, which is not beside the file: only the file was checked\n`);
    }
    if (!check.trusted) err('caudal verify-signature: the key was not compared with a trusted one (pass --key or --trail): anyone can sign with a key of their own\n');
    return 0;
  } catch (error) {
    if (error instanceof SignatureCommandError) {
      err(`caudal verify-signature: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
