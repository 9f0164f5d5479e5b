import type { CaseIndex } from './indexing';

export type Side = 'in' | 'out';

export function sideList(index: CaseIndex, account: number, side: Side): { list: Int32Array; times: Float64Array; lo: number; hi: number } {
  return side === 'in'
    ? { list: index.inTx, times: index.inTime, lo: index.inStart[account] as number, hi: index.inStart[account + 1] as number }
    : { list: index.outTx, times: index.outTime, lo: index.outStart[account] as number, hi: index.outStart[account + 1] as number };
}

export function counterpartOf(index: CaseIndex, tx: number, side: Side): number {
  return side === 'in' ? (index.from[tx] as number) : (index.to[tx] as number);
}

/**
 * Scratch counters indexed by account, reused across calls (cleared after
 * each use) so sliding windows cost no allocation per account.
 */
export class AccountCounter {
  private readonly counts: Int32Array;
  private readonly touched: number[] = [];
  distinct = 0;

  constructor(size: number) {
    this.counts = new Int32Array(size);
  }

  add(account: number): void {
    if (this.counts[account] === 0) {
      this.distinct++;
      this.touched.push(account);
    }
    this.counts[account] = (this.counts[account] as number) + 1;
  }

  remove(account: number): void {
    const next = (this.counts[account] as number) - 1;
    this.counts[account] = next;
    if (next === 0) this.distinct--;
  }

  clear(): void {
    for (const account of this.touched) this.counts[account] = 0;
    this.touched.length = 0;
    this.distinct = 0;
  }
}

/**
 * Episodes on one side of an account in which at least `minDistinct`
 * different counterparts appear within `windowMs`: every qualifying window
 * is found with two pointers, and overlapping ones are joined.
 */
export function distinctCounterpartEpisodes(
  index: CaseIndex,
  account: number,
  side: Side,
  windowMs: number,
  minDistinct: number,
  include: (tx: number) => boolean,
  counter: AccountCounter,
): number[][] {
  const { list, times, lo, hi } = sideList(index, account, side);
  if (hi - lo < minDistinct) return [];
  const positions: number[] = [];
  for (let k = lo; k < hi; k++) if (include(list[k] as number)) positions.push(k);
  if (positions.length < minDistinct) return [];
  const episodes: number[][] = [];
  let start = 0;
  let episodeFrom = -1;
  let episodeTo = -1;
  const flush = () => {
    if (episodeFrom < 0) return;
    const txs: number[] = [];
    for (let p = episodeFrom; p <= episodeTo; p++) txs.push(list[positions[p] as number] as number);
    episodes.push(txs);
    episodeFrom = episodeTo = -1;
  };
  for (let end = 0; end < positions.length; end++) {
    const kEnd = positions[end] as number;
    counter.add(counterpartOf(index, list[kEnd] as number, side));
    while ((times[kEnd] as number) - (times[positions[start] as number] as number) > windowMs) {
      counter.remove(counterpartOf(index, list[positions[start] as number] as number, side));
      start++;
    }
    if (counter.distinct >= minDistinct) {
      if (episodeFrom >= 0 && start <= episodeTo) episodeTo = end;
      else {
        flush();
        episodeFrom = start;
        episodeTo = end;
      }
    }
  }
  flush();
  counter.clear();
  return episodes;
}

/**
 * How much busier that side of the account is during the episode than the
 * rest of the time, in payments per day or money per day, whichever rises
 * more (counting only what `include` admits): a funnel bursts, a shop or an
 * employer is steady.
 */
export function burstRatio(index: CaseIndex, account: number, side: Side, from: number, to: number, windowMs: number, include: (tx: number) => boolean = () => true): number {
  const { list, times, lo, hi } = sideList(index, account, side);
  let insideUsd = 0;
  let outsideUsd = 0;
  let insideCount = 0;
  let outsideCount = 0;
  for (let k = lo; k < hi; k++) {
    const tx = list[k] as number;
    if (!include(tx)) continue;
    const t = times[k] as number;
    if (t >= from && t <= to) {
      insideUsd += index.usd[tx] as number;
      insideCount++;
    } else {
      outsideUsd += index.usd[tx] as number;
      outsideCount++;
    }
  }
  if (outsideCount === 0 || outsideUsd <= 0) return Number.POSITIVE_INFINITY;
  const span = (times[hi - 1] as number) - (times[lo] as number);
  const inside = Math.max(to - from, windowMs);
  const outsideSpan = Math.max(span - (to - from), windowMs);
  return Math.max(insideUsd / inside / (outsideUsd / outsideSpan), insideCount / inside / (outsideCount / outsideSpan));
}

/** The given quantile of the USD amounts on one side of an account. */
export function amountQuantile(index: CaseIndex, account: number, side: Side, quantile: number): number {
  const { list, lo, hi } = sideList(index, account, side);
  const amounts = new Float64Array(hi - lo);
  for (let k = lo; k < hi; k++) amounts[k - lo] = index.usd[list[k] as number] as number;
  amounts.sort();
  return amounts[Math.min(amounts.length - 1, Math.floor(quantile * amounts.length))] ?? 0;
}

/**
 * Share of counterparts that also deal with the account well before or after
 * the episode: employees paid every month, regular suppliers, tenants.
 */
export function recurringShare(index: CaseIndex, account: number, side: Side, counterparts: Set<number>, from: number, to: number, gapMs: number): number {
  if (counterparts.size === 0) return 0;
  const { list, times, lo, hi } = sideList(index, account, side);
  const seen = new Set<number>();
  for (let k = lo; k < hi; k++) {
    const t = times[k] as number;
    if (t >= from - gapMs && t <= to + gapMs) continue;
    const other = counterpartOf(index, list[k] as number, side);
    if (counterparts.has(other)) seen.add(other);
  }
  return seen.size / counterparts.size;
}

const pairCache = new WeakMap<CaseIndex, Map<number, Map<number, number[]>>>();

/** Transactions from one account grouped by payee, built once per account and kept for the run. */
function paymentsByPayee(index: CaseIndex, account: number): Map<number, number[]> {
  let perAccount = pairCache.get(index);
  if (!perAccount) {
    perAccount = new Map();
    pairCache.set(index, perAccount);
  }
  let byPayee = perAccount.get(account);
  if (!byPayee) {
    byPayee = new Map();
    for (let k = index.outStart[account] as number; k < (index.outStart[account + 1] as number); k++) {
      const tx = index.outTx[k] as number;
      const payee = index.to[tx] as number;
      const list = byPayee.get(payee);
      if (list) list.push(tx);
      else byPayee.set(payee, [tx]);
    }
    perAccount.set(account, byPayee);
  }
  return byPayee;
}

/** Two transactions between the same pair with about the same amount, weeks apart: rent, salary, loan instalments. */
export function isRecurringPayment(index: CaseIndex, tx: number, gapMs: number, tolerance = 0.05): boolean {
  const amount = index.usd[tx] as number;
  const t = index.time[tx] as number;
  const pair = paymentsByPayee(index, index.from[tx] as number).get(index.to[tx] as number) ?? [];
  for (const other of pair) {
    if (other === tx || Math.abs((index.time[other] as number) - t) < gapMs) continue;
    if (Math.abs((index.usd[other] as number) - amount) <= tolerance * amount) return true;
  }
  return false;
}
