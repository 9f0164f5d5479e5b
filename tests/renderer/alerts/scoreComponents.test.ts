import { describe, expect, it } from 'vitest';
import { signedPoints } from '../../../renderer/features/alerts/ScoreComponents';

describe('score component points', () => {
  it('shows evidence with a plus and the discount for chance with a minus, never "+-"', () => {
    expect(signedPoints(30.4)).toBe('+30');
    expect(signedPoints(-1.2)).toBe('\u22121');
    expect(signedPoints(-0.4)).toBe('+0');
    expect(signedPoints(0)).toBe('+0');
  });
});
