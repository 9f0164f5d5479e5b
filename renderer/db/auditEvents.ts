import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ENGINE_VERSION, canonicalHash, manifestAlertsOf, resultsHashOf, type AuditEntry } from '../../shared/audit';
import type { Alert, SourceFile, Triage } from '../../shared/model';
import type { UnitProfile } from '../../shared/profiles';
import { recordAudit } from './audit';
import { writeCaseManifest } from './manifests';
import type { CaseRow, CaudalDatabase, PartyMergeRow } from './schema';

/**
 * One function per audited action, called with one line from the feature
 * where the action happens. Each returns what the caller already had (or
 * nothing), so the call never changes the feature's own flow; a failure to
 * log is reported on the console and in the audit view's chain check, never
 * swallowed silently into a wrong result.
 */

const sha256OfBytes = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

async function sha256OfData(data: Blob | Uint8Array | string): Promise<string> {
  if (typeof data === 'string') return sha256OfBytes(utf8ToBytes(data));
  if (data instanceof Uint8Array) return sha256OfBytes(data);
  return sha256OfBytes(new Uint8Array(await data.arrayBuffer()));
}

function logged(promise: Promise<AuditEntry | null>): Promise<AuditEntry | null> {
  return promise.catch((error: unknown) => {
    console.error('audit trail: the entry could not be written', error);
    return null;
  });
}

/** The SHA-256 of every committed file of a case: what a detection run read. */
async function committedFileHashes(db: CaudalDatabase, caseId: string): Promise<string[]> {
  const rows = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  return [...new Set(rows.map((row) => row.file.sha256))].sort();
}

const caseFacts = (row: CaseRow) => ({ number: row.number, name: row.name, profileId: row.profileId, classification: row.classification, analyst: row.analyst, ...(row.partnerPackageId ? { partnerPackageId: row.partnerPackageId } : {}) });

export const auditCaseCreated = (db: CaudalDatabase, row: CaseRow) => logged(recordAudit(db, { action: 'case.create', caseId: row.id, params: caseFacts(row) }));

export const auditCaseDeleted = (db: CaudalDatabase, row: CaseRow) =>
  logged(recordAudit(db, { action: 'case.delete', caseId: row.id, params: { ...caseFacts(row), kept: 'audit trail and records of packages sent (with their re-identification tables)' } }));

export async function auditImportCommitted(db: CaudalDatabase, caseId: string, file: SourceFile): Promise<void> {
  await logged(
    recordAudit(db, {
      action: 'import.commit',
      caseId,
      params: { file: file.name, size: file.size, kind: file.kind, mappingName: file.mappingName, mapping: file.mapping, encoding: file.encoding, delimiter: file.delimiter, counts: file.counts },
      inputs: [file.sha256],
    }),
  );
}

/** A merge or rejection, with every source record as it stood, so undoing it later still leaves its record in the trail. */
export async function auditMergeDecision(db: CaudalDatabase, row: PartyMergeRow): Promise<PartyMergeRow> {
  await logged(recordAudit(db, { action: row.decision === 'merged' ? 'merge.confirm' : 'merge.reject', caseId: row.caseId, params: { decision: { ...row } } }));
  return row;
}

/** Called before the decision row is removed: the trail keeps the decision that was undone. */
export async function auditMergeUndo(db: CaudalDatabase, decisionId: string): Promise<void> {
  const row = await db.partyMerges.get(decisionId);
  if (row) await logged(recordAudit(db, { action: 'merge.undo', caseId: row.caseId, params: { undone: { ...row } } }));
}

export async function auditTriage<T extends Triage & { caseId: string }>(db: CaudalDatabase, record: T, change: 'status' | 'note'): Promise<T> {
  const note = change === 'note' ? record.notes.at(-1) : undefined;
  await logged(
    recordAudit(db, {
      action: 'triage.change',
      caseId: record.caseId,
      params: { alertId: record.alertId, change, status: record.status, ...(record.reason ? { reason: record.reason } : {}), ...(note ? { note: note.text } : {}) },
    }),
  );
  return record;
}

