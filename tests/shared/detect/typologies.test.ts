import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import { formatAmount } from '../../../shared/i18n';
import type { Alert, CaseDataset, Transaction } from '../../../shared/model';
import type { UnitProfile } from '../../../shared/profiles';
import { addDays, at, dataset, profile, shipment, tx } from './helpers';

function detect(data: CaseDataset, typology: string, unit: UnitProfile = profile('ec-uafe')): Alert[] {
  return runDetection(data, unit, { only: [typology] });
}

const usd = (amount: number, language: 'es' | 'en') => formatAmount(amount, 'USD', language);

describe('structuring', () => {
  const deposits = (spacingDays: number) =>
    [9_500, 9_200, 9_800, 9_000].map((amount, i) =>
      tx({ from: 'CAJA-001', to: 'ACC-S', amount, time: addDays('2025-03-03', i * spacingDays, 10), channel: 'cash', fromParty: 'Ana Pérez', id: `S${i}` }),
    );

  it('fires on cash deposits just below the threshold that add up to more than it within days', () => {
    const [alert, ...rest] = detect(dataset(deposits(2)), 'structuring');
    expect(rest).toHaveLength(0);
    expect(alert?.transactions).toEqual(['S0', 'S1', 'S2', 'S3']);
    expect(alert?.accounts).toContain('ACC-S');
    expect(alert?.parties).toContain('Ana Pérez');
    expect(alert?.totals).toEqual({ USD: 37_500 });
    expect(alert?.explanation.es).toContain(`4 depósitos en efectivo`);
    expect(alert?.explanation.es).toContain(usd(10_000, 'es'));
    expect(alert?.explanation.es).toContain(usd(37_500, 'es'));
    expect(alert?.explanation.en).toContain(usd(37_500, 'en'));
    expect(alert?.window).toEqual({ from: at('2025-03-03', 10), to: addDays('2025-03-03', 6, 10) });
  });

  it('stays quiet when the same deposits are weeks apart', () => {
    expect(detect(dataset(deposits(20)), 'structuring')).toEqual([]);
  });

  it('depends on the unit threshold: the same deposits are not structuring in Colombia, where each is reportable', () => {
    const data = dataset(deposits(2));
    expect(detect(data, 'structuring', profile('ec-uafe'))).toHaveLength(1);
    expect(detect(data, 'structuring', profile('co-uiaf'))).toHaveLength(0);
    const pesos = dataset(
      [9_500_000, 9_100_000, 9_700_000].map((amount, i) =>
        tx({ from: 'CAJA-002', to: 'ACC-P', amount, currency: 'COP', time: addDays('2025-03-03', i, 10), channel: 'cash', fromParty: 'Luis Gómez' }),
      ),
    );
    expect(detect(pesos, 'structuring', profile('co-uiaf'))).toHaveLength(1);
    expect(detect(pesos, 'structuring', profile('ec-uafe'))).toHaveLength(0);
  });

  it('scores on the common scale: the burst against the account\'s and the case\'s pace of near-threshold cash, still reported where such cash is common', () => {
    const [alert] = detect(dataset(deposits(2)), 'structuring');
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['near-threshold-cash', 'multiplicity']);
    expect(alert?.explanation.en).toContain('4 cash deposits just under the threshold in 7 days');
    // An exchange house's case: forty tellers' accounts each take a near-threshold deposit every few days all
    // year. The same burst is ordinary there, scores lower, and is still reported because the law asks.
    const steady: Transaction[] = [];
    for (let a = 0; a < 40; a++) for (let d = a % 4; d < 360; d += 4) steady.push(tx({ from: 'CAJA-009', to: `TELLER-${a}`, amount: 9_100 + a * 10, time: addDays('2025-01-01', d, 9), channel: 'cash' }));
    const amongTellers = detect(dataset([...steady, ...deposits(2)]), 'structuring').find((found) => found.focus === 'ACC-S' || found.accounts.includes('ACC-S'));
    expect(amongTellers).toBeDefined();
    expect(amongTellers?.score ?? 100).toBeLessThan(alert?.score ?? 0);
    expect(amongTellers?.score ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('follows one depositor across several accounts', () => {
    const spread = [9_400, 9_600, 9_300].map((amount, i) =>
      tx({ from: 'CAJA-001', to: `ACC-${i}`, amount, time: addDays('2025-03-03', i, 10), channel: 'cash', fromParty: 'Ana Pérez' }),
    );
    const [alert] = detect(dataset(spread), 'structuring');
    expect(alert?.accounts).toEqual(expect.arrayContaining(['ACC-0', 'ACC-1', 'ACC-2']));
    expect(alert?.explanation.es).toContain('hechos por');
  });
});

describe('fan-in and fan-out', () => {
  const burst = (direction: 'in' | 'out', spreadDays: number) =>
    Array.from({ length: 10 }, (_, i) =>
      tx({
        from: direction === 'in' ? `SND-${i}` : 'HUB',
        to: direction === 'in' ? 'HUB' : `RCV-${i}`,
        amount: 1_500,
        time: addDays('2025-03-03', (i * spreadDays) / 10, 9 + i),
      }),
    );

  it('fan-in fires on many senders into one account within days, with the figures in the explanation', () => {
    const [alert] = detect(dataset(burst('in', 3)), 'fan-in');
    expect(alert?.focus).toBe('HUB');
    expect(alert?.transactions).toHaveLength(10);
    expect(alert?.totals).toEqual({ USD: 15_000 });
    expect(alert?.explanation.es).toContain(`10 cuentas que nunca le habían pagado enviaron ${usd(15_000, 'es')} a la cuenta HUB en el periodo 3–6 de marzo de 2025`);
    expect(alert?.explanation.en).toContain(`10 accounts that had never paid it sent ${usd(15_000, 'en')} to account HUB in the period March 3 – 6, 2025`);
    // The score says what it stands on: the burst of new senders against the account's usual pace, less the search.
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['new-senders', 'multiplicity']);
  });

  it('a fan on a single day says "1 día", not "1 días"', () => {
    const [alert] = detect(dataset(burst('in', 0)), 'fan-in');
    expect(alert?.explanation.es).toContain('10 remitentes nuevos en 1 día:');
    expect(alert?.explanation.en).toContain('10 new senders in 1 day:');
    expect(`${alert?.explanation.es} ${alert?.explanation.en}`).not.toMatch(/\b1 (días|days)\b/);
  });

  it('fan-in stays quiet when the same senders arrive about one a week', () => {
    // Irregular dates: ten senders exactly a week apart would be a schedule (see relative.test.ts), not a burst.
    const weekly = burst('in', 70).map((payment, i) => ({ ...payment, timestamp: addDays('2025-03-03', [0, 9, 13, 22, 29, 38, 41, 50, 57, 66][i] as number, 9 + i) }));
    expect(detect(dataset(weekly), 'fan-in')).toEqual([]);
  });

  it('fan-out fires on one account paying many within days', () => {
    const [alert] = detect(dataset(burst('out', 2)), 'fan-out');
    expect(alert?.focus).toBe('HUB');
    expect(alert?.explanation.en).toContain(`Account HUB sent ${usd(15_000, 'en')} to 10 accounts it had never paid`);
  });

  it('fan-out stays quiet when an importer settles invoices for goods customs saw arrive', () => {
    const shipments = Array.from({ length: 10 }, (_, i) =>
      shipment({ id: `IMP-${i}`, date: addDays('2025-02-20', i), exporter: `Supplier ${i} Ltd.`, importer: 'Importadora Central S.A.S.', originCountry: 'CN', destinationCountry: 'CO', quantity: 100, declaredValue: 30_000 + i * 1_000, hsCode: '851713', unit: 'u' }),
    );
    const payments = shipments.map((goods, i) =>
      tx({ from: 'CENTRAL-USD', to: `SUPPLIER-${i}`, amount: goods.declaredValue, time: addDays('2025-03-03', i * 0.3), fromParty: 'Importadora Central S.A.S.', toParty: goods.exporter, channel: 'wire' }),
    );
    expect(detect(dataset(payments, { shipments }), 'fan-out')).toEqual([]);
    expect(detect(dataset(payments), 'fan-out')).toHaveLength(1);
  });

  it('fan-out stays quiet below the number of recipients', () => {
    // Balanced sensitivity asks for at least four new payees.
    expect(detect(dataset(burst('out', 2).slice(0, 3)), 'fan-out')).toEqual([]);
  });
});

describe('scatter-gather and gather-scatter', () => {
  it('scatter-gather fires on origin → intermediaries → one beneficiary with small margins', () => {
    const txs: Transaction[] = [];
    for (let i = 0; i < 5; i++) {
      txs.push(tx({ from: 'ORIGIN', to: `MID-${i}`, amount: 10_000, time: addDays('2025-04-01', i * 0.5) }));
      txs.push(tx({ from: `MID-${i}`, to: 'BENEFICIARY', amount: 9_700, time: addDays('2025-04-06', i * 0.5) }));
    }
    const [alert] = detect(dataset(txs), 'scatter-gather');
    // The alert is on the customer whose money was spread; the intermediaries and the beneficiary are in its evidence.
    expect(alert?.focus).toBe('ORIGIN');
    expect(alert?.accounts).toHaveLength(7);
    expect(alert?.explanation.es).toContain('La cuenta ORIGIN repartió dinero entre 5 cuentas nuevas para ella, que lo reenviaron a una misma cuenta, BENEFICIARY');
  });

  it('scatter-gather stays quiet when intermediaries keep half', () => {
    const txs: Transaction[] = [];
    for (let i = 0; i < 5; i++) {
      txs.push(tx({ from: 'ORIGIN', to: `MID-${i}`, amount: 10_000, time: addDays('2025-04-01', i * 0.5) }));
      txs.push(tx({ from: `MID-${i}`, to: 'BENEFICIARY', amount: 5_000, time: addDays('2025-04-06', i * 0.5) }));
    }
    // The margin rule stays quiet; what is left is the relative evidence (new relationships in a burst),
    // whose explanation claims no forwarded amount.
    const alerts = detect(dataset(txs), 'scatter-gather');
    expect(alerts.every((alert) => !alert.explanation.en.includes('intermediary accounts, which forwarded'))).toBe(true);
    expect(alerts.every((alert) => alert.scoreComponents?.some((component) => component.id === 'new-senders'))).toBe(true);
  });

  const hub = (outAmount: number) => {
    const txs: Transaction[] = [];
    // The bank around the hub: 40 accounts paying two regular payees every month for half a year. In a case made of
    // the scheme alone every transfer is a new relationship, and twelve strangers in a week are then the norm.
    for (let i = 0; i < 40; i++) {
      for (const step of [1, 7]) for (let month = 0; month < 6; month++) txs.push(tx({ from: `ACC-${i}`, to: `ACC-${(i + step) % 40}`, amount: 300, time: addDays('2025-01-02', month * 30 + (i % 20)) }));
    }
    for (let i = 0; i < 6; i++) txs.push(tx({ from: `IN-${i}`, to: 'HUB', amount: 5_000, time: addDays('2025-05-01', i * 0.6) }));
    for (let i = 0; i < 6; i++) txs.push(tx({ from: 'HUB', to: `OUT-${i}`, amount: outAmount, time: addDays('2025-05-06', i * 0.6) }));
    return dataset(txs);
  };

  it('gather-scatter fires on many → hub → many, outflow after inflow', () => {
    const [alert] = detect(hub(4_800), 'gather-scatter');
    expect(alert?.focus).toBe('HUB');
    // Every payee, and the senders of the strongest burst, are the evidence.
    const evidence = new Set(alert?.transactions);
    expect(alert?.accounts.filter((account) => account.startsWith('OUT-'))).toHaveLength(6);
    expect(evidence.size).toBeGreaterThanOrEqual(10);
    expect(alert?.explanation.en).toMatch(/^Account HUB received money from \d+ accounts it had never dealt with and spread it over 6 accounts new to it/);
  });

  it('gather-scatter: when the hub keeps the money only the relative evidence speaks, and it claims no forwarded amount', () => {
    const alerts = detect(hub(500), 'gather-scatter');
    expect(alerts.every((alert) => !alert.explanation.en.includes('and sent'))).toBe(true);
    expect(alerts.every((alert) => alert.scoreComponents?.some((component) => component.id === 'new-payees'))).toBe(true);
  });
});

describe('cycle', () => {
  const loop = (lastHopDay: number) =>
    dataset([
      tx({ from: 'A', to: 'B', amount: 50_000, time: at('2025-02-01'), id: 'C1' }),
      tx({ from: 'B', to: 'C', amount: 49_000, time: at('2025-02-03'), id: 'C2' }),
      tx({ from: 'C', to: 'D', amount: 48_000, time: at('2025-02-05'), id: 'C3' }),
      tx({ from: 'D', to: 'A', amount: 47_500, time: addDays('2025-02-01', lastHopDay), id: 'C4' }),
    ]);

  it('fires on A → B → C → D → A with hops forward in time and shrinking amounts', () => {
    const [alert] = detect(loop(7), 'cycle');
    expect(alert?.transactions).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(alert?.focus).toBe('A');
    expect(alert?.explanation.es).toContain(`${usd(50_000, 'es')} salieron de la cuenta A y volvieron a ella como ${usd(47_500, 'es')} tras pasar por 3 cuentas en 4 saltos`);
  });

  it('stays quiet when the money comes back before it left (hops out of time order)', () => {
    expect(detect(loop(-1), 'cycle')).toEqual([]);
  });

  it('works on bank exports that carry dates without times (several hops on one day)', () => {
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
    const data = dataset([
      tx({ from: 'A', to: 'B', amount: 30_000, time: day('2025-02-01'), id: 'D1' }),
      tx({ from: 'B', to: 'C', amount: 29_500, time: day('2025-02-01'), id: 'D2' }),
      tx({ from: 'C', to: 'A', amount: 29_000, time: day('2025-02-02'), id: 'D3' }),
    ]);
    expect(detect(data, 'cycle')[0]?.transactions).toEqual(['D1', 'D2', 'D3']);
  });

  it('ignores two-party returns (family transfers, loan repayments)', () => {
    const data = dataset([
      tx({ from: 'A', to: 'B', amount: 20_000, time: at('2025-02-01') }),
      tx({ from: 'B', to: 'A', amount: 19_800, time: at('2025-02-10') }),
    ]);
    expect(detect(data, 'cycle')).toEqual([]);
  });
});

describe('pass-through', () => {
  const conduit = (holdDays: number) =>
    dataset([
      tx({ from: 'SRC-1', to: 'MULE', amount: 20_000, time: at('2025-03-01', 9) }),
      tx({ from: 'MULE', to: 'EXIT', amount: 19_000, time: addDays('2025-03-01', holdDays, 15) }),
      tx({ from: 'SRC-2', to: 'MULE', amount: 15_000, time: at('2025-03-12', 9) }),
      tx({ from: 'MULE', to: 'EXIT', amount: 14_200, time: addDays('2025-03-12', holdDays, 15) }),
    ]);

  it('fires on an account that passes most of what it receives on within a day, repeatedly', () => {
    const [alert] = detect(conduit(1), 'pass-through');
    expect(alert?.focus).toBe('MULE');
    expect(alert?.transactions).toHaveLength(4);
    expect(alert?.explanation.en).toMatch(/^Account MULE received .* and passed on 9\d% within 2 days/);
  });

  it('stays quiet when the money rests for weeks', () => {
    expect(detect(conduit(20), 'pass-through')).toEqual([]);
  });

  it('links accounts that pass the same money along into one chain', () => {
    const data = dataset([
      tx({ from: 'SRC', to: 'M1', amount: 20_000, time: at('2025-03-01', 8) }),
      tx({ from: 'M1', to: 'M2', amount: 19_000, time: at('2025-03-01', 16) }),
      tx({ from: 'M2', to: 'OUT', amount: 18_000, time: at('2025-03-02', 10) }),
      tx({ from: 'SRC', to: 'M1', amount: 12_000, time: at('2025-03-15', 8) }),
      tx({ from: 'M1', to: 'M2', amount: 11_500, time: at('2025-03-15', 16) }),
      tx({ from: 'M2', to: 'OUT', amount: 11_000, time: at('2025-03-16', 10) }),
    ]);
    const alerts = detect(data, 'pass-through');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation.es).toContain('cadena de 2 cuentas');
  });
});

