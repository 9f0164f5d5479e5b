import { describe, expect, it } from 'vitest';
import { Rng, generateCase } from '../../../shared/generator';
import { clabe, curpCheckDigit, ecuadorCedulaCheckDigit, isValidIban, luhnCheckDigit, nitCheckDigit, rfcCheckDigit } from '../../../shared/generator/ids';
import { looksLikeCurp, looksLikeRfc } from '../../../shared/resolve/ids';

describe('identity numbers', () => {
  it('computes the DIAN check digit of known NITs', () => {
    expect(nitCheckDigit('800197268')).toBe(4); // DIAN itself: 800.197.268-4
    expect(nitCheckDigit('899999063')).toBe(3); // Universidad Nacional de Colombia: 899.999.063-3
    expect(nitCheckDigit('860034313')).toBe(7); // Banco Davivienda: 860.034.313-7
  });

  it('computes the Ecuadorian cédula check digit', () => {
    expect(ecuadorCedulaCheckDigit('171003406')).toBe(5);
    expect(ecuadorCedulaCheckDigit('092445782')).toBe(3); // 0·2 + 9 + 2·2 + 4 + 4·2 + 5 + (7·2−9) + 8 + 2·2 = 47
  });

  it('produces Mexican CLABEs whose control digit verifies', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 50; i++) {
      const value = clabe('012', rng);
      expect(value).toMatch(/^012\d{15}$/);
      const weights = [3, 7, 1];
      let sum = 0;
      for (let d = 0; d < 17; d++) sum += (Number(value[d]) * weights[d % 3]!) % 10;
      expect(Number(value[17])).toBe((10 - (sum % 10)) % 10);
    }
  });

  it('gives every generated party an ID that passes its own check', () => {
    const { dataset } = generateCase({ seed: 5, transactions: 2000 });
    const byType = new Map<string, string[]>();
    for (const party of dataset.parties) {
      expect(party.id).toBe(`${party.idType}:${party.idNumber}`);
      byType.set(party.idType!, [...(byType.get(party.idType!) ?? []), party.idNumber!]);
    }
    for (const nit of byType.get('NIT') ?? []) expect(nitCheckDigit(nit.slice(0, -1))).toBe(Number(nit.slice(-1)));
    for (const curp of byType.get('CURP') ?? []) {
      expect(looksLikeCurp(curp)).toBe(true);
      expect(curpCheckDigit(curp.slice(0, 17))).toBe(Number(curp[17]));
    }
    for (const rfc of byType.get('RFC') ?? []) {
      expect(looksLikeRfc(rfc)).toBe(true);
      expect(rfcCheckDigit(rfc.slice(0, -1))).toBe(rfc.slice(-1));
    }
    for (const rnc of byType.get('RNC') ?? []) expect(rnc).toBe(dominicanRncCheck(rnc));
    for (const cedula of byType.get('CEDULA') ?? []) {
      if (/^\d{11}$/.test(cedula)) expect(luhnCheckDigit(cedula.slice(0, 10))).toBe(Number(cedula[10])); // Dominican
      if (/^\d{10}$/.test(cedula)) expect(ecuadorCedulaCheckDigit(cedula.slice(0, 9))).toBe(Number(cedula[9])); // Ecuadorian
    }
    expect(byType.get('NIT')?.length).toBeGreaterThan(5);
    const ibans = dataset.accounts.filter((a) => a.iban);
    expect(ibans.length).toBeGreaterThan(0);
    for (const account of ibans) expect(isValidIban(account.iban!)).toBe(true);
  });
});

/** Independent re-computation of the RNC check digit (weights 7,9,8,6,5,4,3,2). */
function dominicanRncCheck(rnc: string): string {
  const weights = [7, 9, 8, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(rnc[i]) * weights[i]!;
  const r = sum % 11;
  return rnc.slice(0, 8) + String(r === 0 ? 2 : r === 1 ? 1 : 11 - r);
}
