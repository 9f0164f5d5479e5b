import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import type { Account, CaseDataset, Party } from '../model';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';
import type { SharedHit } from './content';
import type { PublicKeys, UnitKeyPair } from './keys';
import { isoDate, normaliseAccount, normaliseIdNumber, normaliseName } from './normalise';
import type { Selection } from './policy';
import { pbkdf2Sha256 } from './webcrypto';

/**
 * Hashed cross-matching in the manner of FIU.net's Ma3tch: each unit turns
 * its subjects' normalised identifiers into HMAC-SHA-256 filters under a key
 * the two units share (and nobody else has), so a partner can test its own
 * data against them on its own premises and learn only the overlap. The match
 * key is separate from any package's pseudonym key.
 */

export const FILTER_TYPES = ['id', 'account', 'name-dob'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export const MatchFilterSetSchema = z.object({
  format: z.literal('caudal-match-filters'),
  version: z.literal(1),
  unit: z.string().trim().min(1),
  createdAt: z.number().int(),
  /** Identifies the match key without revealing it: first 8 bytes of HMAC(key, "caudal-match-key-id"). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  filters: z.array(z.object({ type: z.enum(FILTER_TYPES), hash: z.string().regex(/^[0-9a-f]{64}$/) })).max(5_000_000),
});
export type MatchFilterSet = z.infer<typeof MatchFilterSetSchema>;

export interface MatchTerm {
  type: FilterType;
  hash: string;
}

/** The strings that are hashed, one per identifier (documented in PACKAGE_FORMAT.md §7). */
export function matchInputs(record: { kind: 'party'; party: Party } | { kind: 'account'; account: Account }): { type: FilterType; input: string }[] {
  const inputs: { type: FilterType; input: string }[] = [];
  if (record.kind === 'party') {
    const { party } = record;
    const id = party.idNumber ? normaliseIdNumber(party.idNumber) : '';
    if (id.length >= 4) inputs.push({ type: 'id', input: `id:${id}` });
    const name = normaliseName(party.name);
    if (party.birthDate !== undefined && name.length > 0) inputs.push({ type: 'name-dob', input: `name-dob:${name}|${isoDate(party.birthDate)}` });
  } else {
    for (const value of [record.account.id, record.account.iban]) {
      const account = value ? normaliseAccount(value) : '';
      if (account.length >= 4) inputs.push({ type: 'account', input: `account:${account}` });
    }
  }
  const unique = new Map(inputs.map((entry) => [`${entry.type}\u0000${entry.input}`, entry]));
  return [...unique.values()];
}

export function hashMatchInput(matchKey: Uint8Array, input: string): string {
  return toHex(hmac(sha256, matchKey, utf8(input)));
}

export function matchKeyId(matchKey: Uint8Array): string {
  return toHex(hmac(sha256, matchKey, utf8('caudal-match-key-id')).slice(0, 8));
}

/**
 * The match key two units share without sending it anywhere: X25519 between
 * one's own agreement key and the partner's, expanded with HKDF over both
 * fingerprints in sorted order — both sides compute the same 32 bytes.
 */
export function deriveMatchKeyFromKeys(own: UnitKeyPair, partner: PublicKeys, ownFingerprint: string): Uint8Array {
  const shared = x25519.getSharedSecret(own.agreementSecretKey, partner.agreementPublicKey);
  const [first, second] = [ownFingerprint, partner.fingerprint].sort();
  return hkdf(sha256, shared, concatBytes(fromHex(first ?? ''), fromHex(second ?? '')), utf8('CAUDAL-MATCH-KEY-V1'), 32);
}

/** Alternative for units without exchanged cards: a long secret agreed out of band, stretched with PBKDF2. */
export async function deriveMatchKeyFromSecret(secret: string, iterations = 600_000): Promise<Uint8Array> {
  if (secret.trim().length < 16) throw new Error('the shared match secret must have at least 16 characters');
  return pbkdf2Sha256(secret, utf8('CAUDAL-MATCH-KEY-V1'), iterations, 32);
}

export interface FilterSource {
  filter: MatchTerm;
  kind: 'party' | 'account';
  recordId: string;
}

/**
 * Builds the filters for the chosen parties and accounts. The returned
 * `sources` stay with the unit (they map a hit reported back to the subject);
 * only `filterSet` is sent. Filters are sorted by hash so their order says
 * nothing about the records.
 */
export function buildMatchFilters(
  dataset: Pick<CaseDataset, 'parties' | 'accounts'>,
  selection: Pick<Selection, 'parties' | 'accounts'>,
  matchKey: Uint8Array,
  meta: { unit: string; now: number },
): { filterSet: MatchFilterSet; sources: FilterSource[] } {
  const sources: FilterSource[] = [];
  const partyIds = new Set(selection.parties);
  const accountIds = new Set(selection.accounts);
  for (const party of dataset.parties) {
    if (!partyIds.has(party.id)) continue;
    for (const { type, input } of matchInputs({ kind: 'party', party })) sources.push({ filter: { type, hash: hashMatchInput(matchKey, input) }, kind: 'party', recordId: party.id });
  }
  for (const account of dataset.accounts) {
    if (!accountIds.has(account.id)) continue;
    for (const { type, input } of matchInputs({ kind: 'account', account })) sources.push({ filter: { type, hash: hashMatchInput(matchKey, input) }, kind: 'account', recordId: account.id });
  }
  const unique = new Map(sources.map((source) => [`${source.filter.type}:${source.filter.hash}`, source.filter]));
  const filters = [...unique.values()].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return { filterSet: { format: 'caudal-match-filters', version: 1, unit: meta.unit, createdAt: meta.now, keyId: matchKeyId(matchKey), filters }, sources };
}

export interface MatchHit {
  filter: MatchTerm;
  kind: 'party' | 'account';
  /** The local record that matched (never sent back unless the analyst builds a reply). */
  record: Party | Account;
}

/**
 * Hashes the local parties and accounts under the same key and returns only
 * those whose hash is among the filters. Refuses a filter set made with a
 * different key rather than silently reporting no hits.
 */
export function matchAgainst(filters: MatchFilterSet, localDataset: Pick<CaseDataset, 'parties' | 'accounts'>, matchKey: Uint8Array): MatchHit[] {
  const parsed = MatchFilterSetSchema.parse(filters);
  if (parsed.keyId !== matchKeyId(matchKey)) throw new Error('these filters were made with a different match key: agree the key with the sending unit first');
  const wanted = new Map(parsed.filters.map((filter) => [`${filter.type}:${filter.hash}`, filter]));
  const hits: MatchHit[] = [];
  const seen = new Set<string>();
  const consider = (kind: 'party' | 'account', record: Party | Account, inputs: { type: FilterType; input: string }[]) => {
    for (const { type, input } of inputs) {
      const filter = wanted.get(`${type}:${hashMatchInput(matchKey, input)}`);
      if (!filter) continue;
      const key = `${kind}:${record.id}:${filter.hash}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ filter, kind, record });
    }
  };
  for (const party of localDataset.parties) consider('party', party, matchInputs({ kind: 'party', party }));
  for (const account of localDataset.accounts) consider('account', account, matchInputs({ kind: 'account', account }));
  return hits;
}

/** What a reply package built from hits selects: the matching records themselves. */
export function replySelectionFromHits(hits: readonly MatchHit[]): Selection {
  const parties = [...new Set(hits.filter((hit) => hit.kind === 'party').map((hit) => hit.record.id))];
  const accounts = [...new Set(hits.filter((hit) => hit.kind === 'account').map((hit) => hit.record.id))];
  return { parties, accounts, transactions: [], shipments: [], alerts: [], charts: [] };
}

/**
 * The hits for a reply package's `hits` part: the filter hash (so the
 * originator finds its own subject) and the LOCAL record id, which
 * sanitise() maps through the reply's policy like every other reference.
 */
export function sharedHits(hits: readonly MatchHit[]): SharedHit[] {
  return hits.map((hit) => ({ filter: hit.filter.hash, kind: hit.kind, recordId: hit.record.id }));
}

/** On the originator's side: which of its own records a hit from a reply points at. */
export function resolveReplyHits(sources: readonly FilterSource[], hits: readonly SharedHit[]): { hit: SharedHit; source: FilterSource | undefined }[] {
  const byHash = new Map(sources.map((source) => [source.filter.hash, source]));
  return hits.map((hit) => ({ hit, source: byHash.get(hit.filter) }));
}
