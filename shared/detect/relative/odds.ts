import { surpriseFromScore } from './surprise';

/**
 * What a network alert's score means in odds, for the alert detail and the profile's minimum score. The score is
 * 100·S/(S+2) with S = −log10 of the patterns this strong chance would produce in the case (docs/DETECTION.md), so
 * the score alone gives them back. Rounded as a person says it: "about 0.6 such patterns" while chance would make
 * nearly one (score 10), "about 1 case in 11,000" once it is rare (score 67). The score is a whole point, so the odds
 * are rounded too: two significant digits.
 */
export type ChanceOdds = { kind: 'expected'; patterns: number } | { kind: 'one-in'; cases: number };

export function chanceOdds(score: number): ChanceOdds | null {
  if (!(score > 0) || score >= 100) return null;
  const surprise = surpriseFromScore(score);
  const expected = 10 ** -surprise;
  if (expected >= 0.1) return { kind: 'expected', patterns: Math.round(expected * 10) / 10 };
  const cases = 10 ** surprise;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(cases)) - 1);
  return { kind: 'one-in', cases: Math.round(cases / magnitude) * magnitude };
}
