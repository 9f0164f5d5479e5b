import { describe, expect, it } from 'vitest';
import {
  detectDateOrder,
  detectDecimalSeparator,
  parseAmount,
  parseBoolean,
  parseChannel,
  parseCountry,
  parseCurrency,
  parseDate,
  parseHsCode,
  parseIdType,
} from '../../../shared/import/values';
import { utc } from './helpers';

describe('amounts', () => {
  it.each([
    ['1.234.567,89', ',', 1234567.89],
    ['1,234,567.89', '.', 1234567.89],
    ['1234.5', '.', 1234.5],
    ['1234,5', ',', 1234.5],
    ['(1.234,00)', ',', -1234],
    ['(1,234.00)', '.', -1234],
    ['-1.234,00', ',', -1234],
    ['1.234,00-', ',', -1234],
    ['$ 1.234,50', ',', 1234.5],
    ['US$ 1,000.00', '.', 1000],
    ['USD 1,000.00', '.', 1000],
    ['COP 1.000', ',', 1000],
    ['1.000 COP', ',', 1000],
    ['R$ 99,90', ',', 99.9],
    ['-$1,000.00', '.', -1000],
    ['1 234 567,89', ',', 1234567.89],
    ["1'234.50", '.', 1234.5],
    ['0,10', ',', 0.1],
    ['.5', '.', 0.5],
  ] as const)('%s with decimal %s is %d', (raw, decimal, expected) => {
    expect(parseAmount(raw, decimal)).toBe(expected);
  });

  it.each([
    ['1.234,00', '.'],
    ['1,234.00', ','],
    ['12,34', '.'],
    ['1.23.456', ','],
    ['cien', ','],
    ['12abc', '.'],
    ['', '.'],
    ['--5', '.'],
    ['1,2,3', '.'],
  ] as const)('refuses %s with decimal %s instead of misreading it', (raw, decimal) => {
    expect(parseAmount(raw, decimal)).toBeNaN();
  });

  it('detects the decimal separator from a column of values', () => {
    expect(detectDecimalSeparator(['1.234.567,89', '12,5'])).toBe(',');
    expect(detectDecimalSeparator(['1,234,567.89', '12.5'])).toBe('.');
    expect(detectDecimalSeparator(['1.234.567', '100'])).toBe(',');
    expect(detectDecimalSeparator(['(1.234,00)', 'USD 5,5'])).toBe(',');
    expect(detectDecimalSeparator(['1,234', '100'])).toBeUndefined();
    expect(detectDecimalSeparator(['100', '200'])).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['31/01/2025', 'DMY', utc(2025, 1, 31)],
    ['01/31/2025', 'MDY', utc(2025, 1, 31)],
    ['2025-01-31', 'DMY', utc(2025, 1, 31)],
    ['2025-01-31', 'MDY', utc(2025, 1, 31)],
    ['31-01-2025', 'DMY', utc(2025, 1, 31)],
    ['31.01.2025', 'DMY', utc(2025, 1, 31)],
    ['31/01/2025 14:05', 'DMY', utc(2025, 1, 31, 14, 5)],
    ['31/01/2025 14:05:09', 'DMY', utc(2025, 1, 31, 14, 5, 9)],
    ['01/31/2025 2:05 PM', 'MDY', utc(2025, 1, 31, 14, 5)],
    ['1/2/2025', 'DMY', utc(2025, 2, 1)],
    ['31/01/25', 'DMY', utc(2025, 1, 31)],
    ['2025-01-31T14:05:09', 'DMY', utc(2025, 1, 31, 14, 5, 9)],
    ['2025-01-31T14:05:09Z', 'DMY', utc(2025, 1, 31, 14, 5, 9)],
    ['2025-01-31T09:05:09-05:00', 'DMY', utc(2025, 1, 31, 14, 5, 9)],
    ['20250131', 'DMY', utc(2025, 1, 31)],
    ['45658', 'DMY', utc(2025, 1, 1)],
    ['45658.5', 'DMY', utc(2025, 1, 1, 12)],
    ['29/02/2024', 'DMY', utc(2024, 2, 29)],
  ] as const)('%s (%s)', (raw, order, expected) => {
    expect(parseDate(raw, order)).toBe(expected);
  });

  it.each([['31/02/2025'], ['29/02/2025'], ['13/13/2025'], ['00/01/2025'], ['31/01/2025 24:00'], ['mañana'], ['2025-13-01'], ['123'], ['31/01/202']])(
    'refuses %s',
    (raw) => {
      expect(parseDate(raw, 'DMY')).toBeNaN();
    },
  );

  it('detects the day/month order of a column from its values', () => {
    expect(detectDateOrder(['01/02/2025', '13/02/2025'])).toBe('DMY');
    expect(detectDateOrder(['01/02/2025', '02/13/2025 10:00'])).toBe('MDY');
    expect(detectDateOrder(['2025-01-02', '2025-12-11'])).toBe('YMD');
    expect(detectDateOrder(['01/02/2025', '03/04/2025', '12/11/2025'])).toBe('ambiguous');
    expect(detectDateOrder(['45658', '45659'])).toBe('YMD');
    expect(detectDateOrder(['hola'])).toBeUndefined();
  });
});

