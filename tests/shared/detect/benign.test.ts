import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import type { Transaction } from '../../../shared/model';
import { addDays, dataset, profile, seeded, tx } from './helpers';

/**
 * Six months of ordinary life that resembles the typologies: none of it may
 * raise an alert, under any unit's thresholds.
 */
function ordinaryLife(): Transaction[] {
  const random = seeded(42);
  const txs: Transaction[] = [];
  const start = '2025-01-01';
  const months = 6;

  // Payroll: a holding funds the payroll account the day before payday; twelve equal salaries go out.
  for (let m = 0; m < months; m++) {
    const payday = m * 30 + 27;
    txs.push(tx({ from: 'HOLDCO', to: 'PAYROLL', amount: 12 * 1_800, time: addDays(start, payday - 1, 9) }));
    for (let e = 0; e < 12; e++) txs.push(tx({ from: 'PAYROLL', to: `EMPLOYEE-${e}`, amount: 1_800, time: addDays(start, payday, 10) }));
  }

  // A shop: payments from 150 customers all season long, at the terminal or by instant transfer, and its own supplier once a month.
  for (let d = 0; d < months * 30; d++) {
    for (let k = 0; k < 4; k++) {
      const customer = Math.floor(random() * 150);
      txs.push(tx({ from: `CUSTOMER-${customer}`, to: 'SHOP', amount: Math.round(20 + random() * 130), time: addDays(start, d, 9 + k * 2), channel: k % 2 === 0 ? 'card' : 'transfer' }));
    }
  }
  for (let m = 0; m < months; m++) txs.push(tx({ from: 'SHOP', to: 'WHOLESALER', amount: Math.round(6_000 + random() * 2_000), time: addDays(start, m * 30 + 5) }));

  // A café: most of its payers are card customers, one-off each (a crowd during the ten days of the town's fair),
  // but most of its payments are the weekly transfers of three regular partners (owner, delivery app, caterer).
  for (let w = 0; w < 26; w++) for (const partner of ['OWNER', 'DELIVERY-APP', 'CATERER']) txs.push(tx({ from: partner, to: 'CAFE', amount: Math.round(300 + random() * 400), time: addDays(start, w * 7 + 2) }));
  for (let c = 0; c < 12; c++) txs.push(tx({ from: `DINER-${c}`, to: 'CAFE', amount: Math.round(8 + random() * 30), time: addDays(start, 10 + c * 12, 13), channel: 'card' }));
  for (let c = 12; c < 26; c++) txs.push(tx({ from: `DINER-${c}`, to: 'CAFE', amount: Math.round(8 + random() * 30), time: addDays(start, 160 + (c % 10), 20), channel: 'card' }));

  // A family sending money back and forth.
  const family = ['MOTHER', 'SON', 'DAUGHTER'];
  for (let i = 0; i < 40; i++) {
    const from = family[Math.floor(random() * 3)] as string;
    let to = family[Math.floor(random() * 3)] as string;
    if (to === from) to = family[(family.indexOf(from) + 1) % 3] as string;
    txs.push(tx({ from, to, amount: Math.round(200 + random() * 600), time: addDays(start, Math.floor(random() * 180)) }));
  }

  // Rent: five tenants pay the same landlord the same round figure on the first of every month.
  for (let m = 0; m < months; m++) for (let t = 0; t < 5; t++) txs.push(tx({ from: `TENANT-${t}`, to: 'LANDLORD', amount: 1_500, time: addDays(start, m * 30, 8 + t) }));

  // A loan paid out once and repaid in equal instalments.
  txs.push(tx({ from: 'LENDER', to: 'BORROWER', amount: 30_000, time: addDays(start, 3) }));
  for (let m = 1; m < months; m++) txs.push(tx({ from: 'BORROWER', to: 'LENDER', amount: 2_700, time: addDays(start, m * 30 + 3) }));

  // A company paying its regular suppliers every three to five weeks.
  for (let s = 0; s < 6; s++) {
    let day = Math.floor(random() * 20);
    while (day < months * 30) {
      txs.push(tx({ from: 'FACTORY', to: `SUPPLIER-${s}`, amount: Math.round(2_000 + random() * 6_000), time: addDays(start, day) }));
      day += 21 + Math.floor(random() * 14);
    }
  }
  return txs;
}

describe('benign look-alikes', () => {
  const data = dataset(ordinaryLife());

  for (const unit of ['ec-uafe', 'co-uiaf', 'mx-uif', 'do-uaf']) {
    it(`raise no alert under ${unit}`, () => {
      const alerts = runDetection(data, profile(unit));
      expect(alerts.map((alert) => `${alert.typology}: ${alert.explanation.en}`)).toEqual([]);
    });
  }

  it('still let a real funnel through when it hides among them', () => {
    const funnel = Array.from({ length: 12 }, (_, i) => tx({ from: `MULE-${i}`, to: 'SHOP', amount: 4_000, time: addDays('2025-04-10', i * 0.3) }));
    const alerts = runDetection(dataset([...ordinaryLife(), ...funnel]), profile('ec-uafe'));
    expect(alerts.map((alert) => alert.typology)).toContain('fan-in');
  });
});
