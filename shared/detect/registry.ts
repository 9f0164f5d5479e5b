import type { Alert, CaseDataset } from '../model';
import { profileSensitivity, type UnitProfile } from '../profiles/schema';
import { sensitivityParameters } from './sensitivity';
import { typologyParamsFor } from '../profiles/io';
import { alertId } from './alerts';
import { indexCase } from './indexing';
import { throwIfCancelled } from './runtime';
import type { Typology } from './types';
import { structuring, structuringMonthly } from './typologies/structuring';
import { cycle } from './typologies/cycle';
import { passThrough } from './typologies/passThrough';
import { dormantReactivation, highRiskJurisdiction, roundAmounts } from './typologies/accountBehaviour';
import { tradePhantomPayment, tradeThirdParty, tradeUnitValue } from './typologies/trade';
import { fanIn, fanOut, gatherScatter, layeringWalk, scatterGather, withRelativeEvidence } from './typologies/relative';
import { mergeSchemes } from './schemes';

export { DetectionCancelledError } from './runtime';

export const TYPOLOGIES: Typology[] = [
  structuring,
  structuringMonthly,
  fanIn,
  fanOut,
  scatterGather,
  gatherScatter,
  withRelativeEvidence(cycle, 'cycle'),
  passThrough,
  layeringWalk,
  highRiskJurisdiction,
  roundAmounts,
  dormantReactivation,
  tradeUnitValue,
  tradePhantomPayment,
  tradeThirdParty,
] as Typology[];

export function typologyById(id: string): Typology | undefined {
  return TYPOLOGIES.find((typology) => typology.id === id);
}

/**
 * A generic alert is dropped when a more specific pattern already reports
 * most of its evidence: the hub of a gather-scatter is also a fan-in and a
 * fan-out, the intermediaries of a scatter-gather are pass-through accounts.
 * One alert that tells the whole story beats three that tell parts of it.
 */
const SUBSUMED_BY: Record<string, string[]> = {
  // Cash deposits under the threshold from many depositors are told best as structuring. A dormant account woken
  // by a burst of new senders or payees is not dropped but merged with the reactivation into one scheme alert
  // (SCHEME_SHAPES), so the alert names both the waking and the counterparts that woke it.
  'fan-in': ['structuring'],
  'round-amounts': ['structuring'],
  // Classic structuring inside the month already tells the story, with the stronger evidence.
  'structuring-monthly': ['structuring'],
  'trade-phantom-payment': ['trade-third-party', 'high-risk-jurisdiction'],
  // Network shapes on a woken account merge with the reactivation into one scheme instead (SCHEME_SHAPES).
  'dormant-reactivation': ['structuring', 'round-amounts', 'high-risk-jurisdiction', 'trade-phantom-payment', 'trade-third-party'],
};
const SUBSUMED_SHARE = 0.5;
/** Shapes that merge into one scheme alert when they share accounts: the network shapes and a dormant account's waking. */
const SCHEME_SHAPES: ReadonlySet<string> = new Set(['fan-in', 'fan-out', 'scatter-gather', 'gather-scatter', 'cycle', 'pass-through', 'layering-walk', 'dormant-reactivation']);
/** Network shapes: scored on the common scale (relative/surprise.ts) and merged into scheme alerts (schemes.ts). */
export const NETWORK_SHAPES: ReadonlySet<string> = new Set(['fan-in', 'fan-out', 'scatter-gather', 'gather-scatter', 'cycle', 'pass-through', 'layering-walk']);
/** Two alerts of one typology sharing this much of the smaller one's evidence are one finding. */
const MERGE_OVERLAP = 0.6;

export interface DetectionOptions {
  /** Run only these typology ids. */
  only?: string[];
  onProgress?(fraction: number, typologyId: string): void;
  isCancelled?(): boolean;
}

/**
 * Runs every enabled typology with the unit's parameters, merges overlapping
 * alerts of the same typology, drops alerts a richer pattern already covers,
 * and ranks by score. Throws DetectionCancelledError when cancelled.
 */
