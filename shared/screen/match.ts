import { normaliseId, normaliseIdNumber } from '../resolve/ids';
import { countryCode } from './countries';
import { analyseName, blockingKeys, type AnalysedCompany, type AnalysedName, type AnalysedPerson, type NameToken, type PersonReading } from './names';
import { COMMON_SURNAMES } from './hypocorisms';
import { editDistance } from './phonetic';
import type { ExplanationPart, ListEntry, NameQuality, PartialDate, ScreeningHit, ScreeningSubject } from './types';

/** The default threshold: tuned on the labelled set (bench/screen.ts) for recall ≥ 0.95 with ≤ 2 % of decoys hit. */
export const DEFAULT_THRESHOLD = 0.8;

export type TokenLevel = 'exact' | 'nickname' | 'phonetic' | 'typo' | 'initial' | 'none';

const LEVEL_SCORE: Record<TokenLevel, number> = { exact: 1, nickname: 0.93, phonetic: 0.95, typo: 0.88, initial: 0.55, none: 0 };

/** Population count of a 32-bit set. */
function bitCount(bits: number): number {
  bits -= (bits >>> 1) & 0x55555555;
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** A lower bound on the edit distance of two words from their letter sets: distinct letters only one side has. */
const lettersApart = (a: number, b: number) => Math.max(bitCount(a & ~b), bitCount(b & ~a));

/** How two words of a name compare: same, a nickname of it, the same sound, a typo, an initial, or not at all. */
export function compareTokens(a: NameToken, b: NameToken, givenNames: boolean): TokenLevel {
  if (a.text === b.text) return givenNames && (a.nicknameFor || b.nicknameFor) && a.nicknameFor !== b.nicknameFor ? 'nickname' : 'exact';
  if (givenNames) {
    if (a.nicknameFor?.includes(b.text) || b.nicknameFor?.includes(a.text)) return 'nickname';
    if (a.nicknameFor && b.nicknameFor && a.nicknameFor.some((name) => b.nicknameFor?.includes(name))) return 'nickname';
  }
  if (a.key === b.key && a.key.length >= 2) return 'phonetic';
  const shorter = Math.min(a.text.length, b.text.length);
  if (shorter >= 4) {
    const allowed = shorter >= 9 ? 2 : 1;
    // Letters one word has and the other lacks each need an edit: more of them than allowed rules the typo out without the DP.
    if (lettersApart(a.textLetters, b.textLetters) <= allowed && editDistance(a.text, b.text, allowed) <= allowed) return 'typo';
    if (shorter >= 6 && lettersApart(a.keyLetters, b.keyLetters) <= 1 && editDistance(a.key, b.key, 1) <= 1) return 'typo';
  }
  if (givenNames && (a.text.length === 1 || b.text.length === 1) && a.text[0] === b.text[0]) return 'initial';
  return 'none';
}

interface Scored {
  score: number;
  parts: ExplanationPart[];
}

const NO_PARTS: ExplanationPart[] = [];

const shown = (t: NameToken | undefined) => t?.text ?? '';

/** Set by givenScore: whether both second given names are present and agree (a reused cell: no allocation per pair). */
const secondGiven = { agrees: false };

function givenScore(party: readonly NameToken[], listed: readonly NameToken[], parts: ExplanationPart[] | null): number {
  secondGiven.agrees = false;
  const p0 = party[0];
  const l0 = listed[0];
  if (!p0 || !l0) {
    parts?.push({ code: 'given.missing', weight: 0 });
    return 0.3;
  }
  let level = compareTokens(p0, l0, true);
  let shifted = false;
  let shownParty = p0;
  let shownListed = l0;
  if (level === 'none') {
    // "Carlos Ramírez" for "Juan Carlos Ramírez": the first name used is the list's second (or the other way round).
    for (let i = 1; i < listed.length && !shifted; i++) {
      const t = listed[i] as NameToken;
      const l = compareTokens(p0, t, true);
      if (l !== 'none' && l !== 'initial') {
        level = l;
        shifted = true;
        shownListed = t;
      }
    }
    for (let i = 1; i < party.length && !shifted; i++) {
      const t = party[i] as NameToken;
      const l = compareTokens(t, l0, true);
      if (l !== 'none' && l !== 'initial') {
        level = l;
        shifted = true;
        shownParty = t;
      }
    }
  }
  if (level === 'none') {
    parts?.push({ code: 'given.differs', values: { party: p0.text, listed: l0.text }, weight: 0 });
    return 0;
  }
  let score = LEVEL_SCORE[level] * (shifted ? 0.8 : 1);
  if (parts) {
    const shown0 = { party: shownParty.via ?? shownParty.text, listed: shownListed.text };
    parts.push({ code: `given.${level}`, values: shown0 });
    if (shifted) parts.push({ code: 'given.shifted', values: shown0 });
  }
  if (!shifted) {
    const p1 = party[1];
    const l1 = listed[1];
    if (p1 && l1) {
      if (compareTokens(p1, l1, true) === 'none') {
        parts?.push({ code: 'given2.differs', values: { party: p1.text, listed: l1.text } });
        score -= 0.25;
      } else {
        secondGiven.agrees = true;
        parts?.push({ code: 'given2.equal', values: { party: p1.text, listed: l1.text } });
      }
    } else if (l1) parts?.push({ code: 'given2.absentParty', values: { listed: l1.text } });
    else if (p1) parts?.push({ code: 'given2.absentList', values: { party: p1.text } });
  }
  return score;
}

/**
 * The score of one reading against another; when `parts` is given, the
 * clauses behind it are pushed there. `floor` (first pass only): when even a
 * perfect given-name match could not lift the score to it, the given names
 * are not compared and 0 is returned.
 */
function compareReadings(party: PersonReading, listed: PersonReading, parts: ExplanationPart[] | null, floor = -1): number {
  const pPat = party.surnames[0];
  const pMat = party.surnames[1];
  const lPat = listed.surnames[0];
  const lMat = listed.surnames[1];
  if (!pPat || !lPat) return 0;
  let paternal = compareTokens(pPat, lPat, false);
  let crossed = false;
  if (paternal === 'none' && lMat && !pMat && compareTokens(pPat, lMat, false) !== 'none') {
    // The client goes by the maternal surname (or the list swapped them).
    paternal = compareTokens(pPat, lMat, false);
    crossed = true;
  }
  if (paternal === 'none') return 0;
  const paternalScore = LEVEL_SCORE[paternal] * (crossed ? 0.8 : 1);
  // The second surnames before the given names: they bound the score cheaply.
  const maternal: TokenLevel | undefined = !crossed && pMat && lMat ? compareTokens(pMat, lMat, false) : undefined;
  let maternalTerm = 0.6;
  let penalty = 0;
  if (crossed) maternalTerm = 0.5;
  else if (maternal === 'none') {
    maternalTerm = 0;
    penalty = 0.12;
  } else if (maternal !== undefined) maternalTerm = LEVEL_SCORE[maternal];
  // 1e-9: never skip a pair the full comparison would put exactly on the floor.
  if (parts === null && 0.4 + 0.45 * paternalScore + 0.15 * maternalTerm - penalty < floor - 1e-9) return 0;
  const given = givenScore(party.given, listed.given, parts);
  if (parts) {
    parts.unshift({ code: crossed ? 'paternal.crossed' : `paternal.${paternal}`, values: { party: pPat.text, listed: crossed ? shown(lMat) : lPat.text } });
    if (!crossed) {
      if (pMat && lMat) parts.push({ code: maternal === 'none' ? 'maternal.differs' : `maternal.${maternal as TokenLevel}`, values: { party: pMat.text, listed: lMat.text } });
      else if (lMat) parts.push({ code: 'maternal.absentParty', values: { listed: lMat.text } });
      else if (pMat) parts.push({ code: 'maternal.absentList', values: { party: pMat.text } });
    }
  }
  const secondGivenAgrees = secondGiven.agrees;
  if (!crossed && maternalTerm === 0.6 && !secondGivenAgrees && COMMON_SURNAMES.has(pPat.text)) {
    // "José García" against "José García López": thousands of people; only other evidence makes it a hit.
    parts?.push({ code: 'name.common', values: { name: `${shown(party.given[0])} ${pPat.text}` } });
    penalty += 0.18;
  }
  const score = 0.4 * Math.max(0, given) + 0.45 * paternalScore + 0.15 * maternalTerm - penalty;
  // Without a given name in common, shared surnames are a relative, not the person.
  return given <= 0 ? Math.min(score, 0.5) : score;
}

/** The best reading pair's score alone: the fast first pass over candidates allocates nothing. */
function personScore(party: AnalysedPerson, listed: AnalysedPerson, floor = -1): number {
  let best = 0;
  for (const p of party.readings) {
    for (const l of listed.readings) {
      const score = compareReadings(p, l, null, floor);
      if (score > best) best = score;
    }
  }
  return best;
}

export function comparePersons(party: AnalysedPerson, listed: AnalysedPerson, explainIt = true): Scored {
  if (!explainIt) return { score: personScore(party, listed), parts: NO_PARTS };
  // First the scores alone, then the clauses of the best reading pair only.
  let bestScore = 0;
  let bestParty: PersonReading | undefined;
  let bestListed: PersonReading | undefined;
  for (const p of party.readings) {
    for (const l of listed.readings) {
      const score = compareReadings(p, l, null);
      if (score > bestScore) {
        bestScore = score;
        bestParty = p;
        bestListed = l;
      }
    }
  }
  if (!bestParty || !bestListed) return { score: bestScore, parts: NO_PARTS };
  const parts: ExplanationPart[] = [];
  compareReadings(bestParty, bestListed, parts);
  return { score: bestScore, parts };
}

/** Reused marks of the listed words already paired (grown on demand): companies are compared millions of times. */
let usedListed = new Uint8Array(16);

export function compareCompanies(party: AnalysedCompany, listed: AnalysedCompany, explainIt = true): Scored {
  const scored = companyScore(party, listed);
  if (scored < 0) return { score: 0, parts: explainIt ? [{ code: 'company.differs' }] : NO_PARTS };
  if (!explainIt) return { score: scored, parts: NO_PARTS };
  const most = Math.max(party.distinctive.length, listed.distinctive.length);
  const parts: ExplanationPart[] = [{ code: companyMatch.distinctive === most ? `company.${companyMatch.worst}` : 'company.partial', values: { matched: String(companyMatch.distinctive), total: String(most) } }];
  if (party.legalForm || listed.legalForm) parts.push({ code: 'company.legalForm', values: { party: party.legalForm || '—', listed: listed.legalForm || '—' } });
  return { score: scored, parts };
}

/** Set by companyScore: how many distinctive words matched and the weakest level among matched words (a reused cell). */
const companyMatch: { distinctive: number; worst: TokenLevel } = { distinctive: 0, worst: 'exact' };

/** A company pair's score, or -1 when no distinctive word matches; fills companyMatch. Allocates nothing. */
function companyScore(party: AnalysedCompany, listed: AnalysedCompany): number {
  const pTokens = party.tokens;
  const lTokens = listed.tokens;
  if (usedListed.length < lTokens.length) usedListed = new Uint8Array(lTokens.length * 2);
  usedListed.fill(0, 0, lTokens.length);
  let matchedWeight = 0;
  let matchedDistinctive = 0;
  let worst: TokenLevel = 'exact';
  for (let i = 0; i < pTokens.length; i++) {
    const p = pTokens[i] as NameToken;
    let bestLevel: TokenLevel = 'none';
    let bestAt = -1;
    for (let j = 0; j < lTokens.length; j++) {
      if (usedListed[j] === 1) continue;
      const level = compareTokens(p, lTokens[j] as NameToken, false);
      if (LEVEL_SCORE[level] > LEVEL_SCORE[bestLevel]) {
        bestLevel = level;
        bestAt = j;
      }
    }
    if (bestAt < 0 || bestLevel === 'none' || bestLevel === 'initial') continue;
    usedListed[bestAt] = 1;
    const pDistinctive = party.distinctiveAt[i] === 1;
    const lDistinctive = listed.distinctiveAt[bestAt] === 1;
    const w = Math.min(pDistinctive ? 1 : 0.3, lDistinctive ? 1 : 0.3);
    matchedWeight += 2 * w * LEVEL_SCORE[bestLevel];
    if (pDistinctive && lDistinctive) matchedDistinctive++;
    if (LEVEL_SCORE[bestLevel] < LEVEL_SCORE[worst]) worst = bestLevel;
  }
  let total = 0;
  for (let i = 0; i < pTokens.length; i++) total += party.distinctiveAt[i] === 1 ? 1 : 0.3;
  for (let j = 0; j < lTokens.length; j++) total += listed.distinctiveAt[j] === 1 ? 1 : 0.3;
  companyMatch.distinctive = matchedDistinctive;
  companyMatch.worst = worst;
  if (matchedDistinctive === 0 || total === 0) return -1;
  return matchedWeight / total;
}

/** Name score and, when `explainIt`, the clauses behind it (skipped on the fast first pass over candidates). */
/** The name score alone, without clauses or allocation: the first pass over every candidate. */
export function nameScore(party: AnalysedName, listed: AnalysedName, floor = -1): number {
  if (party.kind === 'person' && listed.kind === 'person') return personScore(party, listed, floor);
  if (party.kind === 'company' && listed.kind === 'company') return Math.max(0, companyScore(party, listed));
  return 0;
}

export function compareNames(party: AnalysedName, listed: AnalysedName, explainIt = true): Scored {
  if (party.kind === 'person' && listed.kind === 'person') return comparePersons(party, listed, explainIt);
  if (party.kind === 'company' && listed.kind === 'company') return compareCompanies(party, listed, explainIt);
  return { score: 0, parts: [] };
}

/* Evidence: ID numbers, birth dates, nationality -------------------------------- */

const ID_FAMILIES: Record<string, string> = {
  PASSPORT: 'passport',
  CC: 'national',
  CEDULA: 'national',
  DNI: 'national',
  CE: 'foreigner',
  CURP: 'curp',
  NIT: 'tax',
  RUC: 'tax',
  RFC: 'tax',
  RNC: 'tax',
  RTN: 'tax',
  EIN: 'tax',
  SSN: 'ssn',
};

/** The family of an ID type as lists word it ("Passport", "Cedula No.", "NIT #", "R.F.C."), or undefined. */
export function idFamily(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const t = type
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z ]/g, '');
  if (ID_FAMILIES[t.replace(/ /g, '')]) return ID_FAMILIES[t.replace(/ /g, '')];
  if (/PASS|PASAPORTE/.test(t)) return 'passport';
  if (/CURP/.test(t)) return 'curp';
  if (/\b(NIT|RUC|RFC|RNC|RTN|TAX|EIN|TIN|CUIT|CUIL|RIF)\b/.test(t)) return 'tax';
  if (/CEDULA|\bDNI\b|NATIONAL ID|IDENTIFICATION|\bCI\b|\bCC\b|DOCUMENTO|\bDUI\b|\bINE\b/.test(t)) return 'national';
  if (/\bSSN\b|SOCIAL SECURITY/.test(t)) return 'ssn';
  return undefined;
}

