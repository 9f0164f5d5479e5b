import { expect } from 'vitest';
import { ExchangeError, PackageRefusal } from '../../../shared/package';

/**
 * Words of the English refusal frames. Spanish shares none of them, and none
 * is spelt with a-f alone, so a fingerprint or hash in a detail never matches.
 */
const ENGLISH_FRAME_WORDS = new Set(
  (
    'the is are not of to in on by with from for its this that whose your and or an once each other another ' +
    'cannot does holds hold says must first two twice listed named order declare declares above limit inside container ' +
    'package manifest signature invalid signed key keys book sender fingerprint differs claims come comes expired passphrase ' +
    'wrong enter addressed unit units protected open opened private wrapped record records repeats file entries entry readable ' +
    'damaged modified altered canonical form ask new longer accepted clear decrypted encoded cover belongs kind match none ' +
    'inflated inflates more than took time allowed expected got supported too short end directory comments multi disk ' +
    'malformed compressed stored size declared outside holder root content part at was were ' +
    'request reply answer answers identifier identifiers element elements subjects selected carry valid identity ' +
    'consent reference intelligence partner profile send sent waiting verified tab import'
  ).split(' '),
);

/**
 * The Spanish frame of a detail: the Spanish text minus the tail it shares
 * with the English after a ": " or "(" — where a detail quotes a library (a
 * zod issue, an fflate or JSON error) or lists values, the same in both
 * languages. A shared tail without that mark ("… is invalid") is frame and
 * stays, so an English ending left in the Spanish is still caught.
 */
export function spanishFrame(detail: string, detailEs: string): string {
  let shared = 0;
  while (shared < detail.length && shared < detailEs.length && detail[detail.length - 1 - shared] === detailEs[detailEs.length - 1 - shared]) shared += 1;
  for (let at = detailEs.length - shared; at < detailEs.length; at += 1) {
    if (detailEs.slice(at - 2, at) === ': ' || detailEs[at - 1] === '(') return detailEs.slice(0, at);
  }
  return detailEs;
}

/** English frame words left in the Spanish detail. */
export function untranslatedWords(detail: string, detailEs: string): string[] {
  return (spanishFrame(detail, detailEs).toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => ENGLISH_FRAME_WORDS.has(word));
}

/** A refusal whose detail an analyst can read in Spanish: present, not the English text, no English frame left. */
export function expectSpanishDetail(error: unknown): PackageRefusal {
  expect(error).toBeInstanceOf(PackageRefusal);
  const { detail, detailEs } = error as PackageRefusal;
  expect(typeof detailEs, `no Spanish for: ${detail}`).toBe('string');
  expect(detailEs.trim().length, `empty Spanish for: ${detail}`).toBeGreaterThan(0);
  expect(detailEs, 'the Spanish detail repeats the English').not.toBe(detail);
  expect(untranslatedWords(detail, detailEs), `${detail}\n→ ${detailEs}`).toEqual([]);
  return error as PackageRefusal;
}

/** An exchange error (match request or reply, key card, own key) an analyst can read in Spanish, held to the same rules. */
export function expectSpanishMessage(error: unknown): ExchangeError {
  expect(error).toBeInstanceOf(ExchangeError);
  const { message, messageEs } = error as ExchangeError;
  expect(messageEs.trim().length, `empty Spanish for: ${message}`).toBeGreaterThan(0);
  expect(messageEs, 'the Spanish message repeats the English').not.toBe(message);
  expect(untranslatedWords(message, messageEs), `${message}\n→ ${messageEs}`).toEqual([]);
  return error as ExchangeError;
}
