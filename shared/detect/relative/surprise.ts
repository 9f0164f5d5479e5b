import type { LocalizedText, ScoreComponent } from '../../model';

/**
 * One scale for every network shape. A detector measures how many patterns
 * at least this strong the case would show by chance, given each account's
 * own baseline and the case's rates (the expected count E); the surprise is
 * S = −log10 E, and the score is 100·S/(S+2): S = 1 (one such pattern in ten
 * cases by chance) scores 33, S = 2 scores 50, S = 6 scores 75. The same
 * score therefore means the same odds whatever the typology.
 */
export function scoreFromSurprise(surprise: number): number {
  if (!Number.isFinite(surprise) || surprise <= 0) return 0;
  return Math.min(100, Math.round((100 * surprise) / (surprise + 2)));
}

/** The surprise a score stands for (inverse of scoreFromSurprise). */
export function surpriseFromScore(score: number): number {
  if (score <= 0) return 0;
  if (score >= 100) return Number.POSITIVE_INFINITY;
  return (2 * score) / (100 - score);
}

export interface EvidencePiece {
  id: string;
  label: LocalizedText;
  /** log10 units: positive pieces make the pattern less likely by chance, negative ones (how many places were searched) more. */
  surprise: number;
}

/** Splits the score into the pieces of evidence that built it, in proportion to their surprise (they add up to the score). */
export function componentsFor(pieces: EvidencePiece[], score: number): ScoreComponent[] {
  const total = pieces.reduce((sum, piece) => sum + piece.surprise, 0);
  if (total <= 0) return pieces.map((piece) => ({ id: piece.id, label: piece.label, value: 0 }));
  return pieces.map((piece) => ({ id: piece.id, label: piece.label, value: Math.round((score * piece.surprise * 10) / total) / 10 }));
}

/**
 * The size of bank the odds of a path-shaped score (cycle, layering walk, pass-through chain) are stated for.
 * A bank ten times larger holds about ten times the schemes and ten times the chance look-alikes, so a
 * discount for every place searched in the whole case (family-wise) would score the same cycle lower in a
 * bigger export and make a large bank lose the alerts a small one shows (measured: AMLSim tiled 14×, recall
 * 0.78 → 0.73). Above this size the discount is counted per this many active accounts; at or below it the
 * whole case is the family. Cycles use it (coming back to the origin is strong evidence); fans and layering
 * walks keep the family-wise discount (walks: 13–19 chance walks in the own generator's 1M-row bank per 1,000
 * accounts, none family-wise; AMLSim tiled 14× plain loses 14 of 98 walks, tiled 10× none). Fans: their count model (Poisson new counterparts)
 * understates how bursty ordinary accounts are, and per 1,000 accounts the own generator's fan-in precision
 * fell from 1.00 to 0.29 at 100k transactions, while the path shapes kept theirs; tried again once the fan window
 * no longer counted its first transfer as evidence, fan precision at 1M still fell to 0.48–0.67 (docs/BENCHMARKS.md).
 */
export const REFERENCE_ACCOUNTS = 1000;

/** The places searched, counted for a bank of REFERENCE_ACCOUNTS active accounts (never fewer than one). */
export function placesPerReferenceBank(places: number, activeAccounts: number): number {
  return Math.max(1, places * Math.min(1, REFERENCE_ACCOUNTS / Math.max(1, activeAccounts)));
}

/** The discount's wording: what was searched, and, in a bank above the reference size, that it is counted per 1,000 accounts. */
export function perReferenceBankNote(activeAccounts: number): LocalizedText {
  return activeAccounts > REFERENCE_ACCOUNTS
    ? { es: `, contado por cada ${REFERENCE_ACCOUNTS.toLocaleString('es')} cuentas activas`, en: `, counted per ${REFERENCE_ACCOUNTS.toLocaleString('en')} active accounts` }
    : { es: '', en: '' };
}

const LOG_FACTORIAL: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = LOG_FACTORIAL.length; i <= k; i++) LOG_FACTORIAL[i] = (LOG_FACTORIAL[i - 1] as number) + Math.log(i);
    return LOG_FACTORIAL[k] as number;
  }
  // Stirling's series, exact to ~1e-10 at this size.
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k);
}

/** log10 P(X ≥ k) for X ~ Poisson(λ): how unlikely k or more events are where λ were expected. */
export function log10PoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  if (lambda >= k) return Math.log10(Math.max(1e-300, 1 - poissonCdf(k - 1, lambda)));
  const logTerm0 = k * Math.log(lambda) - lambda - logFactorial(k);
  let sum = 1;
  let term = 1;
  for (let j = k + 1; j < k + 400; j++) {
    term *= lambda / j;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return (logTerm0 + Math.log(sum)) / Math.LN10;
}

function poissonCdf(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let j = 1; j <= k; j++) {
    term *= lambda / j;
    sum += term;
  }
  return Math.min(1, sum);
}

/** log10 P(X ≥ k) for X ~ Binomial(n, p): k of n events landing in a stretch that holds a share p of the time. */
export function log10BinomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n || p <= 0) return -Infinity;
  if (p >= 1) return 0;
  const logChoose = (a: number, b: number) => logFactorial(a) - logFactorial(b) - logFactorial(a - b);
  let sum = 0;
  let max = -Infinity;
  const terms: number[] = [];
  for (let j = k; j <= n && j < k + 400; j++) {
    const term = logChoose(n, j) + j * Math.log(p) + (n - j) * Math.log(1 - p);
    terms.push(term);
    if (term > max) max = term;
  }
  for (const term of terms) sum += Math.exp(term - max);
  return Math.min(0, (max + Math.log(sum)) / Math.LN10);
}

/**
 * log10 P(|Z| ≥ z) for a standard normal Z: how unlikely a value this many standard deviations from the
 * centre is, on either side. erfc by the Chebyshev fit of Numerical Recipes (relative error below 1.2e-7 at
 * every z), taken in logarithms so a z of 40 gives −349 instead of underflowing to −Infinity.
 */
export function log10NormalTwoSided(z: number): number {
  const u = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * u);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.min(0, (Math.log(t) - u * u + poly) / Math.LN10);
}