/** The key two ID numbers share when they are the same registration (NIT check digit and punctuation aside). */
export function idKey(number: string, type: string | undefined): string {
  const family = idFamily(type);
  const typed = family === 'tax' && /NIT/i.test(type ?? '') ? 'NIT' : undefined;
  return normaliseId(number, typed ?? (type && ID_FAMILIES[type.toUpperCase()] ? type.toUpperCase() : undefined)).key || normaliseIdNumber(number);
}

/** An ID number with what matching needs computed once: its key, its digits-and-letters form, its family and country. */
export interface PreparedId {
  number: string;
  type?: string;
  key: string;
  plain: string;
  family: string | undefined;
  country: string | undefined;
}

export function prepareId(number: string, type: string | undefined, country?: string): PreparedId {
  return { number, ...(type !== undefined ? { type } : {}), key: idKey(number, type), plain: normaliseIdNumber(number), family: idFamily(type), country: countryCode(country) };
}

function compatibleIds(subject: ScreeningSubject, subjectFamily: string | undefined, listed: PreparedId): boolean {
  const a = subjectFamily;
  const b = listed.family;
  if (a && b && a !== b && !(a === 'national' && b === 'tax') && !(a === 'tax' && b === 'national')) return false;
  const country = listed.country;
  // The same number from another country is another document.
  return !(country && subject.nationality && country !== subject.nationality && a !== 'tax');
}

