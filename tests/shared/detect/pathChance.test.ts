import { describe, expect, it } from 'vitest';
import { log10DaysWithinSpan } from '../../../shared/detect/relative/paths';

/** Every way to put `hops` transfers on whole days so that they and the start (day 0) lie within `span` days. */
function countByHand(hops: number, span: number): number {
  let count = 0;
  const place = (left: number, low: number, high: number): void => {
    if (left === 0) {
      if (high - low <= span) count++;
      return;
    }
    for (let day = -span; day <= span; day++) place(left - 1, Math.min(low, day), Math.max(high, day));
  };
  place(hops, 0, 0);
  return count;
}

describe('the chance of a ring booked out of date order', () => {
  it('counts the day patterns that keep the ring within its span exactly, not each hop on either side of the start', () => {
    for (const [hops, span] of [[1, 0], [1, 5], [2, 0], [2, 3], [3, 4], [4, 2], [5, 3]] as const) {
      expect(10 ** log10DaysWithinSpan(hops, span)).toBeCloseTo(countByHand(hops, span), 6);
    }
    // One hop: the 2W + 1 days either side of the start, as before.
    expect(10 ** log10DaysWithinSpan(1, 11)).toBeCloseTo(23, 9);
    // Four hops over 11 days: 12^5 − 11^5 = 87,781 patterns, where 23^4 = 279,841 counted paths up to 22 days long.
    expect(Math.round(10 ** log10DaysWithinSpan(4, 11))).toBe(87_781);
  });
});