export async function auditProfileChange(db: CaudalDatabase, change: 'create' | 'update' | 'delete' | 'assign', details: { profile?: UnitProfile; profileId?: string; caseId?: string }): Promise<void> {
  const profileId = details.profile?.id ?? details.profileId;
  await logged(
    recordAudit(db, {
      action: 'profile.change',
      caseId: details.caseId ?? null,
      params: { change, profileId, ...(details.profile ? { profile: details.profile, profileHash: canonicalHash(details.profile) } : {}) },
    }),
  );
}

/**
 * Passes a detection outcome through, logging a finished run: profile with
 * parameters, engine version, inputs and results hash, and storing the run's
 * analysis manifest (renderer/db/manifests.ts), whose SHA-256 is the entry's
 * second output — so the manifest file downloaded later is tied to this entry.
 */
export async function auditDetection<O extends { kind: string }>(db: CaudalDatabase, profile: UnitProfile, outcome: O): Promise<O> {
  const run = (outcome as { kind: string; result?: { caseId: string; alerts: Alert[]; ranAt: number } }).result;
  if (outcome.kind !== 'ran' || !run) return outcome;
  const alerts = manifestAlertsOf(run.alerts);
  const manifest = await writeCaseManifest(db, run.caseId, profile, run.alerts, { trigger: 'detection', now: run.ranAt }).catch((error: unknown) => {
    console.error('analysis manifest: could not be written', error);
    return null;
  });
  await logged(
    recordAudit(db, {
      action: 'detection.run',
      caseId: run.caseId,
      params: {
        profileId: profile.id,
        profileHash: canonicalHash(profile),
        profile,
        engine: ENGINE_VERSION,
        alerts: alerts.length,
        ranAt: run.ranAt,
        alertIds: alerts.map((alert) => alert.id),
        ...(manifest ? { manifestId: manifest.id } : {}),
      },
      inputs: await committedFileHashes(db, run.caseId),
      outputs: manifest ? [resultsHashOf(alerts), manifest.sha256] : [resultsHashOf(alerts)],
    }),
  );
  return outcome;
}

/** An export saved to disk: its format, file name, the SHA-256 of the file and of the evidence behind it. */
export async function auditExport(db: CaudalDatabase, caseId: string, format: string, fileName: string, data: Blob | Uint8Array | string, evidenceHash?: string): Promise<void> {
  const fileHash = await sha256OfData(data);
  await logged(
    recordAudit(db, {
      action: 'export.chart',
      caseId,
      params: { format, fileName, fileSha256: fileHash, ...(evidenceHash ? { evidenceHash } : {}) },
      inputs: evidenceHash && /^[0-9a-f]{64}$/.test(evidenceHash) ? [evidenceHash] : [],
      outputs: [fileHash],
    }),
  );
}

export async function auditPackageSent<T extends { manifest: { header: { packageId: string; recipientUnit: string; reference: string } }; fileName: string; sha256: string }>(db: CaudalDatabase, caseId: string, built: T): Promise<T> {
  const { header } = built.manifest;
  await logged(recordAudit(db, { action: 'package.sent', caseId, params: { packageId: header.packageId, recipient: header.recipientUnit, reference: header.reference, fileName: built.fileName }, outputs: [built.sha256] }));
  return built;
}

export async function auditPackageReceived(db: CaudalDatabase, caseId: string, summary: { manifest: { header: { packageId: string; originatingUnit: string; reference: string } }; signer: { unit: string; fingerprint: string; known: boolean }; packageSha256: string }): Promise<string> {
  const { header } = summary.manifest;
  await logged(recordAudit(db, { action: 'package.received', caseId, params: { packageId: header.packageId, originator: header.originatingUnit, reference: header.reference, signer: summary.signer }, inputs: [summary.packageSha256] }));
  return caseId;
}

export async function auditMatchExchange(db: CaudalDatabase, caseId: string, step: 'filters-written' | 'filters-matched', details: { filters: number; hits?: number; data: string }): Promise<void> {
  const hash = sha256OfBytes(utf8ToBytes(details.data));
  await logged(
    recordAudit(db, {
      action: 'match.exchange',
      caseId,
      params: { step, filters: details.filters, ...(details.hits !== undefined ? { hits: details.hits } : {}) },
      ...(step === 'filters-written' ? { outputs: [hash] } : { inputs: [hash] }),
    }),
  );
}
