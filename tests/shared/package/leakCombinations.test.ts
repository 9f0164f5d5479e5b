import { describe, expect, it } from 'vitest';
import {
  FIELD_RULES,
  SanitisationPolicySchema,
  defaultPolicy,
  effectiveActions,
  fieldEffect,
  foldAccents,
  linkageResistantPolicy,
  linkageWarnings,
  normaliseAccount,
  normaliseIdNumber,
  normaliseName,
  randomBytes,
  sanitise,
  type FieldAction,
  type FieldRule,
  type PolicyKind,
  type SanitisationPolicy,
} from '../../../shared/package';
import { FULL_SELECTION, demoAlerts, demoCharts, demoDataset } from './fixtures';

/**
 * The leak test over EVERY combination of rules for the identifier-bearing
 * fields (those with a pseudonym domain, ids included) of each record kind,
 * and every uniform treatment of each identifier domain across kinds. A
 * combination is either refused by the policy schema, or the sanitised
 * content holds none of the values it redacts or pseudonymises — in any
 * normalisation, nor inside an id derived from them (CC:1023456789 carries the
 * ID number). Free-text fields stay redacted here: keeping free text is
 * warned about in the editor and may name anyone (docs/PACKAGE_FORMAT.md §4).
 */

function variants(value: string): string[] {
  const forms = new Set<string>();
  const add = (form: string) => {
    // Five characters at least: shorter digit runs turn up by chance inside hexadecimal pseudonyms.
    if (form.replace(/\s/g, '').length >= 5) forms.add(form.toLowerCase());
  };
  for (const base of [value, foldAccents(value)]) {
    add(base);
    add(base.replace(/\D/g, ''));
    add(base.replace(/\s+/g, ''));
    // The part after a party key's prefix (CC:1023456789 → 1023456789; NAME:JOSE RAMIREZ → jose ramirez).
    if (base.includes(':')) add(base.slice(base.indexOf(':') + 1));
  }
  add(normaliseIdNumber(value));
  add(normaliseAccount(value));
  add(normaliseName(value));
  for (const token of foldAccents(value).split(/[\s.,:]+/)) if (token.length >= 5 && !/^\d+$/.test(token)) add(token);
  return [...forms];
}

const dataset = demoDataset();
const selected = <T extends { id: string }>(records: readonly T[], ids: readonly string[]) => records.filter((record) => ids.includes(record.id));
// Only what is selected is shared (T-4 and its accounts are not).
const recordsOf: Record<PolicyKind, readonly object[]> = {
  party: selected(dataset.parties, FULL_SELECTION.parties),
  account: selected(dataset.accounts, FULL_SELECTION.accounts),
  transaction: selected(dataset.transactions, FULL_SELECTION.transactions),
  shipment: selected(dataset.shipments, FULL_SELECTION.shipments),
  alert: demoAlerts(),
  chart: demoCharts(),
};
const identifierFields = (kind: PolicyKind) => Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>).filter(([, rule]) => rule.domain !== undefined && rule.allowed.length > 1);

/** Raw values the policy does not keep, over the records of every kind; free text counts as a whole (its words may be names kept elsewhere). */
function valuesByTreatment(policy: SanitisationPolicy): { hidden: Set<string>; hiddenText: Set<string> } {
  const actions = effectiveActions(policy);
  const hidden = new Set<string>();
  const hiddenText = new Set<string>();
  for (const kind of Object.keys(recordsOf) as PolicyKind[]) {
    for (const record of recordsOf[kind]) {
      for (const [field, rule] of Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>)) {
        const value = (record as Record<string, unknown>)[field];
        if (typeof value !== 'string' || (!rule.domain && !rule.freeText)) continue;
        if (rule.domain === 'alert' || rule.domain === 'chart' || rule.domain === 'transaction' || rule.domain === 'shipment') continue;
        if (actions[kind][field] !== 'keep') (rule.freeText ? hiddenText : hidden).add(value);
      }
    }
  }
  return { hidden, hiddenText };
}

function leaksOf(policy: SanitisationPolicy): string[] {
  const { content } = sanitise({ dataset, alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy, pseudonymKey: randomBytes(32) });
  const haystack = foldAccents(JSON.stringify(content)).toLowerCase();
  // No exemption for values also held by kept fields: the schema must refuse every policy where that happens.
  const { hidden, hiddenText } = valuesByTreatment(policy);
  const leaks: string[] = [];
  for (const text of hiddenText) if (haystack.includes(foldAccents(text).toLowerCase())) leaks.push(`free text “${text}”`);
  for (const value of hidden) {
    for (const form of variants(value)) if (haystack.includes(foldAccents(form))) leaks.push(`${value} as “${form}”`);
  }
  return leaks;
}

function* product(dimensions: readonly (readonly [string, readonly FieldAction[]])[]): Generator<Record<string, FieldAction>> {
  if (dimensions.length === 0) {
    yield {};
    return;
  }
  const [[field, actions], ...rest] = dimensions as [readonly [string, readonly FieldAction[]], ...(readonly [string, readonly FieldAction[]])[]];
  for (const tail of product(rest)) for (const action of actions) yield { [field]: action, ...tail };
}