describe('high-risk jurisdiction', () => {
  it('fires on transfers to a counterparty in a FATF call-for-action country', () => {
    const data = dataset([
      tx({ from: 'LOCAL', to: 'IR-ACC', amount: 25_000, time: at('2025-06-02'), toCountry: 'IR', fromCountry: 'EC', channel: 'wire' }),
      tx({ from: 'LOCAL', to: 'IR-ACC', amount: 18_000, time: at('2025-06-20'), toCountry: 'IR', fromCountry: 'EC', channel: 'wire' }),
    ]);
    const [alert] = detect(data, 'high-risk-jurisdiction');
    expect(alert?.focus).toBe('LOCAL');
    expect(alert?.explanation.es).toContain('IR');
    expect(alert?.explanation.es).toContain(usd(43_000, 'es'));
    expect(alert?.explanation.en).toContain('list as of 2025-06-13');
    // On the common scale: the exposure against the case's share of such transactions, less the search.
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['listed-share', 'multiplicity']);
    expect(alert?.explanation.en).toContain("2 of the account's 2 transactions with those jurisdictions");
  });

  it('ranks an exposure lower where the case trades with those jurisdictions all the time, and still reports it', () => {
    const exposure = [
      tx({ from: 'LOCAL', to: 'IR-ACC', amount: 25_000, time: at('2025-06-02'), toCountry: 'IR', fromCountry: 'EC', channel: 'wire' }),
      tx({ from: 'LOCAL', to: 'IR-ACC', amount: 18_000, time: at('2025-06-20'), toCountry: 'IR', fromCountry: 'EC', channel: 'wire' }),
    ];
    const ordinary = Array.from({ length: 60 }, (_, i) => tx({ from: `EC-${i}`, to: `EC-${i + 1}`, amount: 500, time: addDays('2025-05-01', i) }));
    const traders = Array.from({ length: 60 }, (_, i) => tx({ from: `TRADER-${i % 12}`, to: `IR-${i}`, amount: 20_000, time: addDays('2025-05-01', i), toCountry: 'IR', fromCountry: 'EC', channel: 'wire' }));
    const rare = detect(dataset([...ordinary, ...exposure]), 'high-risk-jurisdiction').find((alert) => alert.focus === 'LOCAL');
    const common = detect(dataset([...ordinary, ...traders, ...exposure]), 'high-risk-jurisdiction').find((alert) => alert.focus === 'LOCAL');
    expect(common?.score ?? 100).toBeLessThan(rare?.score ?? 0);
    expect(common?.score ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('reads the country of a bank from its SWIFT code', () => {
    const wire = tx({ from: 'LOCAL', to: '12345', amount: 9_000, time: at('2025-06-02'), channel: 'wire' });
    wire.toBank = 'BKIRKPPY';
    expect(detect(dataset([wire]), 'high-risk-jurisdiction')).toHaveLength(1);
  });

  it('stays quiet on one small family remittance to a monitored country', () => {
    const data = dataset([tx({ from: 'LOCAL', to: 'VE-ACC', amount: 300, time: at('2025-06-02'), toCountry: 'VE', fromCountry: 'CO' })]);
    expect(detect(data, 'high-risk-jurisdiction')).toEqual([]);
  });

  it('follows the unit’s own list', () => {
    const unit = profile('ec-uafe');
    unit.jurisdictions.unitAdded.push('PA');
    const data = dataset([tx({ from: 'LOCAL', to: 'PA-ACC', amount: 3_000, time: at('2025-06-02'), toCountry: 'PA', fromCountry: 'EC' })]);
    expect(detect(data, 'high-risk-jurisdiction', profile('ec-uafe'))).toEqual([]);
    expect(detect(data, 'high-risk-jurisdiction', unit)).toHaveLength(1);
  });
});

describe('round amounts', () => {
  it('fires on repeated round transfers with several counterparties', () => {
    const amounts = [5_000, 10_000, 20_000, 15_000, 25_000, 30_000];
    const data = dataset(amounts.map((amount, i) => tx({ from: 'ROUND', to: `CP-${i % 3}`, amount, time: addDays('2025-04-01', i * 4) })));
    const [alert] = detect(data, 'round-amounts');
    expect(alert?.focus).toBe('ROUND');
    expect(alert?.transactions).toHaveLength(6);
    expect(alert?.explanation.es).toContain('6 transferencias por montos redondos');
    expect(alert?.explanation.es).toContain(usd(105_000, 'es'));
    // On the common scale: 6 of 6 round against the case's share (here only the prior's one in ten).
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['round-share', 'multiplicity']);
    expect(alert?.explanation.en).toContain('6 of 6 transfers round or below the threshold');
    // Where most of the case's transfers are round, the same account is less of a surprise, and still reported.
    const roundCase = Array.from({ length: 60 }, (_, i) => tx({ from: `PAYER-${i}`, to: `SHOP-${i % 7}`, amount: 1_000 * (1 + (i % 9)), time: addDays('2025-01-02', i) }));
    const [amongRound] = detect(dataset([...roundCase, ...amounts.map((amount, i) => tx({ from: 'ROUND', to: `CP-${i % 3}`, amount, time: addDays('2025-04-01', i * 4) }))]), 'round-amounts').filter((found) => found.focus === 'ROUND');
    expect(amongRound?.score ?? 100).toBeLessThan(alert?.score ?? 0);
    expect(amongRound?.score ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('stays quiet on rent: the same round figure to the same landlord every month', () => {
    const data = dataset(Array.from({ length: 6 }, (_, i) => tx({ from: 'TENANT', to: 'LANDLORD', amount: 2_000, time: addDays('2025-01-05', i * 30) })));
    expect(detect(data, 'round-amounts')).toEqual([]);
  });
});

describe('dormant reactivation', () => {
  const history = (burstAmount: number) => {
    const txs = [tx({ from: 'SLEEPER', to: 'CAJA-9', amount: 50, time: at('2025-01-05'), channel: 'cash' })];
    for (let i = 0; i < 5; i++) txs.push(tx({ from: `CP-${i}`, to: 'SLEEPER', amount: burstAmount, time: addDays('2025-05-10', i * 2) }));
    return dataset(txs);
  };

  it('fires when an account silent for months suddenly moves large sums', () => {
    const [alert] = detect(history(20_000), 'dormant-reactivation');
    expect(alert?.focus).toBe('SLEEPER');
    expect(alert?.transactions).toHaveLength(5);
    expect(alert?.explanation.es).toContain(`La cuenta SLEEPER estuvo 125 días sin movimientos y luego movió ${usd(100_000, 'es')} en 5 transacciones en el periodo 10–18 de mayo de 2025, 2.000 veces su volumen mensual anterior.`);
    expect(alert?.explanation.en).toContain(`Account SLEEPER had no activity for 125 days and then moved ${usd(100_000, 'en')} in 5 transactions in the period May 10 – 18, 2025, 2,000 times its earlier monthly volume.`);
    // On the common scale: the silence against the account's own pace, the burst on waking, less the search.
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['silence', 'reactivation-burst', 'multiplicity']);
    expect(alert?.explanation.en).toContain('5 transactions on waking in 9 days');
  });

  it('stays quiet when what comes back is small', () => {
    expect(detect(history(200), 'dormant-reactivation')).toEqual([]);
  });
});

describe('trade', () => {
  const coffee = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      shipment({ id: `SH-${i}`, date: addDays('2025-01-10', i * 7), exporter: `Café ${i} S.A.S.`, importer: 'Roasters Inc.', originCountry: 'CO', destinationCountry: 'US', quantity: 19_200, declaredValue: 19_200 * (5.5 + (i % 5) * 0.1) }),
    );

  it('trade-unit-value fires on a shipment priced far above the norm for its HS code', () => {
    const odd = shipment({ id: 'SH-ODD', date: at('2025-03-01'), exporter: 'Exportadora Fantasma S.A.S.', importer: 'Front LLC', originCountry: 'CO', destinationCountry: 'US', quantity: 19_200, declaredValue: 19_200 * 33 });
    const [alert] = detect(dataset([], { shipments: [...coffee(12), odd] }), 'trade-unit-value');
    expect(alert?.shipments).toEqual(['SH-ODD']);
    expect(alert?.explanation.es).toMatch(/valor unitario 5,\d veces superior al típico/);
    expect(alert?.explanation.es).toContain('sobrefacturación');
    // On the common scale: how far the price lies beyond its HS code's spread, less the shipments compared.
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['price-deviation', 'multiplicity']);
    expect(alert?.score ?? 0).toBeGreaterThan(50);
  });

  it('trade-unit-value names one shipment in the singular and several in the plural, never "envío(s)"', () => {
    const odd = (id: string, day: string) => shipment({ id, date: at(day), exporter: 'Exportadora Fantasma S.A.S.', importer: 'Front LLC', originCountry: 'CO', destinationCountry: 'US', quantity: 19_200, declaredValue: 19_200 * 33 });
    const [one] = detect(dataset([], { shipments: [...coffee(12), odd('SH-ODD', '2025-03-01')] }), 'trade-unit-value');
    expect(one?.explanation.es).toMatch(/^1 envío de Exportadora Fantasma S\.A\.S\. a Front LLC \(partida [^)]*\) declarado por .* tiene un valor unitario/);
    expect(one?.explanation.en).toMatch(/^1 shipment from .* has a unit value/);
    expect(one?.scoreComponents?.[0]?.label.es).toMatch(/^1 precio a /);
    const [two] = detect(dataset([], { shipments: [...coffee(12), odd('SH-ODD', '2025-03-01'), odd('SH-ODD-2', '2025-03-08')] }), 'trade-unit-value');
    expect(two?.explanation.es).toMatch(/^2 envíos de .* declarados por .* tienen un valor unitario/);
    expect(two?.scoreComponents?.[0]?.label.en).toMatch(/^2 prices /);
    for (const alert of [one, two]) expect(`${alert?.explanation.es} ${alert?.explanation.en}`).not.toContain('(s)');
  });

  it('trade-unit-value stays quiet when prices are ordinary', () => {
    expect(detect(dataset([], { shipments: coffee(12) }), 'trade-unit-value')).toEqual([]);
  });

  const tradeCase = (withShipment: boolean) => {
    const shipments = [
      // Both are traders: the exporter ships to others, the importer buys from others.
      shipment({ id: 'E-OTHER', date: at('2025-02-01'), exporter: 'Shenzhen Bright Co., Ltd.', importer: 'Otra Importadora S.A.S.', originCountry: 'CN', destinationCountry: 'CO', quantity: 1_000, declaredValue: 180_000, hsCode: '851713', unit: 'u' }),
      shipment({ id: 'I-OTHER', date: at('2025-02-03'), exporter: 'Guangzhou Star Ltd.', importer: 'Importadora Andina S.A.S.', originCountry: 'CN', destinationCountry: 'CO', quantity: 1_000, declaredValue: 175_000, hsCode: '851713', unit: 'u' }),
    ];
    if (withShipment) shipments.push(shipment({ id: 'REAL', date: at('2025-03-01'), exporter: 'Shenzhen Bright Co., Ltd.', importer: 'Importadora Andina S.A.S.', originCountry: 'CN', destinationCountry: 'CO', quantity: 700, declaredValue: 125_000, hsCode: '851713', unit: 'u' }));
    const payments = [40_000, 45_000, 38_000].map((amount, i) =>
      tx({ from: 'ANDINA-USD', to: 'BRIGHT-USD', amount, time: addDays('2025-03-05', i * 7), fromParty: 'Importadora Andina S.A.S.', toParty: 'Shenzhen Bright Co. Ltd', fromCountry: 'US', toCountry: 'CN', channel: 'wire', id: `PAY-${i}` }),
    );
    // The importer pays its real supplier from the same account: that is its settlement account.
    payments.push(tx({ from: 'ANDINA-USD', to: 'STAR-USD', amount: 175_000, time: at('2025-02-20'), fromParty: 'Importadora Andina S.A.S.', toParty: 'Guangzhou Star Ltd.', fromCountry: 'US', toCountry: 'CN', channel: 'wire' }));
    return dataset(payments, { shipments });
  };

  it('trade-phantom-payment fires on payments to an exporter with no shipment to the payer', () => {
    const [alert] = detect(tradeCase(false), 'trade-phantom-payment');
    expect(alert?.transactions).toEqual(['PAY-0', 'PAY-1', 'PAY-2']);
    expect(alert?.explanation.es).toContain(usd(123_000, 'es'));
    expect(alert?.explanation.es).toContain('Shenzhen Bright');
  });

  it('trade-phantom-payment stays quiet when a shipment of that value accounts for them', () => {
    expect(detect(tradeCase(true), 'trade-phantom-payment')).toEqual([]);
  });

  const thirdParty = (payer: 'strangers' | 'importer') => {
    const shipments = [shipment({ id: 'BMPE', date: at('2025-03-01'), exporter: 'Miami Electronics LLC', importer: 'Distribuidora Bogotá S.A.S.', originCountry: 'US', destinationCountry: 'CO', quantity: 500, declaredValue: 100_000, hsCode: '851713', unit: 'u' })];
    const txs =
      payer === 'strangers'
        ? [
            tx({ from: 'CAJA-77', to: 'P1-ACC', amount: 20_000, time: at('2025-03-03'), channel: 'cash', id: 'CASH-1' }),
            tx({ from: 'P1-ACC', to: 'MIAMI-ACC', amount: 60_000, time: at('2025-03-05'), fromParty: 'Juan Cambista', toParty: 'Miami Electronics LLC', id: 'TP-1' }),
            tx({ from: 'P2-ACC', to: 'MIAMI-ACC', amount: 40_000, time: at('2025-03-10'), fromParty: 'Pedro Casas', toParty: 'Miami Electronics LLC', id: 'TP-2' }),
          ]
        : [tx({ from: 'BOGOTA-USD', to: 'MIAMI-ACC', amount: 100_000, time: at('2025-03-05'), fromParty: 'Distribuidora Bogotá S.A.S.', toParty: 'Miami Electronics LLC' })];
    return dataset(txs, { shipments });
  };

  it('trade-third-party fires when unrelated parties pay for an importer’s goods, noting cash funding', () => {
    const [alert] = detect(thirdParty('strangers'), 'trade-third-party');
    expect(alert?.shipments).toEqual(['BMPE']);
    expect(alert?.transactions).toEqual(expect.arrayContaining(['TP-1', 'TP-2', 'CASH-1']));
    expect(alert?.focus).toBe('Distribuidora Bogotá S.A.S.');
    expect(alert?.explanation.es).toContain('Juan Cambista y Pedro Casas');
    expect(alert?.explanation.es).toContain(`${usd(20_000, 'es')} en efectivo`);
  });

  it('trade-third-party stays quiet when the importer pays its own goods', () => {
    expect(detect(thirdParty('importer'), 'trade-third-party')).toEqual([]);
  });
});
