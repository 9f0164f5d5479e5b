import type { Alert, LocalizedText } from '../model';
import { alertId } from './alerts';

/** Two network alerts are one scheme when this share of the smaller one's accounts is in the other. */
const SCHEME_OVERLAP = 0.5;

/**
 * Network-shape alerts on the same accounts (a hub's fan-in, its fan-out and
 * the gather-scatter they make; a cycle inside a walk) are one scheme: they
 * merge into one alert naming every shape it showed (`shapes`), with the
 * strongest alert's typology, score and components first. Merging is greedy
 * from the strongest alert down, so a weak alert never pulls strong ones
 * together, and a scheme may not grow past twice its strongest alert: a busy
 * hub must not glue unrelated schemes into one, and a weaker, wider alert on
 * the same hub (its fan-out over every stranger it paid that month) must not
 * pad the scheme with accounts only the weaker evidence names. Bounding by the
 * larger of the two let a 66-point fan-out of 18 payees swell an 11-account
 * scatter-gather scored 95 to 25 accounts, 14 of them a bank's one-off
 * payees (AMLSim with benign noise: docs/BENCHMARKS.md, detection round 7);
 * the wider alert stays a separate alert instead.
 */
export function mergeSchemes(alerts: Alert[], isNetwork: (typology: string) => boolean, names: (typology: string) => LocalizedText): Alert[] {
  const network = alerts.filter((alert) => isNetwork(alert.typology)).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const others = alerts.filter((alert) => !isNetwork(alert.typology));
  const schemes: { members: Alert[]; accounts: Set<string> }[] = [];
  for (const alert of network) {
    let target: { members: Alert[]; accounts: Set<string> } | undefined;
    for (const scheme of schemes) {
      let shared = 0;
      for (const account of alert.accounts) if (scheme.accounts.has(account)) shared++;
      const smaller = Math.min(alert.accounts.length, scheme.accounts.size);
      const union = scheme.accounts.size + alert.accounts.length - shared;
      if (smaller > 0 && shared >= SCHEME_OVERLAP * smaller && union <= 2 * (scheme.members[0] as Alert).accounts.length) {
        target = scheme;
        break;
      }
    }
    if (!target) schemes.push({ members: [alert], accounts: new Set(alert.accounts) });
    else {
      target.members.push(alert);
      for (const account of alert.accounts) target.accounts.add(account);
    }
  }
  return [...schemes.map((scheme) => combineScheme(scheme.members, names)), ...others];
}

function combineScheme(members: Alert[], names: (typology: string) => LocalizedText): Alert {
  const lead = members[0] as Alert;
  if (members.length === 1) return { ...lead, shapes: lead.shapes ?? [lead.typology] };
  const shapes: string[] = [];
  for (const member of members) for (const shape of member.shapes ?? [member.typology]) if (!shapes.includes(shape)) shapes.push(shape);
  const union = (pick: (alert: Alert) => string[]) => [...new Set(members.flatMap(pick))].sort();
  const transactions = [...new Set(members.flatMap((member) => member.transactions))];
  const shipments = union((member) => member.shipments);
  const totals: Record<string, number> = {};
  // Totals per currency over the union of evidence, counting each transaction once: rebuild from members' shares.
  const counted = new Set<string>();
  for (const member of members) {
    const fresh = member.transactions.filter((id) => !counted.has(id));
    if (fresh.length === member.transactions.length) {
      for (const [currency, amount] of Object.entries(member.totals)) totals[currency] = Math.round(((totals[currency] ?? 0) + amount) * 100) / 100;
    } else if (fresh.length > 0) {
      // Partly shared evidence: keep the larger of the two figures rather than double-count.
      for (const [currency, amount] of Object.entries(member.totals)) totals[currency] = Math.max(totals[currency] ?? 0, amount);
    }
    for (const id of member.transactions) counted.add(id);
  }
  const otherShapes = shapes.filter((shape) => shape !== lead.typology);
  const also = (language: 'es' | 'en') =>
    otherShapes.length === 0
      ? ''
      : language === 'es'
        ? ` El mismo esquema muestra también: ${otherShapes.map((shape) => names(shape).es.toLowerCase()).join(', ')}.`
        : ` The same scheme also shows: ${otherShapes.map((shape) => names(shape).en.toLowerCase()).join(', ')}.`;
  const merged: Alert = {
    ...lead,
    id: alertId(lead.typology, transactions, shipments),
    accounts: union((member) => member.accounts),
    parties: union((member) => member.parties),
    transactions,
    shipments,
    window: { from: Math.min(...members.map((member) => member.window.from)), to: Math.max(...members.map((member) => member.window.to)) },
    totals,
    explanation: { es: lead.explanation.es + also('es'), en: lead.explanation.en + also('en') },
    shapes,
  };
  return merged;
}
