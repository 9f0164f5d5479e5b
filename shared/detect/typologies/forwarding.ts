import { z } from 'zod';
import type { Alert } from '../../model';
import { bilingual, buildAlert, formatSpan, formatTotals, spanOf, totalsOf } from '../alerts';
import { DAY_MS, cashThresholdUsd, indexCase, lowerBound, upperBound, type CaseIndex } from '../indexing';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';
import { AccountCounter, burstRatio, distinctCounterpartEpisodes, recurringShare } from '../windows';

const MAX_SCAN = 256;
const MAX_RELAY_STARTS = 2048;
/** Bounds the forwarding pairs kept per origin: a hub that trades with everyone every day is not a scatter. */
const MAX_RELAYS_PER_ORIGIN = 20_000;
const MAX_FORWARD_SCAN = 64;
const RECURRENCE_GAP_MS = 20 * DAY_MS;

function transferable(index: CaseIndex, tx: number): boolean {
  return !index.cash[tx] &&
    !index.card[tx] && index.from[tx] !== index.to[tx] && !index.cashEndpoint[index.from[tx] as number] && !index.cashEndpoint[index.to[tx] as number];
}

export const scatterGatherParams = z.object({
  windowDays: z.number().positive().max(120).default(21),
  minIntermediaries: z.number().int().min(2).default(4),
  /** Largest share an intermediary may keep before passing the money on. */
  maxMargin: z.number().min(0).max(0.9).default(0.15),
  minTotalOfThreshold: z.number().min(0).default(1),
});

interface Relay {
  intermediary: number;
  inTx: number;
  outTx: number;
  inTime: number;
  outTime: number;
}

/** Origin → several intermediaries → one beneficiary, each intermediary keeping a small margin. */
export const scatterGather: Typology<typeof scatterGatherParams> = {
  id: 'scatter-gather',
  names: { es: 'Dispersión y concentración', en: 'Scatter-gather' },
  description: {
    es: 'Una cuenta de origen reparte dinero entre varias cuentas intermedias que, días después, lo reenvían (menos un pequeño margen) a una misma cuenta beneficiaria.',
    en: 'An origin account spreads money over several intermediary accounts which, days later, forward it (less a small margin) to one beneficiary account.',
  },
  params: scatterGatherParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const windowMs = params.windowDays * DAY_MS;
    const minTotalUsd = cashThresholdUsd(context.profile) * params.minTotalOfThreshold;
    const alerts: Alert[] = [];
    const accountCount = index.accountIds.length;
    const checkpoint = makeCheckpoint(context, accountCount, 2048);
    for (let origin = 0; origin < accountCount; origin++) {
      checkpoint(origin);
      if (index.cashEndpoint[origin]) continue;
      const lo = index.outStart[origin] as number;
      const hi = index.outStart[origin + 1] as number;
      if (hi - lo < params.minIntermediaries) continue;
      const byBeneficiary = new Map<number, Relay[]>();
      let relayCount = 0;
      for (let k = lo; k < hi && relayCount < MAX_RELAYS_PER_ORIGIN; k++) {
        const first = index.outTx[k] as number;
        if (!transferable(index, first)) continue;
        const intermediary = index.to[first] as number;
        const amount = index.usd[first] as number;
        const t1 = index.time[first] as number;
        const mlo = index.outStart[intermediary] as number;
        const mhi = index.outStart[intermediary + 1] as number;
        const from = lowerBound(index.outTime, mlo, mhi, t1);
        const to = Math.min(upperBound(index.outTime, from, mhi, t1 + windowMs), from + MAX_FORWARD_SCAN);
        for (let m = from; m < to; m++) {
          const second = index.outTx[m] as number;
          const beneficiary = index.to[second] as number;
          if (beneficiary === origin || beneficiary === intermediary || !transferable(index, second)) continue;
          const forwarded = index.usd[second] as number;
          if (forwarded > amount * 1.001 || forwarded < amount * (1 - params.maxMargin)) continue;
          const relays = byBeneficiary.get(beneficiary) ?? [];
          relays.push({ intermediary, inTx: first, outTx: second, inTime: t1, outTime: index.time[second] as number });
          byBeneficiary.set(beneficiary, relays);
          relayCount++;
        }
      }
      for (const [beneficiary, relays] of byBeneficiary) {
        if (relays.length < params.minIntermediaries) continue;
        const found = bestRelayWindow(relays, windowMs, params.minIntermediaries);
        if (!found) continue;
        const txs = found.flatMap((relay) => [relay.inTx, relay.outTx]);
        const gathered = found.map((relay) => relay.outTx);
        let gatheredUsd = 0;
        for (const tx of gathered) gatheredUsd += index.usd[tx] as number;
        if (gatheredUsd < minTotalUsd) continue;
        const intermediaries = new Set(found.map((relay) => relay.intermediary));
        const span = spanOf(index, txs);
        const originId = index.accountIds[origin] as string;
        const beneficiaryId = index.accountIds[beneficiary] as string;
        const sent = totalsOf(index, found.map((relay) => relay.inTx));
        const received = totalsOf(index, gathered);
        const score = 45 + Math.min(30, (intermediaries.size - params.minIntermediaries) * 5 + 10) + Math.min(25, (gatheredUsd / Math.max(minTotalUsd, 1)) * 3);
        alerts.push(
          buildAlert(index, {
            typology: 'scatter-gather',
            score,
            transactions: txs,
            focus: beneficiaryId,
            explanation: bilingual((language, n) =>
              language === 'es'
                ? `La cuenta ${originId} repartió ${formatTotals(sent, language)} entre ${n(intermediaries.size)} cuentas intermedias, que reenviaron ${formatTotals(received, language)} a la cuenta ${beneficiaryId} ${formatSpan(span.from, span.to, language)}.`
                : `Account ${originId} spread ${formatTotals(sent, language)} over ${n(intermediaries.size)} intermediary accounts, which forwarded ${formatTotals(received, language)} to account ${beneficiaryId} ${formatSpan(span.from, span.to, language)}.`,
            ),
          }),
        );
      }
    }
    return alerts;
  },
};

