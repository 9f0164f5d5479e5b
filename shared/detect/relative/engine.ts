import type { Alert, Language } from '../../model';
import { bilingual, dayCount, formatSpan, formatTotals, spanOf, totalsOf, daysText } from '../alerts';
import { DAY_MS, lowerBound, upperBound, type CaseIndex } from '../indexing';
import type { SensitivityParameters } from '../sensitivity';
import { noveltyOf, ownRate, type Novelty } from './novelty';
import { chains } from './paths';
import { regularSchedule, type RegularSchedule } from './schedule';
import { countPiece, multiplicityPiece, scoredAlert } from './scored';
import { log10BinomialTail, log10PoissonTail, type EvidencePiece } from './surprise';

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
      // The window starts at one of the account's own transfers: that one is given, only the ones after it are
      // evidence (the discount counts the starts). Counting it too made four strangers in a week on a quiet account
      // look ~50× rarer than they are (own generator at 1M: fan-out precision 0.67 → 0.94; tests/shared/detect/calibration.test.ts).
      const poisson = log10PoissonTail(distinct - 1, expected);
      // The evidence is never stronger than the Poisson tail: a window that cannot beat the best needs no more.
      if (best && poisson >= best.log10p) continue;
      const outside = hi - lo - (j - i + 1);
      const outsidePace = outside / Math.max(1, (novelty.activeDays[account] as number) - days);
      const caseFloor = which === 'in' ? novelty.caseInRate : novelty.caseOutRate;
      const ownStream = 4 * outside >= distinct || outsidePace >= 2 * caseFloor;
      const log10p = ownStream ? Math.max(poisson, log10BinomialTail(distinct - 1, hi - lo - 1, Math.min(1, days / (novelty.activeDays[account] as number)))) : poisson;
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
        passed < sensitivity.minPassedOnShare ? '' : language === 'es' ? ` El ${n(passed * 100)} % salió hacia cuentas nuevas en ${daysText(language, n, sensitivity.passOnDays)}.` : ` ${n(passed * 100)} % of it went on to new payees within ${daysText(language, n, sensitivity.passOnDays)}.`;
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

/** "cada 13 días exactos" / "every 13 days exactly"; a daily run is "cada día" / "every day". */
function everyGap(language: Language, n: (value: number, digits?: number) => string, gapDays: number): string {
  if (gapDays === 1) return language === 'es' ? 'cada día' : 'every day';
  return language === 'es' ? `cada ${daysText(language, n, gapDays)} exactos` : `every ${daysText(language, n, gapDays)} exactly`;
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
          ? `${n(count)} ${which === 'in' ? 'remitentes' : 'destinatarios'} nuevos, uno ${everyGap(language, n, schedule.gapDays)}`
          : `${n(count)} new ${which === 'in' ? 'senders' : 'payees'}, one ${everyGap(language, n, schedule.gapDays)}`,
      ),
    },
    multiplicityPiece(tested, { count: tested, es: ['cuenta', 'cuentas'], en: ['account', 'accounts'] }),
  ];
  return relativeAlert(index, which === 'in' ? 'fan-in' : 'fan-out', schedule.txs, pieces, accountId, (language, n) =>
    which === 'in'
      ? language === 'es'
        ? `${n(count)} cuentas que nunca le habían pagado enviaron ${formatTotals(totals, language)} a la cuenta ${accountId}, una tras otra ${everyGap(language, n, schedule.gapDays)}, ${formatSpan(span.from, span.to, language)}; remitentes nuevos a un ritmo tan regular son raros por azar.`
        : `${n(count)} accounts that had never paid it sent ${formatTotals(totals, language)} to account ${accountId}, one after another ${everyGap(language, n, schedule.gapDays)}, ${formatSpan(span.from, span.to, language)}; new senders on so regular a schedule are rare by chance.`
      : language === 'es'
        ? `La cuenta ${accountId} envió ${formatTotals(totals, language)} a ${n(count)} cuentas a las que nunca había pagado, una tras otra ${everyGap(language, n, schedule.gapDays)}, ${formatSpan(span.from, span.to, language)}; destinatarios nuevos a un ritmo tan regular son raros por azar.`
        : `Account ${accountId} sent ${formatTotals(totals, language)} to ${n(count)} accounts it had never paid, one after another ${everyGap(language, n, schedule.gapDays)}, ${formatSpan(span.from, span.to, language)}; new payees on so regular a schedule are rare by chance.`,
  );
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
