import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/model';
import type { SuppressionRuleRow } from '../../../renderer/db/schema';
import { EMPTY_DETECTION, IDLE_STATUS, reduceDetection, type DetectionSnapshot } from '../../../renderer/features/alerts/detectionState';
import type { StoredAlertRun } from '../../../renderer/features/alerts/repository';

function alert(id: string, focus?: string): Alert {
  return {
    id,
    typology: 'fan-out',
    score: 40,
    accounts: focus ? [focus, `${id}-x`] : [`${id}-x`, `${id}-y`, `${id}-z`],
    parties: [],
    transactions: [],
    shipments: [],
    window: { from: 0, to: 0 },
    totals: {},
    explanation: { es: '', en: '' },
    ...(focus ? { focus } : {}),
  };
}

function run(caseId: string, ranAt: number, alerts: Alert[]): StoredAlertRun {
  return { caseId, profileId: 'co-uiaf', ranAt, alerts, inputKey: `k${ranAt}` };
}

const HUB_RULE: SuppressionRuleRow = {
  id: 'r1',
  target: { kind: 'account', account: 'HUB', role: 'payroll-hub' },
  typologies: [],
  note: 'nómina de la empresa',
  scope: 'case',
  createdAt: 10,
  caseId: 'c1',
};

const opened = (): DetectionSnapshot => reduceDetection(EMPTY_DETECTION, { type: 'case-opened', caseId: 'c1', profileId: 'co-uiaf' });

describe('detection state transitions', () => {
  it('opening a case starts empty and keeps the worker status', () => {
    const busy = reduceDetection(EMPTY_DETECTION, { type: 'status', status: { ...IDLE_STATUS, phase: 'running' } });
    const state = reduceDetection(busy, { type: 'case-opened', caseId: 'c1', profileId: 'co-uiaf' });
    expect(state.caseId).toBe('c1');
    expect(state.run).toBeNull();
    expect(state.status.phase).toBe('running');
  });

  it('a run of another case or an older run never replaces the current one', () => {
    const first = reduceDetection(opened(), { type: 'run-offered', run: run('c1', 100, [alert('a')]) });
    expect(reduceDetection(first, { type: 'run-offered', run: run('c2', 500, [alert('z')]) })).toBe(first);
    expect(reduceDetection(first, { type: 'run-offered', run: run('c1', 50, [alert('old')]) })).toBe(first);
    const newer = reduceDetection(first, { type: 'run-offered', run: run('c1', 200, [alert('b')]) });
    expect(newer.visible.map((a) => a.id)).toEqual(['b']);
  });

  it('rules split the run into visible and suppressed alerts, whichever arrives first', () => {
    const alerts = [alert('a', 'HUB'), alert('b')];
    const runFirst = reduceDetection(reduceDetection(opened(), { type: 'run-offered', run: run('c1', 1, alerts) }), { type: 'rules-loaded', caseId: 'c1', rules: [HUB_RULE] });
    const rulesFirst = reduceDetection(reduceDetection(opened(), { type: 'rules-loaded', caseId: 'c1', rules: [HUB_RULE] }), { type: 'run-offered', run: run('c1', 1, alerts) });
    for (const state of [runFirst, rulesFirst]) {
      expect(state.visible.map((a) => a.id)).toEqual(['b']);
      expect(state.suppressed.map((s) => s.alert.id)).toEqual(['a']);
      expect(state.countsByRule).toEqual({ r1: 1 });
    }
  });

  it('revoking a rule brings its alerts back', () => {
    const suppressed = reduceDetection(reduceDetection(opened(), { type: 'run-offered', run: run('c1', 1, [alert('a', 'HUB')]) }), { type: 'rules-loaded', caseId: 'c1', rules: [HUB_RULE] });
    const undone = reduceDetection(suppressed, { type: 'rules-loaded', caseId: 'c1', rules: [{ ...HUB_RULE, revokedAt: 20 }] });
    expect(undone.visible.map((a) => a.id)).toEqual(['a']);
    expect(undone.suppressed).toEqual([]);
    expect(undone.rules).toHaveLength(1);
  });

  it('ignores late answers about a case no longer open', () => {
    const state = opened();
    expect(reduceDetection(state, { type: 'rules-loaded', caseId: 'other', rules: [HUB_RULE] })).toBe(state);
    expect(reduceDetection(state, { type: 'outcome', caseId: 'other', outcome: { kind: 'no-data' } })).toBe(state);
    expect(reduceDetection(state, { type: 'profile-loaded', caseId: 'other', profile: null })).toBe(state);
  });

  it('switching the profile of the open case keeps the old run on screen until the new one', () => {
    const withRun = reduceDetection(opened(), { type: 'run-offered', run: run('c1', 1, [alert('a')]) });
    const switched = reduceDetection(withRun, { type: 'case-opened', caseId: 'c1', profileId: 'ec-uafe' });
    expect(switched.profileId).toBe('ec-uafe');
    expect(switched.visible.map((a) => a.id)).toEqual(['a']);
    expect(switched.profile).toBeUndefined();
    const closed = reduceDetection(switched, { type: 'case-closed' });
    expect(closed.caseId).toBeNull();
    expect(closed.visible).toEqual([]);
  });
});
