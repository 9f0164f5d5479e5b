import type { IdType } from '../model/records';

/**
 * ID numbers of Latin American people and companies, normalised so the same
 * registration written "900.123.456-7", "900123456-7" and "9001234567" is one
 * key, with its check digit verified where the scheme is public. An invalid
 * check digit is reported, never thrown: bank data has typos, and the analyst
 * decides.
 */

/**
 * `unchecked`: the type has a check digit but this number was given without one (a NIT without its DV), or in a
 * shape its scheme does not cover; `no-scheme`: the type carries no check digit Caudal knows (a Colombian cédula de
 * ciudadanía, a passport), so there is nothing to verify and nothing missing.
 */
export type CheckDigitStatus = 'valid' | 'invalid' | 'unchecked' | 'no-scheme';

export interface NormalisedId {
  /** The ID type given or recognised from the number's shape. */
  type?: IdType;
  /** Characters only (no dots, dashes, spaces), upper case: what the importer stores. */
  number: string;
  /**
   * The identity for matching across files and types: a Colombian NIT without
   * its check digit (so NIT and the same person's CC match), an Ecuadorian
   * natural-person RUC as its cédula, others as `number`.
   */
  key: string;
  checkDigit: CheckDigitStatus;
  /** Which scheme was checked, or why it failed ("NIT check digit should be 7"). */
  note?: string;
}

/** ID numbers as banks print them ("900.123.456-7", "1 234 567") reduced to their characters, upper case. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s.\-/_,]/g, '').toUpperCase();
}

const CURP_SHAPE = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;
const RFC_SHAPE = /^[A-Z&Ñ]{3,4}\d{6}[A-Z\d]{3}$/;

export function looksLikeCurp(value: string): boolean {
  return CURP_SHAPE.test(value);
}

export function looksLikeRfc(value: string): boolean {
  return RFC_SHAPE.test(value);
}

/** An ID type the number's shape alone proves (CURP, RFC); others need a header or a type column. */
export function idTypeFromShape(normalised: string): IdType | undefined {
  if (looksLikeCurp(normalised)) return 'CURP';
  if (looksLikeRfc(normalised)) return 'RFC';
  return undefined;
}

const digitsOf = (value: string): number[] => Array.from(value, (ch) => ch.charCodeAt(0) - 48);

/* Colombia ------------------------------------------------------------------ */

const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** DIAN's check digit (dígito de verificación) for a NIT base of up to 15 digits. */
export function nitCheckDigit(base: string): number {
  const digits = digitsOf(base).reverse();
  let sum = 0;
  digits.forEach((digit, index) => (sum += digit * (NIT_WEIGHTS[index] ?? 0)));
  const remainder = sum % 11;
  return remainder >= 2 ? 11 - remainder : remainder;
}

function normaliseNit(raw: string, number: string): NormalisedId {
  const explicit = /^\s*([\d.\s]+)\s*-\s*(\d)\s*$/.exec(raw);
  if (explicit) {
    const base = (explicit[1] as string).replace(/\D/g, '');
    const expected = nitCheckDigit(base);
    const given = Number(explicit[2]);
    return given === expected
      ? { type: 'NIT', number, key: base, checkDigit: 'valid', note: 'NIT check digit (DIAN)' }
      : { type: 'NIT', number, key: base, checkDigit: 'invalid', note: `NIT check digit should be ${expected}, not ${given}` };
  }
  if (!/^\d{6,16}$/.test(number)) return { type: 'NIT', number, key: number, checkDigit: 'invalid', note: 'a NIT has only digits' };
  // Without a dash the last digit may or may not be the check digit: it is when it verifies,
  // except that nine digits starting 8 or 9 are a company NIT base (800.000.000–999.999.999).
  const base = number.slice(0, -1);
  const companyBase = number.length === 9 && /^[89]/.test(number);
  if (number.length >= 7 && !companyBase && nitCheckDigit(base) === Number(number.slice(-1))) {
    return { type: 'NIT', number, key: base, checkDigit: 'valid', note: 'NIT check digit (DIAN)' };
  }
  return { type: 'NIT', number, key: number, checkDigit: 'unchecked', note: 'NIT given without its check digit' };
}

/* Ecuador ------------------------------------------------------------------- */

function ecuadorProvinceOk(number: string): boolean {
  const province = Number(number.slice(0, 2));
  return (province >= 1 && province <= 24) || province === 30 || province === 50;
}

/** Ecuadorian cédula: modulo 10 over the first nine digits with weights 2,1,2,1… (products above 9 less 9). */
export function ecuadorCedulaValid(number: string): boolean {
  if (!/^\d{10}$/.test(number) || !ecuadorProvinceOk(number)) return false;
  let sum = 0;
  digitsOf(number).forEach((digit, index) => {
    const product = digit * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  });
  return sum % 10 === 0;
}

function mod11(number: string, weights: number[]): number {
  let sum = 0;
  digitsOf(number).forEach((digit, index) => (sum += digit * (weights[index] ?? 0)));
  return sum % 11;
}

