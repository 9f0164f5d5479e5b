import type { Alert, Language } from '../../model';
import { bilingual, formatSpan, formatTotals, spanOf, totalsOf } from '../alerts';
import { DAY_MS, lowerBound, upperBound, type CaseIndex } from '../indexing';
import type { SensitivityParameters } from '../sensitivity';
import { noveltyOf, ownRate, relational, type Novelty } from './novelty';
import { regularSchedule, type RegularSchedule } from './schedule';
import { countPiece, multiplicityPiece, scoredAlert } from './scored';
import { log10BinomialTail, log10PoissonTail, perReferenceBankNote, placesPerReferenceBank, type EvidencePiece } from './surprise';

/**
 * Network shapes found on relative evidence only: new relationships against
 * each account's own baseline, bursts, money passed on within days, paths
 * of strangers. No amount, count or date in here is tuned to a data set;
 * every strength is an expected count by chance under the case's own rates
 * (see surprise.ts), and the sensitivity's documented parameters bound the
 * search.
 */
export type RelativeShape = 'fan-in' | 'fan-out' | 'scatter-gather' | 'gather-scatter' | 'cycle' | 'layering-walk';

/** Longest episode a fan is looked for in: a quarter, the horizon a reviewer reads a burst against. */
const MAX_FAN_DAYS = 92;
/** Largest number of counterparts scanned per account and side (a busier account is a business, its bursts show in its rate). */
const MAX_FAN_SPAN = 150;
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

interface FanEpisode {
  account: number;
  side: 'in' | 'out';
  txs: number[];
  counterparts: number[];
  days: number;
  expected: number;
  log10p: number;
}

const cache = new WeakMap<CaseIndex, Map<string, Map<RelativeShape, Alert[]>>>();

/** Every relative alert of a case at one sensitivity, computed once and shared by the typologies that report them. */
export function relativeAlerts(index: CaseIndex, sensitivity: SensitivityParameters, shape: RelativeShape, explained?: Uint8Array): Alert[] {
  let perIndex = cache.get(index);
  if (!perIndex) {
    perIndex = new Map();
    cache.set(index, perIndex);
  }
  const key = JSON.stringify(sensitivity);
  let shapes = perIndex.get(key);
  if (!shapes) {
    shapes = detectAll(index, sensitivity, explained);
    perIndex.set(key, shapes);
  }
  return shapes.get(shape) ?? [];
}

function side(novelty: Novelty, account: number, which: 'in' | 'out'): { list: Int32Array; lo: number; hi: number } {
  return which === 'in'
    ? { list: novelty.inTx, lo: novelty.inStart[account] as number, hi: novelty.inStart[account + 1] as number }
    : { list: novelty.outTx, lo: novelty.outStart[account] as number, hi: novelty.outStart[account + 1] as number };
}

function counterpart(index: CaseIndex, tx: number, which: 'in' | 'out'): number {
  return which === 'in' ? (index.from[tx] as number) : (index.to[tx] as number);
}

