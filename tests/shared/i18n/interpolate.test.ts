import { describe, expect, it } from 'vitest';
import { formatNumber, interpolate } from '../../../shared/i18n';

describe('message templates', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    expect(interpolate('{name} importó {count}', { name: 'Ana', count: 3 })).toBe('Ana importó 3');
    expect(interpolate('{name} y {other}', { name: 'Ana' })).toBe('Ana y {other}');
  });

  it('picks the singular for exactly one, the plural for anything else, from numbers or formatted counts', () => {
    const template = '{count} {count|fila no se pudo leer|filas no se pudieron leer}';
    expect(interpolate(template, { count: 1 })).toBe('1 fila no se pudo leer');
    expect(interpolate(template, { count: '1' })).toBe('1 fila no se pudo leer');
    for (const count of [0, 2, 1.5, '1.204', '21']) expect(interpolate(template, { count })).toBe(`${count} filas no se pudieron leer`);
    // The form may stand apart from the number, and an empty form is allowed.
    expect(interpolate('Se {n|descartó|descartaron} {n} {n|importación|importaciones}', { n: 1 })).toBe('Se descartó 1 importación');
    expect(interpolate('{n} key{n||s}', { n: 2 })).toBe('2 keys');
    expect(interpolate('{missing|uno|varios}', {})).toBe('{missing|uno|varios}');
  });
});

describe('numbers as the reader writes them', () => {
  it('groups thousands and uses the decimal comma in Spanish, and keeps a score column aligned when asked', () => {
    expect(formatNumber(300000, 'es')).toBe('300.000');
    expect(formatNumber(300000, 'en')).toBe('300,000');
    // A similarity score of exactly 1 next to 0,87: "1,00", not "1".
    expect(formatNumber(1, 'es', 2, 2)).toBe('1,00');
    expect(formatNumber(0.873, 'es', 2, 2)).toBe('0,87');
    expect(formatNumber(1, 'en', 2, 2)).toBe('1.00');
    // Without the minimum, trailing zeros go as before.
    expect(formatNumber(1, 'es', 2)).toBe('1');
  });
});
