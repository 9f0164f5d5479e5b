import { z } from 'zod';
import type { Alert } from '../../model';
import { bilingual, buildAlert, totalsOf, formatTotals, daysText } from '../alerts';
import { formatDateRange } from '../../i18n';
import { DAY_MS, cashThresholdUsd, indexCase, lowerBound, upperBound, type CaseIndex } from '../indexing';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';
import { noveltyOf } from '../relative/novelty';
import { explainedTradePayments } from './trade';

export const cycleParams = z.object({
  windowDays: z.number().positive().max(365).default(45),
  /** Two-hop returns are family transfers and loan repayments; round-tripping goes through more hands. */
  minLength: z.number().int().min(2).default(3),
  maxLength: z.number().int().min(2).max(8).default(8),
  /** Largest drop of the amount from one hop to the next (margins kept along the way). */
  hopTolerance: z.number().min(0).max(0.9).default(0.1),
  /** Round-tripping brings most of the money home: what comes back must be at least this share of what left. */
  minReturnedShare: z.number().min(0).max(1).default(0.8),
  minAmountOfThreshold: z.number().min(0).default(0.5),
  /** Search budget per starting transfer; keeps dense hubs from exploding the search. */
  maxExpansions: z.number().int().positive().default(2000),
  maxCyclesPerAccount: z.number().int().positive().default(5),
  /** Search budget for the whole case, so a pathological case (one account trading with itself a million times) still ends. */
  maxTotalExpansions: z.number().int().positive().default(30_000_000),
});
type CycleParams = z.infer<typeof cycleParams>;

const MAX_FANOUT_SCAN = 128;

/**
 * A → … → A with hops forward in time inside one window and amounts kept within a tolerance, every hop a
 * new relationship. Regular counterparts pay each other round and round in any busy economy (a bank's
 * graph holds tens of thousands of such loops, some with amounts that happen to match); money sent round
 * through accounts that had not dealt with each other is what round-tripping looks like. Loops of new
 * relationships that the case's own rates explain are the relative engine's (relative/engine.ts) to judge.
 */
export const cycle: Typology<typeof cycleParams> = {
  id: 'cycle',
  names: { es: 'Ciclo (ida y vuelta)', en: 'Cycle (round-tripping)' },
  description: {
    es: 'El dinero sale de una cuenta y, pasando por otras en orden de fechas, vuelve a ella con montos que se reducen poco en cada salto.',
    en: 'Money leaves an account and, passing through others in date order, comes back to it with amounts shrinking little at each hop.',
  },
  params: cycleParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const novel = noveltyOf(index, explainedTradePayments(index, context.profile)).novel;
    const usable = (tx: number) => isTransfer(index, tx) && novel[tx] === 1;
    const minUsd = cashThresholdUsd(context.profile) * params.minAmountOfThreshold;
    const windowMs = params.windowDays * DAY_MS;
    const seen = new Set<string>();
    const perAccount = new Map<number, number>();
    const alerts: Alert[] = [];
    const n = index.transactionCount;
    const checkpoint = makeCheckpoint(context, n, 8192);
    const path: number[] = [];
    const onPath = new Uint8Array(index.accountIds.length);
    let spent = 0;
    for (let k = 0; k < n && spent < params.maxTotalExpansions; k++) {
      checkpoint(k);
      const start = index.byTime[k] as number;
      if (!usable(start) || (index.usd[start] as number) < minUsd) continue;
      const origin = index.from[start] as number;
      if ((perAccount.get(origin) ?? 0) >= params.maxCyclesPerAccount) continue;
      // Nothing comes back to the origin in the window, or the money goes nowhere: no cycle can close.
      const t0 = index.time[start] as number;
      const inLo = index.inStart[origin] as number;
      const inHi = index.inStart[origin + 1] as number;
      const back = lowerBound(index.inTime, inLo, inHi, t0);
      const startUsd = index.usd[start] as number;
      let returns = false;
      for (let k = back; k < inHi && k < back + MAX_FANOUT_SCAN && (index.inTime[k] as number) <= t0 + windowMs; k++) {
        const usd = index.usd[index.inTx[k] as number] as number;
        if (usd >= params.minReturnedShare * startUsd && usd <= startUsd * 1.2) {
          returns = true;
          break;
        }
      }
      if (!returns) continue;
      const next = index.to[start] as number;
      const nextOut = lowerBound(index.outTime, index.outStart[next] as number, index.outStart[next + 1] as number, t0);
      if (nextOut === (index.outStart[next + 1] as number)) continue;
      path.length = 0;
      path.push(start);
      onPath[origin] = 1;
      onPath[index.to[start] as number] = 1;
      const budget = { left: params.maxExpansions };
      const found = search(index, params, usable, path, onPath, origin, (index.time[start] as number) + windowMs, budget);
      spent += params.maxExpansions - Math.max(0, budget.left);
      onPath[origin] = 0;
      onPath[index.to[start] as number] = 0;
      if (!found) continue;
      const key = [...found].sort((a, b) => a - b).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const tx of found) perAccount.set(index.from[tx] as number, (perAccount.get(index.from[tx] as number) ?? 0) + 1);
      alerts.push(cycleAlert(index, found, minUsd));
    }
    return alerts;
  },
};