/** The most surprising burst of new counterparts on one side of an account, against its own baseline. */
function bestFan(novelty: Novelty, account: number, which: 'in' | 'out', minCounterparts: number, seen: Int32Array, generation: { value: number }, maxDays = MAX_FAN_DAYS): FanEpisode | undefined {
  const index = novelty.index;
  const { list, lo, hi } = side(novelty, account, which);
  if (hi - lo < minCounterparts) return undefined;
  let best: FanEpisode | undefined;
  for (let i = lo; i < hi; i++) {
    const t0 = index.time[list[i] as number] as number;
    // Windows start at the first transfer of a day (exports are often day-resolution anyway).
    if (i > lo && Math.floor((index.time[list[i - 1] as number] as number) / DAY_MS) === Math.floor(t0 / DAY_MS)) continue;
    let distinct = 0;
    const mark = ++generation.value;
    for (let j = i; j < hi && j < i + MAX_FAN_SPAN; j++) {
      const tx = list[j] as number;
      const t = index.time[tx] as number;
      if (t - t0 > maxDays * DAY_MS) break;
      const other = counterpart(index, tx, which);
      if (seen[other] !== mark) {
        seen[other] = mark;
        distinct++;
      }
      if (distinct < minCounterparts) continue;
      // Only close a window where the next transfer is on a later day (day-resolution exports).
      if (j + 1 < hi && (index.time[list[j + 1] as number] as number) === t) continue;
      const days = Math.floor(t / DAY_MS) - Math.floor(t0 / DAY_MS) + 1;
      const expected = ownRate(novelty, account, which, distinct, days) * days;
      // Two baselines, the weaker evidence wins: the pace outside the episode (and the case's), and, for an
      // account with a stream of new counterparts of its own (a quarter of the episode's count outside it, or
      // twice the case's pace there, as a shop has), its whole history: k of its N new counterparts falling in
      // d of its T active days.
      const poisson = log10PoissonTail(distinct, expected);
      // The evidence is never stronger than the Poisson tail: a window that cannot beat the best needs no more.
      if (best && poisson >= best.log10p) continue;
      const outside = hi - lo - (j - i + 1);
      const outsidePace = outside / Math.max(1, (novelty.activeDays[account] as number) - days);
      const caseFloor = which === 'in' ? novelty.caseInRate : novelty.caseOutRate;
      const ownStream = 4 * outside >= distinct || outsidePace >= 2 * caseFloor;
      const log10p = ownStream ? Math.max(poisson, log10BinomialTail(distinct, hi - lo, Math.min(1, days / (novelty.activeDays[account] as number)))) : poisson;
      if (!best || log10p < best.log10p) {
        const txs: number[] = [];
        for (let k = i; k <= j; k++) txs.push(list[k] as number);
        best = { account, side: which, txs, counterparts: [], days, expected, log10p };
      }
    }
  }
  if (best) best.counterparts = [...new Set(best.txs.map((tx) => counterpart(index, tx, which)))];
  return best;
}

