import { describe, expect, it } from 'vitest';
import { SENSITIVITIES, SENSITIVITY_DESCRIPTIONS, SENSITIVITY_NAMES, SENSITIVITY_PARAMETER_LABELS, sensitivityParameters } from '../../../shared/detect/sensitivity';
import { AlertSchema } from '../../../shared/model';
import { UnitProfileSchema, builtinProfile, profileSensitivity } from '../../../shared/profiles';

describe('sensitivity presets', () => {
  it('names and describes every level in both languages and documents every parameter', () => {
    for (const level of SENSITIVITIES) {
      expect(SENSITIVITY_NAMES[level].es && SENSITIVITY_NAMES[level].en).toBeTruthy();
      expect(SENSITIVITY_DESCRIPTIONS[level].es && SENSITIVITY_DESCRIPTIONS[level].en).toBeTruthy();
      for (const key of Object.keys(sensitivityParameters(level))) expect(SENSITIVITY_PARAMETER_LABELS[key as keyof typeof SENSITIVITY_PARAMETER_LABELS]).toBeDefined();
    }
  });

  it('orders the levels: conservative asks for more evidence than balanced, balanced more than exhaustive', () => {
    const [conservative, balanced, exhaustive] = SENSITIVITIES.map((level) => sensitivityParameters(level));
    expect(conservative?.minScore).toBeGreaterThan(balanced?.minScore ?? 0);
    expect(balanced?.minScore).toBeGreaterThan(exhaustive?.minScore ?? 0);
    expect(conservative?.minFanCounterparts).toBeGreaterThanOrEqual(balanced?.minFanCounterparts ?? 0);
    expect(balanced?.minFanCounterparts).toBeGreaterThanOrEqual(exhaustive?.minFanCounterparts ?? 0);
  });

  it('hands out copies, so a caller cannot change the shipped figures', () => {
    const first = sensitivityParameters('balanced');
    first.minScore = 0;
    expect(sensitivityParameters('balanced').minScore).not.toBe(0);
  });

  it('a profile without a sensitivity is balanced; an unknown level is refused', () => {
    const profile = builtinProfile('co-uiaf');
    expect(profile).toBeDefined();
    const parsed = UnitProfileSchema.parse({ ...profile, sensitivity: undefined });
    expect(profileSensitivity(parsed)).toBe('balanced');
    expect(profileSensitivity(UnitProfileSchema.parse({ ...profile, sensitivity: 'exhaustive' }))).toBe('exhaustive');
    expect(UnitProfileSchema.safeParse({ ...profile, sensitivity: 'paranoid' }).success).toBe(false);
  });

  it('alerts stored before score components and shapes existed still parse', () => {
    const old = { id: 'fan-in:x', typology: 'fan-in', score: 50, accounts: ['A'], parties: [], transactions: ['t1'], window: { from: 0, to: 1 }, totals: { USD: 1 }, explanation: { es: 'x', en: 'x' } };
    const parsed = AlertSchema.parse(old);
    expect(parsed.scoreComponents).toBeUndefined();
    expect(AlertSchema.parse({ ...old, scoreComponents: [{ id: 'burst', label: { es: 'a', en: 'b' }, value: 12 }], shapes: ['fan-in', 'cycle'] }).shapes).toEqual(['fan-in', 'cycle']);
    expect(AlertSchema.safeParse({ ...old, scoreComponents: [{ id: 'burst', value: 12 }] }).success).toBe(false);
  });
});
