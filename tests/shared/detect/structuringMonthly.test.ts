import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import { formatAmount } from '../../../shared/i18n';
import type { Alert, CaseDataset, Transaction } from '../../../shared/model';
import type { UnitProfile } from '../../../shared/profiles';
import { addDays, dataset, profile, tx } from './helpers';

function detect(data: CaseDataset, unit: UnitProfile, only = ['structuring-monthly']): Alert[] {
  return runDetection(data, unit, { only });
}

const cop = (amount: number, language: 'es' | 'en') => formatAmount(amount, 'COP', language);

/**
 * Cash deposits of COP 6,000,000 — 60% of UIAF's per-transaction threshold, below the share
 * classic structuring looks at — every `spacingDays` from `start`.
 */
function monthOfDeposits(count: number, start = '2025-03-02', spacingDays = 3, prefix = 'M'): Transaction[] {
  return Array.from({ length: count }, (_, i) =>
    tx({ from: 'CAJA-CO', to: 'ACC-CO', amount: 6_000_000, currency: 'COP', channel: 'cash', fromParty: 'Marta Ríos', time: addDays(start, i * spacingDays, 11), id: `${prefix}${i}` }),
  );
}

describe('structuring-monthly (aggregated cash threshold)', () => {
  it('fires under co-uiaf when a calendar month of sub-threshold cash deposits reaches COP 50,000,000', () => {
    const data = dataset(monthOfDeposits(9));
    const alerts = detect(data, profile('co-uiaf'));
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.typology).toBe('structuring-monthly');
    expect(alert?.transactions).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8']);
    expect(alert?.totals).toEqual({ COP: 54_000_000 });
    expect(alert?.accounts).toContain('ACC-CO');
    expect(alert?.parties).toContain('Marta Ríos');
    expect(alert?.explanation.es).toContain('En marzo de 2025, 9 depósitos en efectivo');
    expect(alert?.explanation.es).toContain(cop(54_000_000, 'es'));
    expect(alert?.explanation.es).toContain(`${cop(50_000_000, 'es')}, el umbral acumulado mensual de la unidad`);
    expect(alert?.explanation.en).toContain('In March 2025, 9 cash deposits');
    expect(alert?.explanation.en).toContain(`${cop(50_000_000, 'en')}, the unit’s monthly aggregated threshold`);
    expect(alert?.explanation.en).toContain('Scored below classic structuring');
    expect(alert?.explanation.es).toContain('cifra por defecto aún por confirmar');
  });

  it('is not classic structuring, and scores below any classic structuring alert', () => {
    const data = dataset(monthOfDeposits(9));
    expect(detect(data, profile('co-uiaf'), ['structuring'])).toEqual([]);
    const [monthly] = detect(data, profile('co-uiaf'));
    const classic = dataset(
      [9_500_000, 9_100_000, 9_700_000].map((amount, i) =>
        tx({ from: 'CAJA-002', to: 'ACC-P', amount, currency: 'COP', time: addDays('2025-03-03', i, 10), channel: 'cash', fromParty: 'Luis Gómez' }),
      ),
    );
    const [smurfing] = detect(classic, profile('co-uiaf'), ['structuring']);
    expect(monthly?.score).toBeLessThan(smurfing?.score ?? 0);
  });

  it('stays quiet under ec-uafe, whose profile has no aggregated threshold', () => {
    expect(profile('ec-uafe').aggregateThreshold).toBeUndefined();
    expect(detect(dataset(monthOfDeposits(9)), profile('ec-uafe'))).toEqual([]);
  });

  it('stays quiet on the near miss: COP 48,000,000 in the month', () => {
    expect(detect(dataset(monthOfDeposits(8)), profile('co-uiaf'))).toEqual([]);
  });

  it('counts calendar months, not rolling 30 days: the same deposits straddling two months do not reach it', () => {
    expect(detect(dataset(monthOfDeposits(9, '2025-03-18')), profile('co-uiaf'))).toEqual([]);
  });

  it('leaves out deposits at or above the per-transaction threshold, which are reported one by one', () => {
    const data = dataset([
      ...monthOfDeposits(7),
      tx({ from: 'CAJA-CO', to: 'ACC-CO', amount: 12_000_000, currency: 'COP', channel: 'cash', fromParty: 'Marta Ríos', time: addDays('2025-03-25', 0, 11), id: 'BIG' }),
    ]);
    expect(detect(data, profile('co-uiaf'))).toEqual([]);
  });

  it('applies the unit’s law only: cash into an account known to be held abroad is left to that country', () => {
    const abroad = monthOfDeposits(9).map((deposit) => ({ ...deposit, toAccount: 'ACC-PA', toCountry: 'PA' }));
    expect(detect(dataset(abroad), profile('co-uiaf'))).toEqual([]);
  });

  it('does not flag a shop that banks its takings in small cash deposits every day all year', () => {
    const takings = Array.from({ length: 365 }, (_, day) =>
      tx({ from: 'CAJA-CO', to: 'TIENDA', amount: 1_800_000 + (day % 7) * 50_000, currency: 'COP', channel: 'cash', fromParty: 'Tienda La Esquina', time: addDays('2025-01-01', day, 17) }),
    );
    // Each month reaches COP 50,000,000, as the bank's own aggregated report would show.
    expect(takings.filter((t) => t.timestamp < Date.UTC(2025, 1, 1)).reduce((sum, t) => sum + t.amount, 0)).toBeGreaterThan(50_000_000);
    expect(detect(dataset(takings), profile('co-uiaf'))).toEqual([]);
  });

  it('flags the month a steady depositor suddenly brings several times the usual cash', () => {
    const usual = Array.from({ length: 12 }, (_, m) =>
      tx({ from: 'CAJA-CO', to: 'ACC-CO', amount: 3_000_000, currency: 'COP', channel: 'cash', fromParty: 'Marta Ríos', time: Date.UTC(2024, m, 15, 11) }),
    );
    const [alert, ...rest] = detect(dataset([...usual, ...monthOfDeposits(9)]), profile('co-uiaf'));
    expect(rest).toHaveLength(0);
    expect(alert?.transactions).toHaveLength(9);
  });

  it('yields to classic structuring when that already reports most of the month', () => {
    const burst = [9_500_000, 9_100_000, 9_700_000, 9_400_000, 9_600_000, 9_300_000].map((amount, i) =>
      tx({ from: 'CAJA-002', to: 'ACC-P', amount, currency: 'COP', time: addDays('2025-03-03', i, 10), channel: 'cash', fromParty: 'Luis Gómez' }),
    );
    const alerts = detect(dataset(burst), profile('co-uiaf'), ['structuring', 'structuring-monthly']);
    expect(alerts.map((alert) => alert.typology)).toEqual(['structuring']);
  });
});
