import { describe, expect, it } from 'vitest';
import { formatDateRange } from '../../../shared/i18n';
import { formatSpan } from '../../../shared/detect/alerts';
import { at } from './helpers';

describe('date ranges in explanations', () => {
  it('says a shared month and year once, in both languages', () => {
    expect(formatDateRange(at('2025-03-03', 10), at('2025-03-09', 18), 'es')).toBe('3–9 de marzo de 2025');
    expect(formatDateRange(at('2025-03-03', 10), at('2025-03-09', 18), 'en')).toBe('March 3 – 9, 2025');
  });

  it('names both months, and both years when the window crosses New Year', () => {
    expect(formatDateRange(at('2025-03-28'), at('2025-04-02'), 'es')).toBe('28 de marzo – 2 de abril de 2025');
    expect(formatDateRange(at('2024-12-30'), at('2025-01-09'), 'en')).toBe('December 30, 2024 – January 9, 2025');
  });

  it('reads dates in UTC, so a late-evening instant does not move to the next day', () => {
    expect(formatDateRange(at('2025-03-03', 0), at('2025-03-09', 23), 'es')).toBe('3–9 de marzo de 2025');
  });

  it('phrases a one-day window as a day and a longer one as a period', () => {
    expect(formatSpan(at('2025-03-03', 9), at('2025-03-03', 17), 'es')).toBe('el 3 de marzo de 2025');
    expect(formatSpan(at('2025-03-03', 9), at('2025-03-03', 17), 'en')).toBe('on March 3, 2025');
    expect(formatSpan(at('2025-03-03'), at('2025-03-09'), 'es')).toBe('en el periodo 3–9 de marzo de 2025');
    expect(formatSpan(at('2025-03-03'), at('2025-03-09'), 'en')).toBe('in the period March 3 – 9, 2025');
  });
});

describe('date ranges stay printable', () => {
  it('uses plain spaces around the dash, whatever spacing the ICU build prefers', () => {
    const text = formatDateRange(at('2024-12-30'), at('2025-01-09'), 'en');
    expect(text).not.toMatch(/[\u2009\u202f]/);
    expect(text).toContain(' – ');
  });
});
