import { describe, expect, it } from 'vitest';
import { mergeSchemes } from '../../../shared/detect/schemes';
import type { Alert } from '../../../shared/model';

const names = (typology: string) => ({ es: typology, en: typology });
const network = () => true;
const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, k) => `${prefix}${from + k}`);

function alert(typology: string, score: number, accounts: string[]): Alert {
  return {
    id: `${typology}-${score}`,
    typology,
    score,
    accounts,
    parties: [],
    transactions: accounts.map((account) => `tx-${typology}-${account}`),
    shipments: [],
    window: { from: 0, to: 1 },
    totals: { USD: 100 },
    explanation: { es: typology, en: typology },
  };
}

describe('scheme merging', () => {
  // A scatter-gather: origin, nine middle accounts, one sink.
  const ring = ['origin', ...range('mid', 0, 9), 'sink'];

  it('merges the hub\'s own shapes into its strongest alert and names them all', () => {
    const merged = mergeSchemes([alert('scatter-gather', 95, ring), alert('fan-out', 89, ring.slice(0, 10)), alert('fan-in', 80, ring.slice(1))], network, names);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.typology).toBe('scatter-gather');
    expect(merged[0]?.shapes).toEqual(['scatter-gather', 'fan-out', 'fan-in']);
    expect(new Set(merged[0]?.accounts)).toEqual(new Set(ring));
  });

  it('a weaker, wider alert on the same hub does not pad the scheme with accounts only it names', () => {
    // The origin's fan-out over every stranger it paid that month: the nine middle accounts and fifteen others.
    const wideFanOut = alert('fan-out', 66, ['origin', ...range('mid', 0, 9), ...range('stranger', 0, 15)]);
    const merged = mergeSchemes([alert('scatter-gather', 95, ring), wideFanOut], network, names);
    const scheme = merged.find((found) => found.typology === 'scatter-gather');
    expect(scheme?.accounts).toHaveLength(ring.length);
    expect(scheme?.accounts.some((account) => account.startsWith('stranger'))).toBe(false);
    // Not dropped: the wider evidence stays an alert of its own.
    expect(merged.find((found) => found.typology === 'fan-out')?.accounts).toHaveLength(25);
  });

  it('a weak alert never glues two strong schemes together', () => {
    const left = alert('cycle', 90, range('a', 0, 4));
    const right = alert('cycle', 85, range('b', 0, 4));
    const bridge = alert('fan-in', 30, [...range('a', 0, 2), ...range('b', 0, 2)]);
    const merged = mergeSchemes([left, right, bridge], network, names);
    // The bridge may join one of them, never both: no alert holds the far ends of the two cycles.
    expect(merged.filter((found) => found.typology === 'cycle')).toHaveLength(2);
    expect(merged.some((found) => found.accounts.includes('a3') && found.accounts.includes('b3'))).toBe(false);
  });
});
