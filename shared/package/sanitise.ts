import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import type { Alert, CaseDataset } from '../model';
import { toHex, utf8 } from './bytes';
import { PackageContentSchema, type PackageContent, type SharedChart, type SharedHit } from './content';
import { normaliseAccount, normaliseIdNumber, normaliseKey, normaliseName } from './normalise';
import {
  FIELD_RULES,
  PSEUDONYM_DOMAINS,
  amountBandLowerBound,
  domainAction,
  effectiveActions,
  monthStart,
  type FieldAction,
  type FieldRule,
  type PolicyKind,
  type PseudonymDomain,
  type SanitisationPolicy,
  type Selection,
} from './policy';

/** One pseudonym and what it stands for; kept only by the originating unit. */
export const ReidentificationEntrySchema = z.object({
  pseudonym: z.string(),
  domain: z.string(),
  value: z.string(),
});
export type ReidentificationEntry = z.infer<typeof ReidentificationEntrySchema>;

const PREFIX: Record<PseudonymDomain, string> = {
  account: 'ACC',
  party: 'PTY',
  name: 'NAME',
  idNumber: 'ID',
  transaction: 'TX',
  shipment: 'SHP',
  alert: 'ALR',
  chart: 'CHT',
};

const NORMALISE: Record<PseudonymDomain, (value: string) => string> = {
  account: normaliseAccount,
  party: normaliseKey,
  name: normaliseName,
  idNumber: normaliseIdNumber,
  transaction: (value) => value,
  shipment: (value) => value,
  alert: (value) => value,
  chart: (value) => value,
};

/**
 * Keyed pseudonyms: HMAC-SHA-256 under a key that never leaves the
 * originating unit, over the domain and the normalised value. The same value
 * always gets the same pseudonym within a package (and across fields of the
 * same domain); without the key the partner cannot invert or test a guess.
 */
export class Pseudonymiser {
  private readonly byValue = new Map<string, string>();
  /**
   * Raw value → pseudonym, one map per domain: most values repeat (accounts,
   * names) and a lookup by the record's own string skips normalising and
   * building a compound key.
   */
  private readonly byRaw = new Map<PseudonymDomain, Map<string, string>>(PSEUDONYM_DOMAINS.map((domain) => [domain, new Map()]));
  private readonly entries: ReidentificationEntry[] = [];
  /** Keyed once; each pseudonym clones it, which skips re-hashing the key's pads (about twice as fast). */
  private readonly keyed: ReturnType<typeof hmac.create>;

  constructor(key: Uint8Array) {
    if (key.length < 32) throw new Error('the pseudonym key must be at least 32 bytes');
    this.keyed = hmac.create(sha256, key);
  }

  pseudonym(domain: PseudonymDomain, value: string): string {
    const raw = this.byRaw.get(domain) as Map<string, string>;
    const seen = raw.get(value);
    if (seen) return seen;
    const normalised = NORMALISE[domain](value);
    const cacheKey = `${domain}\u0000${normalised}`;
    const known = this.byValue.get(cacheKey);
    if (known) {
      raw.set(value, known);
      return known;
    }
    const digest = this.keyed.clone().update(utf8(`caudal-pseudonym-v1\u0000${cacheKey}`)).digest();
    const pseudonym = `${PREFIX[domain]}-${toHex(digest.slice(0, 8)).toUpperCase()}`;
    this.byValue.set(cacheKey, pseudonym);
    raw.set(value, pseudonym);
    this.entries.push({ pseudonym, domain, value });
    return pseudonym;
  }

  /** The re-identification table: every pseudonym issued, with the raw value first seen for it. */
  table(): ReidentificationEntry[] {
    return [...this.entries];
  }
}

/** Looks a pseudonym from a partner's reply up in the unit's own table. */
export function reidentify(table: readonly ReidentificationEntry[], pseudonym: string): ReidentificationEntry | undefined {
  const wanted = pseudonym.trim().toUpperCase();
  return table.find((entry) => entry.pseudonym === wanted);
}

