import { useMemo } from 'react';
import type { Graph, ScreeningFlags } from '../../../shared/graph';
import { screeningScope } from '../screening/scope';
import type { ScreenedParty } from '../screening/screenedHits';
import type { NodeFlags } from './canvasModel';

/**
 * The chart's side of screening: which parties screening hit (read from screening's own store, one
 * owner for what a hit and a PEP are), and the chart's selection handed to screening as its scope.
 */

export type { ScreenedParty } from '../screening/screenedHits';
export { useScreenedParties } from '../screening/screenedHits';

/** Hands the parties behind the chart's selection to screening as its scope ("screen the chart's selection"). */
export function setScreeningScope(caseId: string, partyIds: readonly string[], nodeCount: number): void {
  screeningScope.setChartSelection(caseId, partyIds, nodeCount);
}

/** The parties behind some chart nodes: an account stands for its holders, a party for itself. */
export function partiesOfNodes(graph: Graph | null, nodeIds: readonly string[]): string[] {
  if (!graph) return [];
  const wanted = new Set(nodeIds);
  const parties = new Set<string>();
  for (const node of graph.nodes) if (wanted.has(node.id)) for (const party of node.parties) parties.add(party);
  return [...parties];
}

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
