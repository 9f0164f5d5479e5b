import { describe, expect, it } from 'vitest';
import { sameFlags, sameMembers, sameRates } from '../../../renderer/features/graph/stableValues';

describe('chart inputs kept while their content is the same', () => {
  it('sets: same members in any order are the same; one more, one fewer or one other is not', () => {
    expect(sameMembers(new Set(), new Set())).toBe(true);
    expect(sameMembers(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameMembers(new Set(['a']), new Set(['a', 'b']))).toBe(false);
    expect(sameMembers(new Set(['a', 'b']), new Set(['a']))).toBe(false);
    expect(sameMembers(new Set(['a', 'b']), new Set(['a', 'c']))).toBe(false);
  });

  it('screening marks: the same nodes with the same PEP and watch-list marks', () => {
    const marks = new Map([['n1', { pep: true, watchList: false }]]);
    expect(sameFlags(marks, new Map([['n1', { pep: true, watchList: false }]]))).toBe(true);
    expect(sameFlags(marks, new Map([['n1', { pep: true, watchList: true }]]))).toBe(false);
    expect(sameFlags(marks, new Map([['n2', { pep: true, watchList: false }]]))).toBe(false);
    expect(sameFlags(marks, new Map())).toBe(false);
  });

  it('rates: the same currencies at the same rates; a missing profile differs from any rates', () => {
    expect(sameRates({ COP: 4100, EUR: 0.92 }, { EUR: 0.92, COP: 4100 })).toBe(true);
    expect(sameRates({ COP: 4100 }, { COP: 4150 })).toBe(false);
    expect(sameRates({ COP: 4100 }, { COP: 4100, EUR: 0.92 })).toBe(false);
    expect(sameRates(undefined, {})).toBe(false);
    expect(sameRates(undefined, undefined)).toBe(true);
  });
});
