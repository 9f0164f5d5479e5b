import { z } from 'zod';
import { TYPOLOGIES } from '../../../shared/detect';
import { LOCALE_OF } from '../../../shared/i18n';
import type { Language } from '../../../shared/model';
import type { MoneyThreshold, UnitProfile } from '../../../shared/profiles';
import { profileSensitivity } from '../../../shared/profiles/schema';
import { DEFAULT_SENSITIVITY, type Sensitivity } from '../../../shared/detect/sensitivity';

/**
 * The profile editor's state. Numbers are kept as the text the analyst typed
 * ("10.000.000", "3,6725") and read back with parseDecimal, so a half-typed
 * figure is never silently turned into 0 or NaN; the whole form is then
 * validated with the profile's zod schema on save.
 */
export interface ThresholdForm {
  amount: string;
  currency: string;
  confirmed: boolean;
  note: string;
}

export interface ProfileForm {
  id: string;
  name: string;
  unit: string;
  country: string;
  language: Language;
  currency: string;
  /** How many alerts the unit wants: a documented parameter set (shared/detect/sensitivity.ts). */
  sensitivity: Sensitivity;
  cash: ThresholdForm;
  hasAggregate: boolean;
  aggregate: ThresholdForm;
  fx: { currency: string; rate: string }[];
  fxConfirmed: boolean;
  fxNote: string;
  asOf: string;
  jurisdictionSource: string;
  highRisk: string;
  monitored: string;
  unitAdded: string;
  /** Values as typed, per typology and parameter; a value equal to the default is not stored as an override. */
  params: Record<string, Record<string, string | boolean>>;
  disabled: string[];
}

export interface ParamSpec {
  key: string;
  kind: 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'list';
  defaultValue: unknown;
  options?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
}

interface JsonSchemaProperty {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
}

/** Largest integer zod reports for `.int()` without an explicit maximum: not a real bound worth showing. */
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** A typology's parameters as the editor renders them, read from its zod schema (types, defaults, bounds). */
export function paramSpecs(schema: z.ZodType): ParamSpec[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(json.properties ?? {}).map(([key, property]) => {
    const kind: ParamSpec['kind'] = property.enum
      ? 'enum'
      : property.type === 'integer'
        ? 'integer'
        : property.type === 'number'
          ? 'number'
          : property.type === 'boolean'
            ? 'boolean'
            : property.type === 'array'
              ? 'list'
              : 'string';
    const spec: ParamSpec = { key, kind, defaultValue: property.default };
    if (property.enum) spec.options = property.enum.map(String);
    if (property.minimum !== undefined && property.minimum > -SAFE_MAX) spec.minimum = property.minimum;
    if (property.maximum !== undefined && property.maximum < SAFE_MAX) spec.maximum = property.maximum;
    if (property.exclusiveMinimum !== undefined) spec.exclusiveMinimum = property.exclusiveMinimum;
    if (property.exclusiveMaximum !== undefined) spec.exclusiveMaximum = property.exclusiveMaximum;
    if (property.description) spec.description = property.description;
    return spec;
  });
}

/**
 * Reads a decimal typed in either convention: "10.000.000" and "10,000,000"
 * are ten million; "3,6725" and "3.6725" are the same rate. The one ambiguous
 * shape, a single separator followed by exactly three digits ("1.500"),
 * follows the UI language: thousands in Spanish, decimals in English.
 * Returns NaN for anything that is not a number, so validation can name the field.
 */
export function parseDecimal(text: string, language: Language): number {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^-?[\d.,]+$/.test(compact) || !/\d/.test(compact)) return Number.NaN;
  const dots = (compact.match(/\./g) ?? []).length;
  const commas = (compact.match(/,/g) ?? []).length;
  let normalised: string;
  if (dots > 0 && commas > 0) {
    const decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if ((compact.match(new RegExp(`\\${decimal}`, 'g')) ?? []).length > 1) return Number.NaN;
    normalised = compact.split(group).join('').replace(decimal, '.');
  } else if (dots + commas === 0) {
    normalised = compact;
  } else {
    const separator = dots > 0 ? '.' : ',';
    const count = dots + commas;
    const parts = compact.split(separator);
    const groupsOfThree = parts.slice(1).every((part) => part.length === 3);
    if (count > 1) {
      if (!groupsOfThree) return Number.NaN;
      normalised = parts.join('');
    } else if (groupsOfThree && (parts[0] ?? '').replace('-', '').length > 0 && (parts[0] ?? '').replace('-', '') !== '0') {
      const groupSeparatorOfLanguage = language === 'es' ? '.' : ',';
      normalised = separator === groupSeparatorOfLanguage ? parts.join('') : parts.join('.');
    } else {
      normalised = parts.join('.');
    }
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Writes a number grouped the way the analyst reads it (10.000.000 / 10,000,000); parseDecimal reads it back in either language. */
export function formatDecimal(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits: 12, useGrouping: true }).format(value);
}

const codes = (list: readonly string[]) => list.join(', ');
const parseCodes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);

function thresholdForm(threshold: MoneyThreshold | undefined, fallbackCurrency: string, language: Language): ThresholdForm {
  return {
    amount: threshold ? formatDecimal(threshold.amount, language) : '',
    currency: threshold?.currency ?? fallbackCurrency,
    confirmed: threshold?.confirmed ?? false,
    note: threshold?.note ?? '',
  };
}

