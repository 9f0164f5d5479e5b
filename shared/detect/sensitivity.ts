import type { LocalizedText } from '../model/alert';

/**
 * How much the analyst wants to see. Each level is a documented parameter
 * set, never a hidden multiplier: the profile editor shows the names and
 * descriptions below, and `sensitivityParameters` returns exactly the figures
 * the detectors use. Every figure is relative to the case (the account's own
 * history, its counterparts, the case's amounts); none is an amount in money.
 */
export const SENSITIVITIES = ['conservative', 'balanced', 'exhaustive'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const DEFAULT_SENSITIVITY: Sensitivity = 'balanced';

export function isSensitivity(value: unknown): value is Sensitivity {
  return typeof value === 'string' && (SENSITIVITIES as readonly string[]).includes(value);
}

export const SENSITIVITY_NAMES: Record<Sensitivity, LocalizedText> = {
  conservative: { es: 'Conservadora', en: 'Conservative' },
  balanced: { es: 'Equilibrada', en: 'Balanced' },
  exhaustive: { es: 'Exhaustiva', en: 'Exhaustive' },
};

export const SENSITIVITY_DESCRIPTIONS: Record<Sensitivity, LocalizedText> = {
  conservative: {
    es: 'Menos alertas y casi todas sólidas: exige más contrapartes nuevas, más concentración en el tiempo y un puntaje mínimo más alto. Para unidades con poca capacidad de revisión.',
    en: 'Fewer alerts, nearly all solid: asks for more new counterparts, tighter bursts and a higher minimum score. For units with little review capacity.',
  },
  balanced: {
    es: 'Valor por defecto: encuentra la gran mayoría de los esquemas de red con una proporción razonable de falsas alarmas. Es la configuración medida en las pruebas de referencia.',
    en: 'Default: finds the great majority of network schemes with a reasonable share of false alarms. It is the setting the benchmarks measure.',
  },
  exhaustive: {
    es: 'Más alertas: acepta patrones más pequeños, más lentos y con menos evidencia, y un puntaje mínimo bajo. Útil para investigar un caso a fondo; espere más falsas alarmas.',
    en: 'More alerts: accepts smaller, slower patterns with less evidence and a low minimum score. Useful to comb one case; expect more false alarms.',
  },
};

/**
 * The parameter set behind a level. Structural figures are counts, shares,
 * ratios against the account's own baseline, quantiles of the case or days;
 * money only enters through the unit's legal thresholds (cash typologies),
 * which the sensitivity does not change.
 */
export interface SensitivityParameters {
  /** Alerts whose score (0..100, same meaning for every typology) is below this are not reported. */
  minScore: number;
  /** Fewest distinct counterparts in a fan episode (floor under the case-relative figure). */
  minFanCounterparts: number;
  /** Least share of the counterparts the account dealt with during a fan's episode that were new to it (a busy account with mostly regulars is no funnel). */
  minNewCounterpartShare: number;
  /** How many times its own pace of new counterparts (and the case's) a fan's episode must reach. */
  minBurstRatio: number;
  /** Days within which received money counts as passed on. */
  passOnDays: number;
  /** Share of the money a fan-in's account received that, once sent on to new payees within passOnDays, the alert reports as passed on (said in the explanation, not scored). */
  minPassedOnShare: number;
  /** Longest cycle and longest layering path searched, in hops. */
  maxHops: number;
  /** Shortest layering walk reported, in hops. */
  minWalkHops: number;
  /** Days a cycle or layering walk may span. */
  pathWindowDays: number;
}

const PARAMETERS: Record<Sensitivity, SensitivityParameters> = {
  conservative: {
    minBurstRatio: 4,
    minScore: 55,
    minFanCounterparts: 6,
    minNewCounterpartShare: 0.5,
    passOnDays: 7,
    minPassedOnShare: 0.6,
    maxHops: 8,
    minWalkHops: 4,
    pathWindowDays: 30,
  },
  balanced: {
    minBurstRatio: 3,
    minScore: 10,
    minFanCounterparts: 4,
    minNewCounterpartShare: 0.3,
    passOnDays: 10,
    minPassedOnShare: 0.5,
    maxHops: 10,
    minWalkHops: 3,
    pathWindowDays: 45,
  },
  exhaustive: {
    minBurstRatio: 2,
    minScore: 5,
    minFanCounterparts: 3,
    minNewCounterpartShare: 0.15,
    passOnDays: 15,
    minPassedOnShare: 0.35,
    maxHops: 12,
    minWalkHops: 3,
    pathWindowDays: 60,
  },
};

/** The documented parameter set a level stands for (a copy: callers may not change the shipped figures). */
export function sensitivityParameters(level: Sensitivity = DEFAULT_SENSITIVITY): SensitivityParameters {
  return { ...PARAMETERS[level] };
}

/** Each parameter's meaning in both languages, for the profile editor and the docs. */
export const SENSITIVITY_PARAMETER_LABELS: Record<keyof SensitivityParameters, LocalizedText> = {
  minScore: { es: 'Puntaje mínimo de una alerta (0–100)', en: 'Minimum alert score (0–100)' },
  minFanCounterparts: { es: 'Mínimo de contrapartes distintas en un embudo o dispersión', en: 'Fewest distinct counterparts in a fan' },
  minNewCounterpartShare: { es: 'Proporción mínima de contrapartes nuevas para la cuenta', en: 'Least share of counterparts new to the account' },
  minBurstRatio: { es: 'Veces su ritmo habitual de contrapartes nuevas que debe alcanzar un embudo', en: 'Times its usual pace of new counterparts a fan must reach' },
  passOnDays: { es: 'Días en que el dinero recibido se considera reenviado', en: 'Days within which received money counts as passed on' },
  minPassedOnShare: { es: 'Proporción mínima del dinero recibido que sale de nuevo', en: 'Least share of received money that leaves again' },
  maxHops: { es: 'Máximo de saltos de un ciclo o recorrido', en: 'Most hops of a cycle or walk' },
  minWalkHops: { es: 'Mínimo de saltos de un recorrido de estratificación', en: 'Fewest hops of a layering walk' },
  pathWindowDays: { es: 'Días que puede abarcar un ciclo o recorrido', en: 'Days a cycle or walk may span' },
};
