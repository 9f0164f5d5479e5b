import { z } from 'zod';
import { CountrySchema, CurrencySchema } from '../model/records';
import { LanguageSchema } from '../model/alert';
import { DEFAULT_SENSITIVITY, SENSITIVITIES, type Sensitivity } from '../detect/sensitivity';

/**
 * A unit's profile: the law it works under, expressed as data. Legal figures
 * are shipped as defaults the unit must confirm (`confirmed: false`), and the
 * high-risk jurisdiction lists are dated data, never code, because FATF
 * revises them three times a year.
 */
export const MoneyThresholdSchema = z.object({
  amount: z.number().positive(),
  currency: CurrencySchema,
  confirmed: z.boolean().default(false),
  note: z.string().default(''),
});
export type MoneyThreshold = z.infer<typeof MoneyThresholdSchema>;

export const JurisdictionListSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  source: z.string().default(''),
  /** FATF "call for action" (black list). */
  highRisk: z.array(CountrySchema),
  /** FATF "increased monitoring" (grey list). */
  monitored: z.array(CountrySchema),
  /** The unit's own additions (e.g. secrecy jurisdictions it watches). */
  unitAdded: z.array(CountrySchema).default([]),
});
export type JurisdictionList = z.infer<typeof JurisdictionListSchema>;

export const UnitProfileSchema = z.object({
  schema: z.literal('caudal.profile/1').default('caudal.profile/1'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'expected a short lower-case id such as "co-uiaf"'),
  name: z.string().min(1),
  unit: z.string().min(1),
  country: CountrySchema,
  language: LanguageSchema,
  currency: CurrencySchema,
  /** Per-transaction cash reporting threshold. */
  cashThreshold: MoneyThresholdSchema,
  /** Aggregated (e.g. monthly) cash threshold where the law has one. */
  aggregateThreshold: MoneyThresholdSchema.optional(),
  /**
   * Units of each currency per 1 USD, used only to compare amounts in
   * different currencies against thresholds. Defaults to confirm.
   */
  fxPerUsd: z.record(CurrencySchema, z.number().positive()),
  /** Whether the unit has confirmed the rates above (built-in ones are indicative defaults). */
  fxConfirmed: z.boolean().default(false),
  fxNote: z.string().default(''),
  jurisdictions: JurisdictionListSchema,
  /** Per-typology parameter overrides; each typology validates its own with its zod schema. */
  typologyParams: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  /** Typologies switched off for this unit. */
  disabledTypologies: z.array(z.string()).default([]),
  builtIn: z.boolean().default(false),
  /** How many alerts the unit wants (see shared/detect/sensitivity.ts); absent means 'balanced'. */
  sensitivity: z.enum(SENSITIVITIES).optional(),
  /** Issue 13: the unit's goAML code tables (transmode, funds, role, identification → Caudal values) over the defaults; validated by shared/interop/goaml/codes.ts. */
  goamlCodes: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
export type UnitProfile = z.infer<typeof UnitProfileSchema>;

/** The profile's sensitivity, 'balanced' when it names none. */
export function profileSensitivity(profile: Pick<UnitProfile, 'sensitivity'>): Sensitivity {
  return profile.sensitivity ?? DEFAULT_SENSITIVITY;
}
