/**
 * Folding used wherever a human wrote something a machine must recognise:
 * headers, value maps, channel words, country names. Accent-, case- and
 * punctuation-insensitive, so "Nro. Operación", "nro_operacion" and
 * "NRO-OPERACION" are the same key.
 */
const DIACRITICS = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9&$]+/g;

export function foldKey(value: string): string {
  return value.normalize('NFD').replace(DIACRITICS, '').toLowerCase().replace(NON_ALNUM, ' ').trim();
}

/** Spanish/Portuguese/English connecting words that headers add or drop freely ("número de operación"). */
const STOPWORDS = new Set(['de', 'del', 'da', 'do', 'das', 'dos', 'la', 'el', 'los', 'las', 'the', 'of', 'en', 'y', 'e', 'and']);

export function headerTokens(value: string): string[] {
  return foldKey(value)
    .split(' ')
    .filter((token) => token !== '' && !STOPWORDS.has(token));
}

export function headerKey(value: string): string {
  return headerTokens(value).join(' ');
}
