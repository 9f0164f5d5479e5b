import type { Alert, Language } from '../../model';
import { bilingual, dayCount, formatSpan, formatTotals, spanOf, totalsOf, daysText } from '../alerts';
import { DAY_MS, type CaseIndex } from '../indexing';
import type { SensitivityParameters } from '../sensitivity';
import type { RelativeShape } from './engine';
import { ownRate, relational, type Novelty } from './novelty';
import { multiplicityPiece, scoredAlert } from './scored';
import { perReferenceBankNote, placesPerReferenceBank, type EvidencePiece } from './surprise';

/**
 * Hops a walk or cycle may take over a relationship the accounts already had (a regular payee used to pass the
 * money on), each charged at the account's whole pace of payments, so it adds almost no evidence but does not
 * break the path. Only forward in time.
 */
const MAX_REGULAR_HOPS = 1;
/** Search budget per starting transfer for walks and cycles. */
const MAX_EXPANSIONS = 1000;
/** Budget for the whole case, shared out over the starting transfers so a million-row case still ends in seconds. */
const TOTAL_EXPANSIONS = 6_000_000;

/** Whether the account received a transfer over a new relationship within `windowMs` of `time`, either side. */
function novelInWithin(novelty: Novelty, account: number, time: number, windowMs: number): boolean {
  for (let k = novelty.inStart[account] as number; k < (novelty.inStart[account + 1] as number); k++) {
    if (Math.abs((novelty.index.time[novelty.inTx[k] as number] as number) - time) <= windowMs) return true;
  }
  return false;
}

const LOG10_FACTORIAL: number[] = [0];
function log10Factorial(k: number): number {
  for (let i = LOG10_FACTORIAL.length; i <= k; i++) LOG10_FACTORIAL[i] = (LOG10_FACTORIAL[i - 1] as number) + Math.log10(i);
  return LOG10_FACTORIAL[k] as number;
}

/** log10((W + 1)^(H+1) − W^(H+1)): the ways H hops fall on days that keep them and the start within W days. */
export function log10DaysWithinSpan(hops: number, spanDays: number): number {
  const window = spanDays + 1;
  return (hops + 1) * Math.log10(window) + Math.log10(1 - Math.pow(spanDays / window, hops + 1));
}

/**
 * log10 of the expected number of paths like this one by chance, per starting transfer.
 * `log10Rates` sums log10 of each relaying account's own pace of new payees per day.
 * In date order, H onward hops whose waits add up to G days fill a simplex: (G + H)^H / H!.
 * Out of date order (cycles only), the H hops fall on any days that keep the whole path, start included, within a
 * span of W days: (W + 1)^(H+1) − W^(H+1) ways (every window of W + 1 days that holds the start, counted once;
 * H = 1 gives the 2W + 1 days either side). Pricing each hop on either side of the start, (2W + 1)^H, counted
 * paths up to twice as long as the one seen and under-scored out-of-order rings by about log10(2^H / (H + 1)).
 * Not capped at one path per start: where the relaying accounts meet strangers every few weeks, many such paths are
 * expected from each start, and the cap let every chance cycle of a large noisy bank score 26 (AMLSim tiled 14×
 * with a bank's one-off traffic: 101 false cycles at a minimum score of 20).
 */
function pathExpectation(log10Rates: number, hops: number, ordered: boolean, totalWaitDays: number, spanDays: number): number {
  if (hops === 0) return 0;
  const volume = ordered ? hops * Math.log10(totalWaitDays + hops) - log10Factorial(hops) : log10DaysWithinSpan(hops, spanDays);
  return log10Rates + volume;
}

interface Path {
  txs: number[];
  /** log10 of the expected count of equally strong paths by chance (multiplicity included). */
  log10e: number;
  closed: boolean;
  ordered: boolean;
  /** Hops over a pair of accounts that already dealt with each other (at most MAX_REGULAR_HOPS). */
  regularHops: number;
}

