import { Dexie } from 'dexie';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unlockAnalyst, verifyAuditChain, type ChainVerification, type UnlockedAnalyst } from '../../shared/audit';
import { BackupError, openBackupPayload, readBackupHeader, writeBackup, type BackupHeader } from '../../shared/audit/backup';
import { appendAuditEntry, custodySession, readAuditLog, verifyStoredChain } from './audit';
import { findAnalystKeystore, passphraseSealedRecord, protectWithKeystore, type AnalystKeystore } from './keystore';
import type { CaudalDatabase } from './schema';

/**
 * A case to one encrypted, signed file (shared/audit/backup.ts) and back into
 * a fresh workstation profile: the case's rows, every analyst's sealed key
 * record (so the same passphrase opens it) and the whole audit trail (so the
 * restored chain is checked from entry 1, not trusted).
 */

/** Tables holding one case's rows, every one indexed by caseId except the first three, read below. */
const CASE_ID_TABLES = ['alertRuns', 'triage', 'charts', 'packages', 'partyMerges', 'suppressionRules', 'relationships', 'statements', 'styleRules', 'sourceGrades', 'screeningRuns', 'screeningDecisions', 'analysisManifests'] as const;
const CASE_TABLES = ['cases', 'imports', 'chunks', ...CASE_ID_TABLES] as const;

async function caseRows(db: CaudalDatabase, caseId: string): Promise<Record<string, unknown[]>> {
  return {
    cases: await db.cases.where('id').equals(caseId).toArray(),
    imports: await db.imports.where('caseId').equals(caseId).toArray(),
    chunks: await db.chunks.where('[caseId+kind]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray(),
    ...Object.fromEntries(await Promise.all(CASE_ID_TABLES.map(async (name) => [name, await db.table(name).where('caseId').equals(caseId).toArray()] as const))),
  };
}

export async function createCaseBackup(
  db: CaudalDatabase,
  caseId: string,
  signer: UnlockedAnalyst,
  now = Date.now(),
  keystore: AnalystKeystore | null = findAnalystKeystore(),
): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
  const caseRow = await db.cases.get(caseId);
  if (!caseRow) throw new Error(`case ${caseId} does not exist`);
  const tables = await caseRows(db, caseId);
  // A backup is restored on another machine, whose OS keystore cannot open this one's wrapping: it carries the passphrase-sealed records.
  const analysts = await Promise.all((await db.analysts.toArray()).map(async (row) => (await passphraseSealedRecord(row, keystore)).record));
  const bytes = writeBackup({
    header: { createdAt: now, caseId, caseNumber: caseRow.number, caseName: caseRow.name },
    analysts,
    payload: { tables, auditLog: await readAuditLog(db) },
    signer,
  });
  const digest = bytesToHex(sha256(bytes));
  await appendAuditEntry(db, signer, { action: 'backup.create', caseId, params: { caseNumber: caseRow.number, counts: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length])) }, outputs: [digest] }, now);
  const safeNumber = caseRow.number.replace(/[^A-Za-z0-9._-]+/g, '_');
  return { bytes, fileName: `${safeNumber}.caudal-backup`, sha256: digest };
}

/** What the lock screen shows before asking for a passphrase. */
export function inspectBackup(fileName: string, bytes: Uint8Array): BackupHeader {
  return readBackupHeader(fileName, bytes).header;
}

export interface RestoreResult {
  analyst: UnlockedAnalyst;
  chain: ChainVerification;
  caseId: string;
}

/**
 * Restores into a workstation with no analyst yet: checks the signature,
 * opens the content with the analyst's passphrase, checks the audit chain of
 * the backup from entry 1, then writes everything in one strict transaction
 * and logs the restore on top of the restored chain.
 */
export async function restoreBackup(
  db: CaudalDatabase,
  fileName: string,
  bytes: Uint8Array,
  analystId: string,
  passphrase: string,
  now = Date.now(),
  keystore: AnalystKeystore | null = findAnalystKeystore(),
): Promise<RestoreResult> {
  if ((await db.analysts.count()) > 0) throw new BackupError(fileName, 'this workstation already has analysts; restore into a fresh profile');
  const read = readBackupHeader(fileName, bytes);
  const record = read.header.analysts.find((row) => row.id === analystId);
  if (!record) throw new BackupError(fileName, 'this analyst is not in the backup');
  const analyst = await unlockAnalyst(record, passphrase);
  const payload = openBackupPayload(fileName, read, analyst.dataKey);
  const knownAnalysts = new Map(read.header.analysts.map((row) => [row.id, row.publicKey]));
  const backupChain = verifyAuditChain(payload.auditLog, { knownAnalysts });
  if (!backupChain.ok) throw new BackupError(fileName, `the audit trail in the backup is broken: ${backupChain.problem?.detail ?? ''}`);
  const tables = CASE_TABLES.map((name) => db.table(name));
  // The key must be live before the rows are written, so they are sealed under it.
  custodySession.set(analyst);
  // On the desktop app the restored records get this machine's OS layer before they are stored.
  const restoredAnalysts = await Promise.all(read.header.analysts.map(async (row) => (await protectWithKeystore(row, keystore)).record));
  await db.transaction('rw', [db.analysts, db.auditLog, ...tables], async () => {
    await db.analysts.bulkAdd(restoredAnalysts);
    await db.auditLog.bulkAdd(payload.auditLog);
    for (const name of CASE_TABLES) {
      const rows = payload.tables[name] ?? [];
      if (rows.length > 0) await db.table(name).bulkPut(rows);
    }
  });
  await appendAuditEntry(db, analyst, { action: 'backup.restore', caseId: read.header.caseId, params: { fileName, caseNumber: read.header.caseNumber, madeBy: read.header.madeBy.name, madeAt: read.header.createdAt, counts: read.header.counts }, inputs: [bytesToHex(sha256(bytes))] }, now);
  return { analyst, chain: await verifyStoredChain(db), caseId: read.header.caseId };
}
