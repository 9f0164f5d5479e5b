import { normaliseId, normaliseIdNumber } from '../resolve/ids';
import { countryCode } from './countries';
import { analyseName, blockingKeys, type AnalysedCompany, type AnalysedName, type AnalysedPerson, type NameToken, type PersonReading } from './names';
import { COMMON_SURNAMES } from './hypocorisms';
import { editDistance } from './phonetic';
import type { EntryKind, ExplanationPart, ListEntry, ListedId, NameQuality, PartialDate, ScreeningHit, ScreeningSubject } from './types';

/** The default threshold: tuned on the labelled set (bench/screen.ts) for recall ≥ 0.95 with ≤ 2 % of decoys hit. */
export const DEFAULT_THRESHOLD = 0.8;

export type TokenLevel = 'exact' | 'nickname' | 'phonetic' | 'typo' | 'initial' | 'none';

const LEVEL_SCORE: Record<TokenLevel, number> = { exact: 1, nickname: 0.93, phonetic: 0.95, typo: 0.88, initial: 0.55, none: 0 };

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
    if (editDistance(a.text, b.text, allowed) <= allowed) return 'typo';
    if (editDistance(a.key, b.key, 1) <= 1 && shorter >= 6) return 'typo';
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

function givenScore(party: NameToken[], listed: NameToken[], parts: ExplanationPart[] | null): number {
  secondGiven.agrees = false;
  const [p0, ...pRest] = party;
  const [l0, ...lRest] = listed;
  if (!p0 || !l0) {
    parts?.push({ code: 'given.missing', weight: 0 });
    return 0.3;
  }
  let level = compareTokens(p0, l0, true);
  let shifted = false;
  let shown0 = { party: p0.via ?? p0.text, listed: l0.text };
  if (level === 'none') {
    // "Carlos Ramírez" for "Juan Carlos Ramírez": the first name used is the list's second (or the other way round).
    for (const t of lRest) {
      const l = compareTokens(p0, t, true);
      if (l !== 'none' && l !== 'initial') {
        level = l;
        shifted = true;
        shown0 = { party: p0.via ?? p0.text, listed: t.text };
        break;
      }
    }
    if (!shifted) {
      for (const t of pRest) {
        const l = compareTokens(t, l0, true);
        if (l !== 'none' && l !== 'initial') {
          level = l;
          shifted = true;
          shown0 = { party: t.via ?? t.text, listed: l0.text };
          break;
        }
      }
    }
  }
  if (level === 'none') {
    parts?.push({ code: 'given.differs', values: { party: p0.text, listed: l0.text }, weight: 0 });
    return 0;
  }
  let score = LEVEL_SCORE[level] * (shifted ? 0.8 : 1);
  parts?.push({ code: `given.${level}`, values: shown0 });
  if (shifted) parts?.push({ code: 'given.shifted', values: shown0 });
  if (!shifted) {
    const p1 = pRest[0];
    const l1 = lRest[0];
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

function compareReadings(party: PersonReading, listed: PersonReading, explainIt: boolean): Scored {
  const parts: ExplanationPart[] | null = explainIt ? [] : null;
  const [pPat, pMat] = party.surnames;
  const [lPat, lMat] = listed.surnames;
  if (!pPat || !lPat) return { score: 0, parts: NO_PARTS };
  let paternal = compareTokens(pPat, lPat, false);
  let crossed = false;
  if (paternal === 'none' && lMat && !pMat && compareTokens(pPat, lMat, false) !== 'none') {
    // The client goes by the maternal surname (or the list swapped them).
    paternal = compareTokens(pPat, lMat, false);
    crossed = true;
  }
  if (paternal === 'none') return { score: 0, parts: NO_PARTS };
  const paternalScore = LEVEL_SCORE[paternal] * (crossed ? 0.8 : 1);
  const given = givenScore(party.given, listed.given, parts);
  parts?.unshift({ code: crossed ? 'paternal.crossed' : `paternal.${paternal}`, values: { party: pPat.text, listed: crossed ? shown(lMat) : lPat.text } });
  let maternalTerm = 0;
  let penalty = 0;
  if (crossed) maternalTerm = 0.5;
  else if (pMat && lMat) {
    const maternal = compareTokens(pMat, lMat, false);
    if (maternal === 'none') {
      parts?.push({ code: 'maternal.differs', values: { party: pMat.text, listed: lMat.text } });
      penalty = 0.12;
    } else {
      parts?.push({ code: `maternal.${maternal}`, values: { party: pMat.text, listed: lMat.text } });
      maternalTerm = LEVEL_SCORE[maternal];
    }
  } else if (lMat) {
    parts?.push({ code: 'maternal.absentParty', values: { listed: lMat.text } });
    maternalTerm = 0.6;
  } else if (pMat) {
    parts?.push({ code: 'maternal.absentList', values: { party: pMat.text } });
    maternalTerm = 0.6;
  } else maternalTerm = 0.6;
  const secondGivenAgrees = secondGiven.agrees;
  if (!crossed && maternalTerm === 0.6 && !secondGivenAgrees && COMMON_SURNAMES.has(pPat.text)) {
    // "José García" against "José García López": thousands of people; only other evidence makes it a hit.
    parts?.push({ code: 'name.common', values: { name: `${shown(party.given[0])} ${pPat.text}` } });
    penalty += 0.18;
  }
  const score = 0.4 * Math.max(0, given) + 0.45 * paternalScore + 0.15 * maternalTerm - penalty;
  // Without a given name in common, shared surnames are a relative, not the person.
  return { score: given <= 0 ? Math.min(score, 0.5) : score, parts: parts ?? NO_PARTS };
}

export function comparePersons(party: AnalysedPerson, listed: AnalysedPerson, explainIt = true): Scored {
  let best: Scored = { score: 0, parts: NO_PARTS };
  for (const p of party.readings) {
    for (const l of listed.readings) {
      const scored = compareReadings(p, l, explainIt);
      if (scored.score > best.score) best = scored;
    }
  }
  return best;
}

export function compareCompanies(party: AnalysedCompany, listed: AnalysedCompany): Scored {
  const weight = (t: NameToken, distinctive: Set<NameToken>) => (distinctive.has(t) ? 1 : 0.3);
  const pDistinct = new Set(party.distinctive);
  const lDistinct = new Set(listed.distinctive);
  const used = new Set<NameToken>();
  let matchedWeight = 0;
  let matchedDistinctive = 0;
  let worst: TokenLevel = 'exact';
  for (const p of party.tokens) {
    let bestLevel: TokenLevel = 'none';
    let bestToken: NameToken | undefined;
    for (const l of listed.tokens) {
      if (used.has(l)) continue;
      const level = compareTokens(p, l, false);
      if (LEVEL_SCORE[level] > LEVEL_SCORE[bestLevel]) {
        bestLevel = level;
        bestToken = l;
      }
    }
    if (!bestToken || bestLevel === 'none' || bestLevel === 'initial') continue;
    used.add(bestToken);
    const w = Math.min(weight(p, pDistinct), weight(bestToken, lDistinct));
    matchedWeight += 2 * w * LEVEL_SCORE[bestLevel];
    if (pDistinct.has(p) && lDistinct.has(bestToken)) matchedDistinctive++;
    if (LEVEL_SCORE[bestLevel] < LEVEL_SCORE[worst]) worst = bestLevel;
  }
  const total = party.tokens.reduce((sum, t) => sum + weight(t, pDistinct), 0) + listed.tokens.reduce((sum, t) => sum + weight(t, lDistinct), 0);
  if (matchedDistinctive === 0 || total === 0) return { score: 0, parts: [{ code: 'company.differs' }] };
  const parts: ExplanationPart[] = [
    {
      code: matchedDistinctive === Math.max(party.distinctive.length, listed.distinctive.length) ? `company.${worst}` : 'company.partial',
      values: { matched: String(matchedDistinctive), total: String(Math.max(party.distinctive.length, listed.distinctive.length)) },
    },
  ];
  if (party.legalForm || listed.legalForm) parts?.push({ code: 'company.legalForm', values: { party: party.legalForm || '—', listed: listed.legalForm || '—' } });
  return { score: matchedWeight / total, parts };
}

/** Name score and, when `explainIt`, the clauses behind it (skipped on the fast first pass over candidates). */
export function compareNames(party: AnalysedName, listed: AnalysedName, explainIt = true): Scored {
  if (party.kind === 'person' && listed.kind === 'person') return comparePersons(party, listed, explainIt);
  if (party.kind === 'company' && listed.kind === 'company') return compareCompanies(party, listed);
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

function compatibleIds(subject: ScreeningSubject, listed: ListedId): boolean {
  const a = idFamily(subject.idType);
  const b = idFamily(listed.type);
  if (a && b && a !== b && !(a === 'national' && b === 'tax') && !(a === 'tax' && b === 'national')) return false;
  const country = countryCode(listed.country);
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

/** ID numbers, birth date and nationality as supporting (+) or contradicting (−) evidence. */
export function evidence(subject: ScreeningSubject, entry: ListEntry): { idMatch: boolean; adjustment: number; parts: ExplanationPart[] } {
  const parts: ExplanationPart[] = [];
  let adjustment = 0;
  let idMatch = false;
  if (subject.idNumber && entry.ids.length > 0) {
    const subjectKey = idKey(subject.idNumber, subject.idType);
    const subjectFamily = idFamily(subject.idType);
    for (const listed of entry.ids) {
      if (!compatibleIds(subject, listed)) continue;
      if (idKey(listed.number, listed.type) === subjectKey || normaliseIdNumber(listed.number) === normaliseIdNumber(subject.idNumber)) {
        idMatch = true;
        parts?.push({ code: 'id.equal', values: { type: listed.type ?? subject.idType ?? '', number: listed.number }, weight: 0.25 });
        break;
      }
    }
    if (!idMatch) {
      const sameKind = entry.ids.find((listed) => subjectFamily && idFamily(listed.type) === subjectFamily && compatibleIds(subject, listed));
      if (sameKind) {
        parts?.push({ code: 'id.differs', values: { type: sameKind.type ?? '', party: subject.idNumber, listed: sameKind.number }, weight: -0.15 });
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
    const listed = entry.nationalities.map((n) => countryCode(n)).filter((code): code is string => code !== undefined);
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

export interface ScreeningIndex {
  entries: ListEntry[];
  names: IndexedName[];
  /** Blocking key hash (see blockingKeys) → indexes into `names`. */
  byKey: Map<number, number[]>;
  /** Normalised ID number → indexes into `entries`. */
  byId: Map<string, number[]>;
  /** Each entry's first name in `names` (its primary name), -1 when it has none. */
  firstName: Int32Array;
}

const MAX_SUPPORT = 0.11;

const QUALITY_FACTOR: Record<NameQuality, number> = { primary: 1, strong: 0.98, weak: 0.86 };

/** Indexes list entries for screening: every name and alias by its blocking keys, every ID number by its key. */
export function buildIndex(entries: ListEntry[]): ScreeningIndex {
  const names: IndexedName[] = [];
  const byKey = new Map<number, number[]>();
  const byId = new Map<string, number[]>();
  const firstName = new Int32Array(entries.length).fill(-1);
  const post = <K>(map: Map<K, number[]>, key: K, value: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
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
      for (const key of blockingKeys(analysed, 'index')) post(byKey, key, nameIndex);
    }
    for (const id of entry.ids) {
      post(byId, idKey(id.number, id.type), entryIndex);
      post(byId, normaliseIdNumber(id.number), entryIndex);
    }
  });
  return { entries, names, byKey, byId, firstName };
}

export interface ScreenOptions {
  threshold?: number;
  /** Called every few hundred subjects with how many are done; returning false stops the run. */
  onProgress?: (done: number, total: number) => boolean | void;
}

function subjectKind(subject: ScreeningSubject): EntryKind | undefined {
  return subject.kind;
}

/** Scores one subject against one listed name: the name comparison, the alias weight and the evidence. */
function scorePair(subject: ScreeningSubject, analysed: AnalysedName, candidate: IndexedName, entry: ListEntry, idCandidate: boolean, threshold: number): ScreeningHit | undefined {
  const quick = compareNames(analysed, candidate.analysed, false);
  // Supporting evidence adds at most MAX_SUPPORT: a name this far off cannot reach the threshold without the same ID.
  if (!idCandidate && quick.score * QUALITY_FACTOR[candidate.quality] + MAX_SUPPORT < threshold) return undefined;
  const compared = compareNames(analysed, candidate.analysed, true);
  const nameScore = compared.score * QUALITY_FACTOR[candidate.quality];
  const ev = evidence(subject, entry);
  const parts: ExplanationPart[] = [...compared.parts];
  if (candidate.quality === 'weak') parts?.push({ code: 'alias.weak', values: { name: candidate.name } });
  else if (candidate.quality === 'strong') parts?.push({ code: 'alias.strong', values: { name: candidate.name } });
  let score: number;
  if (ev.idMatch) {
    // The same document number: the name need only be plausibly the same.
    score = nameScore >= 0.5 ? Math.max(0.97, nameScore) : Math.max(0.82, 0.6 + nameScore * 0.4);
    if (nameScore < 0.5) parts?.unshift({ code: 'name.weak' });
  } else {
    if (nameScore < 0.45) return undefined;
    score = nameScore + ev.adjustment;
  }
  parts?.push(...ev.parts);
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
  const hits: ScreeningHit[] = [];
  const stamp = new Int32Array(index.names.length).fill(-1);
  for (let s = 0; s < subjects.length; s++) {
    if (options.onProgress && s % 500 === 0 && options.onProgress(s, subjects.length) === false) return hits;
    const subject = subjects[s] as ScreeningSubject;
    const analysed = analyseName(subject.name, subjectKind(subject));
    const kind = analysed.kind;
    const candidates: number[] = [];
    for (const key of blockingKeys(analysed, 'query')) {
      const posting = index.byKey.get(key);
      if (!posting) continue;
      for (const nameIndex of posting) {
        if (stamp[nameIndex] === s) continue;
        stamp[nameIndex] = s;
        candidates.push(nameIndex);
      }
    }
    if (subject.idNumber) {
      for (const key of new Set([idKey(subject.idNumber, subject.idType), normaliseIdNumber(subject.idNumber)])) {
        for (const entryIndex of index.byId.get(key) ?? []) {
          // An ID hit brings the entry's primary name in even when no surname is shared.
          const first = index.firstName[entryIndex] as number;
          if (first >= 0 && stamp[first] !== s) {
            stamp[first] = s;
            candidates.push(first);
          }
        }
      }
    }
    const idEntries = new Set<number>();
    if (subject.idNumber) for (const key of new Set([idKey(subject.idNumber, subject.idType), normaliseIdNumber(subject.idNumber)])) for (const e of index.byId.get(key) ?? []) idEntries.add(e);
    const bestByEntry = new Map<number, ScreeningHit>();
    for (const nameIndex of candidates) {
      const candidate = index.names[nameIndex] as IndexedName;
      if (candidate.analysed.kind !== kind) continue;
      const entry = index.entries[candidate.entry] as ListEntry;
      const hit = scorePair(subject, analysed, candidate, entry, idEntries.has(candidate.entry), threshold);
      if (!hit || hit.score < threshold) continue;
      const previous = bestByEntry.get(candidate.entry);
      if (!previous || previous.score < hit.score) bestByEntry.set(candidate.entry, hit);
    }
    hits.push(...bestByEntry.values());
  }
  options.onProgress?.(subjects.length, subjects.length);
  return hits;
}