function detectAll(index: CaseIndex, sensitivity: SensitivityParameters, explained: Uint8Array | undefined): Map<RelativeShape, Alert[]> {
  const novelty = noveltyOf(index, explained);
  const result = new Map<RelativeShape, Alert[]>();
  const push = (shape: RelativeShape, alert: Alert) => {
    const list = result.get(shape);
    if (list) list.push(alert);
    else result.set(shape, [alert]);
  };
  const accounts = index.accountIds.length;
  const seen = new Int32Array(accounts).fill(-1);
  const fans: { in: (FanEpisode | undefined)[]; out: (FanEpisode | undefined)[] } = { in: new Array(accounts), out: new Array(accounts) };
  const wideFans: { in: (FanEpisode | undefined)[]; out: (FanEpisode | undefined)[] } = { in: new Array(accounts), out: new Array(accounts) };
  const fittingFans: { in: (FanEpisode | undefined)[]; out: (FanEpisode | undefined)[] } = { in: new Array(accounts), out: new Array(accounts) };
  const generation = { value: 0 };
  const tested = { in: 0, out: 0 };
  for (const which of ['in', 'out'] as const) {
    for (let a = 0; a < accounts; a++) {
      if (index.cashEndpoint[a]) continue;
      // Scatter-gather sinks and gather-scatter hubs may have as few as two counterparts on one side.
      const fan = bestFan(novelty, a, which, 2, seen, generation);
      if (!fan) continue;
      // Every start position was a window tried: the discount for chance counts them all.
      tested[which] += startDays(novelty, a, which);
      fans[which][a] = fan;
      // The plain fan is the strongest window with enough counterparts, which need not be the strongest pair.
      wideFans[which][a] = fan.counterparts.length >= sensitivity.minFanCounterparts ? fan : bestFan(novelty, a, which, sensitivity.minFanCounterparts, seen, generation);
      // Measured against the pace outside it, a window that swallows the account's few other new counterparts can
      // outscore the burst inside it; a scheme with two sides must fit the path window, so its strongest window
      // that does is tried too (one of the windows already counted in the discount).
      const longest = Math.max(spanDays(index, fan), spanDays(index, wideFans[which][a]));
      if (longest > sensitivity.pathWindowDays) fittingFans[which][a] = bestFan(novelty, a, which, 2, seen, generation, sensitivity.pathWindowDays);
    }
  }
  const minFan = sensitivity.minFanCounterparts;
  const scheduled = { in: new Map<number, Alert>(), out: new Map<number, Alert>() };
  const schedules = { in: regularSchedules(index, novelty, 'in', minFan), out: regularSchedules(index, novelty, 'out', minFan) };

  // Gather-scatter: new senders, then new payees of the same hub within the pass-on horizon.
  const gatherScatterOf = (a: number, fin: FanEpisode | undefined): Alert | undefined => {
    if (!fin || fin.counterparts.length < 2 || burstRatio(novelty, a, 'in', fin) < sensitivity.minBurstRatio) return undefined;
    const inSpan = spanOf(index, fin.txs);
    const { list, lo, hi } = side(novelty, a, 'out');
    const passOn = sensitivity.passOnDays * DAY_MS;
    const chained: number[] = [];
    let reach = inSpan.to + passOn;
    let withinFirstHorizon = 0;
    for (let k = lo; k < hi; k++) {
      const t = index.time[list[k] as number] as number;
      if (t < inSpan.from) continue;
      if (t > reach) break;
      chained.push(list[k] as number);
      if (t <= inSpan.to + passOn) withinFirstHorizon = chained.length;
      // Never past the path window: the gather and the scatter must fit in it together.
      if (t > inSpan.to) reach = Math.min(Math.max(reach, t + passOn), inSpan.from + sensitivity.pathWindowDays * DAY_MS);
    }
    // The scatter runs on while each new payee follows the last within the pass-on horizon, but only as far as the
    // longer burst is the stronger evidence, chance getting the days from its first payee to the horizon after it.
    const senderSet = new Set(fin.counterparts);
    const scatterEvidence = (count: number) => {
      const part = chained.slice(0, count);
      const newPayees = new Set(part.map((tx) => index.to[tx] as number).filter((payee) => !senderSet.has(payee))).size;
      // Where the search for payees stopped: the horizon after the last new sender, or, once the scatter ran past
      // it, the horizon after its last payee.
      const end = count <= withinFirstHorizon ? inSpan.to + passOn : (index.time[part[part.length - 1] as number] as number) + passOn;
      const days = Math.floor(end / DAY_MS) - Math.floor((index.time[part[0] as number] as number) / DAY_MS) + 1;
      return { log10p: newPayees === 0 ? 0 : log10PoissonTail(newPayees, ownRate(novelty, a, 'out', newPayees, days) * days), end };
    };
    let scatterEnd = withinFirstHorizon;
    let strongest = withinFirstHorizon > 0 ? scatterEvidence(withinFirstHorizon).log10p : 0;
    for (let count = withinFirstHorizon + 1; count <= chained.length; count++) {
      const evidence = scatterEvidence(count).log10p;
      if (evidence < strongest) {
        strongest = evidence;
        scatterEnd = count;
      }
    }
    const outs = chained.slice(0, scatterEnd);
    const horizon = outs.length > 0 ? scatterEvidence(outs.length).end : inSpan.to + passOn;
    const payees = new Set(outs.map((tx) => index.to[tx] as number));
    for (const sender of fin.counterparts) payees.delete(sender);
    if (payees.size < 2 || fin.counterparts.length + payees.size < minFan + 2) return undefined;
    const outSpan = spanOf(index, outs);
    // One scheme: the gather and the scatter fit in the path window together.
    if (Math.max(outSpan.to, inSpan.to) - inSpan.from > sensitivity.pathWindowDays * DAY_MS) return undefined;
    // Most of the new money leaves after it arrived: a gather, then a scatter.
    if (median(outs.map((tx) => index.time[tx] as number)) < median(fin.txs.map((tx) => index.time[tx] as number))) return undefined;
    // Chance gets the days from the first new payee to the pass-on horizon (where the search for payees stopped),
    // not only the days the payments happened to fall on.
    const outDays = Math.floor(horizon / DAY_MS) - Math.floor(outSpan.from / DAY_MS) + 1;
    const outExpected = ownRate(novelty, a, 'out', payees.size, outDays) * outDays;
    const outP = log10PoissonTail(payees.size, outExpected);
    const pieces: EvidencePiece[] = [
      fanPiece('new-senders', fin.counterparts.length, fin.days, fin.expected, fin.log10p, 'in'),
      fanPiece('new-payees', payees.size, outDays, outExpected, outP, 'out'),
      searchPiece(tested.in),
    ];
    return relativeAlert(index, 'gather-scatter', [...fin.txs, ...outs], pieces, index.accountIds[a] as string, (language, n) =>
      language === 'es'
        ? `La cuenta ${index.accountIds[a]} recibió dinero de ${n(fin.counterparts.length)} cuentas con las que nunca había operado y lo repartió entre ${n(payees.size)} cuentas nuevas para ella ${formatSpan(inSpan.from, Math.max(inSpan.to, outSpan.to), language)}.`
        : `Account ${index.accountIds[a]} received money from ${n(fin.counterparts.length)} accounts it had never dealt with and spread it over ${n(payees.size)} accounts new to it ${formatSpan(inSpan.from, Math.max(inSpan.to, outSpan.to), language)}.`,
    );
  };
  for (let a = 0; a < accounts; a++) {
    // The sharpest burst of new senders (two on one day) may be only the start of a gather that runs over
    // days; the widest burst with enough senders is tried too, and the stronger scheme is reported.
    const candidates = [gatherScatterOf(a, fans.in[a]), wideFans.in[a] === fans.in[a] ? undefined : gatherScatterOf(a, wideFans.in[a]), gatherScatterOf(a, fittingFans.in[a])];
    const alert = candidates.reduce<Alert | undefined>((best, next) => (next && (!best || next.score > best.score) ? next : best), undefined);
    if (alert) {
      push('gather-scatter', alert);
    }
  }

  // Scatter-gather: an origin's new payees forward to one new beneficiary within the pass-on horizon.
  const scatterGatherOf = (a: number, fout: FanEpisode | undefined): Alert | undefined => {
    if (!fout || fout.counterparts.length < 2) return undefined;
    const bySink = new Map<number, number[]>();
    for (const tx of fout.txs) {
      const mid = index.to[tx] as number;
      const received = index.time[tx] as number;
      const { list, lo, hi } = side(novelty, mid, 'out');
      for (let k = lo; k < hi; k++) {
        const onward = list[k] as number;
        const t = index.time[onward] as number;
        const sink = index.to[onward] as number;
        if (t < received || t > received + sensitivity.pathWindowDays * DAY_MS || sink === a) continue;
        const entry = bySink.get(sink);
        if (entry) entry.push(onward);
        else bySink.set(sink, [onward]);
      }
    }
    let bestSink = -1;
    let bestTxs: number[] = [];
    for (const [sink, txs] of bySink) {
      const mids = new Set(txs.map((tx) => index.from[tx] as number)).size;
      if (mids > new Set(bestTxs.map((tx) => index.from[tx] as number)).size) {
        bestSink = sink;
        bestTxs = txs;
      }
    }
    const mids = new Set(bestTxs.map((tx) => index.from[tx] as number));
    if (bestSink < 0 || mids.size < 2 || 2 * mids.size + 2 < minFan + 2) return undefined;
    const scatter = fout.txs.filter((tx) => mids.has(index.to[tx] as number));
    const scatterDays = dayCount(index, scatter);
    const scatterExpected = ownRate(novelty, a, 'out', mids.size, scatterDays) * scatterDays;
    const gatherDays = dayCount(index, bestTxs);
    const gatherExpected = ownRate(novelty, bestSink, 'in', mids.size, gatherDays) * gatherDays;
    const pieces: EvidencePiece[] = [
      fanPiece('new-payees', mids.size, scatterDays, scatterExpected, log10PoissonTail(mids.size, scatterExpected), 'out'),
      fanPiece('new-senders', mids.size, gatherDays, gatherExpected, log10PoissonTail(mids.size, gatherExpected), 'in'),
      searchPiece(tested.out),
    ];
    const whole = [...scatter, ...bestTxs];
    const total = spanOf(index, whole);
    if (total.to - total.from > sensitivity.pathWindowDays * DAY_MS) return undefined;
    const origin = index.accountIds[a] as string;
    const sinkId = index.accountIds[bestSink] as string;
    return relativeAlert(index, 'scatter-gather', whole, pieces, origin, (language, n) =>
      language === 'es'
        ? `La cuenta ${origin} repartió dinero entre ${n(mids.size)} cuentas nuevas para ella, que lo reenviaron a una misma cuenta, ${sinkId}, con la que tampoco habían operado, ${formatSpan(total.from, total.to, language)}.`
        : `Account ${origin} spread money over ${n(mids.size)} accounts new to it, which forwarded it to one account, ${sinkId}, none of them had dealt with before, ${formatSpan(total.from, total.to, language)}.`,
    );
  };
  for (let a = 0; a < accounts; a++) {
    // As for gather-scatter: the sharpest burst of new payees and the widest one with enough payees both.
    const candidates = [scatterGatherOf(a, fans.out[a]), wideFans.out[a] === fans.out[a] ? undefined : scatterGatherOf(a, wideFans.out[a]), scatterGatherOf(a, fittingFans.out[a])];
    const alert = candidates.reduce<Alert | undefined>((best, next) => (next && (!best || next.score > best.score) ? next : best), undefined);
    if (alert) {
      push('scatter-gather', alert);
    }
  }

  // Plain fans: enough new counterparts, unusually many for this account, or arriving on a fixed schedule.
  for (const which of ['in', 'out'] as const) {
    for (const [a, schedule] of schedules[which].found) {
      // Both sides of every account were searched for a schedule: the discount counts them all.
      const alert = scheduledFanAlert(index, a, which, schedule, schedules.in.tested + schedules.out.tested);
      if (alert) scheduled[which].set(a, alert);
    }
    for (let a = 0; a < accounts; a++) {
      const fan = wideFans[which][a];
      const onSchedule = scheduled[which].get(a);
      const shape: RelativeShape = which === 'in' ? 'fan-in' : 'fan-out';
      const report = (alert: Alert | undefined) => {
        // One fan alert per account and side: the stronger of the burst and the schedule.
        const stronger = alert && (!onSchedule || alert.score >= onSchedule.score) ? alert : onSchedule;
        if (stronger) push(shape, stronger);
      };
      if (!fan || fan.counterparts.length < minFan) {
        report(undefined);
        continue;
      }
      // A burst against the account's own pace: a shop meets new customers every week, a funnel does not.
      if (burstRatio(novelty, a, which, fan) < sensitivity.minBurstRatio || newShare(index, a, which, fan) < sensitivity.minNewCounterpartShare) {
        report(undefined);
        continue;
      }
      const pieces: EvidencePiece[] = [fanPiece(which === 'in' ? 'new-senders' : 'new-payees', fan.counterparts.length, fan.days, fan.expected, fan.log10p, which), searchPiece(tested[which])];
      // Money passed on is said, not scored: weighed as evidence it had no measured chance behind it, and on the
      // own generator it lifted payroll accounts (which pay out what they receive) over the line (fan-in precision
      // 0.83 → 1.00 at 100k, 0.71 → 0.75 at 1M without it; AMLSim unchanged).
      const passed = which === 'in' ? passedOnShare(index, novelty, a, fan.txs, sensitivity.passOnDays) : 0;
      const passedNote = (language: Language, n: (value: number, digits?: number) => string) =>
        passed < sensitivity.minPassedOnShare ? '' : language === 'es' ? ` El ${n(passed * 100)} % salió hacia cuentas nuevas en ${n(sensitivity.passOnDays)} días.` : ` ${n(passed * 100)} % of it went on to new payees within ${n(sensitivity.passOnDays)} days.`;
      const span = spanOf(index, fan.txs);
      const accountId = index.accountIds[a] as string;
      const totals = totalsOf(index, fan.txs);
      const alert = relativeAlert(index, shape, fan.txs, pieces, accountId, (language, n) =>
        which === 'in'
          ? language === 'es'
            ? `${n(fan.counterparts.length)} cuentas que nunca le habían pagado enviaron ${formatTotals(totals, language)} a la cuenta ${accountId} ${formatSpan(span.from, span.to, language)}; para esa cuenta lo habitual serían ${n(fan.expected, fan.expected < 1 ? 2 : 1)}.${passedNote(language, n)}`
            : `${n(fan.counterparts.length)} accounts that had never paid it sent ${formatTotals(totals, language)} to account ${accountId} ${formatSpan(span.from, span.to, language)}; ${n(fan.expected, fan.expected < 1 ? 2 : 1)} would be usual for that account.${passedNote(language, n)}`
          : language === 'es'
            ? `La cuenta ${accountId} envió ${formatTotals(totals, language)} a ${n(fan.counterparts.length)} cuentas a las que nunca había pagado ${formatSpan(span.from, span.to, language)}; lo habitual para ella serían ${n(fan.expected, fan.expected < 1 ? 2 : 1)}.`
            : `Account ${accountId} sent ${formatTotals(totals, language)} to ${n(fan.counterparts.length)} accounts it had never paid ${formatSpan(span.from, span.to, language)}; ${n(fan.expected, fan.expected < 1 ? 2 : 1)} would be usual for it.`,
      );
      report(alert);
    }
  }

  for (const alert of chains(index, novelty, sensitivity)) push(alert.typology as RelativeShape, alert);
  return result;
}

