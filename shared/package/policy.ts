import { z } from 'zod';

/**
 * Sanitisation policy: what happens to each field of each shared record.
 * Only fields listed here ever leave the unit — a field the model gains later
 * is dropped until someone decides its treatment here.
 */

export const FIELD_ACTIONS = ['keep', 'redact', 'pseudonymise', 'generalise'] as const;
export const FieldActionSchema = z.enum(FIELD_ACTIONS);
export type FieldAction = z.infer<typeof FieldActionSchema>;

/**
 * Pseudonym domains: every field holding the same kind of identifier shares
 * one, so an account number pseudonymised in accounts and in transactions
 * maps to the same pseudonym and the partner's graph stays connected.
 */
export const PSEUDONYM_DOMAINS = ['account', 'party', 'name', 'idNumber', 'transaction', 'shipment', 'alert', 'chart'] as const;
export type PseudonymDomain = (typeof PSEUDONYM_DOMAINS)[number];

export type Generaliser = 'month' | 'amountBand' | 'dropKeepCountry' | 'hsChapter' | 'totalsBand' | 'windowMonth';

export interface FieldRule {
  allowed: readonly FieldAction[];
  default: FieldAction;
  domain?: PseudonymDomain;
  generalise?: Generaliser;
  /** Value a required field takes when redacted; optional fields are simply omitted. */
  redactedValue?: unknown;
  /** Free text that may name people: the wizard warns before "keep". */
  freeText?: boolean;
}

export const REDACTED_TEXT = '[redacted]';
/** Provenance withheld: an all-zero file hash, line 1 (documented in PACKAGE_FORMAT.md). */
export const WITHHELD_SOURCE = { file: '0'.repeat(64), line: 1 };

const K = ['keep'] as const;
const KR = ['keep', 'redact'] as const;
const KP = ['keep', 'pseudonymise'] as const;
const KRP = ['keep', 'redact', 'pseudonymise'] as const;
const KG = ['keep', 'generalise'] as const;
const KRG = ['keep', 'redact', 'generalise'] as const;

const source: FieldRule = { allowed: KR, default: 'redact', redactedValue: WITHHELD_SOURCE };