describe('leak test over every combination of field rules', () => {
  it('the detector is not vacuous: a policy that keeps everything leaks', () => {
    const keepAll = defaultPolicy();
    for (const kind of Object.keys(recordsOf) as PolicyKind[]) for (const [field, rule] of identifierFields(kind)) if (rule.allowed.includes('keep')) keepAll.fields[kind][field] = 'keep';
    expect(SanitisationPolicySchema.safeParse(keepAll).success).toBe(true);
    // Keeping party ids while the ID number is pseudonymised is refused: the id carries the number.
    const idsKept = defaultPolicy();
    idsKept.fields.party.id = 'keep';
    idsKept.fields.account.holderId = 'keep';
    idsKept.fields.transaction.fromPartyId = 'keep';
    idsKept.fields.transaction.toPartyId = 'keep';
    idsKept.fields.shipment.exporterId = 'keep';
    idsKept.fields.shipment.importerId = 'keep';
    const refused = SanitisationPolicySchema.safeParse(idsKept);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message).join('\n')).toMatch(/built from "idNumber" values/);
    // The same policy, forced past the schema, is exactly the leak the rule prevents.
    expect(leaksOf(idsKept).some((leak) => leak.startsWith('1.023.456.789'))).toBe(true);
  });

  for (const kind of ['party', 'account', 'transaction', 'shipment'] as const) {
    it(`every combination of ${kind} identifier rules is refused or leaks nothing`, () => {
      const dimensions = identifierFields(kind).map(([field, rule]) => [field, rule.allowed] as const);
      let accepted = 0;
      let refused = 0;
      const failures: string[] = [];
      for (const combination of product(dimensions)) {
        const policy = defaultPolicy();
        policy.fields[kind] = { ...combination };
        if (!SanitisationPolicySchema.safeParse(policy).success) {
          refused++;
          continue;
        }
        accepted++;
        const leaks = leaksOf(policy);
        if (leaks.length > 0) failures.push(`${JSON.stringify(combination)}: ${leaks.slice(0, 3).join('; ')}`);
      }
      console.info(`${kind}: ${accepted + refused} combinations, ${accepted} accepted and leak-free, ${refused} refused by the policy schema`);
      expect(failures).toEqual([]);
      expect(accepted).toBeGreaterThan(0);
      expect(accepted + refused).toBe(dimensions.reduce((count, [, actions]) => count * actions.length, 1));
    });
  }

  it('every uniform treatment of each identifier domain across all kinds is refused or leaks nothing', () => {
    const domains = ['party', 'name', 'idNumber', 'account'] as const;
    const treatments: FieldAction[] = ['keep', 'redact', 'pseudonymise'];
    const failures: string[] = [];
    let accepted = 0;
    for (const assignment of product(domains.map((domain) => [domain, treatments] as const))) {
      const policy = defaultPolicy();
      for (const kind of Object.keys(recordsOf) as PolicyKind[]) {
        for (const [field, rule] of identifierFields(kind)) {
          const wanted = assignment[rule.domain as string];
          if (!wanted) continue;
          // Where a field cannot be redacted (ids are references), it is pseudonymised instead.
          policy.fields[kind][field] = rule.allowed.includes(wanted) ? wanted : 'pseudonymise';
        }
      }
      if (!SanitisationPolicySchema.safeParse(policy).success) continue;
      accepted++;
      const leaks = leaksOf(policy);
      if (leaks.length > 0) failures.push(`${JSON.stringify(assignment)}: ${leaks.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(accepted).toBeGreaterThan(10);
  });
});

describe('linkage-resistant preset and the editor’s explanations', () => {
  it('generalises every date and amount, and the warning fires only while exact amounts or times sit next to pseudonyms', () => {
    const preset = linkageResistantPolicy();
    expect(SanitisationPolicySchema.safeParse(preset).success).toBe(true);
    expect(effectiveActions(preset).transaction).toMatchObject({ timestamp: 'generalise', amount: 'generalise' });
    expect(effectiveActions(preset).shipment).toMatchObject({ date: 'generalise', declaredValue: 'generalise' });
    expect(linkageWarnings(preset)).toEqual([]);
    expect(linkageWarnings(defaultPolicy()).map((entry) => `${entry.kind}.${entry.field}`)).toEqual(['transaction.timestamp', 'transaction.amount', 'shipment.date', 'shipment.declaredValue']);
    const { content } = sanitise({ dataset, alerts: demoAlerts(), charts: demoCharts(), selection: FULL_SELECTION, policy: preset, pseudonymKey: randomBytes(32) });
    expect(content.transactions.map((transaction) => [transaction.amount, new Date(transaction.timestamp).toISOString().slice(0, 10)])).toEqual([
      [5_000_000, '2026-03-01'],
      [2_000, '2026-03-01'],
      [5_000_000, '2026-03-01'],
    ]);
  });

  it('explains every field under every allowed action, derived ids included', () => {
    for (const kind of Object.keys(FIELD_RULES) as PolicyKind[]) {
      for (const [field, rule] of Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>)) {
        for (const action of rule.allowed) expect(fieldEffect(kind, field, action).effect).toBeTruthy();
      }
    }
    expect(fieldEffect('transaction', 'fromPartyId', 'keep')).toEqual({ effect: 'keep-derived', sources: ['idNumber', 'name'] });
    expect(fieldEffect('account', 'iban', 'pseudonymise')).toEqual({ effect: 'pseudonymise', domain: 'account' });
    expect(fieldEffect('party', 'name', 'redact')).toEqual({ effect: 'redact-placeholder' });
  });
});
