import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import type { Account, CaseDataset, LocalizedText, Party } from '../model';
import { fromHex, toHex, utf8 } from './bytes';
import { ExchangeError } from './exchangeError';
import { isoDate, normaliseAccount, normaliseIdNumber, normaliseName } from './normalise';
import { randomBytes } from './webcrypto';

/**
 * Cross-matching by private set intersection (ECDH-PSI over ristretto255),
 * replacing the keyed-hash filters a partner could brute-force with the key
 * it held. Each exchange draws a fresh random scalar on each side:
 *
 *   request  (A → B): a·H(x) for every x of A's explicit selection, sorted
 *   reply    (B → A): b·(a·H(x)) in the request's order, and b·H(y) for every
 *                     y of B's own data, sorted
 *   A alone:          a·(b·H(y)) compared with b·(a·H(x)) gives the overlap
 *
 * Nobody can test a guess offline: turning a candidate into a received
 * element needs the other side's scalar, which never leaves its computer (the
 * responder's scalar is not even stored). The protocol and its limits are in
 * docs/PACKAGE_FORMAT.md §7.
 */

export const PSI_VERSION = 1;
/** RFC 9380 domain separation tag for hashing identifiers onto ristretto255. */
export const PSI_HASH_DST = 'CAUDAL-PSI-V1-ristretto255_XMD:SHA-512_R255MAP_RO_';
/** Upper bound on any element list in a message: 1 million elements ≈ 64 MB of hex. */
export const PSI_MAX_ELEMENTS = 1_000_000;
/** What a responder accepts by default from one request (the analyst may lower or raise it). */
export const PSI_DEFAULT_REQUEST_CAP = 5_000;

export const MATCH_INPUT_TYPES = ['id', 'name-dob', 'account'] as const;
export type MatchInputType = (typeof MATCH_INPUT_TYPES)[number];

const Point = ristretto255.Point;
const ORDER = Point.Fn.ORDER;
const elementHex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 32-byte ristretto255 element as lower-case hex');
const exchangeIdHex = z.string().regex(/^[0-9a-f]{32}$/);

export const PsiRequestSchema = z.object({
  kind: z.literal('psi-request'),
  version: z.literal(PSI_VERSION),
  exchangeId: exchangeIdHex,
  /** a·H(x), sorted: the order says nothing about the requester's records. */
  elements: z.array(elementHex).min(1).max(PSI_MAX_ELEMENTS),
});
export type PsiRequest = z.infer<typeof PsiRequestSchema>;

export const PsiReplySchema = z.object({
  kind: z.literal('psi-reply'),
  version: z.literal(PSI_VERSION),
  exchangeId: exchangeIdHex,
  /** b·(a·H(x)), in exactly the order of the request's elements. */
  reblinded: z.array(elementHex).max(PSI_MAX_ELEMENTS),
  /** b·H(y) for the responder's own identifiers, sorted. */
  own: z.array(elementHex).max(PSI_MAX_ELEMENTS),
});
export type PsiReply = z.infer<typeof PsiReplySchema>;

export const PsiMessageSchema = z.discriminatedUnion('kind', [PsiRequestSchema, PsiReplySchema]);
export type PsiMessage = z.infer<typeof PsiMessageSchema>;

/** One identifier of one local record, as it enters the protocol. */
export interface MatchInput {
  type: MatchInputType;
  input: string;
}

/**
 * The strings hashed onto the curve, one per identifier (PACKAGE_FORMAT.md §7):
 * `id:<ID type>|<issuing country>|<normalised number>` — the same number
 * under another ID type or country is another person, so it must not match;
 * the issuing country is the party's nationality, as the model records no
 * other —, `name-dob:<normalised name>|<YYYY-MM-DD>` and
 * `account:<normalised account or IBAN>`.
 */
export function matchInputs(record: { kind: 'party'; party: Party } | { kind: 'account'; account: Account }): MatchInput[] {
  const inputs: MatchInput[] = [];
  if (record.kind === 'party') {
    const { party } = record;
    const id = party.idNumber ? normaliseIdNumber(party.idNumber) : '';
    if (id.length >= 4) inputs.push({ type: 'id', input: `id:${party.idType ?? ''}|${party.nationality ?? ''}|${id}` });
    const name = normaliseName(party.name);
    if (party.birthDate !== undefined && name.length > 0) inputs.push({ type: 'name-dob', input: `name-dob:${name}|${isoDate(party.birthDate)}` });
  } else {
    for (const value of [record.account.id, record.account.iban]) {
      const account = value ? normaliseAccount(value) : '';
      if (account.length >= 4) inputs.push({ type: 'account', input: `account:${account}` });
    }
  }
  const unique = new Map(inputs.map((entry) => [entry.input, entry]));
  return [...unique.values()];
}