export const FIELD_RULES = {
  party: {
    id: { allowed: KP, default: 'pseudonymise', domain: 'party' },
    name: { allowed: KRP, default: 'pseudonymise', domain: 'name', redactedValue: REDACTED_TEXT },
    kind: { allowed: K, default: 'keep' },
    idType: { allowed: KR, default: 'keep' },
    idNumber: { allowed: KRP, default: 'pseudonymise', domain: 'idNumber' },
    nationality: { allowed: KR, default: 'keep' },
    birthDate: { allowed: KRG, default: 'generalise', generalise: 'month' },
    pep: { allowed: K, default: 'keep' },
    source,
  },
  account: {
    id: { allowed: KP, default: 'pseudonymise', domain: 'account' },
    institution: { allowed: KR, default: 'keep' },
    iban: { allowed: KRP, default: 'pseudonymise', domain: 'account' },
    currency: { allowed: K, default: 'keep' },
    holderId: { allowed: KRP, default: 'pseudonymise', domain: 'party' },
    holderName: { allowed: KRP, default: 'pseudonymise', domain: 'name' },
    country: { allowed: KR, default: 'keep' },
    opened: { allowed: KRG, default: 'generalise', generalise: 'month' },
    closed: { allowed: KRG, default: 'generalise', generalise: 'month' },
    source,
  },
  transaction: {
    id: { allowed: KP, default: 'pseudonymise', domain: 'transaction' },
    timestamp: { allowed: KG, default: 'keep', generalise: 'month' },
    fromAccount: { allowed: KP, default: 'pseudonymise', domain: 'account' },
    toAccount: { allowed: KP, default: 'pseudonymise', domain: 'account' },
    amount: { allowed: KG, default: 'keep', generalise: 'amountBand' },
    currency: { allowed: K, default: 'keep' },
    channel: { allowed: KR, default: 'keep', redactedValue: 'other' },
    description: { allowed: KR, default: 'redact', freeText: true },
    fromPartyName: { allowed: KRP, default: 'pseudonymise', domain: 'name' },
    fromPartyId: { allowed: KRP, default: 'pseudonymise', domain: 'party' },
    toPartyName: { allowed: KRP, default: 'pseudonymise', domain: 'name' },
    toPartyId: { allowed: KRP, default: 'pseudonymise', domain: 'party' },
    fromBank: { allowed: KR, default: 'keep' },
    toBank: { allowed: KR, default: 'keep' },
    fromCountry: { allowed: KR, default: 'keep' },
    toCountry: { allowed: KR, default: 'keep' },
    source,
  },
  shipment: {
    id: { allowed: KP, default: 'pseudonymise', domain: 'shipment' },
    date: { allowed: KG, default: 'keep', generalise: 'month' },
    exporter: { allowed: KRP, default: 'pseudonymise', domain: 'name', redactedValue: REDACTED_TEXT },
    exporterId: { allowed: KRP, default: 'pseudonymise', domain: 'party' },
    importer: { allowed: KRP, default: 'pseudonymise', domain: 'name', redactedValue: REDACTED_TEXT },
    importerId: { allowed: KRP, default: 'pseudonymise', domain: 'party' },
    originCountry: { allowed: K, default: 'keep' },
    originPort: { allowed: KRG, default: 'keep', generalise: 'dropKeepCountry' },
    destinationCountry: { allowed: K, default: 'keep' },
    destinationPort: { allowed: KRG, default: 'keep', generalise: 'dropKeepCountry' },
    hsCode: { allowed: KG, default: 'keep', generalise: 'hsChapter' },
    goods: { allowed: KR, default: 'keep', freeText: true },
    quantity: { allowed: K, default: 'keep' },
    unit: { allowed: K, default: 'keep' },
    declaredValue: { allowed: KG, default: 'keep', generalise: 'amountBand' },
    currency: { allowed: K, default: 'keep' },
    source,
  },
  alert: {
    id: { allowed: ['pseudonymise'], default: 'pseudonymise', domain: 'alert' },
    typology: { allowed: K, default: 'keep' },
    score: { allowed: K, default: 'keep' },
    window: { allowed: KG, default: 'keep', generalise: 'windowMonth' },
    totals: { allowed: KG, default: 'keep', generalise: 'totalsBand' },
    explanation: { allowed: KR, default: 'redact', freeText: true, redactedValue: { es: '[suprimido]', en: REDACTED_TEXT } },
  },
  chart: {
    id: { allowed: ['pseudonymise'], default: 'pseudonymise', domain: 'chart' },
    name: { allowed: KR, default: 'keep', freeText: true, redactedValue: REDACTED_TEXT },
    view: { allowed: K, default: 'keep' },
  },
} as const satisfies Record<string, Record<string, FieldRule>>;

/**
 * Identifiers built from other fields: party keys are `<ID type>:<ID number>`
 * or `NAME:<normalised name>` (shared/model), so keeping them while the ID
 * number or name is redacted or pseudonymised would send those values out.
 */
export const DERIVED_DOMAINS: Partial<Record<PseudonymDomain, readonly PseudonymDomain[]>> = { party: ['idNumber', 'name'] };

export type PolicyKind = keyof typeof FIELD_RULES;
export const POLICY_KINDS = Object.keys(FIELD_RULES) as PolicyKind[];

export type FieldActions = { [Kind in PolicyKind]: { [Field in keyof (typeof FIELD_RULES)[Kind]]: FieldAction } };

