/**
 * Name folding for matching people and companies across banks that write
 * "JOSÉ MUÑOZ", "Jose Munoz" and "MUÑOZ, JOSÉ", and companies with or without
 * their legal-form suffix ("Núñez & Cía. S.A.S." vs "NUNEZ Y CIA SAS").
 */

/**
 * The one accent fold every name and identifier rule starts from: Unicode
 * NFKD (so full-width and ligature forms become their plain letters), combining
 * marks removed: "Pérez" → "Perez", "ñ" → "n", "Ｐｅｒｅｚ" → "Perez".
 */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** Legal forms in Latin America, Spain, Brazil and the US, as folded token sequences. */
const COMPANY_SUFFIXES: readonly string[][] = [
  ['s', 'a', 's'],
  ['sas'],
  ['s', 'a', 'de', 'c', 'v'],
  ['sa', 'de', 'cv'],
  ['s', 'de', 'r', 'l', 'de', 'c', 'v'],
  ['s', 'de', 'rl', 'de', 'cv'],
  ['s', 'de', 'r', 'l'],
  ['s', 'de', 'rl'],
  ['s', 'r', 'l'],
  ['srl'],
  ['s', 'a', 'c'],
  ['sac'],
  ['s', 'a', 'a'],
  ['saa'],
  ['s', 'a'],
  ['sa'],
  ['s', 'c'],
  ['ltda'],
  ['limitada'],
  ['ltd'],
  ['limited'],
  ['cia'],
  ['compania'],
  ['y', 'cia'],
  ['e', 'cia'],
  ['s', 'en', 'c'],
  ['s', 'en', 'c', 's'],
  ['e', 'u'],
  ['eu'],
  ['e', 'i', 'r', 'l'],
  ['eirl'],
  ['eireli'],
  ['me'],
  ['epp'],
  ['llc'],
  ['inc'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['gmbh'],
  ['bv'],
  ['plc'],
  ['sociedad', 'anonima'],
  ['sociedad', 'por', 'acciones', 'simplificada'],
  ['s', 'a', 's', 'bic'],
];

const CONNECTORS = new Set(['y', 'e', 'and', 'de', 'del']);

const COMPANY_WORDS = new Set(['sas', 'ltda', 'limitada', 'sa', 'srl', 'sac', 'llc', 'inc', 'corp', 'corporation', 'gmbh', 'eirl', 'eireli', 'cia', 'compania', 'company', 'empresa', 'comercializadora', 'inversiones', 'holding', 'group', 'grupo', 'fundacion', 'asociacion', 'cooperativa', 'banco', 'bank', 'trading', 'import', 'export', 'importadora', 'exportadora', 'distribuidora', 'constructora', 'servicios', 'industrias', 'ltd', 'limited']);

export function nameTokens(name: string): string[] {
  return foldAccents(name)
    .toLowerCase()
    .replace(/&/g, ' y ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((token) => token !== '');
}

function endsWith(tokens: string[], suffix: string[]): boolean {
  if (suffix.length > tokens.length - 1) return false;
  for (let i = 0; i < suffix.length; i++) if (tokens[tokens.length - suffix.length + i] !== suffix[i]) return false;
  return true;
}

/** Tokens of a name without trailing legal-form suffixes ("& Cía. S.A.S." goes). */
export function coreNameTokens(name: string): string[] {
  const tokens = nameTokens(name);
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (endsWith(tokens, suffix)) {
        tokens.splice(tokens.length - suffix.length, suffix.length);
        changed = true;
        break;
      }
    }
    // "Núñez & Cía." leaves a dangling "y" once "cia" goes.
    while (tokens.length > 1 && CONNECTORS.has(tokens[tokens.length - 1] as string)) {
      tokens.pop();
      changed = true;
    }
  }
  return tokens;
}

/** Folded name for comparison: no accents, case, punctuation or legal-form suffix. */
export function foldName(name: string): string {
  return coreNameTokens(name).join(' ');
}

/** Whether a name reads as a company's (legal-form suffix or a typical business word). */
export function isCompanyName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.some((token) => COMPANY_WORDS.has(token))) return true;
  return coreNameTokens(name).length < tokens.length;
}

/**
 * The chart's key and search form of a name (shared/graph): upper case,
 * accents and punctuation dropped, single spaces, the legal form kept
 * ("Inversiones  Ñandú S.A.S." → "INVERSIONES NANDU SAS"). A chart shows the
 * parties as the records name them, and its node ids stay what saved charts
 * refer to; whether two names are the same party is foldName's rule.
 */
export function nameKey(name: string): string {
  return foldAccents(name)
    .toUpperCase()
    .replace(/[^\p{L}\p{N} ]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The partner-exchange form of a name (shared/package: pseudonyms and private
 * matching, part of the documented format, docs/PACKAGE_FORMAT.md §7): accents
 * folded, lower case, punctuation turned into spaces, tokens sorted so
 * "PÉREZ GÓMEZ, Juan" and "Juan Pérez Gómez" agree (registries in the region
 * disagree on surname-first order). Two units must compute the same bytes, so
 * it never follows changes to foldName.
 */
export function exchangeNameKey(value: string): string {
  return foldAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((token) => token.length > 0)
    .sort()
    .join(' ');
}

const COMPANY_ID_TYPES: ReadonlySet<string> = new Set(['RNC', 'EIN']);

/**
 * The one "company or person" rule (issue 10): the ID number's shape decides
 * when it can (an RNC or EIN, a 12-character RFC, an Ecuadorian RUC whose
 * third digit is 6 or 9, a Colombian NIT starting 8 or 9), else the name.
 */
export function partyKindOf(name: string, idType?: string, idNumber?: string): 'company' | 'person' {
  const companyById =
    (idType !== undefined && COMPANY_ID_TYPES.has(idType)) ||
    (idType === 'RFC' && idNumber?.length === 12) ||
    (idType === 'RUC' && (idNumber?.[2] === '6' || idNumber?.[2] === '9')) ||
    (idType === 'NIT' && /^[89]\d{8}/.test(idNumber ?? ''));
  return companyById || isCompanyName(name) ? 'company' : 'person';
}
