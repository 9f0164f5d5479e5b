import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Graph, ScreeningFlags } from '../../../shared/graph';
import { database } from '../../db/database';
import { decisionApplies, pairKey, watchlistAlertId } from '../screening/watchlist';
import { dismissedAlertIds, loadDecisions, loadRun } from '../screening/repository';
import { screeningChanges } from '../screening/useWatchlistAlerts';
import type { NodeFlags } from './canvasModel';

/**
 * The chart's side of screening (issue 15 ⇄ issue 14, contract in
 * /work/notes/round2-14-contract.md): which parties screening hit, and the
 * chart's selection handed to screening as its scope.
 *
 * Issue 14's two modules (`../screening/scope.ts`, `../screening/screenedHits.ts`)
 * live on its own branch until the branches are merged. They are picked up
 * through Vite's import.meta.glob, which yields nothing while a file is
 * absent: this branch builds and runs alone, and after the merge the chart
 * uses screening's own store (one owner for what a hit and a PEP are)
 * without an edit here. Until then a small reader of the stored run and
 * decisions stands in, and the selection is kept in a local scope.
 */

export type HitDecision = 'open' | 'true-match' | 'false-match';

/** One party's screening result as the chart reads it (a subset of issue 14's ScreenedParty). */
export interface ScreenedParty {
  partyId: string;
  bestScore: number;
  /** Strongest over the party's hits: a confirmed match outranks an open one, which outranks a ruled-out one. */
  decision: HitDecision;
  lists: string[];
  sanction: boolean;
  pep: boolean;
}

interface ScopeModule {
  screeningScope: { setChartSelection(caseId: string, partyIds: readonly string[], nodeCount?: number): void };
}
interface HitsModule {
  useScreenedParties(caseId: string | null | undefined): ReadonlyMap<string, ScreenedParty>;
}

const scopeModule = Object.values(import.meta.glob<ScopeModule>('../screening/scope.ts', { eager: true }))[0];
const hitsModule = Object.values(import.meta.glob<HitsModule>('../screening/screenedHits.ts', { eager: true }))[0];

/** The chart selection handed to screening (local stand-in for issue 14's scope store; see above). */
export interface ChartScreeningScope {
  caseId: string;
  partyIds: readonly string[];
  nodeCount: number;
}
let localScope: ChartScreeningScope | null = null;

/** Hands the parties behind the chart's selection to screening as its scope ("screen the chart's selection"). */
export function setScreeningScope(caseId: string, partyIds: readonly string[], nodeCount: number): void {
  const unique = [...new Set(partyIds)];
  localScope = unique.length === 0 ? null : { caseId, partyIds: unique, nodeCount };
  scopeModule?.screeningScope.setChartSelection(caseId, unique, nodeCount);
}

/** The scope last handed over (for tests and the chart's own message). */
export const currentScreeningScope = (): ChartScreeningScope | null => localScope;

/** The parties behind some chart nodes: an account stands for its holders, a party for itself. */
export function partiesOfNodes(graph: Graph | null, nodeIds: readonly string[]): string[] {
  if (!graph) return [];
  const wanted = new Set(nodeIds);
  const parties = new Set<string>();
  for (const node of graph.nodes) if (wanted.has(node.id)) for (const party of node.parties) parties.add(party);
  return [...parties];
}

const isPepHit = (hit: { tags: readonly string[]; listName: string }) => hit.tags.some((tag) => /^role\.pep|^pep$/i.test(tag)) || /\bPEPs?\b/i.test(hit.listName);
const isSanctionHit = (hit: { tags: readonly string[] }) => hit.tags.some((tag) => /^sanction/i.test(tag));
const DECISION_RANK: Record<HitDecision, number> = { 'true-match': 2, open: 1, 'false-match': 0 };

/** Stand-in reader: the case's stored run with each hit's standing decision, grouped per party. */
async function readScreenedParties(caseId: string): Promise<Map<string, ScreenedParty>> {
  const db = database();
  const run = await loadRun(db, caseId);
  if (!run) return new Map();
  const [decisions, dismissed, lists] = await Promise.all([loadDecisions(db, caseId), dismissedAlertIds(db, caseId), db.screeningLists.bulkGet(run.listIds)]);
  const sanctionLists = new Set(lists.flatMap((row) => (row && (row.format === 'un-xml' || row.format === 'ofac-sdn-csv') ? [row.id] : [])));
  const parties = new Map<string, ScreenedParty>();
  for (const hit of run.hits) {
    const decision = decisions.get(pairKey(caseId, hit.listName, hit.entryId, hit.partyId));
    const standing: HitDecision = decision && decisionApplies(decision, hit) ? decision.decision : dismissed.has(watchlistAlertId(hit)) ? 'false-match' : 'open';
    const party = parties.get(hit.partyId) ?? { partyId: hit.partyId, bestScore: 0, decision: 'false-match', lists: [], sanction: false, pep: false };
    party.bestScore = Math.max(party.bestScore, hit.score);
    if (DECISION_RANK[standing] > DECISION_RANK[party.decision]) party.decision = standing;
    if (!party.lists.includes(hit.listName)) party.lists.push(hit.listName);
    party.sanction ||= sanctionLists.has(hit.listId) || isSanctionHit(hit);
    party.pep ||= isPepHit(hit);
    parties.set(hit.partyId, party);
  }
  return parties;
}

const NO_PARTIES: ReadonlyMap<string, ScreenedParty> = new Map();

function useStoredScreenedParties(caseId: string | null | undefined): ReadonlyMap<string, ScreenedParty> {
  const changes = useSyncExternalStore(screeningChanges.subscribe, screeningChanges.getVersion);
  const [parties, setParties] = useState<{ caseId: string; parties: ReadonlyMap<string, ScreenedParty> } | null>(null);
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    readScreenedParties(caseId)
      .then((read) => {
        if (live) setParties({ caseId, parties: read });
      })
      // No screening tables readable (a locked or older database): the chart simply shows no marks.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [caseId, changes]);
  return parties && parties.caseId === caseId ? parties.parties : NO_PARTIES;
}

/** The open case's screened parties, re-read after every screening run or decision. */
export const useScreenedParties: (caseId: string | null | undefined) => ReadonlyMap<string, ScreenedParty> = hitsModule?.useScreenedParties ?? useStoredScreenedParties;

/**
 * Screening marks per chart node: a node is marked when one of its parties
 * has a hit not ruled out as a false match. PEP when a PEP entry matched;
 * watch list for a sanctions hit or any other list's hit.
 */
export function screeningFlags(graph: Graph | null, screened: ReadonlyMap<string, ScreenedParty>): NodeFlags {
  const flags = new Map<string, ScreeningFlags>();
  if (!graph || screened.size === 0) return flags;
  for (const node of graph.nodes) {
    let pep = false;
    let watchList = false;
    for (const partyId of node.parties) {
      const party = screened.get(partyId);
      if (!party || party.decision === 'false-match') continue;
      pep ||= party.pep;
      watchList ||= party.sanction || !party.pep;
    }
    if (pep || watchList) flags.set(node.id, { pep, watchList });
  }
  return flags;
}

/** Memoised screening marks of a graph. */
export function useScreeningFlags(graph: Graph | null, screened: ReadonlyMap<string, ScreenedParty>): NodeFlags {
  return useMemo(() => screeningFlags(graph, screened), [graph, screened]);
}
