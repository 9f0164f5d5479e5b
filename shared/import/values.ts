import type { Channel, IdType } from '../model/records';
import type { DateOrder, DecimalSeparator } from './spec';
import type { DateOrderGuess } from './types';
import { foldKey } from './normalize';
import type { QuarantineCode } from './reasons';

/* ------------------------------------------------------------------ numbers */

const CURRENCY_PREFIX = /^(?:US\$|U\$S|RD\$|R\$|C\$|S\/\.?|Bs\.?|[A-Z]{3}\$?|[$€£¥])\s*/;
const CURRENCY_SUFFIX = /\s*(?:[A-Z]{3}|[$€£])$/;
const GROUPING = /[\s\u00a0\u202f']/g;
const DOT_DECIMAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
const COMMA_DECIMAL = /^(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$/;

/**
 * Parses amounts the way banks print them: `1.234.567,89`, `1,234,567.89`,
 * `(1.234,00)`, `-1234.5`, `1234,5-`, `US$ 1,000.00`, `COP 1.000`. Returns
 * NaN for anything else, including grouping that contradicts the decimal
 * separator (so `1.234,00` read with '.' is refused, not misread).
 */
/**
 * Plain and grouped amounts without sign or symbol (`1234.5`, `1.234.567,89`)
 * read by character codes. Mantissa and power of ten are exact below 2^53, so
 * one division rounds exactly as Number() would. undefined: take the general path.
 */
function parseGroupedAmount(text: string, decimal: number, group: number): number | undefined {
  const length = text.length;
  if (length === 0 || length > 15) return undefined;
  let mantissa = 0;
  let scale = 1;
  let inFraction = false;
  let groupDigits = -1;
  let leadDigits = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      if (inFraction) scale *= 10;
      else if (groupDigits >= 0) groupDigits++;
      else leadDigits++;
      continue;
    }
    if (code === group && !inFraction) {
      if (groupDigits >= 0 ? groupDigits !== 3 : leadDigits < 1 || leadDigits > 3) return undefined;
      groupDigits = 0;
      continue;
    }
    if (code === decimal && !inFraction && i > 0 && i < length - 1) {
      if (groupDigits >= 0 && groupDigits !== 3) return undefined;
      inFraction = true;
      continue;
    }
    return undefined;
  }
  if (!inFraction && groupDigits >= 0 && groupDigits !== 3) return undefined;
  return scale === 1 ? mantissa : mantissa / scale;
}

export function parseAmount(raw: string, decimal: DecimalSeparator): number {
  const fast = decimal === ',' ? parseGroupedAmount(raw, 44, 46) : parseGroupedAmount(raw, 46, 44);
  if (fast !== undefined) return fast;
  let text = raw.trim();
  if (text === '') return Number.NaN;
  let negative = false;
  if (text.charCodeAt(0) === 40 /* ( */ && text.charCodeAt(text.length - 1) === 41 /* ) */) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text[0] === '-' || text[0] === '+') {
    negative = negative !== (text[0] === '-');
    text = text.slice(1).trimStart();
  }
  const withoutPrefix = text.replace(CURRENCY_PREFIX, '');
  const hadPrefix = withoutPrefix !== text;
  text = withoutPrefix;
  // A sign may sit after a symbol ($-1,000) but never twice in a row (--5).
  if (hadPrefix && (text[0] === '-' || text[0] === '+')) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1);
  }
  text = text.replace(CURRENCY_SUFFIX, '');
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  text = text.replace(GROUPING, '');
  if (text === '' || text === '.' || text === ',') return Number.NaN;
  let value: number;
  if (decimal === '.') {
    if (!DOT_DECIMAL.test(text)) return Number.NaN;
    value = Number(text.replace(/,/g, ''));
  } else {
    if (!COMMA_DECIMAL.test(text)) return Number.NaN;
    value = Number(text.replace(/\./g, '').replace(',', '.'));
  }
  if (!Number.isFinite(value)) return Number.NaN;
  return negative ? -value : value;
}

function numberBody(raw: string): string {
  return raw
    .trim()
    .replace(/^[(+-]+/, '')
    .replace(CURRENCY_PREFIX, '')
    .replace(/^[-+]/, '')
    .replace(CURRENCY_SUFFIX, '')
    .replace(/[)-]+$/, '')
    .replace(GROUPING, '');
}