/** The part of a ristretto255 point the protocol uses (structural, so declarations need not name noble's class). */
export interface RistrettoPoint {
  multiply(scalar: bigint): RistrettoPoint;
  toBytes(): Uint8Array;
  is0(): boolean;
}

/** H(x): RFC 9380 hash_to_ristretto255 of the input string. */
export function hashToGroup(input: string): RistrettoPoint {
  return ristretto255_hasher.hashToCurve(utf8(input), { DST: PSI_HASH_DST });
}

/** A uniformly random non-zero scalar (64 random bytes reduced mod the group order: bias below 2^-250). */
export function randomScalar(): bigint {
  for (;;) {
    const scalar = BigInt(`0x${toHex(randomBytes(64))}`) % ORDER;
    if (scalar !== 0n) return scalar;
  }
}

export const scalarToHex = (scalar: bigint): string => scalar.toString(16).padStart(64, '0');
export function scalarFromHex(hex: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('a PSI scalar is 32 bytes of lower-case hex');
  const scalar = BigInt(`0x${hex}`);
  if (scalar === 0n || scalar >= ORDER) throw new Error('the PSI scalar is out of range');
  return scalar;
}

/** Decodes a received element, refusing non-canonical encodings and the identity (which would match everything). */
export function decodeElement(hex: string, where: LocalizedText): RistrettoPoint {
  let point: RistrettoPoint;
  try {
    point = Point.fromBytes(fromHex(hex, 32));
  } catch {
    throw new ExchangeError({ en: `${where.en}: not a valid ristretto255 element`, es: `${where.es}: no es un elemento ristretto255 válido` });
  }
  if (point.is0()) throw new ExchangeError({ en: `${where.en}: the identity element is not allowed`, es: `${where.es}: el elemento identidad no está permitido` });
  return point;
}

const encode = (point: RistrettoPoint): string => toHex(point.toBytes());

/** Which local record an element of a request stands for: stays on the requester's computer. */
export interface PsiSource {
  element: string;
  type: MatchInputType;
  kind: 'party' | 'account';
  recordId: string;
}

/** What the requester keeps until the reply arrives (never sent). */
export interface PsiRequesterState {
  exchangeId: string;
  /** The requester's secret scalar for this exchange only. */
  scalar: string;
  sources: PsiSource[];
}

export interface MatchSubjectSelection {
  parties: readonly string[];
  accounts: readonly string[];
}

/** The identifiers of an explicit selection: what the analyst sees counted before saving a request. */
export function selectionInputs(dataset: Pick<CaseDataset, 'parties' | 'accounts'>, selection: MatchSubjectSelection): { input: MatchInput; kind: 'party' | 'account'; recordId: string }[] {
  const partyIds = new Set(selection.parties);
  const accountIds = new Set(selection.accounts);
  const out: { input: MatchInput; kind: 'party' | 'account'; recordId: string }[] = [];
  for (const party of dataset.parties) if (partyIds.has(party.id)) for (const input of matchInputs({ kind: 'party', party })) out.push({ input, kind: 'party', recordId: party.id });
  for (const account of dataset.accounts) if (accountIds.has(account.id)) for (const input of matchInputs({ kind: 'account', account })) out.push({ input, kind: 'account', recordId: account.id });
  return out;
}

/**
 * Step 1, requester: blinds the selected subjects' identifiers under a fresh
 * scalar. Equal identifiers of two records collapse into one element (the
 * state remembers both records).
 */
export function createPsiRequest(dataset: Pick<CaseDataset, 'parties' | 'accounts'>, selection: MatchSubjectSelection, onProgress?: (done: number, total: number) => void): { request: PsiRequest; state: PsiRequesterState } {
  const inputs = selectionInputs(dataset, selection);
  if (inputs.length === 0) throw new ExchangeError({ en: 'the selected subjects carry no identifier to match (ID number, name with birth date, or account)', es: 'los sujetos elegidos no tienen ningún identificador que cotejar (número de documento, nombre con fecha de nacimiento o cuenta)' });
  if (inputs.length > PSI_MAX_ELEMENTS) throw new ExchangeError({ en: `a request may carry at most ${PSI_MAX_ELEMENTS} identifiers`, es: `una solicitud puede llevar como máximo ${PSI_MAX_ELEMENTS} identificadores` });
  const scalar = randomScalar();
  const byInput = new Map<string, string>();
  const sources: PsiSource[] = [];
  inputs.forEach((entry, index) => {
    let element = byInput.get(entry.input.input);
    if (element === undefined) {
      element = encode(hashToGroup(entry.input.input).multiply(scalar));
      byInput.set(entry.input.input, element);
    }
    sources.push({ element, type: entry.input.type, kind: entry.kind, recordId: entry.recordId });
    onProgress?.(index + 1, inputs.length);
  });
  const elements = [...new Set(byInput.values())].sort();
  const exchangeId = toHex(randomBytes(16));
  return { request: { kind: 'psi-request', version: PSI_VERSION, exchangeId, elements }, state: { exchangeId, scalar: scalarToHex(scalar), sources } };
}

