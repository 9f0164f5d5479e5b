import { coreNameTokens, isCompanyName, nameTokens } from '../resolve/names';
import { COMPANY_GENERIC, GIVEN_NAMES, HYPOCORISMS, NAME_PARTICLES } from './hypocorisms';
import { spanishPhoneticKey } from './phonetic';

/** One word of a name, folded, with its phonetic key and, for a nickname, the names it stands for. */
export interface NameToken {
  text: string;
  key: string;
  /** Given names a hypocorism stands for ("pepe" → ["jose"]). */
  nicknameFor?: readonly string[];
  /** The nickname as written, when this token was read out of one ("chema" → jose, maria). */
  via?: string;
  /** The letters of `text` and of `key` as bit sets (a–z; digits and others share bit 26): a cheap lower bound on edit distance. */
  textLetters: number;
  keyLetters: number;
}

/** Bit i set when letter i (a = 0) occurs; 'X' (ch) and 'J' (the jota) of the phonetic key get bits of their own. */
export function letterSet(text: string): number {
  let set = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) set |= 1 << (code - 97);
    else if (code === 88) set |= 1 << 27;
    else if (code === 74) set |= 1 << 28;
    else set |= 1 << 26;
  }
  return set;
}

function makeToken(text: string, nicknameFor?: readonly string[], via?: string): NameToken {
  const key = spanishPhoneticKey(text);
  // Every token has every field, in one order: one hidden class, so the comparisons' property loads stay monomorphic.
  return { text, key, nicknameFor, via, textLetters: letterSet(text), keyLetters: letterSet(key) };
}

/**
 * A person's name read the Spanish way: given names, then the paternal and
 * maternal surnames (particles such as "de la" dropped). `surnamesFirst`
 * records that the name was written "RAMIREZ ABADIA, Juan Carlos" or that no
 * given name led it.
 */
export interface PersonReading {
  given: NameToken[];
  surnames: NameToken[];
}

export interface AnalysedPerson {
  kind: 'person';
  readings: PersonReading[];
  /** Every non-particle token: the blocking keys come from these. */
  tokens: NameToken[];
}

export interface AnalysedCompany {
  kind: 'company';
  /** Tokens without the legal form, particles kept out. */
  tokens: NameToken[];
  /** Tokens that identify the company (not "comercializadora", "grupo", "de"). */
  distinctive: NameToken[];
  /** Per position in `tokens`: 1 when that word is distinctive (by position, so "Inversiones e Inversiones" keeps both words apart). */
  distinctiveAt: Uint8Array;
  /** The legal form removed, as folded words ("s a de c v"), for the explanation. */
  legalForm: string;
}

export type AnalysedName = AnalysedPerson | AnalysedCompany;

const TITLES = new Set(['sr', 'sra', 'srta', 'don', 'dona', 'dr', 'dra', 'lic', 'ing', 'mr', 'mrs', 'ms', 'miss', 'gen', 'general', 'col', 'coronel', 'cap', 'haji', 'hajji', 'sheikh', 'mullah', 'maulvi']);

/** Nicknames that stand for two given names in a row ("Chema" = José María). */
const COMPOUND_NICKNAMES = new Set(['chema', 'josema', 'juanca', 'mayte', 'maite', 'marisol', 'male']);

/**
 * Words repeat across a list and a case ("jose", "garcia", "inversiones"):
 * a word's token is computed once and shared. Tokens are never mutated, and
 * the matcher tells two equal words of one name apart by position, not by
 * object identity. Bounded so a huge run cannot grow it without limit.
 */
const TOKEN_CACHE = new Map<string, NameToken>();
const TOKEN_CACHE_LIMIT = 200_000;

export function token(text: string): NameToken {
  const cached = TOKEN_CACHE.get(text);
  if (cached) return cached;
  const nicknameFor = HYPOCORISMS[text];
  const made = makeToken(text, nicknameFor && !(nicknameFor.length === 1 && nicknameFor[0] === text) ? nicknameFor : undefined);
  if (TOKEN_CACHE.size >= TOKEN_CACHE_LIMIT) TOKEN_CACHE.clear();
  TOKEN_CACHE.set(text, made);
  return made;
}

const isGivenLike = (text: string) => GIVEN_NAMES.has(text) || HYPOCORISMS[text] !== undefined;

function expandGiven(tokens: NameToken[]): NameToken[] {
  const out: NameToken[] = [];
  for (const t of tokens) {
    if (COMPOUND_NICKNAMES.has(t.text) && t.nicknameFor) {
      // "Chema" reads as José + María, each marked as coming from the nickname.
      for (const name of t.nicknameFor) out.push(makeToken(name, [name], t.text));
    } else out.push(t);
  }
  return out;
}

