import { describe, expect, it } from 'vitest';
import { scoreFromSurprise } from '../../../shared/detect/relative/surprise';
import { chanceOdds } from '../../../shared/detect/relative/odds';

describe('a network alert’s score read as odds', () => {
  it('gives back the expected count by chance the score was made from', () => {
    // S = 2 → score 50 → one case in a hundred; S = 4 → 67 → about one in ten thousand (the score is rounded).
    expect(chanceOdds(scoreFromSurprise(2))).toEqual({ kind: 'one-in', cases: 100 });
    expect(chanceOdds(67)).toEqual({ kind: 'one-in', cases: 11_000 });
    expect(chanceOdds(75)).toEqual({ kind: 'one-in', cases: 1_000_000 });
  });

  it('says "about 0.6 such patterns" while chance would make nearly one', () => {
    expect(chanceOdds(10)).toEqual({ kind: 'expected', patterns: 0.6 });
    expect(chanceOdds(33)).toEqual({ kind: 'expected', patterns: 0.1 });
  });

  it('says nothing for a score that is no odds (none, or the top of the scale)', () => {
    expect(chanceOdds(0)).toBeNull();
    expect(chanceOdds(100)).toBeNull();
    expect(chanceOdds(Number.NaN)).toBeNull();
  });
});