/** Ecuadorian RUC (13 digits): natural persons (third digit 0–5) are a cédula + establishment; 6 public and 9 private entities use modulo 11. */
export function ecuadorRucValid(number: string): boolean {
  if (!/^\d{13}$/.test(number) || !ecuadorProvinceOk(number)) return false;
  const third = Number(number[2]);
  if (third < 6) return number.slice(-3) !== '000' && ecuadorCedulaValid(number.slice(0, 10));
  if (third === 6) return number.slice(-4) !== '0000' && mod11(number.slice(0, 9), [3, 2, 7, 6, 5, 4, 3, 2, 1]) === 0;
  if (third === 9) return number.slice(-3) !== '000' && mod11(number.slice(0, 10), [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) === 0;
  return false;
}

/* Dominican Republic --------------------------------------------------------- */

/** DGII's RNC check digit over the first eight digits. */
export function rncCheckDigit(base: string): number {
  const check = mod11(base, [7, 9, 8, 6, 5, 4, 3, 2]);
  return ((10 - check) % 9) + 1;
}

export function dominicanRncValid(number: string): boolean {
  return /^\d{9}$/.test(number) && rncCheckDigit(number.slice(0, 8)) === Number(number[8]);
}

/** Dominican cédula (11 digits): Luhn. */
export function dominicanCedulaValid(number: string): boolean {
  if (!/^\d{11}$/.test(number)) return false;
  let sum = 0;
  digitsOf(number)
    .reverse()
    .forEach((digit, index) => {
      const value = index % 2 === 1 ? digit * 2 : digit;
      sum += value > 9 ? value - 9 : value;
    });
  return sum % 10 === 0;
}

/* Mexico -------------------------------------------------------------------- */

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ';

export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i] ?? '0') * (18 - i);
  return (10 - (sum % 10)) % 10;
}

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

export function rfcCheckDigit(withoutCheck: string): string {
  const padded = `   ${withoutCheck}`.slice(-12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i] ?? ' ') * (13 - i);
  return RFC_ALPHABET[(11 - (sum % 11)) % 11] as string;
}

/* Dispatcher ---------------------------------------------------------------- */

const ID_TYPE_NAMES = new Set<string>(['CC', 'CE', 'NIT', 'RUC', 'CURP', 'RFC', 'RNC', 'CEDULA', 'DNI', 'RTN', 'PASSPORT', 'SSN', 'EIN', 'OTHER']);

/**
 * Normalises an ID number and verifies its check digit when its type (given,
 * or proven by its shape) has a public scheme: Colombian NIT, Ecuadorian
 * cédula and RUC, Dominican RNC and cédula, Mexican CURP and RFC.
 */
export function normaliseId(raw: string, type?: IdType | string): NormalisedId {
  const number = normaliseIdNumber(raw);
  const given = type ? type.toUpperCase() : undefined;
  const idType = (given && ID_TYPE_NAMES.has(given) ? given : undefined) as IdType | undefined;
  const resolved = idType && idType !== 'OTHER' ? idType : (idTypeFromShape(number) ?? idType);
  const plain = (checkDigit: CheckDigitStatus, note?: string, key = number): NormalisedId => ({
    ...(resolved ? { type: resolved } : {}),
    number,
    key,
    checkDigit,
    ...(note ? { note } : {}),
  });
  switch (resolved) {
    case 'NIT':
      return normaliseNit(raw, number);
    case 'RUC':
      if (/^\d{13}$/.test(number)) {
        const valid = ecuadorRucValid(number);
        // A natural person's RUC is their cédula plus an establishment number: same person, same key.
        const key = Number(number[2]) < 6 ? number.slice(0, 10) : number;
        return plain(valid ? 'valid' : 'invalid', valid ? 'Ecuadorian RUC' : 'Ecuadorian RUC check digit does not verify', key);
      }
      return plain('unchecked');
    case 'CEDULA':
    case 'CC':
      if (resolved === 'CEDULA' && /^\d{10}$/.test(number) && ecuadorProvinceOk(number)) {
        return ecuadorCedulaValid(number) ? plain('valid', 'Ecuadorian cédula') : plain('invalid', 'Ecuadorian cédula check digit does not verify');
      }
      if (resolved === 'CEDULA' && /^\d{11}$/.test(number)) {
        return dominicanCedulaValid(number) ? plain('valid', 'Dominican cédula') : plain('invalid', 'Dominican cédula check digit does not verify');
      }
      // A Colombian or Panamanian cédula, a Honduran or Salvadoran DNI: no check digit in the number.
      return plain('no-scheme');
    case 'RNC':
      if (/^\d{9}$/.test(number)) return dominicanRncValid(number) ? plain('valid', 'Dominican RNC') : plain('invalid', `RNC check digit should be ${rncCheckDigit(number.slice(0, 8))}`);
      if (/^\d{11}$/.test(number)) return dominicanCedulaValid(number) ? plain('valid', 'Dominican cédula as RNC') : plain('invalid', 'Dominican cédula check digit does not verify');
      return plain('invalid', 'an RNC has 9 digits (11 for a person)');
    case 'CURP':
      if (!looksLikeCurp(number)) return plain('invalid', 'not shaped like a CURP (18 characters)');
      return curpCheckDigit(number.slice(0, 17)) === Number(number[17]) ? plain('valid', 'CURP') : plain('invalid', `CURP check digit should be ${curpCheckDigit(number.slice(0, 17))}`);
    case 'RFC':
      if (!looksLikeRfc(number)) return plain('invalid', 'not shaped like an RFC (12 or 13 characters)');
      // About 1.5% of RFCs in use fail their check digit, so a failure is noted, not fatal.
      return rfcCheckDigit(number.slice(0, -1)) === number.slice(-1) ? plain('valid', 'RFC') : plain('invalid', 'RFC check digit does not verify');
    default:
      return plain('no-scheme');
  }
}
