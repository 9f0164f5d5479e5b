import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BUILTIN_PROFILES,
  FATF_LISTS,
  ProfileError,
  UnitProfileSchema,
  builtinProfile,
  parseProfileJson,
  profileToJson,
  typologyParamsFor,
  type UnitProfile,
} from '../../../shared/profiles';
import type { Typology } from '../../../shared/detect/types';

const EXPECTED_IDS = ['co-uiaf', 'ec-uafe', 'pa-uaf', 'hn-uif', 'mx-uif', 'do-uaf'];

const sampleTypology: Typology = {
  id: 'sample',
  names: { es: 'Muestra', en: 'Sample' },
  description: { es: 'Muestra', en: 'Sample' },
  params: z.object({ windowDays: z.number().int().positive().default(7), minCount: z.number().int().min(2).default(3) }),
  run: () => [],
};

function withOverrides(profile: UnitProfile, overrides: Record<string, unknown>): UnitProfile {
  return { ...profile, typologyParams: { sample: overrides } };
}

describe('built-in profiles', () => {
  it('ships the six units, each valid against the schema', () => {
    expect(BUILTIN_PROFILES.map((profile) => profile.id)).toEqual(EXPECTED_IDS);
    for (const profile of BUILTIN_PROFILES) {
      expect(() => UnitProfileSchema.parse(profile)).not.toThrow();
      expect(profile.language).toBe('es');
      expect(profile.builtIn).toBe(true);
    }
  });

  it('marks every legal figure and the exchange rates as defaults to confirm', () => {
    for (const profile of BUILTIN_PROFILES) {
      const thresholds = [profile.cashThreshold, profile.aggregateThreshold].filter((value) => value !== undefined);
      for (const threshold of thresholds) {
        expect(threshold.confirmed).toBe(false);
        expect(threshold.note).toMatch(/confirm/i);
      }
      expect(profile.fxConfirmed).toBe(false);
      expect(profile.fxNote).toMatch(/confirm/i);
    }
  });

  it('carries the figures of each unit', () => {
    const colombia = builtinProfile('co-uiaf');
    expect(colombia?.currency).toBe('COP');
    expect(colombia?.cashThreshold).toMatchObject({ amount: 10_000_000, currency: 'COP' });
    expect(colombia?.aggregateThreshold).toMatchObject({ amount: 50_000_000, currency: 'COP' });
    expect(builtinProfile('ec-uafe')?.cashThreshold).toMatchObject({ amount: 10_000, currency: 'USD' });
    expect(builtinProfile('pa-uaf')?.fxPerUsd.PAB).toBe(1);
    expect(builtinProfile('hn-uif')?.currency).toBe('HNL');
    expect(builtinProfile('mx-uif')?.cashThreshold).toMatchObject({ amount: 7_500, currency: 'USD' });
    expect(builtinProfile('do-uaf')?.cashThreshold).toMatchObject({ amount: 15_000, currency: 'USD' });
    for (const code of ['COP', 'MXN', 'HNL', 'DOP', 'PAB', 'EUR']) expect(colombia?.fxPerUsd[code]).toBeGreaterThan(0);
  });

  it('keeps the FATF lists as dated, editable data per profile', () => {
    expect(FATF_LISTS.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(FATF_LISTS.source).toMatch(/FATF/);
    expect(FATF_LISTS.highRisk).toEqual(['KP', 'IR', 'MM']);
    const [first, second] = BUILTIN_PROFILES;
    first?.jurisdictions.unitAdded.push('PA');
    expect(second?.jurisdictions.unitAdded).toEqual([]);
    expect(FATF_LISTS.unitAdded).toEqual([]);
    first?.jurisdictions.unitAdded.pop();
  });
});

describe('profile JSON', () => {
  const colombia = builtinProfile('co-uiaf') as UnitProfile;

  it('round-trips through JSON', () => {
    expect(parseProfileJson(profileToJson(colombia))).toEqual(colombia);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseProfileJson('{ "id": ')).toThrow(/not valid JSON/);
  });

  it('names the offending field of a malformed profile', () => {
    const raw = JSON.parse(profileToJson(colombia));
    raw.cashThreshold.amount = -5;
    expect(() => parseProfileJson(JSON.stringify(raw))).toThrow('cashThreshold.amount: expected a positive number');
    raw.cashThreshold.amount = 'diez millones';
    expect(() => parseProfileJson(JSON.stringify(raw))).toThrow('cashThreshold.amount: expected a number, got string');
  });

  it('names nested list entries and missing fields', () => {
    const raw = JSON.parse(profileToJson(colombia));
    raw.jurisdictions.highRisk[1] = 'iran';
    delete raw.currency;
    let error: unknown;
    try {
      parseProfileJson(JSON.stringify(raw));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProfileError);
    const issues = (error as ProfileError).issues;
    expect(issues.some((issue) => issue.startsWith('jurisdictions.highRisk.1:'))).toBe(true);
    expect(issues).toContain('currency: expected a string, got nothing');
  });
});

describe('typologyParamsFor', () => {
  const ecuador = builtinProfile('ec-uafe') as UnitProfile;

  it('uses the typology defaults when the profile says nothing', () => {
    expect(typologyParamsFor(ecuador, sampleTypology)).toEqual({ windowDays: 7, minCount: 3 });
  });

  it('lays the profile overrides over the defaults', () => {
    expect(typologyParamsFor(withOverrides(ecuador, { minCount: 5 }), sampleTypology)).toEqual({ windowDays: 7, minCount: 5 });
  });

  it('refuses an invalid override naming typology and parameter', () => {
    expect(() => typologyParamsFor(withOverrides(ecuador, { minCount: 1 }), sampleTypology)).toThrow(/typology "sample", parameter "minCount"/);
    expect(() => typologyParamsFor(withOverrides(ecuador, { windowDays: 'siete' }), sampleTypology)).toThrow(/parameter "windowDays"/);
  });

  it('refuses an unknown parameter rather than ignoring it', () => {
    expect(() => typologyParamsFor(withOverrides(ecuador, { windowDay: 3 }), sampleTypology)).toThrow(/unknown parameter "windowDay"/);
  });
});
