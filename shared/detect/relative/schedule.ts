import { DAY_MS, type CaseIndex } from '../indexing';
import type { Novelty } from './novelty';

/**
 * New counterparts arriving on a fixed schedule: distinct accounts that had never dealt with this one pay it (or
 * are paid) one after another exactly every g days. Payroll and rent repeat with the *same* counterparts and
 * are not new relationships; strangers who each appear once, at intervals a calendar could have set, point to one
 * hand scheduling them (mule accounts paid in turn). The evidence is the arrangement alone: given the m days on
 * which the account met new counterparts across its active days, how many equally spaced runs that long chance
 * would produce, so a shop meeting customers every other day gets no credit for its regularity.
 */
export interface RegularSchedule {
  /** One transfer per scheduled day, each with a different counterpart, in date order. */
  txs: number[];
  gapDays: number;
  /** log10 of the expected number of equally spaced runs this long among the account's new-counterpart days. */
  log10e: number;
}

/** Runs shorter than this say nothing (any three days a week apart); the sensitivity's fan size is the usual floor. */
const MIN_RUN = 4;

function log10FallingFactorial(from: number, k: number): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.log10(from - i);
  return sum;
}

/** Equally spaced runs of `length` days (gap ≥ 1) that fit in `days` days. */
function runsThatFit(length: number, days: number): number {
  let count = 0;
  for (let gap = 1; (length - 1) * gap < days; gap++) count += days - (length - 1) * gap;
  return count;
}

export function regularSchedule(index: CaseIndex, novelty: Novelty, account: number, which: 'in' | 'out', minCount: number): RegularSchedule | undefined {
  const start = which === 'in' ? novelty.inStart : novelty.outStart;
  const list = which === 'in' ? novelty.inTx : novelty.outTx;
  const lo = start[account] as number;
  const hi = start[account + 1] as number;
  const minimum = Math.max(MIN_RUN, minCount);
  if (hi - lo < minimum) return undefined;
  // Transfers per day, in date order (the lists are time-ordered).
  const byDay = new Map<number, number[]>();
  for (let k = lo; k < hi; k++) {
    const tx = list[k] as number;
    const dayNumber = Math.floor((index.time[tx] as number) / DAY_MS);
    const entry = byDay.get(dayNumber);
    if (entry) entry.push(tx);
    else byDay.set(dayNumber, [tx]);
  }
  const days = [...byDay.keys()];
  const m = days.length;
  if (m < minimum) return undefined;
  const firstDay = days[0] as number;
  const last = days[m - 1] as number;
  const onDay = new Uint8Array(last - firstDay + 1);
  for (const dayNumber of days) onDay[dayNumber - firstDay] = 1;
  const has = (dayNumber: number) => dayNumber >= firstDay && dayNumber <= last && onDay[dayNumber - firstDay] === 1;
  const counterpart = (tx: number) => (which === 'in' ? (index.from[tx] as number) : (index.to[tx] as number));
  let best: { gap: number; txs: number[] } | undefined;
  for (let i = 0; i < m; i++) {
    const first = days[i] as number;
    for (let j = i + 1; j < m; j++) {
      const gap = (days[j] as number) - first;
      // A longer run than the best needs room for it; gaps only grow along j.
      if (first + (best ? best.txs.length : minimum - 1) * gap > last) break;
      // A run that could start a step earlier was counted from there.
      if (has(first - gap)) continue;
      let length = 2;
      while (has(first + length * gap)) length++;
      if (length < minimum || (best && length <= best.txs.length)) continue;
      // One transfer per day, each with a counterpart not met earlier in the run.
      const used = new Set<number>();
      const txs: number[] = [];
      for (let step = 0; step < length; step++) {
        const pick = (byDay.get(first + step * gap) as number[]).find((tx) => !used.has(counterpart(tx)));
        if (pick === undefined) break;
        used.add(counterpart(pick));
        txs.push(pick);
      }
      if (txs.length >= minimum && (!best || txs.length > best.txs.length)) best = { gap, txs };
    }
  }
  if (!best) return undefined;
  const length = best.txs.length;
  // The days the account was active, first and last included.
  const activeDays = Math.max(m, Math.round(novelty.activeDays[account] as number) + 1);
  // m of the active days chosen at random: the chance that a given run of `length` days is all among them.
  const log10e = Math.log10(runsThatFit(length, activeDays)) + log10FallingFactorial(m, length) - log10FallingFactorial(activeDays, length);
  return { txs: best.txs, gapDays: best.gap, log10e };
}
