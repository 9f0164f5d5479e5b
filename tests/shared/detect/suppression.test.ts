import { describe, expect, it } from 'vitest';
import {
  applySuppression,
  describeRule,
  ruleMatches,
  suggestTarget,
  SuppressionRuleSchema,
  type SuppressionRule,
} from '../../../shared/detect/suppression';
import type { Alert } from '../../../shared/model';

function alert(id: string, typology: string, accounts: string[], extra: Partial<Alert> & { shapes?: string[] } = {}): Alert {
  return {
    id,
    typology,
    score: 50,
    accounts,
    parties: [],
    transactions: [],
    shipments: [],
    window: { from: 0, to: 1 },
    totals: {},
    explanation: { es: 'x', en: 'x' },
    ...extra,
  };
}

function rule(partial: Partial<SuppressionRule> & Pick<SuppressionRule, 'target'>): SuppressionRule {
  return SuppressionRuleSchema.parse({ id: 'r1', typologies: [], note: 'payroll', scope: 'case', createdAt: 1, ...partial });
}

const PAYROLL = rule({ target: { kind: 'account', account: 'HUB', role: 'payroll-hub' }, typologies: ['fan-out'] });

describe('suppression rules', () => {
  it('an account rule covers alerts centred on the account, of its typologies only', () => {
    expect(ruleMatches(PAYROLL, alert('a', 'fan-out', ['HUB', 'E1', 'E2'], { focus: 'HUB' }))).toBe(true);
    // Same account, another typology: the rule says nothing about it.
    expect(ruleMatches(PAYROLL, alert('b', 'fan-in', ['HUB', 'E1'], { focus: 'HUB' }))).toBe(false);
    // The account is in the alert but is not its centre: a payroll hub paid by a funnel is still news.
    expect(ruleMatches(PAYROLL, alert('c', 'fan-out', ['X', 'HUB'], { focus: 'X' }))).toBe(false);
    // No focus at all (a cycle through the hub): not covered.
    expect(ruleMatches(PAYROLL, alert('d', 'fan-out', ['HUB', 'E1']))).toBe(false);
  });

  it('a typology-limited rule never hides a merged scheme that also showed another shape', () => {
    const scheme = alert('s', 'fan-out', ['HUB', 'E1'], { focus: 'HUB', shapes: ['fan-out', 'cycle'] });
    expect(ruleMatches(PAYROLL, scheme)).toBe(false);
    const everyTypology = rule({ target: PAYROLL.target, typologies: [] });
    expect(ruleMatches(everyTypology, scheme)).toBe(true);
  });

  it('a pair rule covers alerts whose every account is one of the pair', () => {
    const family = rule({ target: { kind: 'pair', accounts: ['A', 'B'], relation: 'family' } });
    expect(ruleMatches(family, alert('p', 'cycle', ['A', 'B']))).toBe(true);
    expect(ruleMatches(family, alert('q', 'cycle', ['B', 'A', 'B']))).toBe(true);
    expect(ruleMatches(family, alert('r', 'cycle', ['A', 'B', 'C']))).toBe(false);
    expect(ruleMatches(family, alert('e', 'cycle', []))).toBe(false);
  });

  it('a revoked rule suppresses nothing', () => {
    const revoked = { ...PAYROLL, revokedAt: 5 };
    expect(ruleMatches(revoked, alert('a', 'fan-out', ['HUB'], { focus: 'HUB' }))).toBe(false);
  });

  it('splits alerts into visible and suppressed, keeps order, drops nothing and counts per rule', () => {
    const alerts = [
      alert('1', 'fan-out', ['HUB', 'E1'], { focus: 'HUB' }),
      alert('2', 'cycle', ['A', 'B']),
      alert('3', 'fan-in', ['Z', 'Y'], { focus: 'Z' }),
      alert('4', 'fan-out', ['HUB', 'E9'], { focus: 'HUB' }),
    ];
    const family = rule({ id: 'r2', target: { kind: 'pair', accounts: ['A', 'B'], relation: 'family' } });
    const undone = rule({ id: 'r3', target: { kind: 'account', account: 'Z', role: 'merchant' }, revokedAt: 9 });
    const outcome = applySuppression(alerts, [PAYROLL, family, undone]);
    expect(outcome.visible.map((a) => a.id)).toEqual(['3']);
    expect(outcome.suppressed.map((s) => [s.alert.id, s.ruleIds])).toEqual([
      ['1', ['r1']],
      ['2', ['r2']],
      ['4', ['r1']],
    ]);
    expect(outcome.visible.length + outcome.suppressed.length).toBe(alerts.length);
    expect(outcome.countsByRule).toEqual({ r1: 2, r2: 1, r3: 0 });
  });

  it('refuses a rule without the analyst’s reason', () => {
    expect(SuppressionRuleSchema.safeParse({ id: 'x', target: PAYROLL.target, note: '   ', scope: 'case', createdAt: 1 }).success).toBe(false);
  });

  it('suggests the focus account, else the pair, else nothing', () => {
    expect(suggestTarget(alert('a', 'fan-out', ['HUB', 'E1'], { focus: 'HUB' }))).toEqual({ kind: 'account', account: 'HUB', role: 'other' });
    expect(suggestTarget(alert('b', 'cycle', ['B', 'A', 'B']))).toEqual({ kind: 'pair', accounts: ['A', 'B'], relation: 'other' });
    expect(suggestTarget(alert('c', 'cycle', ['A', 'B', 'C']))).toBeNull();
  });

  it('describes a rule in both languages', () => {
    const text = describeRule(PAYROLL, (id) => ({ es: id === 'fan-out' ? 'Dispersión' : id, en: id === 'fan-out' ? 'Fan-out' : id }));
    expect(text.es).toBe('Alertas centradas en la cuenta HUB (centro de nómina); Dispersión.');
    expect(text.en).toBe('Alerts centred on account HUB (payroll hub); Fan-out.');
  });
});
