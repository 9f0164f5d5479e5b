import type { Rng } from './prng';

/**
 * Identity numbers that pass each country's own check-digit rules, so the
 * entity-resolution code and validators see the kind of numbers real files hold.
 */

const DIAN_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** DIAN check digit (dígito de verificación) of a Colombian NIT body. */
export function nitCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += digit * (DIAN_WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder > 1 ? 11 - remainder : remainder;
}

export function colombianNit(rng: Rng): string {
  const body = rng.pick(['800', '830', '860', '890', '900', '901']) + rng.digits(6);
  return `${body}-${nitCheckDigit(body)}`;
}

export function colombianCedula(rng: Rng): string {
  const style = rng.int(0, 2);
  if (style === 0) return String(rng.int(10, 99)) + rng.digits(6); // older 8-digit numbers
  if (style === 1) return '10' + rng.digits(8); // 10-digit numbers issued since 2003
  return String(rng.pick([19, 41, 43, 51, 52, 71, 79, 80])) + rng.digits(6);
}

/** Module-10 check digit of an Ecuadorian cédula's first nine digits. */
export function ecuadorCedulaCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(firstNine[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

export function ecuadorCedula(rng: Rng): string {
  const province = String(rng.int(1, 24)).padStart(2, '0');
  const firstNine = province + String(rng.int(0, 5)) + rng.digits(6);
  return firstNine + String(ecuadorCedulaCheckDigit(firstNine));
}

const EC_COMPANY_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2];

/** RUC of an Ecuadorian private company (third digit 9, module 11). */
export function ecuadorCompanyRuc(rng: Rng): string {
  for (;;) {
    const firstNine = String(rng.int(1, 24)).padStart(2, '0') + '9' + rng.digits(6);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (EC_COMPANY_WEIGHTS[i] as number);
    const remainder = sum % 11;
    const check = remainder === 0 ? 0 : 11 - remainder;
    if (check === 10) continue;
    return `${firstNine}${check}001`;
  }
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i] as string) * (18 - i);
  return (10 - (sum % 10)) % 10;
}

const MX_STATES = ['AS', 'BC', 'CH', 'DF', 'GT', 'JC', 'MC', 'MN', 'NL', 'OC', 'PL', 'QT', 'SL', 'SR', 'TS', 'VZ', 'YN'];
const VOWELS = 'AEIOU';

function plainUpper(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z ]/g, '');
}

function firstInnerVowel(word: string): string {
  for (let i = 1; i < word.length; i++) if (VOWELS.includes(word[i] as string)) return word[i] as string;
  return 'X';
}

function firstInnerConsonant(word: string): string {
  for (let i = 1; i < word.length; i++) {
    const ch = word[i] as string;
    if (!VOWELS.includes(ch) && ch >= 'A' && ch <= 'Z') return ch;
  }
  return 'X';
}

function yymmdd(birth: Date): string {
  return (
    String(birth.getUTCFullYear() % 100).padStart(2, '0') +
    String(birth.getUTCMonth() + 1).padStart(2, '0') +
    String(birth.getUTCDate()).padStart(2, '0')
  );
}

export interface PersonNameParts {
  given: string;
  surname1: string;
  surname2: string;
}

export function mexicanCurp(rng: Rng, name: PersonNameParts, birth: Date, female: boolean): string {
  const s1 = plainUpper(name.surname1).replace(/ /g, '') || 'X';
  const s2 = plainUpper(name.surname2).replace(/ /g, '') || 'X';
  const g = plainUpper(name.given.split(' ')[0] ?? 'X') || 'X';
  const head = s1[0] + firstInnerVowel(s1) + s2[0] + g[0];
  const homoclave = birth.getUTCFullYear() < 2000 ? String(rng.int(0, 9)) : rng.letters(1);
  const first17 =
    head + yymmdd(birth) + (female ? 'M' : 'H') + rng.pick(MX_STATES) + firstInnerConsonant(s1) + firstInnerConsonant(s2) + firstInnerConsonant(g) + homoclave;
  return first17 + String(curpCheckDigit(first17));
}

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

export function rfcCheckDigit(first: string): string {
  const padded = first.length === 11 ? ' ' + first : first;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i] as string) * (13 - i);
  const remainder = sum % 11;
  if (remainder === 0) return '0';
  const check = 11 - remainder;
  return check === 10 ? 'A' : String(check);
}