describe('codes and words', () => {
  it('reads currencies as ISO codes', () => {
    expect(parseCurrency('cop')).toEqual({ ok: true, value: 'COP' });
    expect(parseCurrency('US$')).toEqual({ ok: true, value: 'USD' });
    expect(parseCurrency('Dólares')).toEqual({ ok: true, value: 'USD' });
    expect(parseCurrency('€')).toEqual({ ok: true, value: 'EUR' });
    expect(parseCurrency('XYZ')).toMatchObject({ ok: false });
    expect(parseCurrency('$')).toMatchObject({ ok: false, reason: expect.stringContaining('ambiguous') });
  });

  it('reads countries from codes and Spanish, English and Portuguese names', () => {
    for (const [raw, code] of [
      ['CO', 'CO'],
      ['col', 'CO'],
      ['Panamá', 'PA'],
      ['MÉXICO', 'MX'],
      ['Estados Unidos', 'US'],
      ['República Dominicana', 'DO'],
      ['Islas Caimán', 'KY'],
      ['Brasil', 'BR'],
      ['Alemanha', 'DE'],
      ['ec', 'EC'],
    ]) {
      expect(parseCountry(raw as string)).toEqual({ ok: true, value: code });
    }
    expect(parseCountry('Narnia')).toMatchObject({ ok: false });
    expect(parseCountry('ZZ')).toMatchObject({ ok: false });
  });

  it('maps Spanish, Portuguese and English channel wording', () => {
    expect(parseChannel('EFECTIVO')).toBe('cash');
    expect(parseChannel('Consignación')).toBe('cash');
    expect(parseChannel('Depósito en efectivo')).toBe('cash');
    expect(parseChannel('Transferencia')).toBe('transfer');
    expect(parseChannel('PIX')).toBe('transfer');
    expect(parseChannel('Giro')).toBe('wire');
    expect(parseChannel('SWIFT')).toBe('wire');
    expect(parseChannel('Transferencia internacional')).toBe('wire');
    expect(parseChannel('Cheque de gerencia')).toBe('check');
    expect(parseChannel('Tarjeta crédito')).toBe('card');
    expect(parseChannel('Bitcoin')).toBe('crypto');
    expect(parseChannel('Pago de servicios')).toBe('other');
  });

  it('reads yes/no, ID types and HS codes', () => {
    expect(parseBoolean('Sí')).toEqual({ ok: true, value: true });
    expect(parseBoolean('NO')).toEqual({ ok: true, value: false });
    expect(parseBoolean('quizás')).toMatchObject({ ok: false });
    expect(parseIdType('C.C.')).toBe('CC');
    expect(parseIdType('Cédula de ciudadanía')).toBe('CC');
    expect(parseIdType('nit')).toBe('NIT');
    expect(parseIdType('Pasaporte')).toBe('PASSPORT');
    expect(parseIdType('Tarjeta de identidad')).toBe('OTHER');
    expect(parseHsCode('0901.11.00')).toEqual({ ok: true, value: '09011100' });
    expect(parseHsCode('café')).toMatchObject({ ok: false });
  });
});