/**
 * Votes on a column's decimal separator from its values: whichever of `.`
 * and `,` comes last when both appear, a lone separator followed by other
 * than three digits, a separator repeated (so grouping). `1,234` alone says
 * nothing. Returns undefined when no value decides.
 */
export function detectDecimalSeparator(values: Iterable<string>): DecimalSeparator | undefined {
  let dot = 0;
  let comma = 0;
  for (const raw of values) {
    const body = numberBody(raw);
    if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) continue;
    const lastDot = body.lastIndexOf('.');
    const lastComma = body.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++;
      else comma++;
      continue;
    }
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (sep === '') continue;
    const first = body.indexOf(sep);
    const last = first === body.lastIndexOf(sep) ? first : -1;
    if (last < 0) {
      // Repeated: it groups thousands, so the other one is the decimal separator.
      if (sep === '.') comma++;
      else dot++;
      continue;
    }
    const decimals = body.length - last - 1;
    if (decimals === 3 && last > 0) continue; // 1,234 / 1.234: could be either
    if (sep === '.') dot++;
    else comma++;
  }
  if (dot === 0 && comma === 0) return undefined;
  return comma > dot ? ',' : '.';
}

/* -------------------------------------------------------------------- dates */

const DATE_PATTERN =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:(?:[ T]+|\s*-\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,3})\d*)?)?\s*(?:([AaPp])\.?\s?[Mm]\.?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT_DATE = /^((?:19|20)\d{2})(\d{2})(\d{2})$/;
const EXCEL_SERIAL = /^\d{4,5}(?:[.,]\d+)?$/;
const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The shapes of nearly every bank export (DD/MM/YYYY, YYYY-MM-DD, each with
 * optional HH:mm[:ss]) read by character codes: no regex, no allocation.
 * Returns undefined for anything else, which then takes the general path.
 */
function parseCommonDate(text: string, order: DateOrder): number | undefined {
  const length = text.length;
  if (length !== 10 && length !== 16 && length !== 19) return undefined;
  let year: number;
  let month: number;
  let day: number;
  const sep = text.charCodeAt(2);
  if ((sep === 47 || sep === 45 || sep === 46) && text.charCodeAt(5) === sep) {
    const first = digitsAt(text, 0, 2);
    const second = digitsAt(text, 3, 2);
    year = digitsAt(text, 6, 4);
    if (order === 'MDY') {
      month = first;
      day = second;
    } else {
      day = first;
      month = second;
    }
  } else if (text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    year = digitsAt(text, 0, 4);
    month = digitsAt(text, 5, 2);
    day = digitsAt(text, 8, 2);
  } else return undefined;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return year < 0 || month < 0 || day < 0 ? undefined : Number.NaN;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (length > 10) {
    const gap = text.charCodeAt(10);
    if ((gap !== 32 && gap !== 84) || text.charCodeAt(13) !== 58) return undefined;
    hours = digitsAt(text, 11, 2);
    minutes = digitsAt(text, 14, 2);
    if (length === 19) {
      if (text.charCodeAt(16) !== 58) return undefined;
      seconds = digitsAt(text, 17, 2);
    }
    if (hours < 0 || minutes < 0 || seconds < 0) return undefined;
    if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hours, minutes, seconds);
}

function expandYear(year: number, digits: number): number {
  if (digits > 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

/**
 * Parses a date or date-time to ms since epoch UTC (dates at 00:00 UTC,
 * local times taken as written). `order` settles DD/MM versus MM/DD; four-
 * digit first parts are always year-first. Excel serial numbers (45658 =
 * 2025-01-01) and compact YYYYMMDD are accepted. Returns NaN when invalid,
 * including impossible dates such as 31/02.
 */
export function parseDate(raw: string, order: DateOrder): number {
  const common = parseCommonDate(raw, order);
  if (common !== undefined) return common;
  const text = raw.trim();
  const match = DATE_PATTERN.exec(text);
  if (match) {
    const a = match[1] as string;
    const b = match[2] as string;
    const c = match[3] as string;
    let year: number;
    let month: number;
    let day: number;
    if (a.length >= 3) {
      if (c.length > 2) return Number.NaN;
      year = Number(a);
      month = Number(b);
      day = Number(c);
    } else {
      if (c.length !== 2 && c.length !== 4) return Number.NaN;
      year = expandYear(Number(c), c.length);
      if (order === 'MDY') {
        month = Number(a);
        day = Number(b);
      } else {
        day = Number(a);
        month = Number(b);
      }
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    let millis = 0;
    if (match[4] !== undefined) {
      hours = Number(match[4]);
      minutes = Number(match[5]);
      seconds = match[6] !== undefined ? Number(match[6]) : 0;
      millis = match[7] !== undefined ? Number(match[7].padEnd(3, '0')) : 0;
      const meridiem = match[8];
      if (meridiem !== undefined) {
        if (hours < 1 || hours > 12) return Number.NaN;
        const pm = meridiem === 'p' || meridiem === 'P';
        hours = (hours % 12) + (pm ? 12 : 0);
      }
      if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
    }
    let timestamp = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
    const zone = match[9];
    if (zone !== undefined && zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      timestamp -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return timestamp;
  }
  const compact = COMPACT_DATE.exec(text);
  if (compact) {
    const year = Number(compact[1]);
    const month = Number(compact[2]);
    const day = Number(compact[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    return Date.UTC(year, month - 1, day);
  }
  if (EXCEL_SERIAL.test(text)) {
    const serial = Number(text.replace(',', '.'));
    // 1955..2119: a bank date; smaller or larger numbers are something else.
    if (serial < 20_000 || serial > 80_000) return Number.NaN;
    return EXCEL_EPOCH + Math.round(serial * DAY_MS);
  }
  return Number.NaN;
}

/** Whether a value looks like a written date (not a bare number). */
export function looksLikeDate(raw: string): boolean {
  return DATE_PATTERN.test(raw.trim()) || COMPACT_DATE.test(raw.trim());
}

/**
 * Day/month order a column's values allow: any first part above 12 means
 * DD/MM, any second part above 12 means MM/DD, year-first is YMD. A column
 * whose every value has both parts ≤ 12 is 'ambiguous'; the analyst decides.
 */
export function detectDateOrder(values: Iterable<string>): DateOrderGuess | undefined {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let seen = 0;
  for (const raw of values) {
    const text = raw.trim();
    if (text === '') continue;
    const match = DATE_PATTERN.exec(text);
    if (!match) {
      if (COMPACT_DATE.test(text) || EXCEL_SERIAL.test(text)) {
        ymd++;
        seen++;
      }
      continue;
    }
    seen++;
    const a = match[1] as string;
    if (a.length >= 3) {
      ymd++;
      continue;
    }
    const first = Number(a);
    const second = Number(match[2]);
    if (first > 12 && second <= 12) dmy++;
    else if (second > 12 && first <= 12) mdy++;
  }
  if (seen === 0) return undefined;
  if (dmy > 0 || mdy > 0) return dmy >= mdy ? 'DMY' : 'MDY';
  if (ymd === seen) return 'YMD';
  // Written D/M dates whose parts all fit both readings (a year-first value settles nothing about them).
  return 'ambiguous';
}

export function datePatternLabel(order: DateOrder): string {
  return order === 'DMY' ? 'DD/MM/YYYY' : order === 'MDY' ? 'MM/DD/YYYY' : 'YYYY-MM-DD';
}

/** Day/month order from a pattern such as 'DD/MM/YYYY HH:mm'. */
export function orderFromPattern(pattern: string): DateOrder {
  // The time part first: in 'HH:mm DD/MM/YYYY' the minutes must not read as the month once upper-cased.
  const upper = pattern.replace(/[Hh]{1,2}\s*[:.]\s*m{1,2}(?:\s*[:.]\s*s{1,2})?/g, ' ').toUpperCase();
  const y = upper.indexOf('YY');
  const m = upper.indexOf('MM');
  const d = upper.indexOf('DD');
  if (y >= 0 && y < m && y < d) return 'YMD';
  return m >= 0 && d >= 0 && m < d ? 'MDY' : 'DMY';
}

/* --------------------------------------------------------------- currencies */

const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF ' +
    'CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
    'HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL ' +
    'MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD ' +
    'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD ' +
    'USN UYI UYU UYW UZS VED VES VEF VND VUV WST XAF XAG XAU XCD XCG XDR XOF XPD XPF XPT YER ZAR ZMW ZWG ZWL BTC ETH'
  ).split(' '),
);

const CURRENCY_WORDS: Record<string, string> = {
  'us$': 'USD',
  'u$s': 'USD',
  'usd$': 'USD',
  dolar: 'USD',
  dolares: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  'dolares americanos': 'USD',
  'dolar estadounidense': 'USD',
  'us dollar': 'USD',
  'r$': 'BRL',
  real: 'BRL',
  reais: 'BRL',
  'rd$': 'DOP',
  'pesos dominicanos': 'DOP',
  'peso dominicano': 'DOP',
  'pesos colombianos': 'COP',
  'peso colombiano': 'COP',
  'pesos mexicanos': 'MXN',
  'peso mexicano': 'MXN',
  '€': 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  'c$': 'NIO',
  cordobas: 'NIO',
  sol: 'PEN',
  soles: 'PEN',
  's/': 'PEN',
  quetzal: 'GTQ',
  quetzales: 'GTQ',
  lempira: 'HNL',
  lempiras: 'HNL',
  balboa: 'PAB',
  balboas: 'PAB',
  colones: 'CRC',
  bitcoin: 'BTC',
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; code: QuarantineCode; params: Record<string, string | number> };

export function parseCurrency(raw: string): Parsed<string> {
  const text = raw.trim();
  const upper = text.toUpperCase();
  if (ISO_4217.has(upper)) return { ok: true, value: upper };
  const word = CURRENCY_WORDS[text.toLowerCase()] ?? CURRENCY_WORDS[foldKey(text)];
  if (word) return { ok: true, value: word };
  if (text === '$') return { ok: false, reason: `'$' is ambiguous (pesos or dollars); add a value map such as $ → COP`, code: 'ambiguous-currency', params: { value: raw } };
  return { ok: false, reason: `'${raw}' is not an ISO 4217 currency code (e.g. COP, USD)`, code: 'invalid-currency', params: { value: raw } };
}

/* ---------------------------------------------------------------- countries */

const ISO_3166 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD ' +
    'CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF ' +
    'GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
    'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI ' +
    'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW XK'
  ).split(' '),
);

/** alpha-2|alpha-3|names (Spanish, English, Portuguese), folded. */
const COUNTRY_TABLE = [
  'CO|COL|colombia',
  'EC|ECU|ecuador|equador',
  'PA|PAN|panama',
  'MX|MEX|mexico',
  'DO|DOM|republica dominicana|dominican republic|rep dominicana',
  'HN|HND|honduras',
  'US|USA|estados unidos|united states|eeuu|ee uu|eua|united states of america|estados unidos america|estados unidos da america',
  'VE|VEN|venezuela',
  'PE|PER|peru',
  'BR|BRA|brasil|brazil',
  'AR|ARG|argentina',
  'CL|CHL|chile',
  'BO|BOL|bolivia',
  'PY|PRY|paraguay|paraguai',
  'UY|URY|uruguay|uruguai',
  'CR|CRI|costa rica',
  'GT|GTM|guatemala',
  'SV|SLV|el salvador|salvador',
  'NI|NIC|nicaragua',
  'CU|CUB|cuba',
  'HT|HTI|haiti',
  'JM|JAM|jamaica',
  'BZ|BLZ|belice|belize',
  'BS|BHS|bahamas|las bahamas',
  'BB|BRB|barbados',
  'TT|TTO|trinidad y tobago|trinidad and tobago',
  'CW|CUW|curazao|curacao',
  'AW|ABW|aruba',
  'KY|CYM|islas caiman|cayman islands|ilhas cayman|caiman',
  'VG|VGB|islas virgenes britanicas|british virgin islands|bvi',
  'PR|PRI|puerto rico',
  'CA|CAN|canada',
  'ES|ESP|espana|spain|espanha',
  'PT|PRT|portugal',
  'FR|FRA|francia|france|franca',
  'DE|DEU|alemania|germany|alemanha',
  'IT|ITA|italia|italy',
  'GB|GBR|reino unido|united kingdom|uk|inglaterra',
  'NL|NLD|paises bajos|holanda|netherlands|holland',
  'CH|CHE|suiza|switzerland|suica',
  'BE|BEL|belgica|belgium',
  'LU|LUX|luxemburgo|luxembourg',
  'IE|IRL|irlanda|ireland',
  'AD|AND|andorra',
  'MC|MCO|monaco',
  'LI|LIE|liechtenstein',
  'MT|MLT|malta',
  'CY|CYP|chipre|cyprus',
  'GI|GIB|gibraltar',
  'RU|RUS|rusia|russia|russian federation',
  'UA|UKR|ucrania|ukraine',
  'TR|TUR|turquia|turkey|turkiye',
  'CN|CHN|china',
  'HK|HKG|hong kong',
  'TW|TWN|taiwan',
  'JP|JPN|japon|japan|japao',
  'KR|KOR|corea sur|south korea|corea|korea',
  'KP|PRK|corea norte|north korea',
  'IN|IND|india',
  'AE|ARE|emiratos arabes unidos|united arab emirates|emiratos arabes|uae',
  'SA|SAU|arabia saudita|saudi arabia|arabia saudi',
  'IL|ISR|israel',
  'IR|IRN|iran',
  'IQ|IRQ|irak|iraq|iraque',
  'SY|SYR|siria|syria',
  'LB|LBN|libano|lebanon',
  'MM|MMR|myanmar|birmania|burma',
  'SG|SGP|singapur|singapore|singapura',
  'MY|MYS|malasia|malaysia',
  'TH|THA|tailandia|thailand',
  'VN|VNM|vietnam|viet nam',
  'PH|PHL|filipinas|philippines',
  'ID|IDN|indonesia',
  'AU|AUS|australia',
  'NZ|NZL|nueva zelanda|new zealand',
  'ZA|ZAF|sudafrica|south africa|africa sul',
  'NG|NGA|nigeria',
  'EG|EGY|egipto|egypt',
  'MA|MAR|marruecos|morocco',
  'SC|SYC|seychelles',
  'MU|MUS|mauricio|mauritius',
  'AG|ATG|antigua y barbuda|antigua and barbuda',
  'KN|KNA|san cristobal y nieves|saint kitts and nevis',
  'LC|LCA|santa lucia|saint lucia',
  'VC|VCT|san vicente y granadinas|saint vincent and grenadines',
  'GD|GRD|granada|grenada',
  'DM|DMA|dominica',
  'GY|GUY|guyana|guiana',
  'SR|SUR|surinam|suriname',
  'BM|BMU|bermudas|bermuda',
  'MH|MHL|islas marshall|marshall islands',
  'WS|WSM|samoa',
  'VU|VUT|vanuatu',
  'PL|POL|polonia|poland',
  'SE|SWE|suecia|sweden',
  'NO|NOR|noruega|norway',
  'DK|DNK|dinamarca|denmark',
  'AT|AUT|austria',
  'GR|GRC|grecia|greece',
  'AF|AFG|afganistan|afghanistan',
  'PK|PAK|pakistan',
  'QA|QAT|qatar|catar',
];

const COUNTRY_LOOKUP = new Map<string, string>();
for (const row of COUNTRY_TABLE) {
  const [alpha2, alpha3, ...names] = row.split('|') as [string, string, ...string[]];
  COUNTRY_LOOKUP.set(alpha3.toLowerCase(), alpha2);
  for (const name of names) COUNTRY_LOOKUP.set(name, alpha2);
}

export function parseCountry(raw: string): Parsed<string> {
  const text = raw.trim();
  const upper = text.toUpperCase();
  if (upper.length === 2 && ISO_3166.has(upper)) return { ok: true, value: upper };
  const folded = foldKey(text);
  const found = COUNTRY_LOOKUP.get(folded) ?? COUNTRY_LOOKUP.get(folded.replace(/\b(de|del|da|do|las|los|la|el|the|of|y|and)\b/g, '').replace(/\s+/g, ' ').trim());
  if (found) return { ok: true, value: found };
  return { ok: false, reason: `'${raw}' is not a recognised country (expected an ISO 3166 code such as CO or a country name)`, code: 'invalid-country', params: { value: raw } };
}

/* ----------------------------------------------------------------- channels */

const CHANNEL_WORDS: Record<string, Channel> = {
  efectivo: 'cash',
  cash: 'cash',
  dinero: 'cash',
  dinheiro: 'cash',
  especie: 'cash',
  consignacion: 'cash',
  deposito: 'cash',
  deposit: 'cash',
  retiro: 'cash',
  withdrawal: 'cash',
  saque: 'cash',
  ventanilla: 'cash',
  transferencia: 'transfer',
  transfer: 'transfer',
  transferencias: 'transfer',
  ach: 'transfer',
  pse: 'transfer',
  spei: 'transfer',
  pix: 'transfer',
  ted: 'transfer',
  tef: 'transfer',
  lbtr: 'transfer',
  traspaso: 'transfer',
  electronica: 'transfer',
  giro: 'wire',
  giros: 'wire',
  swift: 'wire',
  wire: 'wire',
  remesa: 'wire',
  remesas: 'wire',
  internacional: 'wire',
  international: 'wire',
  cheque: 'check',
  cheques: 'check',
  check: 'check',
  cheq: 'check',
  tarjeta: 'card',
  card: 'card',
  cartao: 'card',
  pos: 'card',
  datafono: 'card',
  tdc: 'card',
  tdd: 'card',
  credito: 'card',
  debito: 'card',
  cripto: 'crypto',
  crypto: 'crypto',
  criptoactivo: 'crypto',
  criptoactivos: 'crypto',
  criptomoneda: 'crypto',
  bitcoin: 'crypto',
  btc: 'crypto',
  usdt: 'crypto',
  otro: 'other',
  otros: 'other',
  other: 'other',
  outro: 'other',
};
const CHANNEL_PRIORITY: Channel[] = ['crypto', 'cash', 'wire', 'check', 'card', 'transfer', 'other'];

/**
 * Channel from a bank's wording: exact words first, then the strongest
 * keyword in the phrase, so "Depósito en efectivo" is cash and "Transferencia
 * internacional SWIFT" is wire. Unknown wording becomes 'other', never a lost row.
 */
export function parseChannel(raw: string): Channel {
  const folded = foldKey(raw);
  const direct = CHANNEL_WORDS[folded];
  if (direct) return direct;
  let best: Channel | undefined;
  for (const token of folded.split(' ')) {
    const channel = CHANNEL_WORDS[token];
    if (channel && (best === undefined || CHANNEL_PRIORITY.indexOf(channel) < CHANNEL_PRIORITY.indexOf(best))) best = channel;
  }
  return best ?? 'other';
}

/* ------------------------------------------------------------ other values */

const TRUE_WORDS = new Set(['si', 's', 'yes', 'y', 'true', '1', 'x', 'verdadero', 'sim', 'v', 'pep']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'falso', 'nao', 'f', '']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const folded = foldKey(raw);
  if (TRUE_WORDS.has(folded)) return { ok: true, value: true };
  if (FALSE_WORDS.has(folded)) return { ok: true, value: false };
  return { ok: false, reason: `'${raw}' is not yes/no (expected sí/no, yes/no, true/false, 1/0)`, code: 'invalid-boolean', params: { value: raw } };
}

const ID_TYPE_WORDS: Record<string, IdType> = {
  cc: 'CC',
  'c c': 'CC',
  'cedula ciudadania': 'CC',
  'cedula de ciudadania': 'CC',
  ce: 'CE',
  'c e': 'CE',
  'cedula extranjeria': 'CE',
  'cedula de extranjeria': 'CE',
  nit: 'NIT',
  ruc: 'RUC',
  curp: 'CURP',
  rfc: 'RFC',
  rnc: 'RNC',
  dni: 'DNI',
  rtn: 'RTN',
  ssn: 'SSN',
  ein: 'EIN',
  cedula: 'CEDULA',
  ci: 'CEDULA',
  'cedula identidad': 'CEDULA',
  'cedula de identidad': 'CEDULA',
  'cedula identidad y electoral': 'CEDULA',
  pasaporte: 'PASSPORT',
  passport: 'PASSPORT',
  pa: 'PASSPORT',
  pp: 'PASSPORT',
  pas: 'PASSPORT',
};

export function parseIdType(raw: string): IdType {
  const folded = foldKey(raw);
  return ID_TYPE_WORDS[folded] ?? ID_TYPE_WORDS[folded.replace(/ /g, '')] ?? 'OTHER';
}

const PERSON_WORDS = new Set(['natural', 'persona natural', 'pn', 'person', 'individual', 'fisica', 'persona fisica', 'pf', 'n', 'f', 'p', 'persona', 'pessoa fisica']);
const COMPANY_WORDS = new Set(['juridica', 'persona juridica', 'pj', 'company', 'empresa', 'moral', 'persona moral', 'pm', 'j', 'c', 'e', 'sociedad', 'legal entity', 'entity', 'pessoa juridica', 'corporation']);

export function parsePartyKind(raw: string): 'person' | 'company' | undefined {
  const folded = foldKey(raw);
  if (PERSON_WORDS.has(folded)) return 'person';
  if (COMPANY_WORDS.has(folded)) return 'company';
  return undefined;
}

export function parseHsCode(raw: string): Parsed<string> {
  const digits = raw.trim().replace(/[\s.-]/g, '');
  if (/^\d{2,10}$/.test(digits)) return { ok: true, value: digits };
  return { ok: false, reason: `'${raw}' is not an HS code (2 to 10 digits, e.g. 0901.11.00)`, code: 'invalid-hs-code', params: { value: raw } };
}
