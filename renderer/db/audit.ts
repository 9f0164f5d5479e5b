import {
  GENESIS_HASH,
  sealAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type ChainAnchor,
  type ChainVerification,
  type NewAuditEntry,
  type UnlockedAnalyst,
} from '../../shared/audit';
import type { CaudalDatabase } from './schema';

/**
 * The audit trail's write side. Every action that changes or discloses case
 * data calls recordAudit() once it succeeded; the entry is hashed onto the
 * chain and signed with the unlocked analyst's key in a `strict` durability
 * transaction (see database.ts), so a power cut cannot lose a logged step.
 *
 * There is no update or delete here, and nothing else in the app writes the
 * auditLog table.
 */

let session: UnlockedAnalyst | null = null;
const listeners = new Set<() => void>();

export const custodySession = {
  get(): UnlockedAnalyst | null {
    return session;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(next: UnlockedAnalyst | null): void {
    // Wipe the old keys from memory as far as JavaScript lets us.
    if (session && session !== next) {
      session.secretKey.fill(0);
      session.dataKey.fill(0);
    }
    session = next;
    for (const listener of listeners) listener();
  },
};

/** The chain head is also kept outside the database, so cutting entries off the end of the log shows. */
const ANCHOR_KEY = 'caudal.audit.anchor';

function storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

export function readAnchor(): ChainAnchor | null {
  const text = storage()?.getItem(ANCHOR_KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<ChainAnchor>;
    return typeof value.seq === 'number' && typeof value.hash === 'string' ? { seq: value.seq, hash: value.hash } : null;
  } catch {
    return null;
  }
}

function writeAnchor(entry: Pick<AuditEntry, 'seq' | 'hash'>): void {
  const current = readAnchor();
  // Only ever forward: an older writer (another tab) must not move the anchor back.
  if (!current || entry.seq > current.seq) storage()?.setItem(ANCHOR_KEY, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Appends one entry for the unlocked analyst. Resolves to null when no
 * analyst is unlocked, which only happens outside the app (unit tests of
 * other features, scripts): the app itself shows nothing before unlocking.
 */
export function recordAudit(db: CaudalDatabase, entry: NewAuditEntry): Promise<AuditEntry | null> {
  const signer = session;
  if (!signer) return Promise.resolve(null);
  const next = queue.then(() => appendAuditEntry(db, signer, entry));
  queue = next.catch(() => undefined);
  return next;
}

/** Writes the next link; a concurrent writer (another tab) taking the same number makes this one retry on top of it. */
export async function appendAuditEntry(db: CaudalDatabase, signer: UnlockedAnalyst, entry: NewAuditEntry, now = Date.now()): Promise<AuditEntry> {
  for (let attempt = 0; ; attempt++) {
    try {
      const written = await db.transaction('rw', db.auditLog, async () => {
        const last = await db.auditLog.orderBy('seq').last();
        const sealed = sealAuditEntry(last ?? null, entry, signer, now);
        await db.auditLog.add(sealed);
        return sealed;
      });
      writeAnchor(written);
      return written;
    } catch (error) {
      if (attempt < 3 && error instanceof Error && error.name === 'ConstraintError') continue;
      throw error;
    }
  }
}

export async function readAuditLog(db: CaudalDatabase): Promise<AuditEntry[]> {
  return db.auditLog.orderBy('seq').toArray();
}

/** Checks the stored chain against the enrolled analysts' keys and the head kept outside the database. */
export async function verifyStoredChain(db: CaudalDatabase, anchor: ChainAnchor | null = readAnchor()): Promise<ChainVerification> {
  const [entries, analysts] = await Promise.all([readAuditLog(db), db.analysts.toArray()]);
  const knownAnalysts = new Map(analysts.map((row) => [row.id, row.publicKey]));
  return verifyAuditChain(entries, { knownAnalysts, anchor });
}

export const EMPTY_CHAIN: ChainVerification = { ok: true, count: 0, head: GENESIS_HASH, problem: null };