function isTransfer(index: CaseIndex, tx: number): boolean {
  return !index.cash[tx] && index.from[tx] !== index.to[tx] && !index.cashEndpoint[index.from[tx] as number] && !index.cashEndpoint[index.to[tx] as number];
}

/** Time-respecting depth-first search back to the origin; returns the first closing path found. */
function search(
  index: CaseIndex,
  params: CycleParams,
  usable: (tx: number) => boolean,
  path: number[],
  onPath: Uint8Array,
  origin: number,
  deadline: number,
  budget: { left: number },
): number[] | undefined {
  const last = path[path.length - 1] as number;
  const node = index.to[last] as number;
  const amount = index.usd[last] as number;
  const lo = index.outStart[node] as number;
  const hi = index.outStart[node + 1] as number;
  const from = lowerBound(index.outTime, lo, hi, index.time[last] as number);
  const to = Math.min(upperBound(index.outTime, from, hi, deadline), from + MAX_FANOUT_SCAN);
  const minNext = amount * (1 - params.hopTolerance);
  const maxNext = amount * 1.02;
  for (let m = from; m < to; m++) {
    if (--budget.left < 0) return undefined;
    const next = index.outTx[m] as number;
    if (next === last) continue;
    const value = index.usd[next] as number;
    if (value < minNext || value > maxNext || !usable(next)) continue;
    const target = index.to[next] as number;
    if (target === origin) {
      const startUsd = index.usd[path[0] as number] as number;
      if (path.length + 1 >= params.minLength && value >= params.minReturnedShare * startUsd) return [...path, next];
      continue;
    }
    if (onPath[target] || path.length + 1 >= params.maxLength) continue;
    path.push(next);
    onPath[target] = 1;
    const found = search(index, params, usable, path, onPath, origin, deadline, budget);
    onPath[target] = 0;
    path.pop();
    if (found) return found;
  }
  return undefined;
}

function cycleAlert(index: CaseIndex, txs: number[], minUsd: number): Alert {
  const first = txs[0] as number;
  const last = txs[txs.length - 1] as number;
  const originId = index.accountIds[index.from[first] as number] as string;
  const hops = txs.length;
  const startUsd = index.usd[first] as number;
  const endUsd = index.usd[last] as number;
  const retained = startUsd > 0 ? 1 - endUsd / startUsd : 0;
  const days = ((index.time[last] as number) - (index.time[first] as number)) / DAY_MS;
  const score = 50 + Math.min(20, (hops - 2) * 5) + Math.min(15, (startUsd / Math.max(minUsd, 1)) * 2) + Math.max(0, 15 - retained * 50);
  const sent = totalsOf(index, [first]);
  const back = totalsOf(index, [last]);
  return buildAlert(index, {
    typology: 'cycle',
    score,
    transactions: txs,
    focus: originId,
    explanation: bilingual((language, n) =>
      language === 'es'
        ? `${formatTotals(sent, language)} salieron de la cuenta ${originId} y volvieron a ella como ${formatTotals(back, language)} tras pasar por ${n(hops - 1)} cuentas en ${n(hops)} saltos ordenados en el tiempo, en ${daysText(language, n, days)} (${formatDateRange(index.time[first] as number, index.time[last] as number, language)}).`
        : `${formatTotals(sent, language)} left account ${originId} and came back to it as ${formatTotals(back, language)} after passing through ${n(hops - 1)} accounts in ${n(hops)} time-ordered hops, within ${daysText(language, n, days)} (${formatDateRange(index.time[first] as number, index.time[last] as number, language)}).`,
    ),
  });
}