export const SanitisationPolicySchema = z
  .object({
    version: z.literal(1),
    fields: z.object(
      Object.fromEntries(POLICY_KINDS.map((kind) => [kind, z.record(z.string(), FieldActionSchema).default({})])) as Record<PolicyKind, z.ZodDefault<z.ZodRecord<z.ZodString, typeof FieldActionSchema>>>,
    ),
  })
  .superRefine((policy, context) => {
    const domainActions = new Map<PseudonymDomain, Set<FieldAction>>();
    for (const kind of POLICY_KINDS) {
      const rules: Record<string, FieldRule> = FIELD_RULES[kind];
      for (const [field, action] of Object.entries(policy.fields[kind])) {
        const rule = rules[field];
        if (!rule) {
          context.addIssue({ code: 'custom', path: ['fields', kind, field], message: `unknown field ${kind}.${field}` });
          continue;
        }
        if (!rule.allowed.includes(action)) {
          context.addIssue({ code: 'custom', path: ['fields', kind, field], message: `${kind}.${field} cannot be "${action}" (allowed: ${rule.allowed.join(', ')})` });
        }
      }
      for (const [field, rule] of Object.entries(rules)) {
        if (!rule.domain) continue;
        const action = policy.fields[kind][field] ?? rule.default;
        const set = domainActions.get(rule.domain) ?? new Set<FieldAction>();
        set.add(action);
        domainActions.set(rule.domain, set);
      }
    }
    // Keeping a value in one field while pseudonymising or redacting it in another would hand the partner the pseudonym's key, or the redacted value.
    for (const [domain, actions] of domainActions) {
      if (actions.has('keep') && actions.has('pseudonymise')) {
        context.addIssue({ code: 'custom', path: ['fields'], message: `identifiers of kind "${domain}" are kept in one field and pseudonymised in another; choose one treatment for all of them` });
      }
      if (actions.has('keep') && actions.has('redact')) {
        context.addIssue({ code: 'custom', path: ['fields'], message: `identifiers of kind "${domain}" are kept in one field and redacted in another: the kept field would carry the redacted value out` });
      }
    }
    // Derived identifiers follow their sources: a party id (CC:1023456789, NAME:JOSE RAMIREZ) is built from the ID number and the name.
    for (const [derived, sources] of Object.entries(DERIVED_DOMAINS) as [PseudonymDomain, readonly PseudonymDomain[]][]) {
      if (!domainActions.get(derived)?.has('keep')) continue;
      for (const source of sources) {
        if ([...(domainActions.get(source) ?? [])].some((action) => action !== 'keep')) {
          context.addIssue({ code: 'custom', path: ['fields'], message: `identifiers of kind "${derived}" are built from "${source}" values, which this policy does not keep: pseudonymise the "${derived}" fields too` });
        }
      }
    }
  });
export type SanitisationPolicy = z.infer<typeof SanitisationPolicySchema>;

export function defaultPolicy(): SanitisationPolicy {
  return { version: 1, fields: { party: {}, account: {}, transaction: {}, shipment: {}, alert: {}, chart: {} } };
}

/** The effective action of every field (defaults filled in): what the manifest records. */
export function effectiveActions(policy: SanitisationPolicy): Record<PolicyKind, Record<string, FieldAction>> {
  const result = {} as Record<PolicyKind, Record<string, FieldAction>>;
  for (const kind of POLICY_KINDS) {
    const rules: Record<string, FieldRule> = FIELD_RULES[kind];
    result[kind] = Object.fromEntries(Object.entries(rules).map(([field, rule]) => [field, policy.fields[kind][field] ?? rule.default]));
  }
  return result;
}

/** The action applied to identifiers of one domain (keep or pseudonymise); references in alerts and charts follow it. */
export function domainAction(policy: SanitisationPolicy, domain: PseudonymDomain): 'keep' | 'pseudonymise' {
  const actions = effectiveActions(policy);
  for (const kind of POLICY_KINDS) {
    const rules: Record<string, FieldRule> = FIELD_RULES[kind];
    for (const [field, rule] of Object.entries(rules)) {
      if (rule.domain === domain && actions[kind][field] === 'keep') return 'keep';
    }
  }
  return 'pseudonymise';
}

/** A sharing policy saved for reuse with one partner unit (stored in the sharingPolicies table). */
export const SavedPolicySchema = z.object({
  name: z.string().trim().min(1),
  partner: z.string().trim().min(1),
  policy: SanitisationPolicySchema,
});
export type SavedPolicy = z.infer<typeof SavedPolicySchema>;

/** The records and views the analyst chose to share, by local id. */
export const SelectionSchema = z.object({
  parties: z.array(z.string()).default([]),
  accounts: z.array(z.string()).default([]),
  transactions: z.array(z.string()).default([]),
  shipments: z.array(z.string()).default([]),
  alerts: z.array(z.string()).default([]),
  charts: z.array(z.string()).default([]),
});
export type Selection = z.infer<typeof SelectionSchema>;

