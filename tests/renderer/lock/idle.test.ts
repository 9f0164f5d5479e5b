import { describe, expect, it } from 'vitest';
import { idleExpired, parseIdleMinutes } from '../../../renderer/features/lock/idle';

describe('idle lock setting', () => {
  it('falls back to 15 minutes on nonsense and caps at 240', () => {
    expect(parseIdleMinutes(null)).toBe(15);
    expect(parseIdleMinutes('abc')).toBe(15);
    expect(parseIdleMinutes('-3')).toBe(15);
    expect(parseIdleMinutes('0')).toBe(0);
    expect(parseIdleMinutes('9999')).toBe(240);
  });

  it('expires after the limit, never when switched off', () => {
    expect(idleExpired(0, 15 * 60_000, 15)).toBe(true);
    expect(idleExpired(0, 15 * 60_000 - 1, 15)).toBe(false);
    expect(idleExpired(0, 10 ** 12, 0)).toBe(false);
  });
});
