import { describe, expect, it } from 'vitest';
import { mergeScopedHits, partiesInScope, screeningScope, selectionForCase } from '../../../renderer/features/screening/scope';
import { hitDecision, screenedParties } from '../../../renderer/features/screening/screenedHits';
import { pairKey, watchlistAlertId, type Decision, type StoredHit } from '../../../renderer/features/screening/watchlist';

const parties = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];

describe('screening scope: the chart selection', () => {
  it('keeps the latest selection per case, deduplicated, and tells listeners', () => {
    let heard = 0;
    const stop = screeningScope.subscribe(() => heard++);
    screeningScope.setChartSelection('case-1', ['A', 'B', 'A'], 2, 5);
    expect(screeningScope.getSnapshot()).toEqual({ caseId: 'case-1', partyIds: ['A', 'B'], nodeCount: 2, at: 5 });
    expect(selectionForCase(screeningScope.getSnapshot(), 'case-1')?.partyIds).toEqual(['A', 'B']);
    // Another case's selection is no selection here.
    expect(selectionForCase(screeningScope.getSnapshot(), 'case-2')).toBeNull();
    // The chart of another case does not clear this one's; its own does.
    screeningScope.clearChartSelection('case-2');
    expect(screeningScope.getSnapshot()).not.toBeNull();
    screeningScope.setChartSelection('case-1', []);
    expect(screeningScope.getSnapshot()).toBeNull();
    stop();
    screeningScope.setChartSelection('case-1', ['C']);
    expect(heard).toBe(2);
    screeningScope.clearChartSelection();
  });

  it('screens all parties, or only the selected ones that still exist in the case', () => {
    const scope = { caseId: 'c', partyIds: ['B', 'gone'], nodeCount: 1, at: 0 };
    expect(partiesInScope(parties, 'all', scope).map((p) => p.id)).toEqual(['A', 'B', 'C']);
    expect(partiesInScope(parties, 'chart', scope).map((p) => p.id)).toEqual(['B']);
    expect(partiesInScope(parties, 'chart', null)).toEqual([]);
  });

  it('a screening of the selection replaces only the selected parties’ hits', () => {
    const previous = [{ partyId: 'A', n: 1 }, { partyId: 'B', n: 2 }, { partyId: 'C', n: 3 }];
    const fresh = [{ partyId: 'B', n: 4 }];
    expect(mergeScopedHits(previous, fresh, 'chart', new Set(['B']))).toEqual({ hits: [{ partyId: 'A', n: 1 }, { partyId: 'C', n: 3 }, { partyId: 'B', n: 4 }], kept: 2 });
    // B screened with no hit this time: its old hit goes.
    expect(mergeScopedHits(previous, [], 'chart', new Set(['B'])).hits.map((h) => h.n)).toEqual([1, 3]);
    // Screening all parties replaces everything.
    expect(mergeScopedHits(previous, fresh, 'all', new Set(['A', 'B', 'C']))).toEqual({ hits: fresh, kept: 0 });
  });
});

describe('screened hits for the chart', () => {
  const hit = (partyId: string, overrides: Partial<StoredHit> = {}): StoredHit => ({
    partyId,
    partyName: partyId,
    listId: 'L-un',
    listName: 'UN Security Council consolidated list',
    entryId: `E-${partyId}`,
    matchedName: 'X',
    matchedQuality: 'primary',
    score: 0.9,
    parts: [],
    tags: [],
    partyFingerprint: `p-${partyId}`,
    entryFingerprint: 'e',
    ...overrides,
  });
  const decided = (h: StoredHit, decision: Decision['decision'], fingerprint = h.partyFingerprint): [string, Decision] => [
    pairKey('c', h.listName, h.entryId, h.partyId),
    { decision, reason: 'r', partyFingerprint: fingerprint, entryFingerprint: h.entryFingerprint, decidedAt: 1 },
  ];

  it('groups hits per party with the strongest decision, list names, sanction and PEP flags', () => {
    const a1 = hit('A', { score: 0.82 });
    const a2 = hit('A', { listId: 'L-pep', listName: 'PEP registry', entryId: 'P1', score: 0.95, tags: ['role.pep'] });
    const b = hit('B', { listId: 'L-sat', listName: 'SAT 69-B', tags: ['definitivo'] });
    const c = hit('C');
    const decisions = new Map([decided(a1, 'false-match'), decided(b, 'true-match'), decided(c, 'false-match', 'changed-since')]);
    const marked = screenedParties([a1, a2, b, c], decisions, 'c', new Set(), new Map([['L-un', 'un-xml'], ['L-pep', 'national-csv'], ['L-sat', 'national-csv']]));
    const a = marked.get('A');
    expect(a?.hits.map((h) => [h.entryId, h.decision])).toEqual([
      ['P1', 'open'],
      ['E-A', 'false-match'],
    ]);
    expect(a).toMatchObject({ bestScore: 0.95, decision: 'open', sanction: true, pep: true, lists: ['UN Security Council consolidated list', 'PEP registry'] });
    expect(marked.get('B')).toMatchObject({ decision: 'true-match', sanction: false, pep: false });
    // A decision taken before the party changed no longer stands.
    expect(marked.get('C')?.decision).toBe('open');
    expect(marked.has('D')).toBe(false);
  });

  it('a dismissal in the alert list counts as a false match', () => {
    const a = hit('A');
    expect(hitDecision(a, new Map(), 'c', new Set([watchlistAlertId(a)]))).toBe('false-match');
    expect(screenedParties([a], new Map(), 'c', new Set([watchlistAlertId(a)])).get('A')?.decision).toBe('false-match');
  });
});
