import { describe, expect, it } from 'vitest';
import { AlertSchema, type Alert, type Transaction } from '../../../shared/model';
import { DetectionCancelledError, TYPOLOGIES, alertId, currenciesWithoutRate, mergeOverlapping, rank, runDetection, typologyById } from '../../../shared/detect';
import { typologyParamsFor } from '../../../shared/profiles';
import { addDays, at, dataset, profile, tx } from './helpers';

const EXPECTED_IDS = [
  'structuring',
  'structuring-monthly',
  'fan-in',
  'fan-out',
  'scatter-gather',
  'gather-scatter',
  'cycle',
  'pass-through',
  'layering-walk',
  'high-risk-jurisdiction',
  'round-amounts',
  'dormant-reactivation',
  'trade-unit-value',
  'trade-phantom-payment',
  'trade-third-party',
];

/** A case with several patterns at once: a funnel, a smurfing run, a cycle, a gather-scatter hub. */
function mixedCase(): Transaction[] {
  const txs: Transaction[] = [];
  for (let i = 0; i < 10; i++) txs.push(tx({ from: `SND-${i}`, to: 'FUNNEL', amount: 2_150, time: addDays('2025-03-03', i * 0.3), id: `F${i}` }));
  [9_500, 9_200, 9_800].forEach((amount, i) => txs.push(tx({ from: 'CAJA', to: 'SMURFED', amount, time: addDays('2025-03-10', i), channel: 'cash', fromParty: 'Ana', id: `S${i}` })));
  txs.push(tx({ from: 'A', to: 'B', amount: 50_000, time: at('2025-04-01'), id: 'C1' }));
  txs.push(tx({ from: 'B', to: 'C', amount: 49_000, time: at('2025-04-03'), id: 'C2' }));
  txs.push(tx({ from: 'C', to: 'A', amount: 48_000, time: at('2025-04-05'), id: 'C3' }));
  for (let i = 0; i < 8; i++) txs.push(tx({ from: `GIN-${i}`, to: 'HUB', amount: 5_030, time: addDays('2025-05-01', i * 0.45), id: `G${i}` }));
  for (let i = 0; i < 8; i++) txs.push(tx({ from: 'HUB', to: `GOUT-${i}`, amount: 4_810, time: addDays('2025-05-06', i * 0.45), id: `H${i}` }));
  return txs;
}

