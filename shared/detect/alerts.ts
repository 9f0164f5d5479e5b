import type { Alert, Language, LocalizedText, ScoreComponent, Shipment, Transaction } from '../model';
import { formatAmount, formatDateRange, formatNumber } from '../i18n';
import { DAY_MS, type CaseIndex } from './indexing';

/** 53-bit string hash (cyrb53); two seeds give 106 bits, plenty for alert ids within a case. */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

/**
 * Deterministic id from the typology and the sorted evidence, so an analyst's
 * triage stays attached when detection runs again on the same data.
 */
export function alertId(typology: string, transactions: readonly string[], shipments: readonly string[]): string {
  const evidence = [...transactions].sort().join('\u0001') + '\u0002' + [...shipments].sort().join('\u0001');
  return `${typology}:${cyrb53(evidence, 1)}${cyrb53(evidence, 7)}`;
}

export interface AlertDraft {
  typology: string;
  score: number;
  /** Transaction indices into the dataset. */
  transactions: Iterable<number>;
  shipments?: readonly Shipment[];
  /** Extra accounts/parties not reachable from the transactions (e.g. a trade party). */
  accounts?: Iterable<string>;
  parties?: Iterable<string>;
  focus?: string;
  explanation: LocalizedText;
  /** The explained pieces of the score, in the order the analyst should read them. */
  scoreComponents?: ScoreComponent[];
}

export function clampScore(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.max(0, Math.min(100, value)));
}

/** Assembles the alert record: evidence ids, accounts and parties involved, window and totals per currency. */
export function buildAlert(index: CaseIndex, draft: AlertDraft): Alert {
  const txs = index.data.transactions;
  const txIndices = [...new Set(draft.transactions)].sort((a, b) => (index.time[a] as number) - (index.time[b] as number) || a - b);
  const accounts = new Set<string>();
  const parties = new Set<string>();
  const totals: Record<string, number> = {};
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of txIndices) {
    const tx = txs[i] as Transaction;
    if (!index.cashEndpoint[index.from[i] as number]) accounts.add(tx.fromAccount);
    if (!index.cashEndpoint[index.to[i] as number]) accounts.add(tx.toAccount);
    const fp = index.fromParty[i] as number;
    const tp = index.toParty[i] as number;
    if (fp >= 0) parties.add(partyDisplayId(index, fp));
    if (tp >= 0) parties.add(partyDisplayId(index, tp));
    totals[tx.currency] = roundCents((totals[tx.currency] ?? 0) + tx.amount);
    if (tx.timestamp < from) from = tx.timestamp;
    if (tx.timestamp > to) to = tx.timestamp;
  }
  const shipments = draft.shipments ?? [];
  for (const shipment of shipments) {
    if (shipment.date < from) from = shipment.date;
    if (shipment.date > to) to = shipment.date;
    parties.add(shipment.exporterId ?? shipment.exporter);
    parties.add(shipment.importerId ?? shipment.importer);
  }
  for (const account of draft.accounts ?? []) accounts.add(account);
  for (const party of draft.parties ?? []) parties.add(party);
  const transactionIds = txIndices.map((i) => (txs[i] as Transaction).id);
  const shipmentIds = shipments.map((shipment) => shipment.id);
  if (!Number.isFinite(from)) from = to = 0;
  const alert: Alert = {
    id: alertId(draft.typology, transactionIds, shipmentIds),
    typology: draft.typology,
    score: clampScore(draft.score),
    accounts: [...accounts].sort(),
    parties: [...parties].sort(),
    transactions: transactionIds,
    shipments: [...shipmentIds].sort(),
    window: { from, to },
    totals,
    explanation: draft.explanation,
    scoreComponents: draft.scoreComponents ?? [],
    shapes: [draft.typology],
  };
  if (draft.focus !== undefined) alert.focus = draft.focus;
  return alert;
}

/** The party as the records name it: its id where one exists, else its name. */
export function partyDisplayId(index: CaseIndex, party: number): string {
  const key = index.partyKeys[party] as string;
  if (key.startsWith('id:')) {
    const tx = key.slice(3);
    return tx;
  }
  return index.partyLabels[party] as string;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Totals as "96.400 USD y 12.000.000 COP" in the alert's language. */
export function formatTotals(totals: Record<string, number>, language: Language): string {
  const parts = Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .map(([currency, amount]) => formatAmount(amount, currency, language));
  return joinList(parts, language);
}

export function joinList(parts: string[], language: Language): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1] as string;
  return `${parts.slice(0, -1).join(', ')} ${language === 'es' ? 'y' : 'and'} ${last}`;
}

/**
 * The window as a phrase that follows a verb: "el 3 de marzo de 2025" / "on March 3, 2025"
 * for one day, "en el periodo 3–9 de marzo de 2025" / "in the period March 3 – 9, 2025"
 * otherwise. Inside parentheses use `formatDateRange` alone.
 */
export function formatSpan(from: number, to: number, language: Language): string {
  const range = formatDateRange(from, to, language);
  const DAY = 86_400_000;
  if (Math.floor(from / DAY) === Math.floor(to / DAY)) return language === 'es' ? `el ${range}` : `on ${range}`;
  return language === 'es' ? `en el periodo ${range}` : `in the period ${range}`;
}

export function totalsOf(index: CaseIndex, txIndices: Iterable<number>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const i of txIndices) {
    const tx = index.data.transactions[i] as Transaction;
    totals[tx.currency] = roundCents((totals[tx.currency] ?? 0) + tx.amount);
  }
  return totals;
}

/** Singular and plural of a noun in each language, for a count an explanation states. */
export interface CountedNoun {
  es: readonly [string, string];
  en: readonly [string, string];
}

/** "1 envío", "3 envíos", "1 shipment", "3 shipments": a count with its noun in the right number. */
export function countText(language: Language, n: (value: number, digits?: number) => string, count: number, noun: CountedNoun): string {
  const [one, many] = language === 'es' ? noun.es : noun.en;
  return `${n(count)} ${count === 1 ? one : many}`;
}

const DAYS: CountedNoun = { es: ['día', 'días'], en: ['day', 'days'] };

/** "1 día", "12 días", "1 day", "12 days": a number of days as an explanation says it. */
export function daysText(language: Language, n: (value: number, digits?: number) => string, days: number): string {
  return countText(language, n, days, DAYS);
}

/** Calendar days (UTC) from the first to the last of the transactions, both counted. */
export function dayCount(index: CaseIndex, txIndices: number[]): number {
  const span = spanOf(index, txIndices);
  return Math.floor(span.to / DAY_MS) - Math.floor(span.from / DAY_MS) + 1;
}

export function spanOf(index: CaseIndex, txIndices: Iterable<number>): { from: number; to: number } {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of txIndices) {
    const t = index.time[i] as number;
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return { from, to };
}

/** Builds the same sentence in both languages from one function of the language. */
export function bilingual(sentence: (language: Language, n: (value: number, digits?: number) => string) => string): LocalizedText {
  return {
    es: sentence('es', (value, digits = 0) => formatNumber(value, 'es', digits)),
    en: sentence('en', (value, digits = 0) => formatNumber(value, 'en', digits)),
  };
}

export function usdText(amount: number, language: Language): string {
  return formatAmount(Math.round(amount), 'USD', language);
}