/** Every account's most regular run of new counterparts on one side, and how many account sides were searched. */
function regularSchedules(index: CaseIndex, novelty: Novelty, which: 'in' | 'out', minCount: number): { found: Map<number, RegularSchedule>; tested: number } {
  const found = new Map<number, RegularSchedule>();
  const start = which === 'in' ? novelty.inStart : novelty.outStart;
  let tested = 0;
  for (let a = 0; a < index.accountIds.length; a++) {
    if (index.cashEndpoint[a] || (start[a + 1] as number) - (start[a] as number) < minCount) continue;
    tested++;
    const schedule = regularSchedule(index, novelty, a, which, minCount);
    if (schedule && schedule.log10e < 0) found.set(a, schedule);
  }
  return { found, tested };
}

function scheduledFanAlert(index: CaseIndex, account: number, which: 'in' | 'out', schedule: RegularSchedule, tested: number): Alert | undefined {
  const accountId = index.accountIds[account] as string;
  const count = schedule.txs.length;
  const span = spanOf(index, schedule.txs);
  const totals = totalsOf(index, schedule.txs);
  const pieces: EvidencePiece[] = [
    {
      id: which === 'in' ? 'scheduled-senders' : 'scheduled-payees',
      surprise: -schedule.log10e,
      label: bilingual((language, n) =>
        language === 'es'
          ? `${n(count)} ${which === 'in' ? 'remitentes' : 'destinatarios'} nuevos, uno cada ${n(schedule.gapDays)} días exactos`
          : `${n(count)} new ${which === 'in' ? 'senders' : 'payees'}, one every ${n(schedule.gapDays)} days exactly`,
      ),
    },
    multiplicityPiece(tested, { count: tested, es: ['cuenta', 'cuentas'], en: ['account', 'accounts'] }),
  ];
  return relativeAlert(index, which === 'in' ? 'fan-in' : 'fan-out', schedule.txs, pieces, accountId, (language, n) =>
    which === 'in'
      ? language === 'es'
        ? `${n(count)} cuentas que nunca le habían pagado enviaron ${formatTotals(totals, language)} a la cuenta ${accountId}, una tras otra cada ${n(schedule.gapDays)} días exactos, ${formatSpan(span.from, span.to, language)}; remitentes nuevos a un ritmo tan regular son raros por azar.`
        : `${n(count)} accounts that had never paid it sent ${formatTotals(totals, language)} to account ${accountId}, one after another every ${n(schedule.gapDays)} days exactly, ${formatSpan(span.from, span.to, language)}; new senders on so regular a schedule are rare by chance.`
      : language === 'es'
        ? `La cuenta ${accountId} envió ${formatTotals(totals, language)} a ${n(count)} cuentas a las que nunca había pagado, una tras otra cada ${n(schedule.gapDays)} días exactos, ${formatSpan(span.from, span.to, language)}; destinatarios nuevos a un ritmo tan regular son raros por azar.`
        : `Account ${accountId} sent ${formatTotals(totals, language)} to ${n(count)} accounts it had never paid, one after another every ${n(schedule.gapDays)} days exactly, ${formatSpan(span.from, span.to, language)}; new payees on so regular a schedule are rare by chance.`,
  );
}

