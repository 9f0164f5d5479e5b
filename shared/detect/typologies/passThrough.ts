import { z } from 'zod';
import type { Alert } from '../../model';
import { bilingual, formatTotals, spanOf, totalsOf, daysText } from '../alerts';
import { formatDateRange } from '../../i18n';
import { DAY_MS, indexCase, lowerBound, upperBound, type CaseIndex } from '../indexing';
import { relational } from '../relative/novelty';
import { multiplicityPiece, percentOf, scoredAlert } from '../relative/scored';
import { log10BinomialTail, perReferenceBankNote, placesPerReferenceBank, type EvidencePiece } from '../relative/surprise';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';
import { isRecurringPayment } from '../windows';

export const passThroughParams = z.object({
  /** Longest time money stays in the account before leaving. */
  holdDays: z.number().positive().max(30).default(2),
  /** Share of what came in that left again within the hold time. */
  minPassedOn: z.number().min(0).max(1).default(0.85),
  /**
   * Incoming payments below this quantile of the case's transfer amounts are everyday spending money and
   * are not examined: relative to the case, so the same file in cents or in thousands gives the same alerts.
   */
  minAmountQuantile: z.number().min(0).max(1).default(0.25),
  /** Above this share of onward payments repeating an earlier one (same payee, same amount, weeks apart), it is a payroll or household account. */
  maxRecurringShare: z.number().min(0).max(1).default(0.5),
  /**
   * Share of everything the account received that went straight through: a
   * busy business account matches an inflow with an outflow now and then by chance.
   */
  minConduitShare: z.number().min(0).max(1).default(0.6),
  /** A conduit is used repeatedly; one quick in-and-out is ordinary. */
  minEvents: z.number().int().min(1).default(2),
})

const RECURRENCE_GAP_MS = 20 * DAY_MS;

/**
 * What an examined incoming payment is passed on by chance before the case says otherwise: one in
 * twenty, weighed as twenty payments. A small case (a report with a dozen transfers) has too few
 * payments to measure its own base rate, and this keeps two passed-on payments out of two notable
 * there; in a bank's export of thousands the case's own rate takes over.
 */
const PRIOR_PASS_ON_RATE = 0.05;
const PRIOR_WEIGHT = 20;

interface Episode {
  account: number;
  inbound: number[];
  outbound: number[];
  inUsd: number;
  outUsd: number;
}

