import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Alert, CaseDataset, Party, Transaction } from '../../../shared/model';
import { foldName, normaliseIdNumber } from '../../../shared/resolve';
import { explain, type ExplanationPart, type ListEntry, type NameQuality } from '../../../shared/screen';

/**
 * Screening hits as the case keeps them and as watchlist alerts: pure
 * functions, so the decision rules (what sticks, what alerts again) are
 * tested in Node.
 */
export const WATCHLIST_TYPOLOGY = 'watchlist';

export interface StoredHit {
  partyId: string;
  partyName: string;
  listId: string;
  listName: string;
  entryId: string;
  matchedName: string;
  matchedQuality: NameQuality;
  score: number;
  parts: ExplanationPart[];
  listedOn?: string;
  status?: string;
  tags: string[];
  partyFingerprint: string;
  entryFingerprint: string;
}

export interface Decision {
  decision: 'true-match' | 'false-match';
  reason: string;
  partyFingerprint: string;
  entryFingerprint: string;
  decidedAt: number;
}

const hex = (text: string) => bytesToHex(sha256(utf8ToBytes(text))).slice(0, 20);

/** What identifies a party for screening: if any of it changes, an earlier decision no longer applies. */
export function partyFingerprint(party: Pick<Party, 'name' | 'kind' | 'idType' | 'idNumber' | 'birthDate' | 'nationality'>): string {
  return hex(JSON.stringify([party.name, party.kind, party.idType ?? '', party.idNumber ?? '', party.birthDate ?? '', party.nationality ?? '']));
}

/** What a list says about an entry (not where it sits in the file): a changed entry alerts again. */
export function entryFingerprint(entry: ListEntry): string {
  return hex(JSON.stringify([entry.kind, entry.names, entry.birthDates, entry.nationalities, entry.ids, entry.listedOn ?? '', entry.status ?? '']));
}

/** The same (party, entry) pair across list versions: keyed by the list's name, not the version. */
export const pairKey = (caseId: string, listName: string, entryId: string, partyId: string) => `${caseId}\u0000${listName}\u0000${entryId}\u0000${partyId}`;

/** Whether a decision still applies to this hit: same party and same entry content as when decided. */
export function decisionApplies(decision: Decision | undefined, hit: Pick<StoredHit, 'partyFingerprint' | 'entryFingerprint'>): boolean {
  return decision !== undefined && decision.partyFingerprint === hit.partyFingerprint && decision.entryFingerprint === hit.entryFingerprint;
}

/** The alert id of a hit: stable across re-screenings while party and entry are unchanged, so triage stays attached. */
export function watchlistAlertId(hit: Pick<StoredHit, 'listName' | 'entryId' | 'partyId' | 'partyFingerprint' | 'entryFingerprint'>): string {
  return `watchlist:${hex([hit.listName, hit.entryId, hit.partyId, hit.partyFingerprint, hit.entryFingerprint].join('\u0000'))}`;
}

const DAY = 86_400_000;

function isoToTime(day: string | undefined): number | undefined {
  if (!day) return undefined;
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The party's movements that count: to or from its accounts, or naming it,
 * made on or after the listing/publication date (a payment to a company
 * before it was listed is not a payment to a listed company).
 */
export function movementsAfterListing(party: Party, dataset: CaseDataset, listedOn: string | undefined): { counted: Transaction[]; before: number } {
  const number = party.idNumber ? normaliseIdNumber(party.idNumber) : undefined;
  const name = foldName(party.name);
  const accounts = new Set(dataset.accounts.filter((a) => (number && a.holderId && normaliseIdNumber(a.holderId) === number) || (a.holderName && foldName(a.holderName) === name)).map((a) => a.id));
  const names = (id: string | undefined, holder: string | undefined) => (number !== undefined && id !== undefined && normaliseIdNumber(id) === number) || (holder !== undefined && foldName(holder) === name);
  const from = isoToTime(listedOn);
  const counted: Transaction[] = [];
  let before = 0;
  for (const t of dataset.transactions) {
    if (!(accounts.has(t.fromAccount) || accounts.has(t.toAccount) || names(t.fromPartyId, t.fromPartyName) || names(t.toPartyId, t.toPartyName))) continue;
    if (from !== undefined && t.timestamp < from) before++;
    else counted.push(t);
  }
  return { counted, before };
}

/** A hit as an alert of the watchlist typology, with the movements that count as its evidence. */
export function watchlistAlert(hit: StoredHit, party: Party | undefined, dataset: CaseDataset): Alert {
  const movements = party ? movementsAfterListing(party, dataset, hit.listedOn) : { counted: [], before: 0 };
  const counted = movements.counted.slice(0, 500);
  const totals: Record<string, number> = {};
  for (const t of counted) totals[t.currency] = Math.round(((totals[t.currency] ?? 0) + t.amount) * 100) / 100;
  const times = counted.map((t) => t.timestamp);
  const listed = isoToTime(hit.listedOn);
  const window = times.length > 0 ? { from: Math.min(...times), to: Math.max(...times) } : { from: listed ?? 0, to: (listed ?? 0) + DAY };
  const why = explain(hit.parts);
  const status = hit.status ? { es: `, estado ${hit.status}`, en: `, status ${hit.status}` } : { es: '', en: '' };
  const date = hit.listedOn ? { es: `, publicada ${hit.listedOn}`, en: `, listed ${hit.listedOn}` } : { es: '', en: '' };
  const moves = {
    es: hit.listedOn ? `${movements.counted.length} movimientos desde la publicación (${movements.before} anteriores no cuentan)` : `${movements.counted.length} movimientos`,
    en: hit.listedOn ? `${movements.counted.length} movements since the listing (${movements.before} earlier ones do not count)` : `${movements.counted.length} movements`,
  };
  return {
    id: watchlistAlertId(hit),
    typology: WATCHLIST_TYPOLOGY,
    score: Math.round(hit.score * 100),
    accounts: [...new Set(counted.flatMap((t) => [t.fromAccount, t.toAccount]))].sort(),
    parties: [hit.partyId],
    transactions: counted.map((t) => t.id),
    shipments: [],
    window,
    totals,
    explanation: {
      es: `${hit.partyName} coincide con «${hit.matchedName}» (${hit.listName}, entrada ${hit.entryId}${date.es}${status.es}), puntaje ${hit.score.toFixed(2)}: ${why.es}. ${moves.es}.`,
      en: `${hit.partyName} matches “${hit.matchedName}” (${hit.listName}, entry ${hit.entryId}${date.en}${status.en}), score ${hit.score.toFixed(2)}: ${why.en}. ${moves.en}.`,
    },
    focus: hit.partyId,
  };
}

/** Hits that alert: those without a still-applying "false match" decision (from this view or a dismissal in the alert list). */
export function alertingHits(hits: readonly StoredHit[], decisions: ReadonlyMap<string, Decision>, caseId: string, dismissedAlertIds: ReadonlySet<string>): { alerting: StoredHit[]; suppressed: StoredHit[] } {
  const alerting: StoredHit[] = [];
  const suppressed: StoredHit[] = [];
  for (const hit of hits) {
    const decision = decisions.get(pairKey(caseId, hit.listName, hit.entryId, hit.partyId));
    const falseMatch = (decisionApplies(decision, hit) && decision?.decision === 'false-match') || dismissedAlertIds.has(watchlistAlertId(hit));
    (falseMatch ? suppressed : alerting).push(hit);
  }
  return { alerting, suppressed };
}
