import { DAY_MS, type CaseIndex } from '../indexing';

/**
 * Relationships and their baselines, computed once per case.
 *
 * A transfer is a *new relationship* when the two accounts deal with each
 * other at most twice in the whole case (either direction): a one-off, or a
 * payment and its return. Payroll, rent, suppliers and family repeat; the
 * money of a laundering scheme usually passes once between strangers. What
 * counts as unusual is then measured against the account's own rate of new
 * relationships (a shop meets new customers every day) and never below an
 * ordinary account's rate in the case, so the evidence is relative to the data.
 */
export interface Novelty {
  index: CaseIndex;
  /** 1 where the transfer opens a relationship that does not become a regular one. */
  novel: Uint8Array;
  /** Novel transfers per account, time-ordered (CSR layout, like the index). */
  outStart: Int32Array;
  outTx: Int32Array;
  inStart: Int32Array;
  inTx: Int32Array;
  /** Days between each account's first and last transfer (at least one). */
  activeDays: Float64Array;
  /** An ordinary account's new relationships per active day on each side (hubs fenced, see build): the floor under every account's own rate. */
  caseOutRate: number;
  caseInRate: number;
  /** Accounts that made or received any transfer. */
  activeAccounts: number;
  novelCount: number;
}

/** Transfers between two ordinary accounts; teller books and self-transfers carry no relationship. */
export function relational(index: CaseIndex, tx: number): boolean {
  const from = index.from[tx] as number;
  const to = index.to[tx] as number;
  return from !== to && !index.cashEndpoint[from] && !index.cashEndpoint[to];
}

const cache = new WeakMap<CaseIndex, Novelty>();
/** A payment and its return count as one new relationship when the return comes within a fortnight. */
const RETURN_DAYS = 14;

/** The other transfer of a pair seen exactly twice, searched in the sender's and receiver's lists. */
function findSecond(index: CaseIndex, tx: number, key: number, pairKey: (a: number, b: number) => number): number {
  const from = index.from[tx] as number;
  for (let k = index.outStart[from] as number; k < (index.outStart[from + 1] as number); k++) {
    const other = index.outTx[k] as number;
    if (other !== tx && pairKey(from, index.to[other] as number) === key) return other;
  }
  for (let k = index.inStart[from] as number; k < (index.inStart[from + 1] as number); k++) {
    const other = index.inTx[k] as number;
    if (other !== tx && pairKey(index.from[other] as number, from) === key) return other;
  }
  return -1;
}

/**
 * `explained` marks transfers a document accounts for (an importer paying for goods customs saw
 * arrive): they open no suspicious relationship.
 */
export function noveltyOf(index: CaseIndex, explained?: Uint8Array): Novelty {
  const hit = cache.get(index);
  if (hit) return hit;
  const built = build(index, explained);
  cache.set(index, built);
  return built;
}

/**
 * Accounts most of whose payers pay by card: a shop's terminal. Its customers are buying, not opening
 * relationships, whatever the export calls other channels. Counted over distinct payers, not payments: a shop
 * that also receives a monthly transfer from each of a few regular partners is still a shop.
 */
function cardAcceptors(index: CaseIndex): Uint8Array {
  const accounts = index.accountIds.length;
  const acceptor = new Uint8Array(accounts);
  const payers = new Set<number>();
  const cardPayers = new Set<number>();
  for (let a = 0; a < accounts; a++) {
    const lo = index.inStart[a] as number;
    const hi = index.inStart[a + 1] as number;
    if (hi - lo < 10) continue;
    payers.clear();
    cardPayers.clear();
    for (let k = lo; k < hi; k++) {
      const tx = index.inTx[k] as number;
      payers.add(index.from[tx] as number);
      if (index.card[tx]) cardPayers.add(index.from[tx] as number);
    }
    if (cardPayers.size * 2 > payers.size) acceptor[a] = 1;
  }
  return acceptor;
}