/** Money that arrives and leaves within days, most of it passed on; linked accounts form a layering chain. */
export const passThrough: Typology<typeof passThroughParams> = {
  id: 'pass-through',
  names: { es: 'Cuenta de paso (estratificación)', en: 'Pass-through (layering)' },
  description: {
    es: 'El dinero entra en una cuenta y sale casi todo en pocos días hacia otras; varias cuentas así encadenadas forman una cadena de estratificación.',
    en: 'Money enters an account and nearly all of it leaves within days to others; several such accounts linked together form a layering chain.',
  },
  params: passThroughParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const holdMs = params.holdDays * DAY_MS;
    const minUsd = caseAmountQuantile(index, params.minAmountQuantile);
    const episodes: Episode[] = [];
    const accountCount = index.accountIds.length;
    /** Incoming payments examined per account: the trials of which the episodes are the successes. */
    const examined = new Int32Array(accountCount);
    const checkpoint = makeCheckpoint(context, accountCount, 4096);
    for (let account = 0; account < accountCount; account++) {
      checkpoint(account);
      if (index.cashEndpoint[account]) continue;
      const inLo = index.inStart[account] as number;
      const inHi = index.inStart[account + 1] as number;
      const outLo = index.outStart[account] as number;
      const outHi = index.outStart[account + 1] as number;
      if (inHi === inLo) continue;
      for (let k = inLo; k < inHi; k++) {
        const incoming = index.inTx[k] as number;
        const inUsd = index.usd[incoming] as number;
        const sender = index.from[incoming] as number;
        if (inUsd < minUsd || sender === account) continue;
        examined[account] = (examined[account] as number) + 1;
        if (outHi === outLo) continue;
        const t = index.inTime[k] as number;
        const oFrom = lowerBound(index.outTime, outLo, outHi, t);
        const oTo = upperBound(index.outTime, oFrom, outHi, t + holdMs);
        if (oTo === oFrom) continue;
        // Either one onward transfer carries most of it, or everything that left in the hold time does.
        let single = -1;
        const all: number[] = [];
        let allUsd = 0;
        for (let p = oFrom; p < oTo; p++) {
          const tx = index.outTx[p] as number;
          // Returning money to its sender is a refund, not layering.
          if (index.to[tx] === sender || index.to[tx] === account) continue;
          const usd = index.usd[tx] as number;
          all.push(tx);
          allUsd += usd;
          if (single < 0 && usd >= params.minPassedOn * inUsd && usd <= inUsd * 1.001) single = tx;
        }
        // Passing on more than came in means the account had its own balance: ordinary spending, not a conduit.
        // A split (10.000 in, 4.900 + 4.900 out) counts only when it really is several onward payments.
        const outbound = single >= 0 ? [single] : all.length >= 2 && allUsd >= params.minPassedOn * inUsd && allUsd <= inUsd * 1.001 ? all : undefined;
        if (!outbound) continue;
        const outUsd = single >= 0 ? (index.usd[single] as number) : allUsd;
        // Salary in and rent out repeat the same figures month after month; a conduit's amounts vary.
        if (isRecurringPayment(index, incoming, RECURRENCE_GAP_MS, 0.02)) continue;
        const recurring = outbound.filter((tx) => isRecurringPayment(index, tx, RECURRENCE_GAP_MS, 0.02)).length;
        if (recurring > params.maxRecurringShare * outbound.length) continue;
        episodes.push({ account, inbound: [incoming], outbound, inUsd, outUsd });
      }
    }
    const passedUsd = new Map<number, number>();
    const events = new Map<number, number>();
    for (const episode of episodes) {
      passedUsd.set(episode.account, (passedUsd.get(episode.account) ?? 0) + episode.inUsd);
      events.set(episode.account, (events.get(episode.account) ?? 0) + 1);
    }
    // The case's own rate of passing an examined payment straight on, steadied by the prior while the case is small.
    let trials = 0;
    let tested = 0;
    let activeAccounts = 0;
    for (let account = 0; account < accountCount; account++) {
      if ((index.outStart[account + 1] as number) > (index.outStart[account] as number) || (index.inStart[account + 1] as number) > (index.inStart[account] as number)) activeAccounts++;
      trials += examined[account] as number;
      if ((examined[account] as number) >= params.minEvents) tested++;
    }
    const perBank = perReferenceBankNote(activeAccounts);
    const baseRate = (episodes.length + PRIOR_PASS_ON_RATE * PRIOR_WEIGHT) / (trials + PRIOR_WEIGHT);
    // Whether an account is a conduit is settled once per account, not once per episode of it.
    const isConduit = new Map<number, boolean>();
    for (const [account, count] of events) {
      let receivedUsd = 0;
      for (let k = index.inStart[account] as number; k < (index.inStart[account + 1] as number); k++) receivedUsd += index.usd[index.inTx[k] as number] as number;
      isConduit.set(account, count >= params.minEvents && (passedUsd.get(account) as number) >= params.minConduitShare * receivedUsd);
    }
    const conduits = episodes.filter((episode) => isConduit.get(episode.account) === true);
    return chains(conduits, index.time).flatMap((chain) => chainAlert(chain) ?? []);

    function chainAlert(chain: Episode[]): Alert | undefined {
      const txs = chain.flatMap((episode) => [...episode.inbound, ...episode.outbound]);
      const members = [...new Set(chain.map((episode) => episode.account))];
      const accounts = members.map((account) => index.accountIds[account] as string);
      const span = spanOf(index, txs);
      const head = chain[0] as Episode;
      const entered = totalsOf(index, head.inbound);
      const passedShare = chain.reduce((sum, episode) => sum + episode.outUsd / episode.inUsd, 0) / chain.length;
      const days = (span.to - span.from) / DAY_MS;
      // Each account of the chain is its own evidence: k of its n examined payments passed on, where the case passes on a share p.
      let passedEvents = 0;
      let passedTrials = 0;
      let surprise = 0;
      for (const account of members) {
        const k = events.get(account) as number;
        const n = examined[account] as number;
        passedEvents += k;
        passedTrials += n;
        surprise -= log10BinomialTail(k, n, baseRate);
      }
      const pieces: EvidencePiece[] = [
        {
          id: 'passed-on',
          surprise,
          label: bilingual((language, n) =>
            language === 'es'
              ? `${n(passedEvents)} de ${n(passedTrials)} pagos recibidos reenviados en ${daysText(language, n, params.holdDays)}; en el caso lo habitual es el ${percentOf(n, baseRate)} %`
              : `${n(passedEvents)} of ${n(passedTrials)} payments received passed on within ${daysText(language, n, params.holdDays)}; ${percentOf(n, baseRate)} % is usual in the case`,
          ),
        },
        multiplicityPiece(placesPerReferenceBank(tested, activeAccounts), { count: tested, es: ['cuenta', 'cuentas'], en: ['account', 'accounts'], note: perBank }),
      ];
      const focus = index.accountIds[head.account] as string;
      // Pass-through is a network shape: the sensitivity's minimum score, not a floor here, decides what is shown.
      return scoredAlert(index, {
        typology: 'pass-through',
        transactions: txs,
        pieces,
        focus,
        sentence: (language, n) => {
          const share = n(passedShare * 100);
          if (accounts.length === 1) {
            return language === 'es'
              ? `La cuenta ${focus} recibió ${formatTotals(entered, language)} y reenvió el ${share} % en menos de ${daysText(language, n, params.holdDays)} (${formatDateRange(span.from, span.to, language)}).`
              : `Account ${focus} received ${formatTotals(entered, language)} and passed on ${share}% within ${daysText(language, n, params.holdDays)} (${formatDateRange(span.from, span.to, language)}).`;
          }
          return language === 'es'
            ? `${formatTotals(entered, language)} pasaron por una cadena de ${n(accounts.length)} cuentas (desde ${focus}); cada una reenvió en promedio el ${share} % en menos de ${daysText(language, n, params.holdDays)}, en ${daysText(language, n, days)} en total (${formatDateRange(span.from, span.to, language)}).`
            : `${formatTotals(entered, language)} went through a chain of ${n(accounts.length)} accounts (from ${focus}); each passed on ${share}% on average within ${daysText(language, n, params.holdDays)}, over ${daysText(language, n, days)} in all (${formatDateRange(span.from, span.to, language)}).`;
        },
      });
    }
  },
};

