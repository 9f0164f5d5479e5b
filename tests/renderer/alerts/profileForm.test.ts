import { describe, expect, it } from 'vitest';
import { typologyById } from '../../../shared/detect';
import { builtinProfile, UnitProfileSchema } from '../../../shared/profiles';
import { formToProfile, paramSpecs, parseDecimal, profileToForm } from '../../../renderer/features/profiles/profileForm';

describe('profile editor form', () => {
  it('reads figures typed in either number convention', () => {
    expect(parseDecimal('10.000.000', 'es')).toBe(10_000_000);
    expect(parseDecimal('10,000,000', 'en')).toBe(10_000_000);
    expect(parseDecimal('3,6725', 'es')).toBe(3.6725);
    expect(parseDecimal('3.6725', 'es')).toBe(3.6725);
    expect(parseDecimal('1.234.567,89', 'es')).toBe(1_234_567.89);
    expect(parseDecimal('1,234,567.89', 'es')).toBe(1_234_567.89);
    expect(parseDecimal('0,5', 'en')).toBe(0.5);
    // The one ambiguous shape follows the UI language.
    expect(parseDecimal('1.500', 'es')).toBe(1500);
    expect(parseDecimal('1.500', 'en')).toBe(1.5);
    expect(parseDecimal('12 000', 'es')).toBe(12_000);
    for (const bad of ['', 'diez', '1,2,3', '1.2.3,4.5', '--5']) expect(parseDecimal(bad, 'es')).toBeNaN();
  });

  it('round-trips a built-in profile through the form in both languages', () => {
    const profile = builtinProfile('co-uiaf');
    if (!profile) throw new Error('co-uiaf missing');
    for (const language of ['es', 'en'] as const) {
      const { candidate, unreadable } = formToProfile(profileToForm(profile, language), language);
      expect(unreadable).toEqual([]);
      expect(UnitProfileSchema.parse(candidate)).toEqual({ ...profile, builtIn: false });
    }
  });

  it('stores only the parameters that differ from the typology default, and names unreadable numbers', () => {
    const profile = builtinProfile('ec-uafe');
    const structuring = typologyById('structuring');
    if (!profile || !structuring) throw new Error('fixtures missing');
    const specs = paramSpecs(structuring.params);
    expect(specs.find((spec) => spec.key === 'windowDays')).toMatchObject({ kind: 'number', defaultValue: 10, maximum: 90, exclusiveMinimum: 0 });
    expect(specs.find((spec) => spec.key === 'minDeposits')).toMatchObject({ kind: 'integer', defaultValue: 3, minimum: 2 });

    const form = profileToForm(profile, 'es');
    form.params.structuring = { ...form.params.structuring, windowDays: '14' };
    form.cash.amount = 'diez mil';
    const { candidate, unreadable } = formToProfile(form, 'es');
    expect(candidate.typologyParams).toEqual({ structuring: { windowDays: 14 } });
    expect(unreadable).toEqual([{ path: 'cashThreshold.amount', text: 'diez mil' }]);
  });
});

describe('profile editor number display', () => {
  it('shows figures grouped in the UI language and reads them back exactly', async () => {
    const { formatDecimal } = await import('../../../renderer/features/profiles/profileForm');
    expect(formatDecimal(10_000_000, 'es')).toBe('10.000.000');
    expect(formatDecimal(10_000_000, 'en')).toBe('10,000,000');
    for (const value of [1.375, 3.6725, 1500, 0.87, 7300, 18.5, 1_234_567.891])
      for (const language of ['es', 'en'] as const) expect(parseDecimal(formatDecimal(value, language), language)).toBe(value);
  });
});

describe('profile editor labels', () => {
  it('names every detector parameter in Spanish and English, so no raw identifier reaches the analyst', async () => {
    const { TYPOLOGIES } = await import('../../../shared/detect');
    const { profilesMessages } = await import('../../../renderer/features/profiles/messages');
    const missing: string[] = [];
    for (const typology of TYPOLOGIES)
      for (const spec of paramSpecs(typology.params))
        for (const language of ['es', 'en'] as const)
          if (!(profilesMessages[language] as Record<string, string>)[`profiles.param.${spec.key}`]) missing.push(`${language}:${typology.id}.${spec.key}`);
    expect(missing).toEqual([]);
  });
});

describe('profile sensitivity in the form', () => {
  it('stores a chosen level and leaves the default unstored', () => {
    const profile = builtinProfile('ec-uafe');
    if (!profile) throw new Error('ec-uafe missing');
    const form = profileToForm(profile, 'es');
    expect(form.sensitivity).toBe('balanced');
    expect('sensitivity' in formToProfile(form, 'es').candidate).toBe(false);
    const exhaustive = UnitProfileSchema.parse(formToProfile({ ...form, sensitivity: 'exhaustive' }, 'es').candidate);
    expect(exhaustive.sensitivity).toBe('exhaustive');
    expect(profileToForm(exhaustive, 'en').sensitivity).toBe('exhaustive');
  });
});
