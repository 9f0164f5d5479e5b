import type { IdType } from '../model/records';

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