export function mexicanPersonRfc(rng: Rng, name: PersonNameParts, birth: Date): string {
  const s1 = plainUpper(name.surname1).replace(/ /g, '') || 'X';
  const s2 = plainUpper(name.surname2).replace(/ /g, '') || 'X';
  const g = plainUpper(name.given.split(' ')[0] ?? 'X') || 'X';
  const first = s1[0] + firstInnerVowel(s1) + s2[0] + g[0] + yymmdd(birth) + rng.letters(2, 'ABCDEFGHJKLMNPRSTUVWXYZ123456789');
  return first + rfcCheckDigit(first);
}

export function mexicanCompanyRfc(rng: Rng, companyName: string, founded: Date): string {
  const words = plainUpper(companyName)
    .split(' ')
    .filter((w) => w.length > 2 && !['SA', 'DE', 'CV', 'DEL', 'LOS', 'LAS', 'SAPI'].includes(w));
  const initials = (words.map((w) => w[0]).join('') + 'XXX').slice(0, 3);
  const first = initials + yymmdd(founded) + rng.letters(2, 'ABCDEFGHJKLMNPRSTUVWXYZ123456789');
  return first + rfcCheckDigit(first);
}

const RNC_WEIGHTS = [7, 9, 8, 6, 5, 4, 3, 2];

/** Dominican RNC (companies): nine digits, the last a weighted module-11 check. */
export function dominicanRnc(rng: Rng): string {
  const firstEight = rng.pick(['1', '4']) + rng.digits(7);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(firstEight[i]) * (RNC_WEIGHTS[i] as number);
  const remainder = sum % 11;
  const check = remainder === 0 ? 2 : remainder === 1 ? 1 : 11 - remainder;
  return firstEight + String(check);
}

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Dominican cédula: 11 digits (municipality, sequence, Luhn check digit). */
export function dominicanCedula(rng: Rng): string {
  const body = String(rng.int(1, 402)).padStart(3, '0') + rng.digits(7);
  return body + String(luhnCheckDigit(body));
}

/** Panamanian RUC of a legal entity: folio-asiento-year with its two-digit DV. */
export function panamaCompanyRuc(rng: Rng): string {
  const body = `155${rng.digits(6)}-2-${rng.int(2008, 2023)}`;
  let sum = 0;
  const digits = body.replace(/\D/g, '');
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * ((i % 9) + 2);
  const dv = String(sum % 97).padStart(2, '0');
  return `${body} DV ${dv}`;
}

/** Panamanian cédula: province-book-entry. */
export function panamaCedula(rng: Rng): string {
  return `${rng.pick(['8', '8', '8', '4', '3', '6', '7', '9', '2'])}-${rng.int(100, 999)}-${rng.int(100, 2999)}`;
}

/** Honduran DNI: municipality code + birth year + sequence (13 digits). */
export function honduranDni(rng: Rng, birthYear: number): string {
  return `${rng.pick(['0801', '0501', '0101', '0301', '1801', '0506'])}${birthYear}${rng.digits(5)}`;
}

export function honduranRtn(rng: Rng): string {
  return `${rng.pick(['0801', '0501'])}${rng.int(1995, 2022)}${rng.digits(6)}`;
}

export function usSsn(rng: Rng): string {
  let area = rng.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(rng.int(1, 99)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
}

export function usEin(rng: Rng): string {
  return `${rng.pick(['12', '20', '26', '27', '45', '46', '59', '65', '81', '83', '85', '88'])}-${rng.digits(7)}`;
}

/** Chinese unified social credit code: 18 characters (shape only). */
export function chineseCreditCode(rng: Rng): string {
  return '91' + rng.pick(['440300', '310000', '330200', '440100']) + rng.letters(10, '0123456789ABCDEFGHJKLMNPQRTUWXY');
}

export function spanishCif(rng: Rng): string {
  return rng.pick(['A', 'B']) + rng.digits(8);
}

/** Mexican CLABE: 18 digits ending in a weighted (3,7,1) module-10 check digit. */
export function clabe(bankCode: string, rng: Rng): string {
  const body = bankCode + String(rng.int(1, 999)).padStart(3, '0') + rng.digits(11);
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (Number(body[i]) * (weights[i % 3] as number)) % 10;
  return body + String((10 - (sum % 10)) % 10);
}

/** Module 97 of a long digit string without BigInt (which ES2020-only targets lack in places). */
function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  return remainder;
}

/** ISO 13616 IBAN with correct check digits for the given BBAN. */
export function iban(country: string, bban: string): string {
  const rearranged = (bban + country + '00')
    .split('')
    .map((ch) => (ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  const check = 98 - mod97(rearranged);
  return country + String(check).padStart(2, '0') + bban;
}

export function isValidIban(value: string): boolean {
  const rearranged = (value.slice(4) + value.slice(0, 4))
    .split('')
    .map((ch) => (ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  return mod97(rearranged) === 1;
}