/** The amount below which this share of the case's transfers between accounts lie (teller books and self-transfers left out). */
function caseAmountQuantile(index: CaseIndex, quantile: number): number {
  const amounts: number[] = [];
  for (let tx = 0; tx < index.transactionCount; tx++) {
    if (!relational(index, tx)) continue;
    amounts.push(index.usd[tx] as number);
  }
  if (amounts.length === 0) return 0;
  const sorted = Float64Array.from(amounts).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] as number;
}

/** Joins episodes where one account's outflow is the next one's inflow: a layering chain. */
function chains(episodes: Episode[], time: Float64Array): Episode[][] {
  const firstTime = (episode: Episode) => Math.min(...episode.inbound.map((tx) => time[tx] as number));
  const parent = episodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  // Every episode of one account belongs to the same finding: it is the account that is used as a conduit.
  const firstOfAccount = new Map<number, number>();
  episodes.forEach((episode, i) => {
    const first = firstOfAccount.get(episode.account);
    if (first === undefined) firstOfAccount.set(episode.account, i);
    else parent[find(i)] = find(first);
  });
  const inboundOwner = new Map<number, number>();
  episodes.forEach((episode, i) => episode.inbound.forEach((tx) => inboundOwner.set(tx, i)));
  episodes.forEach((episode, i) => {
    for (const tx of episode.outbound) {
      const next = inboundOwner.get(tx);
      if (next !== undefined) parent[find(i)] = find(next);
    }
  });
  const groups = new Map<number, Episode[]>();
  episodes.forEach((episode, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    group.push(episode);
    groups.set(root, group);
  });
  // Order each chain by time so its head is where the money entered.
  return [...groups.values()].map((group) => group.sort((a, b) => firstTime(a) - firstTime(b)));
}