/** Whether the account received a transfer over a new relationship within `windowMs` of `time`, either side. */
function novelInWithin(novelty: Novelty, account: number, time: number, windowMs: number): boolean {
  for (let k = novelty.inStart[account] as number; k < (novelty.inStart[account + 1] as number); k++) {
    if (Math.abs((novelty.index.time[novelty.inTx[k] as number] as number) - time) <= windowMs) return true;
  }
  return false;
}

/** Calendar days a fan episode covers (0 without one). */
function spanDays(index: CaseIndex, fan: FanEpisode | undefined): number {
  return fan ? dayCount(index, fan.txs) : 0;
}

/** Share of all the counterparts the account dealt with on that side during the episode that were new relationships. */
function newShare(index: CaseIndex, account: number, which: 'in' | 'out', fan: FanEpisode): number {
  const span = spanOf(index, fan.txs);
  const times = which === 'in' ? index.inTime : index.outTime;
  const list = which === 'in' ? index.inTx : index.outTx;
  const start = which === 'in' ? index.inStart : index.outStart;
  const lo = lowerBound(times, start[account] as number, start[account + 1] as number, span.from);
  const hi = upperBound(times, lo, start[account + 1] as number, span.to);
  const all = new Set<number>();
  for (let k = lo; k < hi; k++) all.add(counterpart(index, list[k] as number, which));
  return all.size === 0 ? 1 : fan.counterparts.length / all.size;
}