/**
 * The densest set of relays (distinct intermediaries) that fits in one
 * window, scatter before gather. Each start looks at a bounded number of
 * relays so a dense hub cannot make this quadratic.
 */
function bestRelayWindow(relays: Relay[], windowMs: number, minIntermediaries: number): Relay[] | undefined {
  relays.sort((a, b) => a.inTime - b.inTime || a.outTime - b.outTime);
  let best: Relay[] | undefined;
  const starts = Math.min(relays.length, MAX_RELAY_STARTS);
  for (let s = 0; s < starts; s++) {
    const start = (relays[s] as Relay).inTime;
    const chosen = new Map<number, Relay>();
    for (let e = s; e < relays.length && e < s + MAX_SCAN; e++) {
      const relay = relays[e] as Relay;
      if (relay.inTime - start > windowMs) break;
      if (relay.outTime - start > windowMs) continue;
      if (!chosen.has(relay.intermediary)) chosen.set(relay.intermediary, relay);
    }
    if (chosen.size >= minIntermediaries && (!best || chosen.size > best.length)) best = [...chosen.values()];
  }
  return best;
}

export const gatherScatterParams = z.object({
  windowDays: z.number().positive().max(120).default(20),
  minSenders: z.number().int().min(2).default(5),
  minReceivers: z.number().int().min(2).default(5),
  /** Share of what came in that must leave again. */
  minPassedOn: z.number().min(0).max(1).default(0.7),
  minTotalOfThreshold: z.number().min(0).default(1),
  minBurstRatio: z.number().min(1).default(4),
  maxRecurringShare: z.number().min(0).max(1).default(0.5),
});

