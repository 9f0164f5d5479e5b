/**
 * The score is stated as odds: a network-shape alert at the balanced minimum score is one that chance would
 * produce well under once per case. On a bank made of nothing but chance — regular payees plus one-off transfers
 * between random accounts on random days, the null hypothesis every relative detector prices — the detectors
 * must keep that promise. A fan window starts at one of the account's own transfers, so only the transfers after
 * it are evidence: counting the first as well made four strangers in a week on a quiet account look fifty times
 * rarer than it is, and a large bank of such accounts raised dozens of fan alerts (own generator at 1M: fan-out
 * precision 0.67).
 */
import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import { NETWORK_SHAPES } from '../../../shared/detect/registry';
import { surpriseFromScore } from '../../../shared/detect/relative/surprise';
import { sensitivityParameters } from '../../../shared/detect/sensitivity';
import type { Transaction } from '../../../shared/model';
import { addDays, dataset, profile, seeded, tx } from './helpers';

const ACCOUNTS = 3_000;
const DAYS = 180;
const id = (i: number) => `N${String(i).padStart(4, '0')}`;
const day = (d: number) => addDays('2024-01-01', d, 0);

/** Everyone pays two fixed payees every month; `oneOffs` transfers join random strangers on random days. */
function chanceBank(seed: number, oneOffs: number): Transaction[] {
  const random = seeded(seed);
  const txs: Transaction[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const offset = Math.floor(random() * 30);
    for (const payee of [(i + 1) % ACCOUNTS, (i + 11) % ACCOUNTS]) {
      for (let d = offset; d < DAYS; d += 30) txs.push(tx({ from: id(i), to: id(payee), amount: 200 + Math.round(random() * 800), time: day(d) }));
    }
  }
  const pairs = new Set<string>();
  while (pairs.size < oneOffs) {
    const from = Math.floor(random() * ACCOUNTS);
    const to = Math.floor(random() * ACCOUNTS);
    const key = from < to ? `${from}-${to}` : `${to}-${from}`;
    if (from === to || Math.abs(from - to) === 1 || Math.abs(from - to) === 11 || pairs.has(key)) continue;
    pairs.add(key);
    txs.push(tx({ from: id(from), to: id(to), amount: 100 + Math.round(random() * 900), time: day(Math.floor(random() * DAYS)) }));
  }
  return txs;
}

/** Chance alerts each shape family may raise on `cases` cases of `accounts` accounts at the balanced minimum score. */
function promised(typologies: number, cases: number, perThousandAccounts: boolean): number {
  const odds = 10 ** -surpriseFromScore(sensitivityParameters('balanced').minScore);
  return typologies * cases * odds * (perThousandAccounts ? ACCOUNTS / 1000 : 1);
}

describe('scores keep their odds on a bank of pure chance', () => {
  it('quiet accounts meeting a few strangers at random raise about as many network alerts as the score promises, not a dozen fans', { timeout: 60_000 }, () => {
    // Two one-off transfers per account over half a year: four strangers within a week happen here by chance.
    const fans = new Set(['fan-in', 'fan-out', 'scatter-gather', 'gather-scatter']);
    let fanAlerts = 0;
    let pathAlerts = 0;
    for (const seed of [3, 17]) {
      const alerts = runDetection(dataset(chanceBank(seed, ACCOUNTS * 2)), profile('ec-uafe')).filter((alert) => NETWORK_SHAPES.has(alert.typology));
      fanAlerts += alerts.filter((alert) => fans.has(alert.typology)).length;
      pathAlerts += alerts.filter((alert) => !fans.has(alert.typology)).length;
    }
    // Fans are discounted over the whole case, paths per 1,000 accounts (REFERENCE_ACCOUNTS); twice the promise
    // leaves room for the luck of two small samples. Counting each fan window's first transfer as evidence raised 11.
    expect(fanAlerts).toBeLessThanOrEqual(2 * promised(fans.size, 2, false));
    expect(pathAlerts).toBeLessThanOrEqual(2 * promised(3, 2, true));
  });
});

describe('the baseline is an ordinary account’s pace, not the hubs’', () => {
  /** 400 accounts with regular payees, a few one-offs between strangers, and `firms` firms each paying 60 one-off payees. */
  function bankWithFirms(firms: number): Transaction[] {
    const random = seeded(5);
    const txs: Transaction[] = [];
    const n = 400;
    for (let i = 0; i < n; i++) for (const payee of [(i + 1) % n, (i + 11) % n]) for (let d = i % 30; d < DAYS; d += 30) txs.push(tx({ from: id(i), to: id(payee), amount: 300, time: day(d) }));
    for (let k = 0; k < 300; k++) {
      const from = 20 + Math.floor(random() * (n - 20));
      const to = 20 + Math.floor(random() * (n - 20));
      if (from !== to && Math.abs(from - to) !== 1 && Math.abs(from - to) !== 11) txs.push(tx({ from: id(from), to: id(to), amount: 250, time: day(Math.floor(random() * DAYS)) }));
    }
    // Irregular days: a firm paying exactly every third day would be a schedule of its own.
    for (let f = 0; f < firms; f++) for (let k = 0; k < 60; k++) txs.push(tx({ from: `FIRM-${f}`, to: `PAYEE-${f}-${k}`, amount: 900, time: day(k * 3 + Math.floor(random() * 3)) }));
    // The scheme: an ordinary account that never met a stranger pays four within eight days.
    for (let k = 0; k < 4; k++) txs.push(tx({ from: id(3), to: `MULE-${k}`, amount: 2_000, time: day(100 + [0, 3, 5, 8][k]!) }));
    return txs;
  }

  it('a bank whose firms pay hundreds of one-off payees judges a quiet account paying four strangers in eight days against a quiet account’s pace', () => {
    const usual = (firms: number) => {
      const alerts = runDetection(dataset(bankWithFirms(firms)), profile('ec-uafe'), { only: ['fan-out'] });
      // The firms pay strangers all half-year long: that is their pace, not a burst.
      expect(alerts.filter((alert) => alert.focus?.startsWith('FIRM-')), `${firms} firms`).toEqual([]);
      const quiet = alerts.find((alert) => alert.focus === id(3));
      expect(quiet, `${firms} firms`).toBeDefined();
      return quiet?.explanation.en.match(/; ([\d.]+) would be usual/)?.[1];
    };
    // Six firms' 360 payees counted in everyone's baseline had doubled it (0.04 → 0.09 expected in those eight days).
    expect(usual(6)).toBe(usual(0));
  });
});
