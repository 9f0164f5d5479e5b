import { createAnalyst, unlockAnalyst, type AnalystRecord, type ChainVerification, type UnlockedAnalyst } from '../../shared/audit';
import { appendAuditEntry, custodySession, verifyStoredChain } from './audit';
import { newId } from './ids';
import { findAnalystKeystore, passphraseSealedRecord, protectWithKeystore, type AnalystKeystore } from './keystore';
import type { CaudalDatabase } from './schema';

/** The analysts enrolled at this workstation, by name (public data only is needed to list them). */
export async function listAnalysts(db: CaudalDatabase): Promise<AnalystRecord[]> {
  const rows = await db.analysts.toArray();
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt - b.createdAt);
}

export interface UnlockResult {
  analyst: UnlockedAnalyst;
  /** The audit chain as found on opening: a break is shown to the analyst, never repaired. */
  chain: ChainVerification;
}

/**
 * Enrols an analyst. The first one creates the workstation's data key; later
 * ones are enrolled by an analyst already unlocked, who hands over the same
 * data key (sealed under the newcomer's passphrase), and the enrolment is logged.
 */
export async function enrollAnalyst(
  db: CaudalDatabase,
  input: { name: string; passphrase: string; iterations?: number },
  enrolledBy: UnlockedAnalyst | null,
  now = Date.now(),
  keystore: AnalystKeystore | null = findAnalystKeystore(),
): Promise<UnlockResult> {
  const existing = await db.analysts.count();
  if (existing > 0 && !enrolledBy) throw new Error('a new analyst must be enrolled by an analyst already unlocked at this workstation');
  if ((await listAnalysts(db)).some((row) => row.name.trim().toLowerCase() === input.name.trim().toLowerCase())) throw new Error(`an analyst named ${input.name.trim()} is already enrolled`);
  const { record, unlocked } = await createAnalyst({
    id: newId(),
    name: input.name,
    passphrase: input.passphrase,
    now,
    ...(enrolledBy ? { dataKey: enrolledBy.dataKey } : {}),
    ...(input.iterations ? { iterations: input.iterations } : {}),
  });
  // In the desktop app the sealed record is wrapped once more by the OS keystore before it is stored.
  const protectedRecord = await protectWithKeystore(record, keystore);
  await db.analysts.add(protectedRecord.record);
  await appendAuditEntry(
    db,
    enrolledBy ?? unlocked,
    {
      action: 'analyst.create',
      params: {
        analystId: record.id,
        name: record.name,
        publicKey: record.publicKey,
        kdf: record.kdf.name,
        iterations: record.kdf.iterations,
        keyProtection: protectedRecord.protection,
        ...(protectedRecord.refused ? { keystoreRefused: protectedRecord.refused } : {}),
      },
    },
    now,
  );
  if (!enrolledBy) return startSession(db, unlocked, now);
  return { analyst: unlocked, chain: await verifyStoredChain(db) };
}

/** Opens the analyst's keys with the passphrase, checks the chain, logs the unlock and makes the analyst the signer. */
export async function unlockAs(db: CaudalDatabase, analystId: string, passphrase: string, now = Date.now(), keystore: AnalystKeystore | null = findAnalystKeystore()): Promise<UnlockResult> {
  const stored = await db.analysts.get(analystId);
  if (!stored) throw new Error('this analyst is not enrolled at this workstation');
  const opened = await passphraseSealedRecord(stored, keystore);
  const analyst = await unlockAnalyst(opened.record, passphrase);
  // Only after the passphrase proved right: store the OS's fresh wrapping, or add the OS layer to a record enrolled before it existed.
  const upgraded = opened.rewrapped ? { record: opened.rewrapped, protection: 'passphrase+os-keystore' as const } : await protectWithKeystore(stored, keystore);
  if (upgraded.record !== stored) await db.analysts.put(upgraded.record);
  return startSession(db, analyst, now, { keyProtection: upgraded.protection, ...(upgraded.record !== stored && !opened.rewrapped ? { keystoreAdded: true } : {}) });
}

async function startSession(db: CaudalDatabase, analyst: UnlockedAnalyst, now: number, extra: Record<string, string | boolean> = {}): Promise<UnlockResult> {
  const chain = await verifyStoredChain(db);
  custodySession.set(analyst);
  await appendAuditEntry(db, analyst, { action: 'session.unlock', params: { chainIntact: chain.ok, entriesChecked: chain.count, ...(chain.problem ? { problem: chain.problem.detail } : {}), ...extra } }, now);
  return { analyst, chain };
}

export function lockSession(): void {
  custodySession.set(null);
}