/** Many accounts pay into a hub which, soon after, pays many others: a collection-and-distribution point. */
export const gatherScatter: Typology<typeof gatherScatterParams> = {
  id: 'gather-scatter',
  names: { es: 'Concentración y dispersión', en: 'Gather-scatter' },
  description: {
    es: 'Muchas cuentas envían dinero a una cuenta central que, poco después, lo reparte entre muchas otras cuentas.',
    en: 'Many accounts send money to a hub account which, shortly afterwards, spreads it over many other accounts.',
  },
  params: gatherScatterParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const windowMs = params.windowDays * DAY_MS;
    const half = windowMs / 2;
    const minTotalUsd = cashThresholdUsd(context.profile) * params.minTotalOfThreshold;
    const counter = new AccountCounter(index.accountIds.length);
    const include = (tx: number) => transferable(index, tx);
    const alerts: Alert[] = [];
    const accountCount = index.accountIds.length;
    const checkpoint = makeCheckpoint(context, accountCount, 4096);
    for (let hub = 0; hub < accountCount; hub++) {
      checkpoint(hub);
      if (index.cashEndpoint[hub]) continue;
      const outLo = index.outStart[hub] as number;
      const outHi = index.outStart[hub + 1] as number;
      if (outHi - outLo < params.minReceivers) continue;
      for (const inbound of distinctCounterpartEpisodes(index, hub, 'in', half, params.minSenders, include, counter)) {
        const inSpan = spanOf(index, inbound);
        if (inSpan.to - inSpan.from > 2 * windowMs) continue;
        const senders = new Set(inbound.map((tx) => index.from[tx] as number));
        let inUsd = 0;
        for (const tx of inbound) inUsd += index.usd[tx] as number;
        if (inUsd < minTotalUsd) continue;
        const outFrom = lowerBound(index.outTime, outLo, outHi, inSpan.from);
        const outTo = upperBound(index.outTime, outFrom, outHi, inSpan.to + half);
        const outbound: number[] = [];
        const receivers = new Set<number>();
        let outUsd = 0;
        for (let k = outFrom; k < outTo; k++) {
          const tx = index.outTx[k] as number;
          if (!include(tx) || senders.has(index.to[tx] as number)) continue;
          outbound.push(tx);
          receivers.add(index.to[tx] as number);
          outUsd += index.usd[tx] as number;
        }
        if (receivers.size < params.minReceivers) continue;
        // The hub may add some money of its own, but not pay out far more than it gathered.
        if (outUsd < params.minPassedOn * inUsd || outUsd > inUsd * 1.5) continue;
        // The money must mostly go out after it came in.
        const inMid = median(inbound.map((tx) => index.time[tx] as number));
        const outMid = median(outbound.map((tx) => index.time[tx] as number));
        if (outMid < inMid) continue;
        const burst = burstRatio(index, hub, 'in', inSpan.from, inSpan.to, half, include);
        if (burst < params.minBurstRatio) continue;
        const recurring = Math.max(
          recurringShare(index, hub, 'in', senders, inSpan.from, inSpan.to, RECURRENCE_GAP_MS),
          recurringShare(index, hub, 'out', receivers, inSpan.from, inSpan.to + half, RECURRENCE_GAP_MS),
        );
        if (recurring > params.maxRecurringShare) continue;
        const txs = [...inbound, ...outbound];
        const span = spanOf(index, txs);
        const hubId = index.accountIds[hub] as string;
        const received = totalsOf(index, inbound);
        const sent = totalsOf(index, outbound);
        const score = 45 + Math.min(25, (senders.size + receivers.size - params.minSenders - params.minReceivers) * 2 + 10) + Math.min(15, (inUsd / Math.max(minTotalUsd, 1)) * 2) + Math.min(15, (outUsd / inUsd) * 15) - recurring * 20;
        alerts.push(
          buildAlert(index, {
            typology: 'gather-scatter',
            score,
            transactions: txs,
            focus: hubId,
            explanation: bilingual((language, n) =>
              language === 'es'
                ? `La cuenta ${hubId} recibió ${formatTotals(received, language)} de ${n(senders.size)} cuentas distintas y envió ${formatTotals(sent, language)} a ${n(receivers.size)} cuentas ${formatSpan(span.from, span.to, language)}.`
                : `Account ${hubId} received ${formatTotals(received, language)} from ${n(senders.size)} different accounts and sent ${formatTotals(sent, language)} to ${n(receivers.size)} accounts ${formatSpan(span.from, span.to, language)}.`,
            ),
          }),
        );
      }
    }
    return alerts;
  },
};

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[values.length >> 1] ?? 0;
}