function build(index: CaseIndex, explained: Uint8Array | undefined): Novelty {
  const n = index.transactionCount;
  const accounts = index.accountIds.length;
  const acceptor = cardAcceptors(index);
  const purchase = (tx: number) => index.card[tx] === 1 && acceptor[index.to[tx] as number] === 1;
  const pairCount = new Map<number, number>();
  const pairKey = (a: number, b: number) => (a < b ? a * accounts + b : b * accounts + a);
  for (let i = 0; i < n; i++) {
    if (!relational(index, i)) continue;
    const key = pairKey(index.from[i] as number, index.to[i] as number);
    pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  }
  // A pair seen twice is still new when it is one payment and its quick return (money sent on and sent back).
  const firstOfPair = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!relational(index, i)) continue;
    const key = pairKey(index.from[i] as number, index.to[i] as number);
    if ((pairCount.get(key) ?? 0) === 2 && !firstOfPair.has(key)) firstOfPair.set(key, i);
  }
  const novel = new Uint8Array(n);
  let novelCount = 0;
  for (let i = 0; i < n; i++) {
    if (!relational(index, i) || explained?.[i] || purchase(i)) continue;
    const key = pairKey(index.from[i] as number, index.to[i] as number);
    const count = pairCount.get(key) ?? 0;
    let isNew = count === 1;
    if (count === 2) {
      const first = firstOfPair.get(key) as number;
      const other = first === i ? findSecond(index, i, key, pairKey) : first;
      isNew = other >= 0 && index.from[other] !== index.from[i] && Math.abs((index.time[other] as number) - (index.time[i] as number)) <= RETURN_DAYS * DAY_MS;
    }
    if (isNew) {
      novel[i] = 1;
      novelCount++;
    }
  }
  const filter = (start: Int32Array, list: Int32Array) => {
    const outStart = new Int32Array(accounts + 1);
    const out: number[] = [];
    for (let a = 0; a < accounts; a++) {
      outStart[a] = out.length;
      for (let k = start[a] as number; k < (start[a + 1] as number); k++) if (novel[list[k] as number]) out.push(list[k] as number);
    }
    outStart[accounts] = out.length;
    return { start: outStart, list: Int32Array.from(out) };
  };
  const outs = filter(index.outStart, index.outTx);
  const ins = filter(index.inStart, index.inTx);
  const activeDays = new Float64Array(accounts);
  let activeAccounts = 0;
  let activeTotal = 0;
  for (let a = 0; a < accounts; a++) {
    const days = accountActiveDays(index, a);
    if (days === 0) continue;
    activeDays[a] = days;
    activeAccounts++;
    activeTotal += days;
  }
  // The floor is an ordinary account's pace: a shop's stream of customers or a firm's of payees is its own pace,
  // not everyone's. Each account counts for at most a far-out fence above the accounts that met new counterparts
  // on that side at all (upper quartile + 3 × the interquartile range), so a few hubs cannot raise every other
  // account's baseline and hide a burst in it (AMLSim with a bank's shops and firms added: docs/BENCHMARKS.md).
  const floorOf = (start: Int32Array) => {
    const counts: number[] = [];
    for (let a = 0; a < accounts; a++) {
      const count = (start[a + 1] as number) - (start[a] as number);
      if (count > 0) counts.push(count);
    }
    counts.sort((x, y) => x - y);
    const q1 = counts[Math.floor(counts.length * 0.25)] ?? 0;
    const q3 = counts[Math.floor(counts.length * 0.75)] ?? 0;
    const fence = q3 + 3 * (q3 - q1);
    let sum = 0;
    for (const count of counts) sum += Math.min(count, fence);
    return sum / Math.max(1, activeTotal);
  };
  return {
    index,
    novel,
    outStart: outs.start,
    outTx: outs.list,
    inStart: ins.start,
    inTx: ins.list,
    activeDays,
    caseOutRate: floorOf(outs.start),
    caseInRate: floorOf(ins.start),
    activeAccounts,
    novelCount,
  };
}

/** Days between an account's first and last transfer in the case, counting both (0 when it has none). */
export function accountActiveDays(index: CaseIndex, account: number): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const oLo = index.outStart[account] as number;
  const oHi = index.outStart[account + 1] as number;
  const iLo = index.inStart[account] as number;
  const iHi = index.inStart[account + 1] as number;
  if (oHi > oLo) {
    first = Math.min(first, index.outTime[oLo] as number);
    last = Math.max(last, index.outTime[oHi - 1] as number);
  }
  if (iHi > iLo) {
    first = Math.min(first, index.inTime[iLo] as number);
    last = Math.max(last, index.inTime[iHi - 1] as number);
  }
  if (!Number.isFinite(first)) return 0;
  return Math.max(1, (last - first) / DAY_MS + 1);
}

/**
 * The account's own rate of new relationships on one side per day, leaving
 * out the `excluded` transfers under examination, never below an ordinary
 * account's rate in the case (an account with no history is as ordinary as that).
 */
export function ownRate(novelty: Novelty, account: number, side: 'in' | 'out', excluded: number, excludedDays: number): number {
  const start = side === 'in' ? novelty.inStart : novelty.outStart;
  const count = (start[account + 1] as number) - (start[account] as number) - excluded;
  const days = Math.max(1, (novelty.activeDays[account] as number) - excludedDays);
  const floor = side === 'in' ? novelty.caseInRate : novelty.caseOutRate;
  return Math.max(floor, Math.max(0, count) / days);
}