interface BirthParts {
  year: number;
  month: number;
  day: number;
}

function birthOf(timestamp: number): BirthParts {
  const date = new Date(timestamp);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function formatPartialDate(date: PartialDate): string {
  if (date.toYear !== undefined && date.toYear !== date.year) return `${date.year}–${date.toYear}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = date.day !== undefined && date.month !== undefined ? `${date.year}-${pad(date.month)}-${pad(date.day)}` : date.month !== undefined ? `${date.year}-${pad(date.month)}` : String(date.year);
  return date.approximate ? `~${text}` : text;
}

type BirthVerdict = 'exact' | 'month' | 'year' | 'differs' | 'contradicts';

function compareBirth(party: BirthParts, listed: PartialDate): BirthVerdict {
  const slack = listed.approximate ? 2 : 0;
  const from = listed.year - slack;
  const to = (listed.toYear ?? listed.year) + slack;
  if (party.year < from - 1 || party.year > to + 1) return 'contradicts';
  if (party.year < from || party.year > to) return 'differs';
  if (listed.toYear !== undefined || listed.approximate || listed.month === undefined) return 'year';
  if (listed.month !== party.month) return listed.day !== undefined && listed.day === party.day ? 'year' : 'differs';
  if (listed.day === undefined) return 'month';
  return listed.day === party.day ? 'exact' : 'differs';
}

const VERDICT_RANK: Record<BirthVerdict, number> = { exact: 4, month: 3, year: 2, differs: 1, contradicts: 0 };

/** An entry's nationalities as ISO codes (the ones recognised). */
export const listedNationalities = (entry: ListEntry): string[] => entry.nationalities.map((n) => countryCode(n)).filter((code): code is string => code !== undefined);

/**
 * ID numbers, birth date and nationality as supporting (+) or contradicting (−)
 * evidence. The screening loop passes the subject's and the entry's IDs
 * already prepared (keys computed once, not once per pair).
 */
export function evidence(
  subject: ScreeningSubject,
  entry: ListEntry,
  prepared: { subjectId?: PreparedId | undefined; listedIds?: readonly PreparedId[]; listedNationalities?: readonly string[] } = {},
): { idMatch: boolean; adjustment: number; parts: ExplanationPart[] } {
  const parts: ExplanationPart[] = [];
  let adjustment = 0;
  let idMatch = false;
  if (subject.idNumber && entry.ids.length > 0) {
    const own = prepared.subjectId ?? prepareId(subject.idNumber, subject.idType);
    const listedIds = prepared.listedIds ?? entry.ids.map((listed) => prepareId(listed.number, listed.type, listed.country));
    for (const listed of listedIds) {
      if (!compatibleIds(subject, own.family, listed)) continue;
      if (listed.key === own.key || listed.plain === own.plain) {
        idMatch = true;
        parts.push({ code: 'id.equal', values: { type: listed.type ?? subject.idType ?? '', number: listed.number }, weight: 0.25 });
        break;
      }
    }
    if (!idMatch) {
      const sameKind = listedIds.find((listed) => own.family && listed.family === own.family && compatibleIds(subject, own.family, listed));
      if (sameKind) {
        parts.push({ code: 'id.differs', values: { type: sameKind.type ?? '', party: subject.idNumber, listed: sameKind.number }, weight: -0.15 });
        adjustment -= 0.15;
      }
    }
  }
  if (subject.birthDate !== undefined && entry.birthDates.length > 0) {
    const born = birthOf(subject.birthDate);
    let best: BirthVerdict = 'contradicts';
    let bestDate = entry.birthDates[0] as PartialDate;
    for (const date of entry.birthDates) {
      const verdict = compareBirth(born, date);
      if (VERDICT_RANK[verdict] > VERDICT_RANK[best]) {
        best = verdict;
        bestDate = date;
      }
    }
    const values = { party: `${born.year}-${String(born.month).padStart(2, '0')}-${String(born.day).padStart(2, '0')}`, listed: entry.birthDates.map(formatPartialDate).join(', ') };
    const delta: Record<BirthVerdict, number> = { exact: 0.08, month: 0.06, year: 0.04, differs: -0.12, contradicts: -0.3 };
    adjustment += delta[best];
    parts?.push({ code: `birth.${best}`, values: best === 'exact' || best === 'month' || best === 'year' ? { ...values, listed: formatPartialDate(bestDate) } : values, weight: delta[best] });
  }
  if (subject.nationality) {
    const listed = prepared.listedNationalities ?? listedNationalities(entry);
    if (listed.length > 0) {
      if (listed.includes(subject.nationality)) {
        adjustment += 0.03;
        parts?.push({ code: 'nationality.equal', values: { country: subject.nationality }, weight: 0.03 });
      } else {
        adjustment -= 0.22;
        parts?.push({ code: 'nationality.differs', values: { party: subject.nationality, listed: listed.join(', ') }, weight: -0.22 });
      }
    }
  }
  return { idMatch, adjustment, parts };
}

/* Screening with blocking -------------------------------------------------------- */

interface IndexedName {
  entry: number;
  name: string;
  quality: NameQuality;
  analysed: AnalysedName;
}

/**
 * Blocking key → listed names, in compressed sparse rows: an open-addressing
 * table of the distinct keys (`slotKeys`, -1 empty) whose slot s owns
 * `postings[offsets[s] .. offsets[s + 1])`, name indexes in ascending order.
 * Typed arrays instead of a Map of arrays: a 50,000-entry list posts about
 * 1.7 million (key, name) pairs, and a Map of small arrays spends its time in
 * allocation and the garbage collector.
 */
export interface PostingTable {
  mask: number;
  /** 32 − log2(table size), for slotStart. */
  shift: number;
  slotKeys: Int32Array;
  slotOf: Int32Array;
  offsets: Int32Array;
  postings: Int32Array;
}

export interface ScreeningIndex {
  entries: ListEntry[];
  names: IndexedName[];
  /** Blocking key hash (see blockingKeys) → indexes into `names`. */
  blocks: PostingTable;
  /** Normalised ID number → indexes into `entries`. */
  byId: Map<string, number[]>;
  /** Each entry's first name in `names` (its primary name), -1 when it has none. */
  firstName: Int32Array;
  /** Each entry's IDs and nationality codes, prepared once for the evidence step. */
  entryIds: PreparedId[][];
  entryNationalities: string[][];
}

const MAX_SUPPORT = 0.11;

const QUALITY_FACTOR: Record<NameQuality, number> = { primary: 1, strong: 0.98, weak: 0.86 };

/** Table slot of a key hash: Fibonacci hashing, the top bits of key × 2^32/φ (they depend on every bit of the key). */
const slotStart = (key: number, shift: number) => Math.imul(key, 0x9e3779b1) >>> shift;

/** The slot holding `key`, or -1. */
function findSlot(table: PostingTable, key: number): number {
  const { slotKeys, mask, shift } = table;
  for (let at = slotStart(key, shift); ; at = (at + 1) & mask) {
    const found = slotKeys[at] as number;
    if (found === key) return table.slotOf[at] as number;
    if (found === -1) return -1;
  }
}

/** Builds the posting table from (key, name) pairs given in ascending name order. */
function buildPostingTable(keys: Int32Array, values: Int32Array, count: number): PostingTable {
  let size = 16;
  let bits = 4;
  while (size < count * 2) {
    size *= 2;
    bits++;
  }
  const mask = size - 1;
  const shift = 32 - bits;
  const slotKeys = new Int32Array(size).fill(-1);
  const slotOf = new Int32Array(size);
  const pairSlot = new Int32Array(count);
  let slots = 0;
  const counts: number[] = [];
  for (let p = 0; p < count; p++) {
    const key = keys[p] as number;
    let at = slotStart(key, shift);
    while (slotKeys[at] !== -1 && slotKeys[at] !== key) at = (at + 1) & mask;
    if (slotKeys[at] === -1) {
      slotKeys[at] = key;
      slotOf[at] = slots++;
      counts.push(0);
    }
    const slot = slotOf[at] as number;
    pairSlot[p] = slot;
    counts[slot] = (counts[slot] as number) + 1;
  }
  const offsets = new Int32Array(slots + 1);
  for (let slot = 0; slot < slots; slot++) offsets[slot + 1] = (offsets[slot] as number) + (counts[slot] as number);
  const fill = offsets.slice(0, slots);
  const postings = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    const slot = pairSlot[p] as number;
    postings[fill[slot] as number] = values[p] as number;
    fill[slot] = (fill[slot] as number) + 1;
  }
  return { mask, shift, slotKeys, slotOf, offsets, postings };
}

/** The sizes of the blocks (how many listed names share each key), for tests and diagnostics. */
export function blockSizes(index: ScreeningIndex): number[] {
  const { offsets } = index.blocks;
  const sizes: number[] = [];
  for (let slot = 0; slot + 1 < offsets.length; slot++) sizes.push((offsets[slot + 1] as number) - (offsets[slot] as number));
  return sizes;
}

/** Indexes list entries for screening: every name and alias by its blocking keys, every ID number by its key. */
export function buildIndex(entries: ListEntry[]): ScreeningIndex {
  const names: IndexedName[] = [];
  const byId = new Map<string, number[]>();
  const firstName = new Int32Array(entries.length).fill(-1);
  const entryIds: PreparedId[][] = [];
  const entryNationalities: string[][] = [];
  let pairKeys = new Int32Array(1 << 16);
  let pairNames = new Int32Array(1 << 16);
  let pairs = 0;
  const postId = (key: string, value: number) => {
    const list = byId.get(key);
    if (!list) byId.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  };
  entries.forEach((entry, entryIndex) => {
    const seen = new Set<string>();
    for (const listed of entry.names) {
      const folded = listed.name.trim().toLowerCase();
      if (!folded || seen.has(folded)) continue;
      seen.add(folded);
      const analysed = analyseName(listed.name, entry.kind);
      const nameIndex = names.length;
      if (firstName[entryIndex] === -1) firstName[entryIndex] = nameIndex;
      names.push({ entry: entryIndex, name: listed.name, quality: listed.quality, analysed });
      for (const key of blockingKeys(analysed, 'index')) {
        if (pairs === pairKeys.length) {
          const grownKeys = new Int32Array(pairs * 2);
          grownKeys.set(pairKeys);
          pairKeys = grownKeys;
          const grownNames = new Int32Array(pairs * 2);
          grownNames.set(pairNames);
          pairNames = grownNames;
        }
        pairKeys[pairs] = key;
        pairNames[pairs] = nameIndex;
        pairs++;
      }
    }
    const prepared = entry.ids.map((id) => prepareId(id.number, id.type, id.country));
    for (const id of prepared) {
      postId(id.key, entryIndex);
      postId(id.plain, entryIndex);
    }
    entryIds.push(prepared);
    entryNationalities.push(listedNationalities(entry));
  });
  return { entries, names, blocks: buildPostingTable(pairKeys, pairNames, pairs), byId, firstName, entryIds, entryNationalities };
}

export interface ScreenOptions {
  threshold?: number;
  /** Called every few hundred subjects with how many are done; returning false stops the run. */
  onProgress?: (done: number, total: number) => boolean | void;
  /** The subjects already prepared (prepareSubjects), when the same subjects are screened against several lists. */
  prepared?: readonly PreparedSubject[];
}

/** A subject as the matcher needs it, independent of any list: its analysed name, query keys and ID keys. */
export interface PreparedSubject {
  analysed: AnalysedName;
  keys: number[];
  id: PreparedId | undefined;
  /** The ID's distinct lookup keys (typed key and plain digits). */
  idLookups: string[];
}

/**
 * Analyses each subject's name once (identical names of the same kind share
 * one analysis), with its blocking keys and ID keys.
 */
export function prepareSubjects(subjects: readonly ScreeningSubject[]): PreparedSubject[] {
  const byName = new Map<string, { analysed: AnalysedName; keys: number[] }>();
  return subjects.map((subject) => {
    const cacheKey = `${subject.kind ?? ''}\u0000${subject.name}`;
    let named = byName.get(cacheKey);
    if (!named) {
      const analysed = analyseName(subject.name, subject.kind);
      named = { analysed, keys: blockingKeys(analysed, 'query') };
      byName.set(cacheKey, named);
    }
    const id = subject.idNumber ? prepareId(subject.idNumber, subject.idType) : undefined;
    return { analysed: named.analysed, keys: named.keys, id, idLookups: id ? (id.key === id.plain ? [id.key] : [id.key, id.plain]) : [] };
  });
}

/** Scores one subject against one listed name: the name comparison, the alias weight and the evidence. */
function scorePair(subject: ScreeningSubject, prepared: PreparedSubject, candidate: IndexedName, index: ScreeningIndex, idCandidate: boolean, threshold: number): ScreeningHit | undefined {
  const analysed = prepared.analysed;
  // Below this name score only the same ID could make a hit: the first pass may stop early under it.
  const floor = idCandidate ? -1 : (threshold - MAX_SUPPORT) / QUALITY_FACTOR[candidate.quality];
  const quick = nameScore(analysed, candidate.analysed, floor);
  // Supporting evidence adds at most MAX_SUPPORT: a name this far off cannot reach the threshold without the same ID.
  if (!idCandidate && quick * QUALITY_FACTOR[candidate.quality] + MAX_SUPPORT < threshold) return undefined;
  const entry = index.entries[candidate.entry] as ListEntry;
  const compared = compareNames(analysed, candidate.analysed, true);
  const weighted = compared.score * QUALITY_FACTOR[candidate.quality];
  const ev = evidence(subject, entry, { subjectId: prepared.id, listedIds: index.entryIds[candidate.entry] as PreparedId[], listedNationalities: index.entryNationalities[candidate.entry] as string[] });
  const parts: ExplanationPart[] = [...compared.parts];
  if (candidate.quality === 'weak') parts.push({ code: 'alias.weak', values: { name: candidate.name } });
  else if (candidate.quality === 'strong') parts.push({ code: 'alias.strong', values: { name: candidate.name } });
  let score: number;
  if (ev.idMatch) {
    // The same document number: the name need only be plausibly the same.
    score = weighted >= 0.5 ? Math.max(0.97, weighted) : Math.max(0.82, 0.6 + weighted * 0.4);
    if (weighted < 0.5) parts.unshift({ code: 'name.weak' });
  } else {
    if (weighted < 0.45) return undefined;
    score = weighted + ev.adjustment;
  }
  parts.push(...ev.parts);
  return {
    subjectId: subject.id,
    entryId: entry.id,
    matchedName: candidate.name,
    matchedQuality: candidate.quality,
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
    parts,
  };
}

/**
 * Screens subjects against an index. Each subject is compared only with the
 * listed names that share a surname's (or a company word's) phonetic key, a
 * one-letter variant of it, or an ID number — never with the whole list.
 * Returns the best hit per (subject, entry) pair at or above the threshold.
 */
export function screen(subjects: readonly ScreeningSubject[], index: ScreeningIndex, options: ScreenOptions = {}): ScreeningHit[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const prepared = options.prepared ?? prepareSubjects(subjects);
  const hits: ScreeningHit[] = [];
  const { blocks, names } = index;
  const { offsets, postings } = blocks;
  // Stamps mark names (and entries) already taken for the current subject: no Set per subject.
  const stamp = new Int32Array(names.length).fill(-1);
  const idStamp = new Int32Array(index.entries.length).fill(-1);
  const candidates: number[] = [];
  const bestByEntry = new Map<number, ScreeningHit>();
  for (let s = 0; s < subjects.length; s++) {
    if (options.onProgress && s % 500 === 0 && options.onProgress(s, subjects.length) === false) return hits;
    const subject = subjects[s] as ScreeningSubject;
    const own = prepared[s] as PreparedSubject;
    const kind = own.analysed.kind;
    candidates.length = 0;
    for (const key of own.keys) {
      const slot = findSlot(blocks, key);
      if (slot < 0) continue;
      const end = offsets[slot + 1] as number;
      for (let at = offsets[slot] as number; at < end; at++) {
        const nameIndex = postings[at] as number;
        if (stamp[nameIndex] === s) continue;
        stamp[nameIndex] = s;
        candidates.push(nameIndex);
      }
    }
    for (const key of own.idLookups) {
      for (const entryIndex of index.byId.get(key) ?? []) {
        idStamp[entryIndex] = s;
        // An ID hit brings the entry's primary name in even when no surname is shared.
        const first = index.firstName[entryIndex] as number;
        if (first >= 0 && stamp[first] !== s) {
          stamp[first] = s;
          candidates.push(first);
        }
      }
    }
    bestByEntry.clear();
    for (const nameIndex of candidates) {
      const candidate = names[nameIndex] as IndexedName;
      if (candidate.analysed.kind !== kind) continue;
      const hit = scorePair(subject, own, candidate, index, idStamp[candidate.entry] === s, threshold);
      if (!hit || hit.score < threshold) continue;
      const previous = bestByEntry.get(candidate.entry);
      if (!previous || previous.score < hit.score) bestByEntry.set(candidate.entry, hit);
    }
    for (const hit of bestByEntry.values()) hits.push(hit);
  }
  options.onProgress?.(subjects.length, subjects.length);
  return hits;
}