function withoutParticles(words: string[]): string[] {
  const kept = words.filter((word) => !NAME_PARTICLES.has(word) && !TITLES.has(word));
  return kept.length > 0 ? kept : words;
}

/**
 * How many words lead as given names: known given names (or nicknames) from
 * the start, where the very first word may be unknown or misspelt ("Gutavo
 * Javier …"). Spanish names carry at most two surnames, so whatever precedes
 * the last two words is given names in any case.
 */
function givenFirstCounts(words: string[]): number[] {
  const n = words.length;
  if (n <= 1) return [1];
  let lastGiven = -1;
  for (let i = 0; i < n - 1; i++) {
    if (isGivenLike(words[i] as string)) lastGiven = i;
    else if (i > 0) break;
  }
  const positional = Math.max(n - 2, 1);
  const counted = Math.max(lastGiven + 1, positional);
  // "Gonzalo Alonso Taanino": Alonso is a given name and a surname; read it both ways.
  return counted > positional ? [counted, positional] : [counted];
}

function splitGivenFirst(words: string[], givenCount: number): PersonReading {
  return { given: expandGiven(words.slice(0, givenCount).map(token)), surnames: words.slice(givenCount).map(token) };
}

function splitSurnamesFirst(words: string[]): PersonReading {
  const n = words.length;
  let trailing = 0;
  while (trailing < n - 1 && isGivenLike(words[n - 1 - trailing] as string)) trailing++;
  const givenCount = n <= 1 ? 1 : Math.max(trailing, n - 2, 1);
  return { given: expandGiven(words.slice(n - givenCount).map(token)), surnames: words.slice(0, n - givenCount).map(token) };
}

/**
 * Reads a person's name. "RAMIREZ ABADIA, Juan Carlos" is unambiguous; so is
 * a name led by a known given name. A name led by unknown words ("ABADIA
 * RAMIREZ JUAN") is read both ways and the matcher keeps the better reading.
 */
export function analysePerson(raw: string): AnalysedPerson {
  const comma = raw.indexOf(',');
  if (comma > 0) {
    const surnameWords = withoutParticles(nameTokens(raw.slice(0, comma)));
    const givenWords = withoutParticles(nameTokens(raw.slice(comma + 1)));
    if (surnameWords.length > 0 && givenWords.length > 0) {
      const reading = { given: expandGiven(givenWords.map(token)), surnames: surnameWords.map(token) };
      return { kind: 'person', readings: [reading], tokens: [...reading.given, ...reading.surnames] };
    }
  }
  const words = withoutParticles(nameTokens(raw));
  const tokens = words.map(token);
  if (words.length === 0) return { kind: 'person', readings: [], tokens };
  const readings: PersonReading[] = [];
  const ledByGiven = isGivenLike(words[0] as string);
  const endsWithGiven = words.length > 1 && isGivenLike(words[words.length - 1] as string);
  if (ledByGiven || !endsWithGiven || (words.length > 2 && isGivenLike(words[1] as string))) for (const count of givenFirstCounts(words)) readings.push(splitGivenFirst(words, count));
  if (!ledByGiven && words.length > 1) readings.push(splitSurnamesFirst(words));
  return { kind: 'person', readings, tokens };
}

export function analyseCompany(raw: string): AnalysedCompany {
  const all = nameTokens(raw);
  const core = coreNameTokens(raw);
  const legalForm = all.slice(core.length).join(' ');
  const tokens = core.filter((word) => !NAME_PARTICLES.has(word) || core.length === 1).map(token);
  const distinctiveAt = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) distinctiveAt[i] = COMPANY_GENERIC.has((tokens[i] as NameToken).text) ? 0 : 1;
  const distinctive = tokens.filter((_, i) => distinctiveAt[i] === 1);
  // A name of generic words only ("Inversiones y Servicios"): every word counts as distinctive.
  if (distinctive.length === 0) distinctiveAt.fill(1);
  return { kind: 'company', tokens, distinctive: distinctive.length > 0 ? distinctive : tokens, distinctiveAt, legalForm };
}

export function analyseName(raw: string, kind: 'person' | 'company' | undefined): AnalysedName {
  const resolved = kind ?? (isCompanyName(raw) ? 'company' : 'person');
  return resolved === 'company' ? analyseCompany(raw) : analysePerson(raw);
}

