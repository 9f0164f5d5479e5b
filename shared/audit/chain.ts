import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { isAuditAction, type AuditAction } from './actions';
import { canonicalHash } from './canonical';

/** The previous-hash of the first entry: 64 zeros, so entry 1 is not special when checked. */
export const GENESIS_HASH = '0'.repeat(64);
export const AUDIT_ENTRY_VERSION = 1;

export interface AuditAnalyst {
  id: string;
  name: string;
  /** Ed25519 public key, hex. */
  publicKey: string;
}

/** What is hashed and signed: everything about an entry except its own hash and signature. */
export interface AuditEntryBody {
  v: typeof AUDIT_ENTRY_VERSION;
  /** 1, 2, 3 … with no gaps: a missing entry shows as a gap. */
  seq: number;
  /** Milliseconds since 1970 UTC, from the workstation clock. */
  at: number;
  analyst: AuditAnalyst;
  action: AuditAction;
  caseId: string | null;
  /** What the analyst chose (mapping, profile parameters, new triage status…); JSON only. */
  params: Record<string, unknown>;
  /** SHA-256 (hex) of what the action read: source files, packages, the previous results. */
  inputs: string[];
  /** SHA-256 (hex) of what the action produced: results, exported files, packages. */
  outputs: string[];
  prevHash: string;
}

export interface AuditEntry extends AuditEntryBody {
  /** SHA-256 of the canonical JSON of the body. */
  hash: string;
  /** Ed25519 signature by `analyst.publicKey` over "CAUDAL-AUDIT-V1\n" + hash. */
  signature: string;
}

export interface AuditSigner {
  analyst: AuditAnalyst;
  secretKey: Uint8Array;
}

export interface NewAuditEntry {
  action: AuditAction;
  caseId?: string | null;
  params?: Record<string, unknown>;
  inputs?: readonly string[];
  outputs?: readonly string[];
}

const HEX64 = /^[0-9a-f]{64}$/;

export function bodyOf(entry: AuditEntry): AuditEntryBody {
  return {
    v: entry.v,
    seq: entry.seq,
    at: entry.at,
    analyst: entry.analyst,
    action: entry.action,
    caseId: entry.caseId,
    params: entry.params,
    inputs: entry.inputs,
    outputs: entry.outputs,
    prevHash: entry.prevHash,
  };
}

const signedMessage = (hash: string): Uint8Array => utf8ToBytes(`CAUDAL-AUDIT-V1\n${hash}`);

/** The next link of the chain after `previous` (or the first one), hashed and signed. */
export function sealAuditEntry(previous: Pick<AuditEntry, 'seq' | 'hash'> | null, entry: NewAuditEntry, signer: AuditSigner, at: number): AuditEntry {
  for (const digest of [...(entry.inputs ?? []), ...(entry.outputs ?? [])]) {
    if (!HEX64.test(digest)) throw new Error(`audit ${entry.action}: '${digest}' is not a lower-case SHA-256 hex digest`);
  }
  const body: AuditEntryBody = {
    v: AUDIT_ENTRY_VERSION,
    seq: (previous?.seq ?? 0) + 1,
    at,
    analyst: { ...signer.analyst },
    action: entry.action,
    caseId: entry.caseId ?? null,
    // A round trip through JSON keeps exactly what will be stored (no Dates, no undefined).
    params: JSON.parse(JSON.stringify(entry.params ?? {})) as Record<string, unknown>,
    inputs: [...(entry.inputs ?? [])],
    outputs: [...(entry.outputs ?? [])],
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  const hash = canonicalHash(body);
  const signature = bytesToHex(ed25519.sign(signedMessage(hash), signer.secretKey));
  return { ...body, hash, signature };
}

export function verifyEntrySignature(entry: Pick<AuditEntry, 'hash' | 'signature' | 'analyst'>): boolean {
  try {
    return ed25519.verify(hexToBytes(entry.signature), signedMessage(entry.hash), hexToBytes(entry.analyst.publicKey));
  } catch {
    return false;
  }
}

export interface ChainProblem {
  /** The entry where the chain first breaks (for a truncation: the first missing sequence number). */
  seq: number;
  reason: 'gap' | 'altered' | 'relinked' | 'bad-signature' | 'unknown-analyst' | 'unknown-action' | 'truncated' | 'head-mismatch' | 'malformed';
  detail: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Entries checked. */
  count: number;
  /** Hash of the last entry that checked out (GENESIS_HASH for an empty log). */
  head: string;
  /** The first problem found; the entries after it are not trusted. */
  problem: ChainProblem | null;
}

/** A copy of the head kept apart from the log (another store, the OS keystore), so cutting off the tail shows. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export interface VerifyOptions {
  /** Analyst id → public key (hex) as enrolled at the workstation; entries signed by any other key fail. */
  knownAnalysts?: ReadonlyMap<string, string>;
  anchor?: ChainAnchor | null;
}

