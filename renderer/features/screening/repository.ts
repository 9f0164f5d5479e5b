import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Alert, CaseDataset } from '../../../shared/model';
import type { ListEntry } from '../../../shared/screen';
import type { CaudalDatabase, ScreeningDecisionRow, ScreeningListRow, ScreeningRunRow } from '../../db/schema';
import { parsePickedFiles, type PickedFile } from './parse';
import type { ParsedFiles } from './protocol';
import { alertingHits, pairKey, watchlistAlert, watchlistAlertId, type Decision, type StoredHit } from './watchlist';

const CHUNK = 5_000;

export type { PickedFile } from './parse';

/**
 * Imports list files (formats by content; OFAC's alt.csv/add.csv join the
 * sdn.csv picked with them) as dated list versions with their files' hashes.
 * Each version is written in one transaction: a failure stores nothing.
 */
export async function importListFiles(db: CaudalDatabase, picked: readonly PickedFile[], now = Date.now()): Promise<ScreeningListRow[]> {
  return storeParsedLists(db, parsePickedFiles(picked), now);
}

/** Stores parsed lists as versions, each in one transaction: a failure stores nothing of it. */
export async function storeParsedLists(db: CaudalDatabase, parsed: readonly ParsedFiles[], now = Date.now()): Promise<ScreeningListRow[]> {
  const rows: ScreeningListRow[] = [];
  for (const { list, files: used } of parsed) {
    const id = bytesToHex(sha256(utf8ToBytes(used.map((f) => f.sha256).sort().join(':'))));
    const row = await db.transaction('rw', db.screeningLists, db.screeningEntryChunks, async () => {
      const existing = await db.screeningLists.get(id);
      if (existing) return existing;
      const version = (await db.screeningLists.where('name').equals(list.name).count()) + 1;
      const created: ScreeningListRow = {
        id,
        name: list.name,
        format: list.format,
        files: used.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size })),
        importedAt: now,
        ...(list.publishedOn ? { publishedOn: list.publishedOn } : {}),
        entryCount: list.entries.length,
        version,
        warnings: list.warnings.slice(0, 200),
      };
      for (let i = 0; i * CHUNK < list.entries.length; i++) await db.screeningEntryChunks.add({ listId: id, index: i, entries: list.entries.slice(i * CHUNK, (i + 1) * CHUNK) });
      await db.screeningLists.put(created);
      return created;
    });
    rows.push(row);
  }
  return rows;
}

export async function listVersions(db: CaudalDatabase): Promise<ScreeningListRow[]> {
  return (await db.screeningLists.toArray()).sort((a, b) => b.importedAt - a.importedAt || a.name.localeCompare(b.name));
}

export async function loadEntries(db: CaudalDatabase, listId: string): Promise<ListEntry[]> {
  const chunks = await db.screeningEntryChunks.where('listId').equals(listId).toArray();
  return chunks.sort((a, b) => a.index - b.index).flatMap((chunk) => chunk.entries as ListEntry[]);
}

export async function deleteListVersion(db: CaudalDatabase, listId: string): Promise<void> {
  await db.transaction('rw', db.screeningLists, db.screeningEntryChunks, async () => {
    await db.screeningEntryChunks.where('listId').equals(listId).delete();
    await db.screeningLists.delete(listId);
  });
}

export async function loadDecisions(db: CaudalDatabase, caseId: string): Promise<Map<string, Decision>> {
  const rows = await db.screeningDecisions.where('caseId').equals(caseId).toArray();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Alert ids the analyst dismissed in the alert list: a dismissed watchlist alert is a false match. */
export async function dismissedAlertIds(db: CaudalDatabase, caseId: string): Promise<Set<string>> {
  const rows = await db.triage.where('caseId').equals(caseId).toArray();
  return new Set(rows.filter((row) => row.status === 'dismissed' && row.alertId.startsWith('watchlist:')).map((row) => row.alertId));
}

export async function saveRun(db: CaudalDatabase, run: Omit<ScreeningRunRow, 'hits'> & { hits: StoredHit[] }): Promise<void> {
  await db.screeningRuns.put(run);
}

export async function loadRun(db: CaudalDatabase, caseId: string): Promise<(Omit<ScreeningRunRow, 'hits'> & { hits: StoredHit[] }) | undefined> {
  const run = await db.screeningRuns.get(caseId);
  return run as (Omit<ScreeningRunRow, 'hits'> & { hits: StoredHit[] }) | undefined;
}

/** Records "true match" or "false match" (with its reason) on a hit; it sticks while party and entry stay as they are. */
export async function decide(db: CaudalDatabase, caseId: string, hit: StoredHit, decision: Decision['decision'], reason: string, now = Date.now()): Promise<ScreeningDecisionRow> {
  const clean = reason.trim();
  if (decision === 'false-match' && !clean) throw new Error(`A false match needs a reason (${hit.partyName} / ${hit.matchedName}).`);
  const row: ScreeningDecisionRow = {
    id: pairKey(caseId, hit.listName, hit.entryId, hit.partyId),
    caseId,
    listName: hit.listName,
    entryId: hit.entryId,
    partyId: hit.partyId,
    partyFingerprint: hit.partyFingerprint,
    entryFingerprint: hit.entryFingerprint,
    decision,
    reason: clean,
    decidedAt: now,
  };
  await db.screeningDecisions.put(row);
  // The alert list shows the same decision: escalated for a true match, dismissed with the reason for a false one.
  await db.transaction('rw', db.triage, async () => {
    const alertId = watchlistAlertId(hit);
    const current = await db.triage.get([caseId, alertId]);
    const status = decision === 'true-match' ? 'escalated' : 'dismissed';
    const history = [...((current as { history?: unknown[] } | undefined)?.history ?? []), { at: now, from: current?.status ?? 'new', to: status, ...(clean ? { reason: clean } : {}) }];
    await db.triage.put({ caseId, alertId, status, ...(clean ? { reason: clean } : {}), notes: current?.notes ?? [], updatedAt: now, history } as Parameters<typeof db.triage.put>[0]);
  });
  return row;
}

/**
 * The case's watchlist alerts for the alert list: the latest screening's hits
 * without a still-applying "false match", each with its movements since the
 * listing date as evidence.
 */
export async function watchlistAlerts(db: CaudalDatabase, caseId: string, dataset: CaseDataset): Promise<Alert[]> {
  const run = await loadRun(db, caseId);
  if (!run) return [];
  const { alerting } = alertingHits(run.hits, await loadDecisions(db, caseId), caseId, await dismissedAlertIds(db, caseId));
  const parties = new Map(dataset.parties.map((party) => [party.id, party]));
  return alerting.map((hit) => watchlistAlert(hit, parties.get(hit.partyId), dataset));
}