/*
 * Blocking keys are FNV-1a hashes of strings such as "P|<surname key>|2jo":
 * numbers make a far smaller and faster index than strings, and a collision
 * only adds a candidate. The hash is computed piece by piece (prefix,
 * surname key with one letter skipped, opening) so no key string is built.
 */
const FNV_OFFSET = 0x811c9dc5;

function fnv(hash: number, text: string, skip = -1): number {
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** 30 bits: a small integer V8 keeps unboxed, and never negative (the index uses -1 for an empty slot). */
const finish = (hash: number) => hash & 0x3fffffff;

/** A key and its one-letter deletions, so a one-letter typo in a surname still lands in the same block. */
export function keyVariants(key: string): string[] {
  if (key.length < 4) return [key];
  const variants = new Set<string>([key]);
  for (let i = 0; i < key.length; i++) variants.add(key.slice(0, i) + key.slice(i + 1));
  return [...variants];
}

/**
 * The opening sounds of the given names: two letters of the phonetic key (and
 * of the spelling, for typos that change the sound), nicknames by the names
 * they stand for. "José" and "Pepe" both open with "Jo"; "Juan" does not.
 * An initial ("J.") opens with one letter only; the index posts both widths.
 */
function givenOpenings(given: readonly NameToken[], side: 'index' | 'query'): string[] {
  const openings = new Set<string>();
  const add = (key: string, text: string) => {
    if (text.length === 1) {
      openings.add(`1${key[0] ?? text}`);
      return;
    }
    openings.add(`2${key.slice(0, 2)}`);
    const spelt = spanishPhoneticKey(text.slice(0, 2));
    if (spelt.length === 2) openings.add(`2${spelt}`);
    if (side === 'index') openings.add(`1${key[0] ?? ''}`);
  };
  for (const t of given) {
    add(t.key, t.text);
    for (const name of t.nicknameFor ?? []) add(spanishPhoneticKey(name), name);
  }
  return openings.size > 0 ? [...openings] : ['*'];
}

const PREFIX_COMPANY = fnv(FNV_OFFSET, 'c|');
const PREFIX_PATERNAL = fnv(FNV_OFFSET, 'P|');
const PREFIX_MATERNAL = fnv(FNV_OFFSET, 'M|');
const PREFIX_GIVEN_ONLY = fnv(FNV_OFFSET, 'p|');

/** Calls `each` with the hash of `prefix + key` and of `prefix + key` without each one letter (keys of 4+ letters). */
function forKeyVariants(prefix: number, key: string, each: (hash: number) => void): void {
  each(fnv(prefix, key));
  if (key.length < 4) return;
  for (let i = 0; i < key.length; i++) {
    // Deleting either of two equal neighbours gives the same variant: hash it once.
    if (i > 0 && key.charCodeAt(i) === key.charCodeAt(i - 1)) continue;
    each(fnv(prefix, key, i));
  }
}

/**
 * Blocking keys of a name, as hashes. A person: the first surname's
 * phonetic key and its one-letter deletions (typos), paired with the first
 * sound of each given name (nicknames by the names they stand for), so "José
 * García" is compared with the Josés and Pepes among the Garcías on the list,
 * never with every García; the list's second surname is indexed too, for
 * clients who go by it. A company: each distinctive
 * word's key and its deletions. Without surnames, every word.
 */
export function blockingKeys(name: AnalysedName, side: 'index' | 'query'): number[] {
  const keys = new Set<number>();
  if (name.kind === 'company') {
    for (const t of name.distinctive) forKeyVariants(PREFIX_COMPANY, t.key, (hash) => keys.add(finish(hash)));
    return [...keys];
  }
  for (const reading of name.readings) {
    const openings = givenOpenings(reading.given, side).map((opening) => `|${opening}`);
    const [paternal, maternal] = reading.surnames;
    if (paternal) {
      forKeyVariants(PREFIX_PATERNAL, paternal.key, (hash) => {
        for (const opening of openings) keys.add(finish(fnv(hash, opening)));
      });
      // The client who goes by the maternal surname: their only surname meets the list's second one.
      if (side === 'query') {
        const hash = fnv(PREFIX_MATERNAL, paternal.key);
        for (const opening of openings) keys.add(finish(fnv(hash, opening)));
      }
    }
    if (maternal && side === 'index') {
      const hash = fnv(PREFIX_MATERNAL, maternal.key);
      for (const opening of openings) keys.add(finish(fnv(hash, opening)));
    }
    if (reading.surnames.length === 0) for (const t of reading.given) keys.add(finish(fnv(fnv(PREFIX_GIVEN_ONLY, t.key), '|*')));
  }
  return [...keys];
}
