import { describe, expect, it } from 'vitest';
import { indexCase } from '../../../shared/detect/indexing';
import { noveltyOf } from '../../../shared/detect/relative/novelty';
import { addDays, dataset, profile, seeded, tx } from './helpers';

/** Whether each transfer (by id) opens a new relationship, as the relative detectors see it. */
function novelById(transactions: ReturnType<typeof tx>[]): Map<string, boolean> {
  const index = indexCase(dataset(transactions), profile('co-uiaf'));
  const novelty = noveltyOf(index);
  const out = new Map<string, boolean>();
  // The index keeps the case's transaction order: transfer i is transactions[i].
  expect(index.transactionCount).toBe(transactions.length);
  for (let i = 0; i < index.transactionCount; i++) out.set((transactions[i] as ReturnType<typeof tx>).id, novelty.novel[i] === 1);
  return out;
}

describe('new relationships (novelty)', () => {
  it('calls a one-off, and a payment with its quick return, new; a pair that deals again is not', () => {
    const day = (n: number) => addDays('2025-03-01', n);
    const novel = novelById([
      tx({ id: 'one-off', from: 'A', to: 'B', amount: 500, time: day(0) }),
      // Z sorts after Y and before them both: each pair is met from either end of the account numbering.
      tx({ id: 'sent', from: 'Z', to: 'Y', amount: 900, time: day(1) }),
      tx({ id: 'returned', from: 'Y', to: 'Z', amount: 880, time: day(6) }),
      tx({ id: 'twice-1', from: 'E', to: 'F', amount: 100, time: day(2) }),
      tx({ id: 'twice-2', from: 'E', to: 'F', amount: 100, time: day(9) }),
      tx({ id: 'late-1', from: 'G', to: 'H', amount: 300, time: day(1) }),
      tx({ id: 'late-back', from: 'H', to: 'G', amount: 300, time: day(40) }),
      tx({ id: 'thrice-1', from: 'I', to: 'J', amount: 50, time: day(1) }),
      tx({ id: 'thrice-2', from: 'J', to: 'I', amount: 50, time: day(2) }),
      tx({ id: 'thrice-3', from: 'I', to: 'J', amount: 50, time: day(3) }),
      tx({ id: 'self', from: 'K', to: 'K', amount: 70, time: day(4) }),
    ]);
    expect(Object.fromEntries(novel)).toEqual({
      'one-off': true,
      sent: true,
      returned: true,
      'twice-1': false,
      'twice-2': false,
      'late-1': false,
      'late-back': false,
      'thrice-1': false,
      'thrice-2': false,
      'thrice-3': false,
      self: false,
    });
  });

  it('counts each pair once whatever order its accounts and transfers come in', () => {
    // A few hundred transfers among 30 accounts: every verdict must equal the definition, worked out plainly here.
    const random = seeded(11);
    const transactions = Array.from({ length: 400 }, (_, k) => {
      const from = `ACC${Math.floor(random() * 30)}`;
      const to = `ACC${Math.floor(random() * 30)}`;
      return tx({ id: `t${k}`, from, to, amount: 100 + k, time: addDays('2025-01-01', Math.floor(random() * 120)) });
    });
    const novel = novelById(transactions);
    const pairOf = (t: (typeof transactions)[number]) => [t.fromAccount, t.toAccount].sort().join('|');
    const byPair = new Map<string, (typeof transactions)[number][]>();
    for (const t of transactions) if (t.fromAccount !== t.toAccount) byPair.set(pairOf(t), [...(byPair.get(pairOf(t)) ?? []), t]);
    let newOnes = 0;
    for (const t of transactions) {
      const pair = t.fromAccount === t.toAccount ? [] : (byPair.get(pairOf(t)) ?? []);
      const other = pair.find((o) => o !== t);
      const expected = pair.length === 1 || (pair.length === 2 && other !== undefined && other.fromAccount !== t.fromAccount && Math.abs(other.timestamp - t.timestamp) <= 14 * 86_400_000);
      expect(novel.get(t.id), t.id).toBe(expected);
      if (expected) newOnes++;
    }
    expect(newOnes).toBeGreaterThan(20);
  });
});