/**
 * Walks and cycles over new relationships. Each hop's chance is the next
 * account's own rate of new payees times the days the money waited there
 * (plus one), so quick hops between strangers are rare by chance and slow
 * ones through busy accounts are not. Cycles may run out of date order
 * (day-resolution exports, schedules booked late) but then pay for the
 * larger gaps; closing back on the origin costs 1 / active accounts. One hop
 * may run over a relationship the accounts already had, at that account's
 * whole pace of payments (see MAX_REGULAR_HOPS). A last pass lets a cycle's
 * hops fall anywhere in the path window, in any order (priced over its whole
 * span, as out-of-order cycles are). A cycle's search is discounted per
 * 1,000 active accounts in a larger bank (REFERENCE_ACCOUNTS); a walk's over
 * every start in the case.
 */
export function chains(index: CaseIndex, novelty: Novelty, sensitivity: SensitivityParameters): Alert[] {
  const starts = novelty.novelCount;
  if (starts === 0) return [];
  // A cycle comes back to its origin, which chance rarely does: its search is discounted per reference bank, so
  // a larger bank keeps the rings a small one shows. A walk has no such closure, only the pace of its hops: it
  // pays for every start in the case, as fans do (per 1,000 accounts, the own generator's 1M-row bank, which
  // plants no walks, showed 13–19 chance walks).
  const cycleStarts = placesPerReferenceBank(starts, novelty.activeAccounts);
  const logCycleStarts = Math.log10(cycleStarts);
  const logWalkStarts = Math.log10(starts);
  const perBank = perReferenceBankNote(novelty.activeAccounts);
  const logClose = -Math.log10(Math.max(2, novelty.activeAccounts));
  const windowMs = sensitivity.pathWindowDays * DAY_MS;
  const passMs = sensitivity.passOnDays * DAY_MS;
  const onPath = new Uint8Array(index.accountIds.length);
  const candidates: Path[] = [];
  const perStartBudget = Math.max(50, Math.min(MAX_EXPANSIONS, Math.floor(TOTAL_EXPANSIONS / starts)));
  // Each relaying account's pace, worked out once (the search visits busy accounts thousands of times).
  const accountCount = index.accountIds.length;
  const novelPace = new Float64Array(accountCount).fill(Number.NaN);
  const anyPace = new Float64Array(accountCount).fill(Number.NaN);
  const logRate = (account: number) => {
    let value = novelPace[account] as number;
    if (Number.isNaN(value)) novelPace[account] = value = Math.log10(ownRate(novelty, account, 'out', 1, 0));
    return value;
  };
  // A hop over a relationship the account already has is as likely as any of its payments: its whole pace.
  const logAnyRate = (account: number) => {
    let value = anyPace[account] as number;
    if (Number.isNaN(value)) {
      const payments = (index.outStart[account + 1] as number) - (index.outStart[account] as number);
      anyPace[account] = value = Math.log10(Math.max(novelty.caseOutRate, payments / Math.max(1, novelty.activeDays[account] as number)));
    }
    return value;
  };
  const days = (ms: number) => Math.round(ms / DAY_MS);
  for (let k = 0; k < index.transactionCount; k++) {
    const start = index.byTime[k] as number;
    if (!novelty.novel[start]) continue;
    const origin = index.from[start] as number;
    const t0 = index.time[start] as number;
    let bestWalk: Path | undefined;
    let bestCycle: Path | undefined;
    let budget = perStartBudget;
    let regularAllowed = 0;
    /** In the last pass a hop may wait (or run ahead) longer than the pass-on horizon, up to the path window: cycles only. */
    let slowAllowed = false;
    const path = [start];
    onPath[origin] = 1;
    onPath[index.to[start] as number] = 1;
    const extend = (log10Rates: number, ordered: boolean, waited: number, minT: number, maxT: number, regular: number) => {
      const last = path[path.length - 1] as number;
      const node = index.to[last] as number;
      const arrived = index.time[last] as number;
      // While regular hops are still allowed, every payment of the node is a candidate; after that only new relationships.
      const anyHop = regular < regularAllowed;
      const list = anyHop ? index.outTx : novelty.outTx;
      const lo = (anyHop ? index.outStart : novelty.outStart)[node] as number;
      const hi = (anyHop ? index.outStart : novelty.outStart)[node + 1] as number;
      const novelRates = log10Rates + logRate(node);
      const regularRates = log10Rates + logAnyRate(node);
      // Closest in time first (forward and backward from the arrival), so the budget goes to the quickest hops.
      let forward = lo;
      while (forward < hi && (index.time[list[forward] as number] as number) < arrived) forward++;
      let backward = forward - 1;
      while (forward < hi || backward >= lo) {
        if (--budget < 0) return;
        let m: number;
        if (backward < lo) m = forward++;
        else if (forward >= hi) m = backward--;
        else m = (index.time[list[forward] as number] as number) - arrived <= arrived - (index.time[list[backward] as number] as number) ? forward++ : backward--;
        const next = list[m] as number;
        const t = index.time[next] as number;
        const target = index.to[next] as number;
        const isNew = novelty.novel[next] === 1;
        if (!isNew && (!relational(index, next) || t < arrived)) continue;
        const hopRegular = regular + (isNew ? 0 : 1);
        const rates = isNew ? novelRates : regularRates;
        // Money moves on within days, or (day-resolution exports, late bookings) is booked a few days early.
        // Candidates come closest first: once one is too far, all the rest are.
        const gap = Math.abs(t - arrived);
        if (gap > (slowAllowed ? windowMs : passMs)) break;
        // A slow hop puts the path out of date order: it may only close a cycle, priced over its whole span.
        const inOrder = ordered && t >= arrived && gap <= passMs;
        const low = Math.min(minT, t);
        const high = Math.max(maxT, t);
        if (high - low > windowMs) continue;
        const wait = waited + (inOrder ? days(t - arrived) : 0);
        const hops = path.length;
        if (target === origin && hops + 1 >= 3) {
          const log10e = logCycleStarts + pathExpectation(rates, hops, inOrder, wait, days(high - low)) + logClose;
          if (hops + 1 - hopRegular >= 3 && (!bestCycle || log10e < bestCycle.log10e)) bestCycle = { txs: [...path, next], log10e, closed: true, ordered: inOrder, regularHops: hopRegular };
          continue;
        }
        if (onPath[target] || hops >= sensitivity.maxHops) continue;
        path.push(next);
        onPath[target] = 1;
        if (inOrder && path.length - hopRegular >= sensitivity.minWalkHops && isNew) {
          const log10e = logWalkStarts + pathExpectation(rates, hops, true, wait, days(high - low));
          if (!bestWalk || log10e < bestWalk.log10e) bestWalk = { txs: [...path], log10e, closed: false, ordered: true, regularHops: hopRegular };
        }
        // Out-of-order hops only lead on to cycles.
        extend(rates, inOrder, wait, low, high, hopRegular);
        onPath[target] = 0;
        path.pop();
      }
    };
    // First over new relationships only, as far as the budget goes; then again, with its own budget, letting
    // the money pass through a regular relationship, so the wider search can only add paths, never crowd out one.
    extend(0, true, 0, t0, t0, 0);
    if (MAX_REGULAR_HOPS > 0) {
      budget = perStartBudget;
      regularAllowed = MAX_REGULAR_HOPS;
      extend(0, true, 0, t0, t0, 0);
    }
    // Then, over new relationships only and with a budget of its own, cycles whose schedule is not in date order at
    // all (AMLSim books a cycle's hops weeks apart in any order): every hop anywhere within the path window.
    // Only worth it when a new relationship brings money back to the origin within the window at all.
    if (novelInWithin(novelty, origin, t0, windowMs)) {
      budget = perStartBudget;
      regularAllowed = 0;
      slowAllowed = true;
      extend(0, true, 0, t0, t0, 0);
    }
    onPath[origin] = 0;
    onPath[index.to[start] as number] = 0;
    if (bestWalk && bestWalk.log10e < 0) candidates.push(bestWalk);
    if (bestCycle && bestCycle.log10e < 0) candidates.push(bestCycle);
  }
  // Paths over new relationships only claim their transfers first: a path that needs a regular relationship to join
  // them (money from an unrelated account reaching the same hops) must not take over the walk it joined.
  candidates.sort((a, b) => Math.sign(a.regularHops) - Math.sign(b.regularHops) || a.log10e - b.log10e);
  /** Transfer → the account whose path claimed it. */
  const claimedBy = new Map<number, number>();
  const alerts: Alert[] = [];
  for (const path of candidates) {
    const origin = index.from[path.txs[0] as number] as number;
    const claims = path.txs.map((tx) => claimedBy.get(tx)).filter((owner) => owner !== undefined);
    // A path through a regular relationship may extend one of its own origin (the walk that closes into a cycle),
    // never take over another origin's; any other path is reported while at most half of it is already spoken for.
    if (path.regularHops > 0 ? claims.some((owner) => owner !== origin) : claims.length * 2 > path.txs.length) continue;
    for (const tx of path.txs) if (!claimedBy.has(tx)) claimedBy.set(tx, origin);
    const hops = path.txs.length;
    const accountsOnPath = hops + (path.closed ? 0 : 1);
    const first = path.txs[0] as number;
    const originId = index.accountIds[index.from[first] as number] as string;
    const span = spanOf(index, path.txs);
    const spanDays = dayCount(index, path.txs);
    const pieces: EvidencePiece[] = [
      {
        id: 'strangers-path',
        surprise: -(path.log10e - (path.closed ? logCycleStarts + logClose : logWalkStarts)),
        label: bilingual((language, n) => {
          const strangers = path.regularHops === 0 ? '' : language === 'es' ? `, ${n(hops - path.regularHops)} de ellos` : `, ${n(hops - path.regularHops)} of them`;
          return language === 'es'
            ? `${n(hops)} saltos${strangers} entre cuentas que nunca habían operado entre sí, ${path.ordered ? 'cada uno pocos días después del anterior' : `fuera de orden de fechas, todos en ${daysText(language, n, spanDays)}`}`
            : `${n(hops)} hops${strangers} between accounts that had never dealt with each other, ${path.ordered ? 'each a few days after the previous one' : `out of date order, all within ${daysText(language, n, spanDays)}`}`;
        }),
      },
    ];
    if (path.closed) {
      pieces.push({
        id: 'returns-home',
        surprise: -logClose,
        label: bilingual((language) => (language === 'es' ? `el dinero vuelve a la cuenta ${originId}` : `the money comes back to account ${originId}`)),
      });
    }
    pieces.push(
      multiplicityPiece(path.closed ? cycleStarts : starts, {
        count: starts,
        es: ['transferencia nueva', 'transferencias nuevas'],
        en: ['new-relationship transfer', 'new-relationship transfers'],
        from: true,
        ...(path.closed ? { note: perBank } : {}),
      }),
    );
    const typology: RelativeShape = path.closed ? 'cycle' : 'layering-walk';
    const totals = totalsOf(index, [first]);
    const sentence = (language: Language, n: (value: number, digits?: number) => string) =>
      path.closed
        ? language === 'es'
          ? `${formatTotals(totals, language)} salieron de la cuenta ${originId} y el dinero volvió a ella tras pasar por ${n(accountsOnPath - 1)} cuentas ${formatSpan(span.from, span.to, language)}.`
          : `${formatTotals(totals, language)} left account ${originId} and money came back to it after passing through ${n(accountsOnPath - 1)} accounts ${formatSpan(span.from, span.to, language)}.`
        : language === 'es'
          ? `El dinero saltó de la cuenta ${originId} por ${n(accountsOnPath - 1)} cuentas ${path.regularHops > 0 ? 'que en su mayoría' : 'que'} no habían operado entre sí ${formatSpan(span.from, span.to, language)}.`
          : `Money hopped from account ${originId} through ${n(accountsOnPath - 1)} accounts ${path.regularHops > 0 ? 'most of which' : 'that'} had never dealt with each other ${formatSpan(span.from, span.to, language)}.`;
    const alert = scoredAlert(index, { typology, transactions: path.txs, pieces, focus: originId, sentence });
    if (!alert) continue;
    // A layering walk is an alert on the customer whose money was layered: the origin is its subject, the
    // hops are evidence (its transactions, drawn on the chart). Naming every intermediary as a subject would
    // merge it with any other alert that touches one of them, and most of them sit at other banks.
    alerts.push(path.closed ? alert : { ...alert, accounts: [originId] });
  }
  return alerts;
}
