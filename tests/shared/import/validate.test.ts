import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRecordCheck } from '../../../shared/import/validate';
import { RECORD_KINDS, RECORD_SCHEMAS } from '../../../shared/model';

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES: unknown[] = [
  undefined,
  '',
  ' ',
  'x',
  ' padded ',
  'COP',
  'cop',
  'CO',
  'USDX',
  '0901',
  'cash',
  'company',
  'person',
  'NIT',
  'nit',
  0,
  -1,
  1.5,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1_700_000_000_000,
  true,
  false,
  null,
  {},
];

describe('compiled record check', () => {
  for (const kind of RECORD_KINDS) {
    it(`agrees with zod for ${kind} records: never accepts what zod refuses or would change`, () => {
      const schema = (RECORD_SCHEMAS[kind] as unknown as z.ZodObject).omit({ source: true });
      const check = compileRecordCheck(schema);
      expect(check).toBeDefined();
      const keys = Object.keys(schema.shape);
      const random = prng(kind.length * 7919);
      let accepted = 0;
      for (let i = 0; i < 5000; i++) {
        const record: Record<string, unknown> = {};
        for (const key of keys) {
          const value = SAMPLES[Math.floor(random() * SAMPLES.length)];
          if (value !== undefined || random() < 0.5) record[key] = value;
        }
        if (random() < 0.05) record.extra = 'unknown key';
        const copy = { ...record };
        const zodResult = schema.safeParse(copy);
        if (check?.(record)) {
          accepted++;
          expect(zodResult.success, JSON.stringify(copy)).toBe(true);
          expect(record).toEqual(zodResult.data);
        }
      }
      // A valid record is accepted without zod.
      const valid = check?.(validRecord(kind));
      expect(valid).toBe(true);
      expect(accepted).toBeGreaterThanOrEqual(0);
    });
  }

  it('builds no check for constructs it does not know, so zod judges every row', () => {
    expect(compileRecordCheck(z.object({ when: z.date() }))).toBeUndefined();
    expect(compileRecordCheck(z.object({ email: z.email() }))).toBeUndefined();
    expect(compileRecordCheck(z.object({ n: z.number() }).refine(() => true))).toBeUndefined();
  });
});

function validRecord(kind: (typeof RECORD_KINDS)[number]): Record<string, unknown> {
  switch (kind) {
    case 'transaction':
      return { id: 'T', timestamp: 0, fromAccount: 'A', toAccount: 'B', amount: 5, currency: 'COP' };
    case 'party':
      return { id: 'CC:1', name: 'Ana', kind: 'person' };
    case 'account':
      return { id: 'A' };
    case 'shipment':
      return { id: 'S', date: 0, exporter: 'E', importer: 'I', originCountry: 'CO', destinationCountry: 'US', hsCode: '0901', quantity: 1, unit: 'kg', declaredValue: 1, currency: 'USD' };
  }
}
