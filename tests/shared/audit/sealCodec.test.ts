import { describe, expect, it } from 'vitest';
import { decodeSealable, encodeSealable } from '../../../shared/audit/sealCodec';

describe('sealed value codec', () => {
  it('round-trips a packed record chunk exactly, typed arrays and absent fields included', () => {
    const chunk = {
      caseId: 'c1',
      importId: 'c1:abc',
      kind: 'transaction',
      index: 3,
      packed: {
        format: 'columns/2',
        length: 3,
        keys: ['id', 'amount', 'channel', 'note'],
        columns: [['t1', 't2', 't3'], new Float64Array([1.5, -0, 1e21]), new Uint16Array([0, 1, 0]), ['x', undefined, 'z']],
        dictionaries: [null, null, ['CASH', 'WIRE'], null],
        sourceFile: 'f'.repeat(64),
        sourceLines: new Float64Array([2, 3, 4]),
      },
      when: new Date(1_700_000_000_000),
      odd: [Number.NaN, Number.POSITIVE_INFINITY, -0, null, true, 'ñandú €'],
      nested: { deeper: [{ bytes: new Uint8Array([1, 2, 255]) }, new Int32Array([-7, 7])] },
    };
    const back = decodeSealable(encodeSealable(chunk)) as typeof chunk;
    expect(back).toEqual(chunk);
    expect(back.packed.columns[1]).toBeInstanceOf(Float64Array);
    expect(Object.is((back.packed.columns[1] as Float64Array)[1], -0)).toBe(true);
    expect(back.packed.columns[2]).toBeInstanceOf(Uint16Array);
    expect((back.packed.columns[3] as unknown[])[1]).toBeUndefined();
    expect(back.when).toBeInstanceOf(Date);
    expect(Object.is(back.odd[2], -0)).toBe(true);
    expect(back.nested.deeper[1]).toBeInstanceOf(Int32Array);
  });

  it('drops members whose value is undefined, as an absent field', () => {
    const back = decodeSealable(encodeSealable({ a: 1, b: undefined })) as Record<string, unknown>;
    expect(back).toEqual({ a: 1 });
    expect('b' in back).toBe(false);
  });

  it('refuses what it cannot carry, and bytes that are not a sealed value', () => {
    expect(() => encodeSealable({ map: new Map() })).toThrow(/Map/);
    expect(() => encodeSealable({ '\u0000': 1 })).toThrow(/key/);
    expect(() => decodeSealable(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a Caudal sealed value/);
  });
});