export function runDetection(data: CaseDataset, profile: UnitProfile, options: DetectionOptions = {}): Alert[] {
  const selected = TYPOLOGIES.filter((typology) => !profile.disabledTypologies.includes(typology.id) && (!options.only || options.only.includes(typology.id)));
  // Validate every parameter set before spending time on the data.
  const params = new Map(selected.map((typology) => [typology.id, typologyParamsFor(profile, typology)]));
  throwIfCancelled(options);
  indexCase(data, profile);
  const sensitivity = sensitivityParameters(profileSensitivity(profile));
  const weight = (typology: Typology) => (typology.id === 'cycle' ? 3 : typology.id.startsWith('trade') ? 0.5 : 1);
  const totalWeight = selected.reduce((sum, typology) => sum + weight(typology), 0);
  let done = 0;
  const byTypology = new Map<string, Alert[]>();
  let positionOf: Map<string, number> | undefined;
  const totalsFor = (ids: string[]) => {
    positionOf ??= new Map(data.transactions.map((tx, i) => [tx.id, i]));
    const totals: Record<string, number> = {};
    for (const id of ids) {
      const tx = data.transactions[positionOf.get(id) ?? -1];
      if (tx) totals[tx.currency] = Math.round(((totals[tx.currency] ?? 0) + tx.amount) * 100) / 100;
    }
    return totals;
  };
  for (const typology of selected) {
    throwIfCancelled(options);
    const share = weight(typology) / totalWeight;
    const base = done;
    options.onProgress?.(Math.min(1, base), typology.id);
    const raw = typology.run(data, params.get(typology.id), {
      profile,
      sensitivity,
      onProgress: (fraction) => options.onProgress?.(Math.min(1, base + share * fraction), typology.id),
      isCancelled: options.isCancelled,
    });
    const alerts = raw.map((alert) => withRuleComponent(alert, typology));
    // Below the sensitivity's minimum score a network alert is not reported, so it may not hide another either.
    const reportable = NETWORK_SHAPES.has(typology.id) ? alerts.filter((alert) => alert.score >= sensitivity.minScore) : alerts;
    byTypology.set(typology.id, mergeOverlapping(reportable, totalsFor));
    done += share;
    options.onProgress?.(Math.min(1, done), typology.id);
  }
  // Resolve the richer patterns first, so an alert only yields to one that itself survived.
  const kept = new Map<string, Alert[]>();
  const resolve = (typology: string, trail: string[]): Alert[] => {
    const done = kept.get(typology);
    if (done) return done;
    const alerts = byTypology.get(typology) ?? [];
    const richer = (SUBSUMED_BY[typology] ?? []).filter((id) => !trail.includes(id)).flatMap((id) => resolve(id, [...trail, typology]));
    const result = richer.length > 0 ? dropSubsumed(alerts, richer) : alerts;
    kept.set(typology, result);
    return result;
  };
  const resolved = [...byTypology.keys()].flatMap((typology) => resolve(typology, []));
  const all = mergeSchemes(resolved, (typology) => SCHEME_SHAPES.has(typology), (typology) => typologyById(typology)?.names ?? { es: typology, en: typology });
  // The sensitivity's minimum score applies to the network shapes, whose score means the same for every
  // typology; legal-threshold typologies (cash, structuring, jurisdictions) report whatever the law asks.
  return rank(all.filter((alert) => !NETWORK_SHAPES.has(alert.typology) || alert.score >= sensitivity.minScore));
}

/**
 * A rule-based alert (a legal threshold, a trade document) has one component: the rule itself, so the
 * analyst always sees what the score stands on.
 */
function withRuleComponent(alert: Alert, typology: Typology): Alert {
  if (alert.scoreComponents && alert.scoreComponents.length > 0) return alert;
  return {
    ...alert,
    scoreComponents: [{ id: 'rule', label: { es: `Regla: ${typology.names.es}`, en: `Rule: ${typology.names.en}` }, value: alert.score }],
  };
}

export function rank(alerts: Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function evidenceOf(alert: Alert): string[] {
  return alert.transactions.length > 0 ? alert.transactions : alert.shipments.map((id) => `shipment:${id}`);
}

/** Joins alerts of one typology whose evidence heavily overlaps (e.g. the same smurfing seen by account and by depositor). */
export function mergeOverlapping(alerts: Alert[], totalsFor: (ids: string[]) => Record<string, number>): Alert[] {
  const ordered = [...alerts].sort((a, b) => evidenceOf(b).length - evidenceOf(a).length || b.score - a.score);
  const owner = new Map<string, number>();
  const merged: { alert: Alert; evidence: Set<string> }[] = [];
  for (const alert of ordered) {
    const evidence = evidenceOf(alert);
    const overlapCounts = new Map<number, number>();
    for (const item of evidence) {
      const at = owner.get(item);
      if (at !== undefined) overlapCounts.set(at, (overlapCounts.get(at) ?? 0) + 1);
    }
    let target = -1;
    for (const [at, count] of overlapCounts) {
      const other = merged[at] as { evidence: Set<string> };
      if (count >= MERGE_OVERLAP * Math.min(evidence.length, other.evidence.size)) {
        target = at;
        break;
      }
    }
    if (target < 0) {
      merged.push({ alert, evidence: new Set(evidence) });
      for (const item of evidence) if (!owner.has(item)) owner.set(item, merged.length - 1);
      continue;
    }
    const into = merged[target] as { alert: Alert; evidence: Set<string> };
    for (const item of evidence) {
      into.evidence.add(item);
      if (!owner.has(item)) owner.set(item, target);
    }
    into.alert = combine(into.alert, alert, totalsFor);
  }
  return merged.map((entry) => entry.alert);
}

/** The larger alert keeps its explanation and focus; evidence, accounts, parties and totals are united. */
function combine(primary: Alert, secondary: Alert, totalsFor: (ids: string[]) => Record<string, number>): Alert {
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  const transactions = [...new Set([...primary.transactions, ...secondary.transactions])];
  const shipments = union(primary.shipments, secondary.shipments);
  return {
    ...primary,
    id: alertId(primary.typology, transactions, shipments),
    score: Math.max(primary.score, secondary.score),
    accounts: union(primary.accounts, secondary.accounts),
    parties: union(primary.parties, secondary.parties),
    transactions,
    shipments,
    window: { from: Math.min(primary.window.from, secondary.window.from), to: Math.max(primary.window.to, secondary.window.to) },
    totals: transactions.length > primary.transactions.length ? totalsFor(transactions) : primary.totals,
  };
}

function dropSubsumed(alerts: Alert[], richer: Alert[]): Alert[] {
  const covered = new Set<string>();
  for (const alert of richer) for (const item of evidenceOf(alert)) covered.add(item);
  return alerts.filter((alert) => {
    const evidence = evidenceOf(alert);
    let inside = 0;
    for (const item of evidence) if (covered.has(item)) inside++;
    return inside < SUBSUMED_SHARE * evidence.length;
  });
}
