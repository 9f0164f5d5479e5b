import { z } from 'zod';
import type { Alert, LocalizedText } from '../model';

/**
 * Suppression rules: what an analyst learnt from triage ("this account is the
 * company's payroll hub", "these two accounts are a married couple"), kept as
 * data in the case or the unit profile instead of as a constant in a detector.
 * A rule never deletes an alert: detection still raises it, the rule moves it
 * to the "suppressed" count with the rule that did it, and revoking the rule
 * brings it back. Labels from triage therefore shape what an analyst sees
 * without ever leaking into the detectors' code.
 */

/** Why an account's own activity is benign (centre of payroll, a shop's takings…). */
export const ACCOUNT_ROLES = ['payroll-hub', 'merchant', 'supplier-payments', 'utility-or-public-body', 'own-treasury', 'other'] as const;
/** Why the money between two accounts is benign. */
export const PAIR_RELATIONS = ['family', 'same-holder', 'employer-employee', 'business-partners', 'other'] as const;

export const AccountRoleSchema = z.enum(ACCOUNT_ROLES);
export const PairRelationSchema = z.enum(PAIR_RELATIONS);
export type AccountRole = z.infer<typeof AccountRoleSchema>;
export type PairRelation = z.infer<typeof PairRelationSchema>;

export const SuppressionTargetSchema = z.discriminatedUnion('kind', [
  /** Alerts centred on this account (its hub, funnel or origin). */
  z.object({ kind: z.literal('account'), account: z.string().min(1), role: AccountRoleSchema }),
  /** Alerts whose every account is one of these two. */
  z.object({ kind: z.literal('pair'), accounts: z.tuple([z.string().min(1), z.string().min(1)]), relation: PairRelationSchema }),
]);
export type SuppressionTarget = z.infer<typeof SuppressionTargetSchema>;

export const SuppressionRuleSchema = z.object({
  id: z.string().min(1),
  target: SuppressionTargetSchema,
  /** Typologies the rule covers; empty means every typology. */
  typologies: z.array(z.string()).default([]),
  /** The analyst's own words: why this is benign. Required, it is what a supervisor asks. */
  note: z.string().trim().min(1),
  /** Where the rule lives: this case only, or every case under the unit profile. */
  scope: z.enum(['case', 'profile']),
  createdAt: z.number(),
  /** The dismissed alert the rule was made from, for the record. */
  createdFromAlert: z.string().optional(),
  /** Set when the analyst undid the rule; a revoked rule suppresses nothing but stays listed. */
  revokedAt: z.number().optional(),
});
export type SuppressionRule = z.infer<typeof SuppressionRuleSchema>;

/** The shapes an alert showed: a merged scheme alert names several, a plain one its typology. */
export function alertShapes(alert: Alert): string[] {
  const shapes = (alert as Alert & { shapes?: string[] }).shapes;
  return shapes && shapes.length > 0 ? shapes : [alert.typology];
}

export function isActive(rule: SuppressionRule): boolean {
  return rule.revokedAt === undefined;
}

/**
 * Does the rule cover this alert? A typology-limited rule covers a merged
 * scheme alert only when every shape of the scheme is in its list: a payroll
 * rule for fan-outs must not hide the cycle the same accounts also made.
 */
export function ruleMatches(rule: SuppressionRule, alert: Alert): boolean {
  if (!isActive(rule)) return false;
  if (rule.typologies.length > 0 && !alertShapes(alert).every((shape) => rule.typologies.includes(shape))) return false;
  const target = rule.target;
  if (target.kind === 'account') return alert.focus === target.account;
  if (alert.accounts.length === 0) return false;
  const pair = new Set<string>(target.accounts);
  return alert.accounts.every((account) => pair.has(account));
}

export interface SuppressedAlert {
  alert: Alert;
  /** Every active rule that covers it (all are shown, so undoing one says whether the alert comes back). */
  ruleIds: string[];
}

export interface SuppressionOutcome {
  visible: Alert[];
  suppressed: SuppressedAlert[];
  /** Alerts each rule covers, revoked rules included with 0. */
  countsByRule: Record<string, number>;
}