describe('registry', () => {
  it('registers the fifteen typologies with names, descriptions and parameter defaults in both languages', () => {
    expect(TYPOLOGIES.map((typology) => typology.id)).toEqual(EXPECTED_IDS);
    const unit = profile('co-uiaf');
    for (const typology of TYPOLOGIES) {
      expect(typology.names.es.length).toBeGreaterThan(3);
      expect(typology.names.en.length).toBeGreaterThan(3);
      expect(typology.description.es).not.toBe(typology.description.en);
      expect(() => typologyParamsFor(unit, typology)).not.toThrow();
    }
  });

  it('returns valid alerts ranked by score, each typology found once', () => {
    const alerts = runDetection(dataset(mixedCase()), profile('ec-uafe'));
    for (const alert of alerts) expect(() => AlertSchema.parse(alert)).not.toThrow();
    expect(alerts.map((alert) => alert.score)).toEqual([...alerts.map((alert) => alert.score)].sort((a, b) => b - a));
    const typologies = alerts.map((alert) => alert.typology).sort();
    expect(typologies).toEqual(['cycle', 'fan-in', 'gather-scatter', 'structuring']);
  });

  it('lets a gather-scatter alert absorb the fan-in and fan-out of its own hub', () => {
    const alerts = runDetection(dataset(mixedCase()), profile('ec-uafe'));
    expect(alerts.filter((alert) => alert.focus === 'HUB').map((alert) => alert.typology)).toEqual(['gather-scatter']);
    const hubOnly = runDetection(dataset(mixedCase()), profile('ec-uafe'), { only: ['fan-in'] });
    expect(hubOnly.some((alert) => alert.focus === 'HUB')).toBe(true);
  });

  it('merges a dormant account woken by a burst of new senders into one alert naming both the waking and the fan-in', () => {
    const txs = [tx({ from: 'SLEEPER', to: 'CAJA-9', amount: 50, time: at('2025-01-05'), channel: 'cash' })];
    for (let i = 0; i < 12; i++) txs.push(tx({ from: `NEW-${i}`, to: 'SLEEPER', amount: 18_437 + i * 13, time: addDays('2025-05-10', i * 0.2) }));
    const onSleeper = runDetection(dataset(txs), profile('ec-uafe')).filter((alert) => alert.accounts.includes('SLEEPER'));
    expect(onSleeper).toHaveLength(1);
    expect(onSleeper[0]?.shapes).toEqual(expect.arrayContaining(['dormant-reactivation', 'fan-in']));
    expect(onSleeper[0]?.transactions).toHaveLength(12);
  });

  it('gives the same ids on a re-run and on reordered input, so triage stays attached', () => {
    const first = runDetection(dataset(mixedCase()), profile('ec-uafe'));
    const second = runDetection(dataset([...mixedCase()].reverse()), profile('ec-uafe'));
    expect(second.map((alert) => alert.id).sort()).toEqual(first.map((alert) => alert.id).sort());
    expect(first.find((alert) => alert.typology === 'cycle')?.id).toBe(alertId('cycle', ['C3', 'C1', 'C2'], []));
    expect(alertId('cycle', ['C1', 'C2'], [])).not.toBe(alertId('cycle', ['C1', 'C3'], []));
    expect(alertId('cycle', ['C1'], [])).not.toBe(alertId('fan-in', ['C1'], []));
  });

  it('stops with DetectionCancelledError when the analyst cancels, before or during the run', () => {
    const data = dataset(mixedCase());
    expect(() => runDetection(data, profile('ec-uafe'), { isCancelled: () => true })).toThrow(DetectionCancelledError);
    let typologiesStarted = 0;
    const seen = new Set<string>();
    expect(() =>
      runDetection(data, profile('ec-uafe'), {
        onProgress: (_fraction, id) => {
          if (!seen.has(id)) {
            seen.add(id);
            typologiesStarted++;
          }
        },
        isCancelled: () => typologiesStarted >= 3,
      }),
    ).toThrow(DetectionCancelledError);
    expect(typologiesStarted).toBeLessThan(TYPOLOGIES.length);
  });

  it('reports progress from 0 to 1 in order, naming each typology', () => {
    const reports: [number, string][] = [];
    runDetection(dataset(mixedCase()), profile('ec-uafe'), { onProgress: (fraction, id) => reports.push([fraction, id]) });
    const fractions = reports.map(([fraction]) => fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeCloseTo(1, 6);
    expect(new Set(reports.map(([, id]) => id))).toEqual(new Set(EXPECTED_IDS));
  });

  it('applies the profile: parameter overrides, switched-off typologies and invalid overrides', () => {
    const data = dataset(mixedCase());
    const stricter = profile('ec-uafe');
    stricter.typologyParams = { structuring: { minDeposits: 4 } };
    expect(runDetection(data, stricter).some((alert) => alert.typology === 'structuring')).toBe(false);
    const withoutCycles = profile('ec-uafe');
    withoutCycles.disabledTypologies = ['cycle'];
    expect(runDetection(data, withoutCycles).some((alert) => alert.typology === 'cycle')).toBe(false);
    const broken = profile('ec-uafe');
    broken.typologyParams = { cycle: { maxLength: 40 } };
    expect(() => runDetection(data, broken)).toThrow(/typology "cycle", parameter "maxLength"/);
  });

  it('copes with an empty case and with currencies the profile has no rate for', () => {
    expect(runDetection(dataset([]), profile('co-uiaf'))).toEqual([]);
    const strange = Array.from({ length: 12 }, (_, i) => tx({ from: `S-${i}`, to: 'XAF-HUB', amount: 900_000, currency: 'XAF', time: addDays('2025-03-03', i * 0.2) }));
    expect(() => runDetection(dataset(strange), profile('co-uiaf'))).not.toThrow();
    expect(currenciesWithoutRate(dataset(strange), profile('co-uiaf'))).toEqual(['XAF']);
  });

  it('looks typologies up by id', () => {
    expect(typologyById('cycle')?.names.es).toMatch(/Ciclo/);
    expect(typologyById('nope')).toBeUndefined();
  });
});

describe('merging and ranking', () => {
  const alert = (id: string, transactions: string[], score: number, accounts: string[] = []): Alert => ({
    id,
    typology: 'structuring',
    score,
    accounts,
    parties: [],
    transactions,
    shipments: [],
    window: { from: 0, to: 10 },
    totals: { USD: transactions.length * 100 },
    explanation: { es: id, en: id },
  });
  const totalsFor = (ids: string[]) => ({ USD: ids.length * 100 });

  it('joins alerts of one typology whose evidence heavily overlaps, keeping the stronger score and all evidence', () => {
    const merged = mergeOverlapping([alert('by-account', ['t1', 't2', 't3', 't4'], 60, ['A']), alert('by-depositor', ['t2', 't3', 't4', 't5'], 75, ['B'])], totalsFor);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.transactions.sort()).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(merged[0]?.accounts).toEqual(['A', 'B']);
    expect(merged[0]?.score).toBe(75);
    expect(merged[0]?.totals).toEqual({ USD: 500 });
    expect(merged[0]?.id).toBe(alertId('structuring', ['t1', 't2', 't3', 't4', 't5'], []));
  });

  it('keeps alerts apart when they share little', () => {
    expect(mergeOverlapping([alert('a', ['t1', 't2', 't3', 't4'], 60), alert('b', ['t4', 't5', 't6', 't7'], 70)], totalsFor)).toHaveLength(2);
  });

  it('ranks by score, then by id for a stable order', () => {
    const ranked = rank([alert('b', ['x'], 50), alert('c', ['y'], 90), alert('a', ['z'], 50)]);
    expect(ranked.map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
  });
});
