import { describe, expect, it } from 'vitest';
import type { CaseDataset, Party } from '../../../shared/model';
import type { ListEntry } from '../../../shared/screen';
import type { ScreeningListRow } from '../../../renderer/db/schema';
import { initialScreeningState, screeningReducer } from '../../../renderer/features/screening/state';
import { alertingHits, entryFingerprint, movementsAfterListing, pairKey, partyFingerprint, watchlistAlert, watchlistAlertId, type Decision, type StoredHit } from '../../../renderer/features/screening/watchlist';

const source = { file: 'a'.repeat(64), line: 1 };
const party: Party = { id: 'NIT:900', name: 'Comercializadora Pacífico S.A.S.', kind: 'company', idType: 'NIT', idNumber: '900', pep: false, source };
const entry: ListEntry = { id: 'E1', kind: 'company', names: [{ name: 'COMERCIALIZADORA PACIFICO SAS', quality: 'primary' }], birthDates: [], nationalities: [], ids: [], listedOn: '2024-03-01', tags: [], placesOfBirth: [], addresses: [], location: 'line 2' };
const hit = (overrides: Partial<StoredHit> = {}): StoredHit => ({
  partyId: party.id,
  partyName: party.name,
  listId: 'L1',
  listName: 'SAT 69-B',
  entryId: 'E1',
  matchedName: 'COMERCIALIZADORA PACIFICO SAS',
  matchedQuality: 'primary',
  score: 0.97,
  parts: [{ code: 'company.exact' }],
  listedOn: '2024-03-01',
  tags: [],
  partyFingerprint: partyFingerprint(party),
  entryFingerprint: entryFingerprint(entry),
  ...overrides,
});
const decision = (kind: Decision['decision'], h: StoredHit): Decision => ({ decision: kind, reason: 'otra empresa', partyFingerprint: h.partyFingerprint, entryFingerprint: h.entryFingerprint, decidedAt: 1 });

describe('sticky decisions', () => {
  it('a false match leaves the same pair out of later screenings, also against a new version of the list', () => {
    const first = hit();
    const decisions = new Map([[pairKey('c1', 'SAT 69-B', 'E1', party.id), decision('false-match', first)]]);
    const again = hit({ listId: 'L2' });
    expect(alertingHits([again], decisions, 'c1', new Set()).suppressed).toHaveLength(1);
  });
  it('alerts again when the entry or the party changed', () => {
    const first = hit();
    const decisions = new Map([[pairKey('c1', 'SAT 69-B', 'E1', party.id), decision('false-match', first)]]);
    const changedEntry = hit({ entryFingerprint: entryFingerprint({ ...entry, status: 'definitivo' }) });
    const changedParty = hit({ partyFingerprint: partyFingerprint({ ...party, idNumber: '901' }) });
    expect(alertingHits([changedEntry, changedParty], decisions, 'c1', new Set()).alerting).toHaveLength(2);
  });
  it('a true match keeps alerting; a dismissal in the alert list counts as a false match', () => {
    const first = hit();
    const decisions = new Map([[pairKey('c1', 'SAT 69-B', 'E1', party.id), decision('true-match', first)]]);
    expect(alertingHits([first], decisions, 'c1', new Set()).alerting).toHaveLength(1);
    expect(alertingHits([first], new Map(), 'c1', new Set([watchlistAlertId(first)])).alerting).toHaveLength(0);
  });
});

describe('date awareness', () => {
  const dataset: CaseDataset = {
    parties: [party],
    accounts: [{ id: 'ACC-9', holderId: '900', source }],
    shipments: [],
    transactions: [
      { id: 't-before', timestamp: Date.UTC(2024, 1, 10), fromAccount: 'ACC-1', toAccount: 'ACC-9', amount: 1000, currency: 'MXN', channel: 'wire', source },
      { id: 't-after', timestamp: Date.UTC(2024, 4, 10), fromAccount: 'ACC-1', toAccount: 'ACC-9', amount: 2500, currency: 'MXN', channel: 'wire', source },
      { id: 't-other', timestamp: Date.UTC(2024, 4, 11), fromAccount: 'ACC-1', toAccount: 'ACC-2', amount: 99, currency: 'MXN', channel: 'wire', source },
    ],
  };
  it('counts a payment to a listed company only from its publication date', () => {
    const moves = movementsAfterListing(party, dataset, '2024-03-01');
    expect(moves.counted.map((t) => t.id)).toEqual(['t-after']);
    expect(moves.before).toBe(1);
  });
  it('builds a watchlist alert with that evidence and the explanation in both languages', () => {
    const alert = watchlistAlert(hit(), party, dataset);
    expect(alert.typology).toBe('watchlist');
    expect(alert.transactions).toEqual(['t-after']);
    expect(alert.totals).toEqual({ MXN: 2500 });
    expect(alert.score).toBe(97);
    expect(alert.explanation.es).toContain('razón social igual');
    expect(alert.explanation.es).toContain('1 movimientos desde la publicación (1 anteriores no cuentan)');
    expect(alert.explanation.en).toContain('company name equal');
  });
});

describe('screening view state', () => {
  const row = (id: string, name: string, version: number): ScreeningListRow => ({ id, name, version, format: 'un-xml', files: [], importedAt: version, entryCount: 1, warnings: [] });
  it('chooses the newest version of each list by default, and keeps the analyst’s choice', () => {
    const loaded = screeningReducer(initialScreeningState, { type: 'listsLoaded', lists: [row('a', 'UN', 1), row('b', 'UN', 2), row('c', 'SAT', 1)] });
    expect(loaded.chosen.sort()).toEqual(['b', 'c']);
    const toggled = screeningReducer(loaded, { type: 'toggle', listId: 'c' });
    expect(toggled.chosen).toEqual(['b']);
    expect(screeningReducer(toggled, { type: 'listsLoaded', lists: toggled.lists }).chosen).toEqual(['b']);
  });
  it('ignores progress outside a run and returns to idle on cancel', () => {
    expect(screeningReducer(initialScreeningState, { type: 'progress', done: 1, total: 2 }).progress).toBeNull();
    const running = screeningReducer(initialScreeningState, { type: 'runStarted' });
    expect(running.phase).toBe('running');
    expect(screeningReducer(running, { type: 'cancelled', text: 'x' }).phase).toBe('idle');
  });
});
