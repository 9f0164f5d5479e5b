import { useEffect, useSyncExternalStore } from 'react';
import type { ListFormat } from '../../../shared/screen';
import { database } from '../../db/database';
import type { CaudalDatabase } from '../../db/schema';
import { screeningChanges } from './useWatchlistAlerts';
import { decisionApplies, pairKey, watchlistAlertId, type Decision, type StoredHit } from './watchlist';
import { dismissedAlertIds, loadDecisions, loadRun } from './repository';

/**
 * Screened hits per party, for the chart (marks on nodes, style rules): one
 * read function over the latest run and the analysts' decisions (contract:
 * /work/notes/round2-14-contract.md).
 */
export type HitDecision = 'open' | 'true-match' | 'false-match';

export interface ScreenedHitMark {
  listName: string;
  listId: string;
  entryId: string;
  matchedName: string;
  score: number;
  decision: HitDecision;
  tags: string[];
  listedOn?: string;
}

export interface ScreenedParty {
  partyId: string;
  /** Best score first. */
  hits: ScreenedHitMark[];
  bestScore: number;
  /** Strongest over the hits: a confirmed match outranks an open one, which outranks a ruled-out one. */
  decision: HitDecision;
  lists: string[];
  /** A hit on a sanctions list (UN, OFAC, or an FtM/CSV entry tagged sanction…). */
  sanction: boolean;
  /** A hit on a PEP entry (FtM topic role.pep…, or a list whose name says PEP). */
  pep: boolean;
}

const DECISION_RANK: Record<HitDecision, number> = { 'true-match': 2, open: 1, 'false-match': 0 };
const SANCTION_FORMATS: ReadonlySet<ListFormat> = new Set(['un-xml', 'ofac-sdn-csv']);

/** The decision that stands on one hit: a still-applying decision, or a dismissal in the alert list. */
export function hitDecision(hit: StoredHit, decisions: ReadonlyMap<string, Decision>, caseId: string, dismissed: ReadonlySet<string>): HitDecision {
  const decision = decisions.get(pairKey(caseId, hit.listName, hit.entryId, hit.partyId));
  if (decisionApplies(decision, hit) && decision) return decision.decision;
  return dismissed.has(watchlistAlertId(hit)) ? 'false-match' : 'open';
}

const isPep = (hit: StoredHit) => hit.tags.some((tag) => /^role\.pep|^pep$/i.test(tag)) || /\bPEPs?\b/i.test(hit.listName);
const isSanction = (hit: StoredHit, format: ListFormat | undefined) => (format !== undefined && SANCTION_FORMATS.has(format)) || hit.tags.some((tag) => /^sanction/i.test(tag));

/** Pure: the run's hits grouped per party with their decisions (tested in Node). */
export function screenedParties(
  hits: readonly StoredHit[],
  decisions: ReadonlyMap<string, Decision>,
  caseId: string,
  dismissed: ReadonlySet<string>,
  formats: ReadonlyMap<string, ListFormat> = new Map(),
): Map<string, ScreenedParty> {
  const out = new Map<string, ScreenedParty>();
  for (const hit of hits) {
    const decision = hitDecision(hit, decisions, caseId, dismissed);
    const mark: ScreenedHitMark = { listName: hit.listName, listId: hit.listId, entryId: hit.entryId, matchedName: hit.matchedName, score: hit.score, decision, tags: hit.tags, ...(hit.listedOn ? { listedOn: hit.listedOn } : {}) };
    let party = out.get(hit.partyId);
    if (!party) {
      party = { partyId: hit.partyId, hits: [], bestScore: 0, decision: 'false-match', lists: [], sanction: false, pep: false };
      out.set(hit.partyId, party);
    }
    party.hits.push(mark);
    party.bestScore = Math.max(party.bestScore, hit.score);
    if (DECISION_RANK[decision] > DECISION_RANK[party.decision]) party.decision = decision;
    if (!party.lists.includes(hit.listName)) party.lists.push(hit.listName);
    party.sanction ||= isSanction(hit, formats.get(hit.listId));
    party.pep ||= isPep(hit);
  }
  for (const party of out.values()) party.hits.sort((a, b) => b.score - a.score || a.listName.localeCompare(b.listName) || a.entryId.localeCompare(b.entryId));
  return out;
}

/** Reads the case's latest run and decisions from the database. */
export async function loadScreenedParties(db: CaudalDatabase, caseId: string): Promise<Map<string, ScreenedParty>> {
  const run = await loadRun(db, caseId);
  if (!run) return new Map();
  const formats = new Map((await db.screeningLists.bulkGet(run.listIds)).flatMap((row) => (row ? [[row.id, row.format as ListFormat] as const] : [])));
  return screenedParties(run.hits, await loadDecisions(db, caseId), caseId, await dismissedAlertIds(db, caseId), formats);
}

const EMPTY: ReadonlyMap<string, ScreenedParty> = new Map();
const cache = new Map<string, { version: number; parties: ReadonlyMap<string, ScreenedParty> }>();
const inFlight = new Map<string, Promise<ReadonlyMap<string, ScreenedParty>>>();
const listeners = new Set<() => void>();

/** A cache per case, refreshed after every run or decision (screeningChanges), so the chart can read it synchronously. */
export const screenedHitsStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    const unsubscribe = screeningChanges.subscribe(listener);
    return () => {
      listeners.delete(listener);
      unsubscribe();
    };
  },
  /** Loads (or reloads, when stale) a case's screened parties; listeners hear when it lands. */
  async refresh(caseId: string, db: CaudalDatabase = database()): Promise<ReadonlyMap<string, ScreenedParty>> {
    const version = screeningChanges.getVersion();
    const cached = cache.get(caseId);
    if (cached && cached.version === version) return cached.parties;
    const key = `${caseId}\u0000${version}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const load = loadScreenedParties(db, caseId)
      .then((parties) => {
        // A newer load may have landed first; keep the newest version only.
        if ((cache.get(caseId)?.version ?? -1) <= version) cache.set(caseId, { version, parties });
        for (const listener of listeners) listener();
        return parties;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, load);
    return load;
  },
};

/** Synchronous read for the chart: the last loaded screened parties of a case (empty until loaded; may lag one change behind until refresh lands). */
export function screenedPartiesSnapshot(caseId: string | null | undefined): ReadonlyMap<string, ScreenedParty> {
  return (caseId && cache.get(caseId)?.parties) || EMPTY;
}

/** The open case's screened parties, keyed by party id; re-renders after each screening run or decision. */
export function useScreenedParties(caseId: string | null | undefined): ReadonlyMap<string, ScreenedParty> {
  const changes = useSyncExternalStore(screenedHitsStore.subscribe, screeningChanges.getVersion);
  const snapshot = useSyncExternalStore(screenedHitsStore.subscribe, () => screenedPartiesSnapshot(caseId));
  useEffect(() => {
    if (caseId) void screenedHitsStore.refresh(caseId);
  }, [caseId, changes]);
  return snapshot;
}