/** Amount bands on a 1–2–5 series: a generalised amount is the lower bound of its band. */
export function amountBandLowerBound(amount: number): number {
  if (!(amount > 0)) return amount;
  const exponent = Math.floor(Math.log10(amount));
  let best = 10 ** (exponent - 1) * 5;
  for (const step of [1, 2, 5]) {
    const bound = step * 10 ** exponent;
    if (bound <= amount * (1 + 1e-12)) best = bound;
  }
  return Number(best.toPrecision(12));
}

/** Upper bound of the band that starts at `lower` (next value on the 1–2–5 series). */
export function amountBandUpperBound(lower: number): number {
  const exponent = Math.floor(Math.log10(lower) + 1e-9);
  const mantissa = Math.round(lower / 10 ** exponent);
  const next = mantissa === 1 ? 2 : mantissa === 2 ? 5 : 10;
  return Number((next * 10 ** exponent).toPrecision(12));
}

/** First instant (00:00 UTC) of the timestamp's month. */
export function monthStart(timestamp: number): number {
  const date = new Date(timestamp);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** What one field's action does, for the policy editor to explain (the renderer words it in both languages). */
export type FieldEffect =
  | { effect: 'keep' }
  | { effect: 'keep-derived'; sources: readonly PseudonymDomain[] }
  | { effect: 'redact-omit' }
  | { effect: 'redact-placeholder' }
  | { effect: 'pseudonymise'; domain: PseudonymDomain }
  | { effect: 'generalise'; generaliser: Generaliser };

export function fieldEffect(kind: PolicyKind, field: string, action: FieldAction): FieldEffect {
  const rule = (FIELD_RULES[kind] as Record<string, FieldRule>)[field];
  if (!rule) throw new Error(`unknown field ${kind}.${field}`);
  switch (action) {
    case 'keep': {
      const sources = rule.domain ? DERIVED_DOMAINS[rule.domain] : undefined;
      return sources ? { effect: 'keep-derived', sources } : { effect: 'keep' };
    }
    case 'redact':
      return rule.redactedValue === undefined ? { effect: 'redact-omit' } : { effect: 'redact-placeholder' };
    case 'pseudonymise':
      if (!rule.domain) throw new Error(`${kind}.${field} cannot be pseudonymised`);
      return { effect: 'pseudonymise', domain: rule.domain };
    case 'generalise':
      if (!rule.generalise) throw new Error(`${kind}.${field} cannot be generalised`);
      return { effect: 'generalise', generaliser: rule.generalise };
  }
}

/**
 * A policy against linkage: pseudonyms alone do not hide an account from a
 * partner that holds the other end of a wire with its exact amount and time.
 * Dates and windows go to months, amounts, values and totals to 1–2–5 bands.
 */
export function linkageResistantPolicy(): SanitisationPolicy {
  const policy = defaultPolicy();
  for (const kind of POLICY_KINDS) {
    for (const [field, rule] of Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>)) {
      if (rule.generalise && rule.generalise !== 'dropKeepCountry' && rule.generalise !== 'hsChapter' && rule.allowed.includes('generalise')) policy.fields[kind][field] = 'generalise';
    }
  }
  return policy;
}

/** Quasi-identifiers kept exactly next to pseudonymised identifiers: the partner may re-identify by linkage. */
export function linkageWarnings(policy: SanitisationPolicy): { kind: PolicyKind; field: string }[] {
  const actions = effectiveActions(policy);
  const pseudonymising = POLICY_KINDS.some((kind) => Object.values(actions[kind]).includes('pseudonymise') && kind !== 'alert' && kind !== 'chart');
  if (!pseudonymising) return [];
  const exact: { kind: PolicyKind; field: string }[] = [];
  for (const kind of ['transaction', 'shipment'] as const) {
    for (const [field, rule] of Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>)) {
      if ((rule.generalise === 'month' || rule.generalise === 'amountBand') && actions[kind][field] === 'keep') exact.push({ kind, field });
    }
  }
  return exact;
}
