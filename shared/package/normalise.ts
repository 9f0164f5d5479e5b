/**
 * Normalisation shared by pseudonymisation and private matching (psi.ts): two units
 * must turn "1.023.456-7", "10234567" and " 1023456 7 " into the same bytes,
 * and "José  PÉREZ-Gómez" into the same name, or a match is silently missed.
 * The rules are part of the documented format (docs/PACKAGE_FORMAT.md §7).
 */

import { exchangeNameKey, foldAccents } from '../resolve/names';

/** Accent folding and the name rule have one owner, shared/resolve/names.ts; the format names them here. */
export { foldAccents };

/** ID numbers: accents folded, every character but A–Z and 0–9 removed, upper case. */
export function normaliseIdNumber(value: string): string {
  return foldAccents(value).toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Account numbers and IBANs: same rule as ID numbers (spaces, dashes and dots dropped). */
export const normaliseAccount = normaliseIdNumber;

/** Names: the exchange form (shared/resolve/names.ts, exchangeNameKey). */
export const normaliseName = exchangeNameKey;

/** Party keys (`CC:1023456`) and free identifiers: trimmed, upper case, inner whitespace removed. */
export function normaliseKey(value: string): string {
  return foldAccents(value).toUpperCase().replace(/\s+/g, '');
}

/** A timestamp as an ISO calendar date in UTC (dates are stored at 00:00 UTC). */
export function isoDate(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}
