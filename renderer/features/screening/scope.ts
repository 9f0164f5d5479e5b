import { useSyncExternalStore } from 'react';

/**
 * What the chart has selected, as screening reads it: the chart writes the
 * party ids behind its selected nodes here, the screening view offers to
 * screen just those. A plain module store so neither feature imports the
 * other's components (contract: /work/notes/round2-14-contract.md).
 */
export interface ChartSelectionScope {
  caseId: string;
  /** Party ids behind the selected nodes (union of GraphNode.parties), deduplicated. */
  partyIds: readonly string[];
  /** Chart nodes selected, for the analyst ("3 nodes, 5 parties"). */
  nodeCount: number;
  at: number;
}

export type ScreeningScopeChoice = 'all' | 'chart';

let snapshot: ChartSelectionScope | null = null;
const listeners = new Set<() => void>();

function publish(next: ChartSelectionScope | null): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

export const screeningScope = {
  /** Called by the chart on every selection change; an empty list clears the scope for that case. */
  setChartSelection(caseId: string, partyIds: readonly string[], nodeCount: number = partyIds.length, now = Date.now()): void {
    const unique = [...new Set(partyIds)];
    publish(unique.length === 0 ? null : { caseId, partyIds: unique, nodeCount, at: now });
  },
  /** Called by the chart when it unmounts or the case changes; only clears its own case's selection. */
  clearChartSelection(caseId?: string): void {
    if (snapshot && (caseId === undefined || snapshot.caseId === caseId)) publish(null);
  },
  getSnapshot(): ChartSelectionScope | null {
    return snapshot;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The chart selection of this case, or null when there is none (or it belongs to another case). */
export function selectionForCase(scope: ChartSelectionScope | null, caseId: string | null): ChartSelectionScope | null {
  return scope && caseId && scope.caseId === caseId && scope.partyIds.length > 0 ? scope : null;
}

/**
 * The parties a screening covers: every party, or only those of the chart
 * selection that still exist in the case (a stale selection screens nothing
 * rather than something the analyst did not pick).
 */
export function partiesInScope<P extends { id: string }>(parties: readonly P[], choice: ScreeningScopeChoice, scope: ChartSelectionScope | null): P[] {
  if (choice === 'all') return [...parties];
  if (!scope) return [];
  const wanted = new Set(scope.partyIds);
  return parties.filter((party) => wanted.has(party.id));
}

/** The chart selection of the open case, re-rendering when the chart changes it. */
export function useChartSelectionScope(caseId: string | null): ChartSelectionScope | null {
  const scope = useSyncExternalStore(screeningScope.subscribe, screeningScope.getSnapshot);
  return selectionForCase(scope, caseId);
}

/**
 * A screening of a selection replaces only the selected parties' hits: the
 * hits the previous run found on every other party stay (screening three
 * nodes must not wipe the rest of the case's hits).
 */
export function mergeScopedHits<H extends { partyId: string }>(previous: readonly H[] | undefined, fresh: readonly H[], choice: ScreeningScopeChoice, screenedPartyIds: ReadonlySet<string>): { hits: H[]; kept: number } {
  if (choice === 'all' || !previous) return { hits: [...fresh], kept: 0 };
  const kept = previous.filter((hit) => !screenedPartyIds.has(hit.partyId));
  return { hits: [...kept, ...fresh], kept: new Set(kept.map((hit) => hit.partyId)).size };
}
