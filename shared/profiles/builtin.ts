import { FATF_LISTS } from './jurisdictions';
import type { MoneyThreshold, UnitProfile } from './schema';

const TO_CONFIRM_ES_EN =
  'Valor por defecto: la unidad debe confirmarlo con la norma vigente. / Default value: the unit must confirm it against current regulation.';

const threshold = (amount: number, currency: string, law: string): MoneyThreshold => ({
  amount,
  currency,
  confirmed: false,
  note: `${law} ${TO_CONFIRM_ES_EN}`,
});

/**
 * Units of each currency per 1 USD. Indicative market rates, used only to put
 * amounts in different currencies on one scale when comparing them with
 * thresholds; each unit must replace them with its own reference rates.
 */
export const DEFAULT_FX_PER_USD: Record<string, number> = {
  USD: 1,
  PAB: 1, // Panama's balboa circulates at par with the dollar by law.
  COP: 4000,
  MXN: 18.5,
  HNL: 26.2,
  DOP: 63,
  GTQ: 7.7,
  NIO: 36.6,
  CRC: 505,
  PEN: 3.7,
  BOB: 6.9,
  CLP: 950,
  ARS: 1400,
  BRL: 5.4,
  UYU: 40,
  PYG: 7300,
  VES: 200,
  EUR: 0.87,
  GBP: 0.75,
  CHF: 0.8,
  CAD: 1.38,
  CNY: 7.15,
  HKD: 7.8,
  AED: 3.6725,
  TRY: 41,
};

export const FX_DEFAULTS_NOTE =
  'Tasas de cambio indicativas por defecto; la unidad debe confirmarlas. / Indicative default exchange rates; the unit must confirm them.';

const base = {
  schema: 'caudal.profile/1' as const,
  language: 'es' as const,
  fxPerUsd: DEFAULT_FX_PER_USD,
  fxConfirmed: false,
  fxNote: FX_DEFAULTS_NOTE,
  typologyParams: {},
  disabledTypologies: [],
  builtIn: true,
};

const fatf = () => ({
  ...FATF_LISTS,
  highRisk: [...FATF_LISTS.highRisk],
  monitored: [...FATF_LISTS.monitored],
  unitAdded: [...FATF_LISTS.unitAdded],
});

function profile(fields: Omit<UnitProfile, keyof typeof base | 'jurisdictions'>): UnitProfile {
  return { ...base, fxPerUsd: { ...DEFAULT_FX_PER_USD }, jurisdictions: fatf(), ...fields };
}

/** The six units Caudal ships profiles for; every legal figure is a default to confirm. */
export const BUILTIN_PROFILES: UnitProfile[] = [
  profile({
    id: 'co-uiaf',
    name: 'Colombia — UIAF',
    unit: 'Unidad de Información y Análisis Financiero',
    country: 'CO',
    currency: 'COP',
    cashThreshold: threshold(10_000_000, 'COP', 'Transacción individual en efectivo (reporte de transacciones en efectivo). / Single cash transaction report.'),
    aggregateThreshold: threshold(50_000_000, 'COP', 'Transacciones en efectivo acumuladas en el mes. / Cash transactions aggregated per month.'),
  }),
  profile({
    id: 'ec-uafe',
    name: 'Ecuador — UAFE',
    unit: 'Unidad de Análisis Financiero y Económico',
    country: 'EC',
    currency: 'USD',
    cashThreshold: threshold(10_000, 'USD', 'Transacción en efectivo. / Cash transaction.'),
  }),
  profile({
    id: 'pa-uaf',
    name: 'Panamá — UAF',
    unit: 'Unidad de Análisis Financiero',
    country: 'PA',
    currency: 'USD',
    cashThreshold: threshold(10_000, 'USD', 'Transacción en efectivo; el balboa (PAB) circula a la par con el dólar. / Cash transaction; the balboa (PAB) is at par with the dollar.'),
  }),
  profile({
    id: 'hn-uif',
    name: 'Honduras — UIF',
    unit: 'Unidad de Inteligencia Financiera',
    country: 'HN',
    currency: 'HNL',
    cashThreshold: threshold(10_000, 'USD', 'Equivalente en lempiras de USD 10.000 en efectivo. / Lempira equivalent of USD 10,000 in cash.'),
  }),
  profile({
    id: 'mx-uif',
    name: 'México — UIF',
    unit: 'Unidad de Inteligencia Financiera',
    country: 'MX',
    currency: 'MXN',
    cashThreshold: threshold(7_500, 'USD', 'Operaciones relevantes en efectivo en dólares, equivalente a USD 7.500. / Relevant cash operations in dollars, USD 7,500 equivalent.'),
  }),
  profile({
    id: 'do-uaf',
    name: 'República Dominicana — UAF',
    unit: 'Unidad de Análisis Financiero',
    country: 'DO',
    currency: 'DOP',
    cashThreshold: threshold(15_000, 'USD', 'Equivalente en pesos dominicanos de USD 15.000. / Dominican peso equivalent of USD 15,000.'),
  }),
];

export function builtinProfile(id: string): UnitProfile | undefined {
  return BUILTIN_PROFILES.find((candidate) => candidate.id === id);
}

/**
 * Cash reporting thresholds where the cash is deposited, for accounts held
 * abroad: a smurf in Quito keeps under Ecuador's figure, not Colombia's.
 * Built from the shipped profiles plus the US currency transaction report
 * (USD 10,000); all defaults to confirm.
 */
export const REFERENCE_CASH_THRESHOLDS: Record<string, { amount: number; currency: string }> = {
  ...Object.fromEntries(BUILTIN_PROFILES.map((profile) => [profile.country, { amount: profile.cashThreshold.amount, currency: profile.cashThreshold.currency }])),
  US: { amount: 10_000, currency: 'USD' },
};