/** A saved chart as the engine needs it (the renderer's ChartRow fits). */
export interface ChartInput {
  id: string;
  name: string;
  view: 'accounts' | 'parties' | 'trade';
  nodes: { id: string; x: number; y: number; hidden?: boolean }[];
}

export interface SanitiseInput {
  dataset: CaseDataset;
  alerts: readonly Alert[];
  charts: readonly ChartInput[];
  selection: Selection;
  policy: SanitisationPolicy;
  pseudonymKey: Uint8Array;
  /** Match hits for a reply, with the LOCAL record id; mapped through the policy like any reference. */
  hits?: readonly SharedHit[];
  /** Called every few thousand records with how many of the selected records are done. */
  onProgress?(done: number, total: number): void;
}

export interface SanitiseResult {
  content: PackageContent;
  reidentification: ReidentificationEntry[];
}

type Row = Record<string, unknown>;

/**
 * Applies the policy to the selected records. Output is built field by field
 * from FIELD_RULES (a whitelist), then validated with the model schemas so
 * what is packaged is exactly what the partner's import will accept.
 */
export function sanitise(input: SanitiseInput): SanitiseResult {
  const { dataset, selection, policy } = input;
  const actions = effectiveActions(policy);
  const pseudonymiser = new Pseudonymiser(input.pseudonymKey);
  const seen: Record<'account' | 'party' | 'transaction' | 'shipment', Set<string>> = {
    account: new Set(),
    party: new Set(),
    transaction: new Set(),
    shipment: new Set(),
  };

  // Resolved once per kind: the per-record loop then does no lookups in the policy.
  const plans = new Map<PolicyKind, { field: string; rule: FieldRule; action: FieldAction; tracked: Set<string> | undefined }[]>();
  const planOf = (kind: PolicyKind) => {
    let plan = plans.get(kind);
    if (!plan) {
      const rules: Record<string, FieldRule> = FIELD_RULES[kind];
      plan = Object.entries(rules).map(([field, rule]) => {
        const action: FieldAction = actions[kind][field] ?? rule.default;
        const tracked = rule.domain && rule.domain in seen && action !== 'redact' ? seen[rule.domain as keyof typeof seen] : undefined;
        return { field, rule, action, tracked };
      });
      plans.set(kind, plan);
    }
    return plan;
  };

  const applyRule = (kind: PolicyKind, field: string, rule: FieldRule, action: FieldAction, value: unknown): { set: boolean; value?: unknown } => {
    switch (action) {
      case 'keep':
        return { set: true, value };
      case 'redact':
        return rule.redactedValue === undefined ? { set: false } : { set: true, value: JSON.parse(JSON.stringify(rule.redactedValue)) as unknown };
      case 'pseudonymise':
        if (!rule.domain || typeof value !== 'string') throw new Error(`${kind}.${field} cannot be pseudonymised`);
        return { set: true, value: pseudonymiser.pseudonym(rule.domain, value) };
      case 'generalise':
        return generalise(kind, field, rule, value);
    }
  };

  const sanitiseRecord = (kind: PolicyKind, record: object): Row => {
    const out: Row = {};
    for (const { field, rule, action, tracked } of planOf(kind)) {
      const value = (record as Row)[field];
      if (value === undefined || value === null) continue;
      if (tracked && typeof value === 'string') tracked.add(value);
      const result = applyRule(kind, field, rule, action, value);
      if (result.set) out[field] = result.value;
    }
    return out;
  };

  const pick = <T extends { id: string }>(records: readonly T[], ids: readonly string[]): T[] => {
    const wanted = new Set(ids);
    return records.filter((record) => wanted.has(record.id));
  };

  const chosen = {
    parties: pick(dataset.parties, selection.parties),
    accounts: pick(dataset.accounts, selection.accounts),
    transactions: pick(dataset.transactions, selection.transactions),
    shipments: pick(dataset.shipments, selection.shipments),
  };
  const total = chosen.parties.length + chosen.accounts.length + chosen.transactions.length + chosen.shipments.length;
  let done = 0;
  const tick = () => {
    done++;
    if (input.onProgress && (done % 5000 === 0 || done === total)) input.onProgress(done, total);
  };
  // Validated once, all together, by PackageContentSchema at the end.
  const parties = chosen.parties.map((party) => (tick(), sanitiseRecord('party', party)));
  const accounts = chosen.accounts.map((account) => (tick(), sanitiseRecord('account', account)));
  const transactions = chosen.transactions.map((transaction) => (tick(), sanitiseRecord('transaction', transaction)));
  const shipments = chosen.shipments.map((shipment) => (tick(), sanitiseRecord('shipment', shipment)));

  const mapRef = (domain: 'account' | 'party' | 'transaction' | 'shipment', raw: string): string | undefined => {
    if (!seen[domain].has(raw)) return undefined;
    return domainAction(policy, domain) === 'keep' ? raw : pseudonymiser.pseudonym(domain, raw);
  };
  const mapRefs = (domain: 'account' | 'party' | 'transaction' | 'shipment', raws: readonly string[]) =>
    raws.map((raw) => mapRef(domain, raw)).filter((value): value is string => value !== undefined);

  const alerts = pick(input.alerts, selection.alerts).map((alert) => {
    const base = sanitiseRecord('alert', alert);
    const focus = alert.focus === undefined ? undefined : (mapRef('account', alert.focus) ?? mapRef('party', alert.focus));
    return {
      ...base,
      accounts: mapRefs('account', alert.accounts),
      parties: mapRefs('party', alert.parties),
      transactions: mapRefs('transaction', alert.transactions),
      shipments: mapRefs('shipment', alert.shipments),
      ...(focus === undefined ? {} : { focus }),
    };
  });

  const charts: SharedChart[] = pick(input.charts, selection.charts).map((chart) => {
    const base = sanitiseRecord('chart', chart);
    const nodes = chart.nodes
      .filter((node) => !node.hidden)
      .map((node) => {
        const id = mapRef('account', node.id) ?? mapRef('party', node.id) ?? mapRef('shipment', node.id);
        return id === undefined ? undefined : { id, x: node.x, y: node.y };
      })
      .filter((node): node is { id: string; x: number; y: number } => node !== undefined);
    return { ...(base as { id: string; name: string; view: SharedChart['view'] }), nodes };
  });

  const hits = (input.hits ?? [])
    .map((hit) => ({ ...hit, recordId: mapRef(hit.kind, hit.recordId) }))
    .filter((hit): hit is SharedHit => hit.recordId !== undefined);

  const content = PackageContentSchema.parse({ psi: [], parties, accounts, transactions, shipments, alerts, charts, hits });
  return { content, reidentification: pseudonymiser.table() };
}

function generalise(kind: PolicyKind, field: string, rule: FieldRule, value: unknown): { set: boolean; value?: unknown } {
  switch (rule.generalise) {
    case 'month':
      return { set: true, value: monthStart(value as number) };
    case 'amountBand':
      return { set: true, value: amountBandLowerBound(value as number) };
    case 'dropKeepCountry':
      return { set: false };
    case 'hsChapter':
      return { set: true, value: String(value).slice(0, 2) };
    case 'windowMonth': {
      const window = value as { from: number; to: number };
      return { set: true, value: { from: monthStart(window.from), to: monthStart(window.to) } };
    }
    case 'totalsBand':
      return { set: true, value: Object.fromEntries(Object.entries(value as Record<string, number>).map(([currency, total]) => [currency, amountBandLowerBound(total)])) };
    default:
      throw new Error(`${kind}.${field} cannot be generalised`);
  }
}