/**
 * Checks every link: consecutive sequence numbers from 1, each entry's hash
 * over its own content, each previous-hash pointing at the entry before, each
 * signature by the analyst named in the entry. Reports the first break and
 * never repairs anything: what the analyst sees is what is stored.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainVerification {
  let head = GENESIS_HASH;
  let checked = 0;
  const fail = (problem: ChainProblem): ChainVerification => ({ ok: false, count: checked, head, problem });
  for (const [index, entry] of entries.entries()) {
    const expectedSeq = index + 1;
    if (typeof entry !== 'object' || entry === null || typeof entry.hash !== 'string' || typeof entry.seq !== 'number' || typeof entry.analyst !== 'object' || entry.analyst === null) {
      return fail({ seq: expectedSeq, reason: 'malformed', detail: `entry ${expectedSeq} is not an audit entry` });
    }
    if (entry.seq !== expectedSeq) return fail({ seq: expectedSeq, reason: 'gap', detail: `entry ${expectedSeq} is missing (found ${entry.seq} in its place)` });
    if (!isAuditAction(String(entry.action))) return fail({ seq: entry.seq, reason: 'unknown-action', detail: `entry ${entry.seq} records an unknown action '${String(entry.action)}'` });
    let recomputed: string;
    try {
      recomputed = canonicalHash(bodyOf(entry));
    } catch (error) {
      return fail({ seq: entry.seq, reason: 'malformed', detail: `entry ${entry.seq}: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (recomputed !== entry.hash) return fail({ seq: entry.seq, reason: 'altered', detail: `entry ${entry.seq} (${entry.action}) was changed after it was written: its content no longer matches its hash` });
    if (entry.prevHash !== head) return fail({ seq: entry.seq, reason: 'relinked', detail: `entry ${entry.seq} does not follow entry ${entry.seq - 1}: its previous-hash points elsewhere` });
    if (!verifyEntrySignature(entry)) return fail({ seq: entry.seq, reason: 'bad-signature', detail: `entry ${entry.seq}: the signature does not match ${entry.analyst.name}'s key` });
    const known = options.knownAnalysts;
    if (known && known.get(entry.analyst.id) !== entry.analyst.publicKey) {
      return fail({ seq: entry.seq, reason: 'unknown-analyst', detail: `entry ${entry.seq} is signed by a key not enrolled at this workstation for '${entry.analyst.name}'` });
    }
    head = entry.hash;
    checked++;
  }
  const anchor = options.anchor;
  if (anchor) {
    if (anchor.seq > entries.length) return fail({ seq: entries.length + 1, reason: 'truncated', detail: `the log ends at entry ${entries.length} but entry ${anchor.seq} was written: ${anchor.seq - entries.length} entr${anchor.seq - entries.length === 1 ? 'y is' : 'ies are'} missing` });
    const anchored = entries[anchor.seq - 1];
    if (anchor.seq > 0 && anchored?.hash !== anchor.hash) return fail({ seq: anchor.seq, reason: 'head-mismatch', detail: `entry ${anchor.seq} is not the one written at the time (its hash differs from the recorded head)` });
  }
  return { ok: true, count: checked, head, problem: null };
}