/**
 * Step 2, responder: re-blinds the request and blinds its own identifiers
 * under a fresh scalar that is dropped when this function returns. Refuses a
 * request above the cap the analyst set (a requester fishing with a large
 * list of guesses learns only as much as the cap allows).
 */
export function answerPsiRequest(
  request: PsiRequest,
  dataset: Pick<CaseDataset, 'parties' | 'accounts'>,
  options: { maxRequestElements: number; onProgress?: (done: number, total: number) => void },
): PsiReply {
  const parsed = PsiRequestSchema.parse(request);
  if (parsed.elements.length > options.maxRequestElements) {
    throw new ExchangeError({
      en: `the request carries ${parsed.elements.length} identifiers, above your limit of ${options.maxRequestElements}: ask the requesting unit to narrow it`,
      es: `la solicitud lleva ${parsed.elements.length} identificadores, más que su límite de ${options.maxRequestElements}: pida a la unidad solicitante que la acote`,
    });
  }
  if (new Set(parsed.elements).size !== parsed.elements.length) throw new ExchangeError({ en: 'the request repeats an element', es: 'la solicitud repite un elemento' });
  const scalar = randomScalar();
  const own = new Set<string>();
  const inputs = [
    ...dataset.parties.flatMap((party) => matchInputs({ kind: 'party', party })),
    ...dataset.accounts.flatMap((account) => matchInputs({ kind: 'account', account })),
  ];
  const total = parsed.elements.length + inputs.length;
  const reblinded = parsed.elements.map((hex, index) => {
    const element = encode(decodeElement(hex, { en: `request element ${index + 1}`, es: `elemento ${index + 1} de la solicitud` }).multiply(scalar));
    options.onProgress?.(index + 1, total);
    return element;
  });
  const seen = new Set<string>();
  inputs.forEach((entry, index) => {
    if (!seen.has(entry.input)) {
      seen.add(entry.input);
      own.add(encode(hashToGroup(entry.input).multiply(scalar)));
    }
    options.onProgress?.(parsed.elements.length + index + 1, total);
  });
  return { kind: 'psi-reply', version: PSI_VERSION, exchangeId: parsed.exchangeId, reblinded, own: [...own].sort() };
}

export interface PsiMatch {
  kind: 'party' | 'account';
  recordId: string;
  type: MatchInputType;
}

/**
 * Step 3, requester: the overlap, as its own records. The reply must answer
 * this exchange and keep the request's length and order.
 */
export function finishPsi(state: PsiRequesterState, request: Pick<PsiRequest, 'elements'>, reply: PsiReply, onProgress?: (done: number, total: number) => void): { matches: PsiMatch[]; responderSetSize: number } {
  const parsed = PsiReplySchema.parse(reply);
  if (parsed.exchangeId !== state.exchangeId) throw new ExchangeError({ en: 'this reply answers another match request', es: 'esta respuesta contesta otra solicitud de cotejo' });
  if (parsed.reblinded.length !== request.elements.length) throw new ExchangeError({ en: `the reply re-blinds ${parsed.reblinded.length} elements, the request sent ${request.elements.length}`, es: `la respuesta vuelve a cegar ${parsed.reblinded.length} elementos y la solicitud envió ${request.elements.length}` });
  const scalar = scalarFromHex(state.scalar);
  const theirs = new Set<string>();
  parsed.own.forEach((hex, index) => {
    theirs.add(encode(decodeElement(hex, { en: `reply element ${index + 1}`, es: `elemento ${index + 1} de la respuesta` }).multiply(scalar)));
    onProgress?.(index + 1, parsed.own.length);
  });
  const matchedElements = new Set<string>();
  request.elements.forEach((element, index) => {
    const doubly = parsed.reblinded[index] ?? '';
    decodeElement(doubly, { en: `reply re-blinded element ${index + 1}`, es: `elemento recegado ${index + 1} de la respuesta` });
    if (theirs.has(doubly)) matchedElements.add(element);
  });
  const unique = new Map<string, PsiMatch>();
  for (const source of state.sources) {
    if (!matchedElements.has(source.element)) continue;
    unique.set(`${source.kind}\u0000${source.recordId}\u0000${source.type}`, { kind: source.kind, recordId: source.recordId, type: source.type });
  }
  return { matches: [...unique.values()], responderSetSize: parsed.own.length };
}
