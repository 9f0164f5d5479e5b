/**
 * Normalisation shared by pseudonymisation and private matching (psi.ts): two units
 * must turn "1.023.456-7", "10234567" and " 1023456 7 " into the same bytes,
 * and "José  PÉREZ-Gómez" into the same name, or a match is silently missed.
 * The rules are part of the documented format (docs/PACKAGE_FORMAT.md §7).
 */

/** Unicode NFKD, combining marks removed: "Pérez" → "Perez", "ñ" → "n". */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** ID numbers: accents folded, every character but A–Z and 0–9 removed, upper case. */
export function normaliseIdNumber(value: string): string {
  return foldAccents(value).toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Account numbers and IBANs: same rule as ID numbers (spaces, dashes and dots dropped). */
export const normaliseAccount = normaliseIdNumber;

/**
 * Names: accents folded, lower case, punctuation turned into spaces, tokens
 * sorted so "PÉREZ GÓMEZ, Juan" and "Juan Pérez Gómez" agree (registries in
 * the region disagree on surname-first order).
 */
export function normaliseName(value: string): string {
  return foldAccents(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((token) => token.length > 0)
    .sort()
    .join(' ');
}

/** Party keys (`CC:1023456`) and free identifiers: trimmed, upper case, inner whitespace removed. */
export function normaliseKey(value: string): string {
  return foldAccents(value).toUpperCase().replace(/\s+/g, '');
}

/** A timestamp as an ISO calendar date in UTC (dates are stored at 00:00 UTC). */
export function isoDate(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}
