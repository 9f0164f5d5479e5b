import { describe, expect, it } from 'vitest';
import { amountBand, hourCell, timeViewCounts, toggleIn, transactionPredicate } from '../../../shared/graph';
import { T0, tx } from './fixtures';

// T0 is Wednesday 1 January 2025, 00:00 UTC.
const HOUR = 3_600_000;
const transactions = [
  tx('A', 'B', 500, 0, { channel: 'cash', timestamp: T0 + 9 * HOUR }),
  tx('A', 'B', 7_000, 0, { channel: 'wire', timestamp: T0 + 23 * HOUR }),
  tx('B', 'C', 9_999, 5, { channel: 'cash' }), // Monday 6 January, 00:00
  tx('C', 'A', 2_000_000, 6, { channel: 'wire' }),
];

describe('time views as filters', () => {
  it('puts amounts in log bands and times in weekday × hour cells (Monday = 0, UTC)', () => {
    expect([amountBand(0), amountBand(999.99), amountBand(1_000), amountBand(9_999), amountBand(2e6), amountBand(5e7)]).toEqual([0, 0, 1, 2, 6, 7]);
    expect(hourCell(T0 + 9 * HOUR)).toBe(2 * 24 + 9);
    expect(hourCell(T0 + 5 * 86_400_000)).toBe(0);
  });

  it('counts every view, each ignoring its own filter so its other bars stay clickable', () => {
    const all = timeViewCounts(transactions);
    expect(all.amountBands).toEqual([1, 0, 2, 0, 0, 0, 1, 0]);
    expect(all.channels).toEqual([{ channel: 'cash', count: 2 }, { channel: 'wire', count: 2 }]);
    expect(all.hourCells[2 * 24 + 9]).toBe(1);
    const cashOnly = timeViewCounts(transactions, { channels: ['cash'] });
    expect(cashOnly.amountBands).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    expect(cashOnly.channels).toHaveLength(2);
  });

  it('filters by amount band, channel and hour cell together', () => {
    expect(transactions.filter(transactionPredicate({ amountBands: [2] })).map((item) => item.amount)).toEqual([7_000, 9_999]);
    expect(transactions.filter(transactionPredicate({ amountBands: [2], channels: ['cash'] })).map((item) => item.amount)).toEqual([9_999]);
    expect(transactions.filter(transactionPredicate({ hourCells: [2 * 24 + 23] })).map((item) => item.amount)).toEqual([7_000]);
    expect(transactions.filter(transactionPredicate(null))).toHaveLength(4);
    expect(transactions.filter(transactionPredicate({ amountBands: [], channels: [] }))).toHaveLength(4);
  });

  it('toggles values in a filter list', () => {
    expect(toggleIn([1, 2], 2)).toEqual([1]);
    expect(toggleIn(undefined, 'cash')).toEqual(['cash']);
  });
});
