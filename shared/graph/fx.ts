/**
 * Rough units-per-USD for the region's currencies. They only scale line
 * widths and node sizes so that COP 40,000,000 does not draw ten thousand
 * times thicker than USD 10,000; no figure shown to the analyst uses them.
 * The unit profile's own `fxPerUsd` takes precedence.
 */
export const DEFAULT_FX_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  PAB: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.37,
  CHF: 0.88,
  CNY: 7.2,
  COP: 4000,
  MXN: 18,
  HNL: 25,
  DOP: 60,
  GTQ: 7.8,
  CRC: 510,
  NIO: 36.7,
  PEN: 3.7,
  CLP: 930,
  BRL: 5.4,
  ARS: 1000,
  BOB: 6.9,
  UYU: 40,
  PYG: 7500,
  VES: 40,
};

export interface UsdConverter {
  toUsd(amount: number, currency: string): number;
  /** Currencies met without a rate, counted at face value. */
  unconverted(): string[];
}

export function usdConverter(fxPerUsd: Record<string, number> = {}): UsdConverter {
  const rates: Record<string, number> = { ...DEFAULT_FX_PER_USD, ...fxPerUsd };
  const missing = new Set<string>();
  return {
    toUsd(amount, currency) {
      const rate = rates[currency];
      if (rate === undefined || !(rate > 0)) {
        missing.add(currency);
        return amount;
      }
      return amount / rate;
    },
    unconverted: () => [...missing].sort(),
  };
}

export function addAmount(totals: Record<string, number>, currency: string, amount: number): void {
  totals[currency] = (totals[currency] ?? 0) + amount;
}
