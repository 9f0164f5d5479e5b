import type { Language } from '../model/alert';
import type { Channel } from '../model/records';

export const LANGUAGES: readonly Language[] = ['es', 'en'];

/** BCP 47 locale per UI language: Latin-American Spanish formats 1.234,56 and 28/11/2026. */
export const LOCALE_OF: Record<Language, string> = { es: 'es-CO', en: 'en-US' };

export type MessageParams = Record<string, string | number>;

/**
 * Replaces `{name}` placeholders, and `{name|one|other}` with the first form when the parameter is 1 and the second
 * otherwise ("{count} {count|fila|filas}"), so no message has to write "fila(s)". A missing parameter stays
 * visible rather than vanishing.
 */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, key: string, one: string | undefined, other: string | undefined) => {
    const value = params[key];
    if (value === undefined) return whole;
    if (one === undefined || other === undefined) return String(value);
    // Counts arrive as numbers or already formatted for the language ("1", "1.204"): only one itself is singular.
    return value === 1 || String(value) === '1' ? one : other;
  });
}

/**
 * A catalogue is one object per language with identical keys; `defineMessages`
 * makes the compiler reject a Spanish catalogue that misses an English key.
 */
export function defineMessages<K extends string>(catalogue: { en: Record<K, string>; es: Record<K, string> }) {
  return catalogue;
}

/**
 * Building an Intl formatter costs tens of microseconds, using one almost nothing: detection words thousands of
 * explanations per case, so each formatter is made once per language and options and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formatters.get(key) as F | undefined;
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}
const numberFormat = (language: Language, options: Intl.NumberFormatOptions) => kept(`n|${language}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(LOCALE_OF[language], options));
const dateFormat = (language: Language, options: Intl.DateTimeFormatOptions) => kept(`d|${language}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(LOCALE_OF[language], options));

export function formatAmount(amount: number, currency: string | undefined, language: Language): string {
  if (!currency) return numberFormat(language, { maximumFractionDigits: 2 }).format(amount);
  try {
    return numberFormat(language, { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${numberFormat(language, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** `minimumFractionDigits` keeps a column of scores aligned ("1,00" beside "0,87", not "1"). */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0, minimumFractionDigits = 0): string {
  return numberFormat(language, { maximumFractionDigits, minimumFractionDigits: Math.min(minimumFractionDigits, maximumFractionDigits) }).format(value);
}

/** Dates are stored as UTC midnight or UTC instants; show them in UTC so a date never shifts a day. */
export function formatDate(timestamp: number, language: Language): string {
  return dateFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(timestamp);
}

export function formatDateTime(timestamp: number, language: Language): string {
  return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(timestamp);
}

/**
 * A window as people write it: "3–9 de marzo de 2025", "March 3 – 9, 2025";
 * shared month and year are said once. Same UTC day gives a single date.
 */
export function formatDateRange(from: number, to: number, language: Language): string {
  const format = dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  const range = from <= to ? format.formatRange(from, to) : format.formatRange(to, from);
  // Recent ICU puts thin spaces around the dash, older ICU plain ones: plain spaces keep the
  // text identical across Node and Electron builds and printable by jsPDF's WinAnsi fonts.
  return range.replace(/[\u2009\u202f]/g, ' ');
}

/**
 * A transaction channel's name as the reader says it: the chart's bars and the prosecutor's PDF annex print the same
 * words (the CSV annex and JSON keep the stored code).
 */
export const CHANNEL_NAMES: Record<Language, Record<Channel, string>> = {
  en: { cash: 'cash', wire: 'wire', transfer: 'transfer', check: 'cheque', card: 'card', crypto: 'crypto', other: 'other' },
  es: { cash: 'efectivo', wire: 'giro', transfer: 'transferencia', check: 'cheque', card: 'tarjeta', crypto: 'cripto', other: 'otro' },
};

export function channelName(channel: string, language: Language): string {
  return (CHANNEL_NAMES[language] as Record<string, string | undefined>)[channel] ?? channel;
}