/** Splits a run's alerts into those shown and those suppressed; order is kept, nothing is dropped. */
export function applySuppression(alerts: readonly Alert[], rules: readonly SuppressionRule[]): SuppressionOutcome {
  const countsByRule: Record<string, number> = {};
  for (const rule of rules) countsByRule[rule.id] = 0;
  const active = rules.filter(isActive);
  const visible: Alert[] = [];
  const suppressed: SuppressedAlert[] = [];
  for (const alert of alerts) {
    const ruleIds = active.filter((rule) => ruleMatches(rule, alert)).map((rule) => rule.id);
    if (ruleIds.length === 0) {
      visible.push(alert);
      continue;
    }
    suppressed.push({ alert, ruleIds });
    for (const id of ruleIds) countsByRule[id] = (countsByRule[id] ?? 0) + 1;
  }
  return { visible, suppressed, countsByRule };
}

/**
 * The rule an analyst is offered after dismissing an alert as a benign
 * pattern: the alert's focus account when it has one, the pair when the
 * alert is about two accounts only, nothing otherwise (a rule over a ten-account
 * scheme would be too broad to explain).
 */
export function suggestTarget(alert: Alert): SuppressionTarget | null {
  if (alert.focus && alert.accounts.includes(alert.focus)) return { kind: 'account', account: alert.focus, role: 'other' };
  const distinct = [...new Set(alert.accounts)].sort();
  if (distinct.length === 2) return { kind: 'pair', accounts: [distinct[0] as string, distinct[1] as string], relation: 'other' };
  return null;
}

const ROLE_NAMES: Record<AccountRole, LocalizedText> = {
  'payroll-hub': { es: 'centro de nómina', en: 'payroll hub' },
  merchant: { es: 'comercio que recibe de muchos clientes', en: 'merchant taking many customers’ payments' },
  'supplier-payments': { es: 'pagos a proveedores', en: 'supplier payments' },
  'utility-or-public-body': { es: 'servicio público o entidad estatal', en: 'utility or public body' },
  'own-treasury': { es: 'tesorería propia del cliente', en: 'the customer’s own treasury' },
  other: { es: 'actividad conocida y legítima', en: 'known legitimate activity' },
};

const RELATION_NAMES: Record<PairRelation, LocalizedText> = {
  family: { es: 'familiares', en: 'family' },
  'same-holder': { es: 'cuentas del mismo titular', en: 'accounts of the same holder' },
  'employer-employee': { es: 'empleador y empleado', en: 'employer and employee' },
  'business-partners': { es: 'socios comerciales', en: 'business partners' },
  other: { es: 'relación conocida y legítima', en: 'known legitimate relationship' },
};

export function accountRoleName(role: AccountRole): LocalizedText {
  return ROLE_NAMES[role];
}

export function pairRelationName(relation: PairRelation): LocalizedText {
  return RELATION_NAMES[relation];
}

/** One sentence per rule, in both languages, for the rules list and the audit record. */
export function describeRule(rule: SuppressionRule, typologyName: (id: string) => LocalizedText): LocalizedText {
  const typologies = (language: 'es' | 'en') =>
    rule.typologies.length === 0
      ? language === 'es' ? 'todas las tipologías' : 'every typology'
      : rule.typologies.map((id) => typologyName(id)[language]).join(', ');
  const target = rule.target;
  if (target.kind === 'account') {
    const role = ROLE_NAMES[target.role];
    return {
      es: `Alertas centradas en la cuenta ${target.account} (${role.es}); ${typologies('es')}.`,
      en: `Alerts centred on account ${target.account} (${role.en}); ${typologies('en')}.`,
    };
  }
  const relation = RELATION_NAMES[target.relation];
  return {
    es: `Alertas solo entre ${target.accounts[0]} y ${target.accounts[1]} (${relation.es}); ${typologies('es')}.`,
    en: `Alerts only between ${target.accounts[0]} and ${target.accounts[1]} (${relation.en}); ${typologies('en')}.`,
  };
}