/** Windows tried on one side of an account: they start at the first new relationship of each day. */
function startDays(novelty: Novelty, account: number, which: 'in' | 'out'): number {
  const { list, lo, hi } = side(novelty, account, which);
  let days = 0;
  let last = Number.NaN;
  for (let k = lo; k < hi; k++) {
    const d = Math.floor((novelty.index.time[list[k] as number] as number) / DAY_MS);
    if (d !== last) days++;
    last = d;
  }
  return days;
}

/** New counterparts per day inside the episode over the account's pace outside it (never below the case's pace). */
function burstRatio(novelty: Novelty, account: number, which: 'in' | 'out', fan: FanEpisode): number {
  const start = which === 'in' ? novelty.inStart : novelty.outStart;
  const outside = (start[account + 1] as number) - (start[account] as number) - fan.txs.length;
  const outsideDays = Math.max(1, (novelty.activeDays[account] as number) - fan.days);
  const floor = which === 'in' ? novelty.caseInRate : novelty.caseOutRate;
  return fan.counterparts.length / fan.days / Math.max(floor, outside / outsideDays);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function dayCount(index: CaseIndex, txs: number[]): number {
  const span = spanOf(index, txs);
  return Math.floor(span.to / DAY_MS) - Math.floor(span.from / DAY_MS) + 1;
}

/** Share of the money an account received in the episode that it sent on to new payees within `days`. */
function passedOnShare(index: CaseIndex, novelty: Novelty, account: number, inbound: number[], days: number): number {
  let received = 0;
  for (const tx of inbound) received += index.usd[tx] as number;
  if (received <= 0) return 0;
  const span = spanOf(index, inbound);
  let sent = 0;
  for (let k = index.outStart[account] as number; k < (index.outStart[account + 1] as number); k++) {
    const tx = index.outTx[k] as number;
    const t = index.time[tx] as number;
    if (t >= span.from && t <= span.to + days * DAY_MS && novelty.novel[tx]) sent += index.usd[tx] as number;
  }
  return Math.min(1, sent / received);
}

function fanPiece(id: string, count: number, days: number, expected: number, log10p: number, which: 'in' | 'out'): EvidencePiece {
  return countPiece(id, count, expected, log10p, which === 'in' ? { es: 'remitentes nuevos', en: 'new senders', days } : { es: 'destinatarios nuevos', en: 'new payees', days });
}

function searchPiece(places: number): EvidencePiece {
  return multiplicityPiece(places, { count: places, es: ['ventana de días', 'ventanas de días'], en: ['day window', 'day windows'] });
}

function relativeAlert(
  index: CaseIndex,
  typology: RelativeShape,
  transactions: number[],
  pieces: EvidencePiece[],
  focus: string,
  sentence: (language: Language, n: (value: number, digits?: number) => string) => string,
): Alert | undefined {
  return scoredAlert(index, { typology, transactions, pieces, focus, sentence });
}

const LOG10_FACTORIAL: number[] = [0];
function log10Factorial(k: number): number {
  for (let i = LOG10_FACTORIAL.length; i <= k; i++) LOG10_FACTORIAL[i] = (LOG10_FACTORIAL[i - 1] as number) + Math.log10(i);
  return LOG10_FACTORIAL[k] as number;
}

/**
 * log10 of the expected number of paths like this one by chance, per starting transfer.
 * `log10Rates` sums log10 of each relaying account's own pace of new payees per day.
 * In date order, H onward hops whose waits add up to G days fill a simplex: (G + H)^H / H!.
 * Out of date order (cycles only), each hop may fall on either side within the path's span of W days: (2W + 1)^H.
 */
function pathExpectation(log10Rates: number, hops: number, ordered: boolean, totalWaitDays: number, spanDays: number): number {
  if (hops === 0) return 0;
  const volume = ordered ? hops * Math.log10(totalWaitDays + hops) - log10Factorial(hops) : hops * Math.log10(2 * spanDays + 1);
  return Math.min(0, log10Rates + volume);
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
 * span, as out-of-order cycles are); the search from each start is
 * discounted per 1,000 active accounts in a larger bank (REFERENCE_ACCOUNTS).
 */
function chains(index: CaseIndex, novelty: Novelty, sensitivity: SensitivityParameters): Alert[] {
  const starts = novelty.novelCount;
  if (starts === 0) return [];
  const searchedStarts = placesPerReferenceBank(starts, novelty.activeAccounts);
  const logStarts = Math.log10(searchedStarts);
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
          const log10e = logStarts + pathExpectation(rates, hops, inOrder, wait, days(high - low)) + logClose;
          if (hops + 1 - hopRegular >= 3 && (!bestCycle || log10e < bestCycle.log10e)) bestCycle = { txs: [...path, next], log10e, closed: true, ordered: inOrder, regularHops: hopRegular };
          continue;
        }
        if (onPath[target] || hops >= sensitivity.maxHops) continue;
        path.push(next);
        onPath[target] = 1;
        if (inOrder && path.length - hopRegular >= sensitivity.minWalkHops && isNew) {
          const log10e = logStarts + pathExpectation(rates, hops, true, wait, days(high - low));
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
        surprise: -(path.log10e - logStarts - (path.closed ? logClose : 0)),
        label: bilingual((language, n) => {
          const strangers = path.regularHops === 0 ? '' : language === 'es' ? `, ${n(hops - path.regularHops)} de ellos` : `, ${n(hops - path.regularHops)} of them`;
          return language === 'es'
            ? `${n(hops)} saltos${strangers} entre cuentas que nunca habían operado entre sí, ${path.ordered ? 'cada uno pocos días después del anterior' : `fuera de orden de fechas, todos en ${n(spanDays)} días`}`
            : `${n(hops)} hops${strangers} between accounts that had never dealt with each other, ${path.ordered ? 'each a few days after the previous one' : `out of date order, all within ${n(spanDays)} days`}`;
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
      multiplicityPiece(searchedStarts, { count: starts, es: ['transferencia nueva', 'transferencias nuevas'], en: ['new-relationship transfer', 'new-relationship transfers'], from: true, note: perBank }),
    );
    const typology: RelativeShape = path.closed ? 'cycle' : 'layering-walk';
    const totals = totalsOf(index, [first]);
    const alert = relativeAlert(index, typology, path.txs, pieces, originId, (language, n) =>
      path.closed
        ? language === 'es'
          ? `${formatTotals(totals, language)} salieron de la cuenta ${originId} y el dinero volvió a ella tras pasar por ${n(accountsOnPath - 1)} cuentas ${formatSpan(span.from, span.to, language)}.`
          : `${formatTotals(totals, language)} left account ${originId} and money came back to it after passing through ${n(accountsOnPath - 1)} accounts ${formatSpan(span.from, span.to, language)}.`
        : language === 'es'
          ? `El dinero saltó de la cuenta ${originId} por ${n(accountsOnPath - 1)} cuentas ${path.regularHops > 0 ? 'que en su mayoría' : 'que'} no habían operado entre sí ${formatSpan(span.from, span.to, language)}.`
          : `Money hopped from account ${originId} through ${n(accountsOnPath - 1)} accounts ${path.regularHops > 0 ? 'most of which' : 'that'} had never dealt with each other ${formatSpan(span.from, span.to, language)}.`,
    );
    if (!alert) continue;
    // A layering walk is an alert on the customer whose money was layered: the origin is its subject, the
    // hops are evidence (its transactions, drawn on the chart). Naming every intermediary as a subject would
    // merge it with any other alert that touches one of them, and most of them sit at other banks.
    alerts.push(path.closed ? alert : { ...alert, accounts: [originId] });
  }
  return alerts;
}