function paramValueToForm(value: unknown, spec: ParamSpec, language: Language): string | boolean {
  if (spec.kind === 'boolean') return Boolean(value);
  if (spec.kind === 'number' || spec.kind === 'integer') return typeof value === 'number' ? formatDecimal(value, language) : '';
  if (spec.kind === 'list') return Array.isArray(value) ? value.map(String).join(', ') : '';
  return value === undefined ? '' : String(value);
}

function paramValueFromForm(value: string | boolean, spec: ParamSpec, read: (text: string, path: string) => number, path: string): unknown {
  if (spec.kind === 'boolean') return Boolean(value);
  if (spec.kind === 'number' || spec.kind === 'integer') return read(String(value), path);
  if (spec.kind === 'list') return String(value).split(/[,;]+/).map((item) => item.trim()).filter(Boolean);
  return String(value);
}

export function profileToForm(profile: UnitProfile, language: Language): ProfileForm {
  const params: ProfileForm['params'] = {};
  for (const typology of TYPOLOGIES) {
    const overrides = profile.typologyParams[typology.id] ?? {};
    const values: Record<string, string | boolean> = {};
    for (const spec of paramSpecs(typology.params)) {
      values[spec.key] = paramValueToForm(spec.key in overrides ? overrides[spec.key] : spec.defaultValue, spec, language);
    }
    params[typology.id] = values;
  }
  return {
    id: profile.id,
    name: profile.name,
    unit: profile.unit,
    country: profile.country,
    language: profile.language,
    currency: profile.currency,
    sensitivity: profileSensitivity(profile),
    cash: thresholdForm(profile.cashThreshold, profile.currency, language),
    hasAggregate: profile.aggregateThreshold !== undefined,
    aggregate: thresholdForm(profile.aggregateThreshold, profile.currency, language),
    fx: Object.entries(profile.fxPerUsd).map(([currency, rate]) => ({ currency, rate: formatDecimal(rate, language) })),
    fxConfirmed: profile.fxConfirmed,
    fxNote: profile.fxNote,
    asOf: profile.jurisdictions.asOf,
    jurisdictionSource: profile.jurisdictions.source,
    highRisk: codes(profile.jurisdictions.highRisk),
    monitored: codes(profile.jurisdictions.monitored),
    unitAdded: codes(profile.jurisdictions.unitAdded),
    params,
    disabled: [...profile.disabledTypologies],
  };
}

/** A figure the analyst typed that is not a number, by the profile field it belongs to. */
export interface UnreadableNumber {
  path: string;
  text: string;
}

function reader(language: Language, unreadable: UnreadableNumber[]) {
  return (text: string, path: string): number => {
    const value = parseDecimal(text, language);
    if (Number.isNaN(value)) unreadable.push({ path, text });
    return value;
  };
}

function thresholdFromForm(form: ThresholdForm, read: (text: string, path: string) => number, path: string) {
  return { amount: read(form.amount, `${path}.amount`), currency: form.currency.trim().toUpperCase(), confirmed: form.confirmed, note: form.note };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The candidate profile the form describes, not yet validated (the
 * repository validates it and names any bad field). Only parameters that
 * differ from the typology's default are stored as overrides, so a later
 * change of a default reaches units that never touched it.
 */
export function formToProfile(form: ProfileForm, language: Language): { candidate: Record<string, unknown>; unreadable: UnreadableNumber[] } {
  const unreadable: UnreadableNumber[] = [];
  const read = reader(language, unreadable);
  const typologyParams: Record<string, Record<string, unknown>> = {};
  for (const typology of TYPOLOGIES) {
    const values = form.params[typology.id] ?? {};
    const overrides: Record<string, unknown> = {};
    for (const spec of paramSpecs(typology.params)) {
      const typed = values[spec.key];
      if (typed === undefined) continue;
      const value = paramValueFromForm(typed, spec, read, `typologyParams.${typology.id}.${spec.key}`);
      if (!sameValue(value, spec.defaultValue)) overrides[spec.key] = value;
    }
    if (Object.keys(overrides).length > 0) typologyParams[typology.id] = overrides;
  }
  const fxPerUsd: Record<string, number> = {};
  for (const row of form.fx) {
    const currency = row.currency.trim().toUpperCase();
    if (currency) fxPerUsd[currency] = read(row.rate, `fxPerUsd.${currency}`);
  }
  const candidate = {
    schema: 'caudal.profile/1',
    id: form.id.trim(),
    name: form.name.trim(),
    unit: form.unit.trim(),
    country: form.country.trim().toUpperCase(),
    language: form.language,
    currency: form.currency.trim().toUpperCase(),
    // Like parameter overrides, the default level is not stored: a profile that never chose one follows the shipped default.
    ...(form.sensitivity !== DEFAULT_SENSITIVITY ? { sensitivity: form.sensitivity } : {}),
    cashThreshold: thresholdFromForm(form.cash, read, 'cashThreshold'),
    ...(form.hasAggregate ? { aggregateThreshold: thresholdFromForm(form.aggregate, read, 'aggregateThreshold') } : {}),
    fxPerUsd,
    fxConfirmed: form.fxConfirmed,
    fxNote: form.fxNote,
    jurisdictions: {
      asOf: form.asOf.trim(),
      source: form.jurisdictionSource,
      highRisk: parseCodes(form.highRisk),
      monitored: parseCodes(form.monitored),
      unitAdded: parseCodes(form.unitAdded),
    },
    typologyParams,
    disabledTypologies: [...form.disabled],
    builtIn: false,
  };
  return { candidate, unreadable };
}
