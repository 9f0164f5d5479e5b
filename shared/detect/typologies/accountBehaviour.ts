import { z } from 'zod';
import type { Alert, Transaction } from '../../model';
import { formatAmount } from '../../i18n';
import { bilingual, dayCount, formatSpan, formatTotals, joinList, spanOf, totalsOf } from '../alerts';
import { DAY_MS, cashThresholdUsd, countryFromCode, indexCase } from '../indexing';
import { accountActiveDays } from '../relative/novelty';
import { countPiece, multiplicityPiece, percentOf, scoredAlert } from '../relative/scored';
import { log10BinomialTail, log10PoissonTail, type EvidencePiece } from '../relative/surprise';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';
import { isRecurringPayment } from '../windows';
import { explainedTradePayments } from './trade';

export const highRiskParams = z.object({
  /** FATF "call for action" exposure of any size is worth a look. */
  minTotalHighRiskUsd: z.number().min(0).default(0),
  includeMonitored: z.boolean().default(true),
  /** Grey-list exposure below this (e.g. family remittances) is ordinary. */
  minTotalMonitoredOfThreshold: z.number().min(0).default(1),
  minCountMonitored: z.number().int().min(1).default(2),
});

/** Transfers to or from counterparties or banks in the profile's high-risk or monitored jurisdictions. */
export const highRiskJurisdiction: Typology<typeof highRiskParams> = {
  id: 'high-risk-jurisdiction',
  names: { es: 'Jurisdicción de alto riesgo', en: 'High-risk jurisdiction' },
  description: {
    es: 'Transferencias con contrapartes o bancos en jurisdicciones de las listas del GAFI o añadidas por la unidad.',
    en: 'Transfers with counterparties or banks in jurisdictions on the FATF lists or added by the unit.',
  },
  params: highRiskParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const lists = context.profile.jurisdictions;
    const black = new Set([...lists.highRisk, ...lists.unitAdded]);
    const grey = new Set(params.includeMonitored ? lists.monitored : []);
    const home = context.profile.country;
    black.delete(home);
    grey.delete(home);
    const minMonitoredUsd = cashThresholdUsd(context.profile) * params.minTotalMonitoredOfThreshold;
    const exposures = new Map<number, { txs: number[]; countries: Set<string>; black: boolean; usd: number }>();
    const checkpoint = makeCheckpoint(context, index.transactionCount, 8192);
    const txs = data.transactions;
    // Bank names repeat on every row: read each one's country once.
    const bankCountry = new Map<string, string | undefined>();
    const countryOfBank = (bank: string | undefined) => {
      if (!bank) return undefined;
      if (!bankCountry.has(bank)) bankCountry.set(bank, countryFromCode(bank));
      return bankCountry.get(bank);
    };
    for (let i = 0; i < index.transactionCount; i++) {
      checkpoint(i);
      const tx = txs[i] as Transaction;
      const fromCountry = tx.fromCountry ?? countryOfBank(tx.fromBank) ?? (index.accountCountry[index.from[i] as number] || undefined);
      const toCountry = tx.toCountry ?? countryOfBank(tx.toBank) ?? (index.accountCountry[index.to[i] as number] || undefined);
      const fromListed = fromCountry !== undefined && (black.has(fromCountry) || grey.has(fromCountry));
      const toListed = toCountry !== undefined && (black.has(toCountry) || grey.has(toCountry));
      if (fromListed === toListed) continue;
      // The subject is the side outside the listed jurisdiction.
      const subject = fromListed ? (index.to[i] as number) : (index.from[i] as number);
      const country = (fromListed ? fromCountry : toCountry) as string;
      let exposure = exposures.get(subject);
      if (!exposure) {
        exposure = { txs: [], countries: new Set(), black: false, usd: 0 };
        exposures.set(subject, exposure);
      }
      exposure.txs.push(i);
      exposure.countries.add(country);
      exposure.usd += index.usd[i] as number;
      if (black.has(country)) exposure.black = true;
    }
    // The case's share of transfers that cross into a listed jurisdiction, steadied by a prior while the case is
    // small: an exposure is as unusual as k of the account's n transfers landing there when that share is usual.
    let listed = 0;
    for (const exposure of exposures.values()) listed += exposure.txs.length;
    const caseShare = (listed + PRIOR_LISTED_SHARE * PRIOR_LISTED_WEIGHT) / (index.transactionCount + PRIOR_LISTED_WEIGHT);
    const alerts: Alert[] = [];
    for (const [subject, exposure] of exposures) {
      const qualifies = exposure.black
        ? exposure.usd >= params.minTotalHighRiskUsd
        : exposure.usd >= minMonitoredUsd && exposure.txs.length >= params.minCountMonitored;
      if (!qualifies) continue;
      const accountId = index.accountIds[subject] as string;
      const countries = [...exposure.countries].sort();
      const totals = totalsOf(index, exposure.txs);
      const span = spanOf(index, exposure.txs);
      const transfers = (index.inStart[subject + 1] as number) - (index.inStart[subject] as number) + (index.outStart[subject + 1] as number) - (index.outStart[subject] as number);
      const listName = (language: 'es' | 'en') => (exposure.black ? (language === 'es' ? 'lista de acción del GAFI' : 'FATF call-for-action list') : language === 'es' ? 'jurisdicciones bajo vigilancia' : 'jurisdictions under increased monitoring');
      const pieces: EvidencePiece[] = [
        {
          id: 'listed-share',
          surprise: -log10BinomialTail(exposure.txs.length, Math.max(transfers, exposure.txs.length), Math.min(1, caseShare)),
          label: bilingual((language, n) =>
            language === 'es'
              ? `${n(exposure.txs.length)} de ${n(transfers)} transacciones de la cuenta con esas jurisdicciones; en el caso lo habitual es el ${percentOf(n, caseShare)} %`
              : `${n(exposure.txs.length)} of the account's ${n(transfers)} transactions with those jurisdictions; ${percentOf(n, caseShare)} % is usual in the case`,
          ),
        },
        multiplicityPiece(exposures.size, {
          count: exposures.size,
          es: ['cuenta con alguna transacción así', 'cuentas con alguna transacción así'],
          en: ['account with any such transaction', 'accounts with any such transaction'],
        }),
      ];
      alerts.push(
        scoredAlert(index, {
          typology: 'high-risk-jurisdiction',
          transactions: exposure.txs,
          pieces,
          focus: accountId,
          // The lists are the unit's rule: every exposure is reported, the odds only rank it.
          floor: 1,
          sentence: (language, n) =>
            language === 'es'
              ? `La cuenta ${accountId} movió ${formatTotals(totals, language)} en ${n(exposure.txs.length)} transacciones con contrapartes en ${joinList(countries, language)} (${listName(language)}, lista del ${lists.asOf}) ${formatSpan(span.from, span.to, language)}.`
              : `Account ${accountId} moved ${formatTotals(totals, language)} in ${n(exposure.txs.length)} transactions with counterparties in ${joinList(countries, language)} (${listName(language)}, list as of ${lists.asOf}) ${formatSpan(span.from, span.to, language)}.`,
        }) as Alert, // floor 1: always an alert
      );
    }
    return alerts;
  },
};

/**
 * The prior under the case's share of transfers with listed jurisdictions: one in a hundred, weighing as much as
 * a hundred transfers of the case.
 */
const PRIOR_LISTED_SHARE = 0.01;
const PRIOR_LISTED_WEIGHT = 100;

export const roundAmountsParams = z.object({
  windowDays: z.number().positive().max(120).default(45),
  minCount: z.number().int().min(2).default(5),
  minAmountUsd: z.number().min(0).default(1000),
  /** Amounts at or above this share of the threshold (and below it) count as "just below". */
  justBelowFraction: z.number().min(0.5).max(1).default(0.9),
  /** Share of the account's transfers in the window that must be round or just below. */
  minShare: z.number().min(0).max(1).default(0.4),
  minCounterparties: z.number().int().min(1).default(2),
});

/** At most two significant digits and at least three trailing zeros: 5.000, 9.500, 30.000.000. */
export function isRoundAmount(amount: number): boolean {
  if (!Number.isInteger(amount) || amount < 1000 || amount % 1000 !== 0) return false;
  let value = amount;
  while (value % 10 === 0) value /= 10;
  return value < 100;
}

/** Repeated round amounts, or amounts just under the threshold, across several counterparties. */
export const roundAmounts: Typology<typeof roundAmountsParams> = {
  id: 'round-amounts',
  names: { es: 'Montos redondos o bajo el umbral', en: 'Round or just-below-threshold amounts' },
  description: {
    es: 'Una cuenta hace o recibe en pocas semanas varias transferencias por montos redondos o apenas por debajo del umbral de reporte, con distintas contrapartes.',
    en: 'An account sends or receives, within a few weeks, several transfers of round amounts or amounts just under the reporting threshold, with different counterparties.',
  },
  params: roundAmountsParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const threshold = cashThresholdUsd(context.profile);
    const windowMs = params.windowDays * DAY_MS;
    const txs = data.transactions;
    const flagged = new Uint8Array(index.transactionCount);
    const checkpoint = makeCheckpoint(context, index.transactionCount * 2, 8192);
    for (let i = 0; i < index.transactionCount; i++) {
      checkpoint(i);
      const usd = index.usd[i] as number;
      if (usd < params.minAmountUsd) continue;
      const justBelow = usd >= params.justBelowFraction * threshold && usd < threshold;
      if (!justBelow && !isRoundAmount((txs[i] as Transaction).amount)) continue;
      // Rent, salaries and instalments repeat the same round figure month after month.
      if (isRecurringPayment(index, i, 20 * DAY_MS)) continue;
      flagged[i] = 1;
    }
    // The case's share of round or just-below amounts among transfers large enough to count, steadied by a
    // prior while the case is small; each account is measured against it (or its own share, if higher).
    let eligible = 0;
    let flaggedCount = 0;
    for (let i = 0; i < index.transactionCount; i++) {
      if ((index.usd[i] as number) < params.minAmountUsd) continue;
      eligible++;
      flaggedCount += flagged[i] as number;
    }
    const caseShare = (flaggedCount + PRIOR_ROUND_SHARE * PRIOR_ROUND_WEIGHT) / (eligible + PRIOR_ROUND_WEIGHT);
    const alerts: Alert[] = [];
    const accountCount = index.accountIds.length;
    const timelines = new Map<number, number[]>();
    let accountsSearched = 0;
    for (let account = 0; account < accountCount; account++) {
      checkpoint(index.transactionCount + account);
      if (index.cashEndpoint[account]) continue;
      const timeline = mergedTimeline(index.inTx, index.inStart, index.outTx, index.outStart, account, index.time);
      let hits = 0;
      for (const tx of timeline) hits += flagged[tx] as number;
      if (hits < params.minCount) continue;
      accountsSearched++;
      timelines.set(account, timeline);
    }
    for (const [account, timeline] of timelines) {
      let k = 0;
      while (k < timeline.length) {
        if (!flagged[timeline[k] as number]) {
          k++;
          continue;
        }
        const windowEnd = (index.time[timeline[k] as number] as number) + windowMs;
        let end = k;
        const hits: number[] = [];
        const counterparts = new Set<number>();
        for (; end < timeline.length && (index.time[timeline[end] as number] as number) <= windowEnd; end++) {
          const candidate = timeline[end] as number;
          if (!flagged[candidate]) continue;
          hits.push(candidate);
          counterparts.add(index.from[candidate] === account ? (index.to[candidate] as number) : (index.from[candidate] as number));
        }
        if (hits.length >= params.minCount && hits.length >= params.minShare * (end - k) && counterparts.size >= params.minCounterparties) {
          let inWindow = 0;
          for (let j = k; j < end; j++) if ((index.usd[timeline[j] as number] as number) >= params.minAmountUsd) inWindow++;
          let accountEligible = 0;
          let accountFlagged = 0;
          for (const tx of timeline) {
            if ((index.usd[tx] as number) < params.minAmountUsd) continue;
            accountEligible++;
            accountFlagged += flagged[tx] as number;
          }
          // The account's own share outside the window, drawn towards the case's while it rests on a handful of transfers.
          const ownShare = (accountFlagged - hits.length + caseShare * PRIOR_ROUND_WEIGHT) / (accountEligible - inWindow + PRIOR_ROUND_WEIGHT);
          const alert = roundAlert(hits, account, counterparts.size, inWindow, Math.min(1, Math.max(caseShare, ownShare)));
          if (alert) alerts.push(alert);
          k = end;
        } else k++;
      }
    }
    return alerts;

    function roundAlert(hits: number[], account: number, counterparts: number, inWindow: number, share: number): Alert | undefined {
      const sent = hits.filter((tx) => index.from[tx] === account).length;
      const justBelow = hits.filter((tx) => (index.usd[tx] as number) >= params.justBelowFraction * threshold && (index.usd[tx] as number) < threshold).length;
      const totals = totalsOf(index, hits);
      const span = spanOf(index, hits);
      const accountId = index.accountIds[account] as string;
      const { profile } = context;
      const pieces: EvidencePiece[] = [
        {
          id: 'round-share',
          surprise: -log10BinomialTail(hits.length, inWindow, share),
          label: bilingual((language, n) =>
            language === 'es'
              ? `${n(hits.length)} de ${n(inWindow)} transferencias redondas o bajo el umbral; lo habitual es el ${percentOf(n, share)} %`
              : `${n(hits.length)} of ${n(inWindow)} transfers round or below the threshold; ${percentOf(n, share)} % is usual`,
          ),
        },
        multiplicityPiece(accountsSearched, {
          count: accountsSearched,
          es: ['cuenta con montos redondos', 'cuentas con montos redondos'],
          en: ['account with round amounts', 'accounts with round amounts'],
        }),
      ];
      return scoredAlert(index, {
        typology: 'round-amounts',
        transactions: hits,
        pieces,
        focus: accountId,
        // Just-below-threshold amounts are a legal red flag: reported however common they are in the case.
        floor: 1,
        sentence: (language, n) => {
          const below =
            justBelow > 0
              ? language === 'es'
                ? `, ${n(justBelow)} de ellas justo por debajo del umbral de ${formatAmount(profile.cashThreshold.amount, profile.cashThreshold.currency, language)}`
                : `, ${n(justBelow)} of them just below the ${formatAmount(profile.cashThreshold.amount, profile.cashThreshold.currency, language)} threshold`
              : '';
          return language === 'es'
            ? `La cuenta ${accountId} hizo o recibió ${n(hits.length)} transferencias por montos redondos o bajo el umbral (${n(sent)} enviadas, ${n(hits.length - sent)} recibidas), por ${formatTotals(totals, language)} con ${n(counterparts)} contrapartes ${formatSpan(span.from, span.to, language)}${below}.`
            : `Account ${accountId} sent or received ${n(hits.length)} transfers of round or below-threshold amounts (${n(sent)} sent, ${n(hits.length - sent)} received), ${formatTotals(totals, language)} with ${n(counterparts)} counterparties ${formatSpan(span.from, span.to, language)}${below}.`;
        },
      });
    }
  },
};

/**
 * The prior under the case's share of round or just-below amounts: one transfer in ten (round figures are common
 * in ordinary payments), weighing as much as twenty transfers of the case.
 */
const PRIOR_ROUND_SHARE = 0.1;
const PRIOR_ROUND_WEIGHT = 20;

export const dormantParams = z.object({
  minDormantDays: z.number().positive().default(90),
  /** A burst is sudden: the volume arrives within about two weeks. */
  burstDays: z.number().positive().default(14),
  minBurstCount: z.number().int().min(1).default(4),
  /** Several different counterparties in the burst: the account is being used, not settling one deal. */
  minBurstCounterparties: z.number().int().min(1).default(3),
  minBurstOfThreshold: z.number().min(0).default(3),
  /** The burst must exceed the account's earlier monthly volume, and its largest amount the largest earlier one, this many times. */
  minGrowth: z.number().min(1).default(5),
});

/** An account silent for months that suddenly moves large sums. */
export const dormantReactivation: Typology<typeof dormantParams> = {
  id: 'dormant-reactivation',
  names: { es: 'Cuenta inactiva reactivada', en: 'Dormant account reactivated' },
  description: {
    es: 'Una cuenta sin movimientos durante meses vuelve a operar de golpe con montos muy superiores a los de antes.',
    en: 'An account without activity for months suddenly operates again with amounts far above its earlier ones.',
  },
  params: dormantParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const dormantMs = params.minDormantDays * DAY_MS;
    const burstMs = params.burstDays * DAY_MS;
    const explained = explainedTradePayments(index, context.profile);
    const minBurstUsd = cashThresholdUsd(context.profile) * params.minBurstOfThreshold;
    // An opening date counts only inside the data's period: before it, silence is just missing data.
    const firstSeen = index.transactionCount > 0 ? (index.time[index.byTime[0] as number] as number) : 0;
    const opened = new Map<number, number>();
    for (const account of data.accounts) if (account.opened !== undefined && account.opened >= firstSeen) opened.set(index.accountOf.get(account.id) as number, account.opened);
    const alerts: Alert[] = [];
    const accountCount = index.accountIds.length;
    // The case's pace of transactions per active account-day: the silence of an account with no history of its own
    // (only an opening date) is measured against it.
    let accountDays = 0;
    let accountsSearched = 0;
    for (let account = 0; account < accountCount; account++) {
      if (index.cashEndpoint[account]) continue;
      accountDays += accountActiveDays(index, account);
      const events = (index.inStart[account + 1] as number) - (index.inStart[account] as number) + (index.outStart[account + 1] as number) - (index.outStart[account] as number);
      if (events >= params.minBurstCount) accountsSearched++;
    }
    const casePace = (2 * index.transactionCount) / Math.max(1, accountDays);
    const checkpoint = makeCheckpoint(context, accountCount, 4096);
    for (let account = 0; account < accountCount; account++) {
      checkpoint(account);
      if (index.cashEndpoint[account]) continue;
      const events = mergedTimeline(index.inTx, index.inStart, index.outTx, index.outStart, account, index.time);
      if (events.length < params.minBurstCount) continue;
      let previous = opened.get(account);
      let priorUsd = 0;
      let priorMax = 0;
      let priorCount = 0;
      for (let e = 0; e < events.length; e++) {
        const tx = events[e] as number;
        const t = index.time[tx] as number;
        if (previous !== undefined && t - previous >= dormantMs && (priorCount > 0 || opened.has(account))) {
          const burst: number[] = [];
          const counterparts = new Set<number>();
          let burstUsd = 0;
          let burstMax = 0;
          for (let f = e; f < events.length && (index.time[events[f] as number] as number) - t <= burstMs; f++) {
            const other = events[f] as number;
            // Settling invoices for goods customs recorded is a trading account waking up for a shipment;
            // shoppers paying a shop by card are its customers, not the account moving money.
            if (explained[other] || index.card[other]) continue;
            burst.push(other);
            burstUsd += index.usd[other] as number;
            burstMax = Math.max(burstMax, index.usd[other] as number);
            counterparts.add(index.from[other] === account ? (index.to[other] as number) : (index.from[other] as number));
          }
          const firstSeen = priorCount > 0 ? (index.time[events[0] as number] as number) : (previous as number);
          const priorMonths = Math.max(1, (previous - firstSeen) / (30 * DAY_MS));
          const priorMonthly = priorUsd / priorMonths;
          if (burst.length >= params.minBurstCount && counterparts.size >= params.minBurstCounterparties && burstUsd >= minBurstUsd && burstUsd >= params.minGrowth * priorMonthly && burstMax >= params.minGrowth * priorMax) {
            // Its pace up to the reactivation, silence included (what a steady account would show over that time);
            // an account with only an opening date is measured against the case's pace.
            const paceDays = Math.max(1, (t - firstSeen) / DAY_MS);
            const pace = priorCount > 0 ? priorCount / paceDays : casePace;
            alerts.push(dormantAlert(account, burst, (t - previous) / DAY_MS, priorMonthly, burstUsd, pace));
            break;
          }
        }
        previous = t;
        priorUsd += index.usd[tx] as number;
        priorMax = Math.max(priorMax, index.usd[tx] as number);
        priorCount++;
      }
    }
    return alerts;

    function dormantAlert(account: number, burst: number[], idleDays: number, priorMonthly: number, burstUsd: number, pace: number): Alert {
      const accountId = index.accountIds[account] as string;
      const totals = totalsOf(index, burst);
      const span = spanOf(index, burst);
      const growth = priorMonthly > 0 ? burstUsd / priorMonthly : Number.POSITIVE_INFINITY;
      const burstDays = dayCount(index, burst);
      const expected = pace * burstDays;
      const pieces: EvidencePiece[] = [
        {
          // An account moving `pace` transactions a day stays silent this long with probability e^(−pace·days).
          id: 'silence',
          surprise: (pace * idleDays) / Math.LN10,
          label: bilingual((language, n) =>
            language === 'es'
              ? `${n(idleDays)} días sin movimientos para una cuenta que movía ${n(pace * 30, 1)} transacciones al mes`
              : `${n(idleDays)} days silent for an account that moved ${n(pace * 30, 1)} transactions a month`,
          ),
        },
        countPiece('reactivation-burst', burst.length, expected, log10PoissonTail(burst.length, expected), { es: 'transacciones al despertar', en: 'transactions on waking', days: burstDays }),
        multiplicityPiece(accountsSearched, { count: accountsSearched, es: ['cuenta', 'cuentas'], en: ['account', 'accounts'] }),
      ];
      // The growth and amount rules (minGrowth, minBurstOfThreshold) decide whether it is an alert; the odds rank it.
      return scoredAlert(index, {
        typology: 'dormant-reactivation',
        transactions: burst,
        pieces,
        focus: accountId,
        floor: 1,
        sentence: (language, n) =>
          language === 'es'
            ? `La cuenta ${accountId} estuvo ${n(idleDays)} días sin movimientos y luego movió ${formatTotals(totals, language)} en ${n(burst.length)} transacciones ${formatSpan(span.from, span.to, language)}${Number.isFinite(growth) ? `, ${n(growth, 0)} veces su volumen mensual anterior` : ''}.`
            : `Account ${accountId} had no activity for ${n(idleDays)} days and then moved ${formatTotals(totals, language)} in ${n(burst.length)} transactions ${formatSpan(span.from, span.to, language)}${Number.isFinite(growth) ? `, ${n(growth, 0)} times its earlier monthly volume` : ''}.`,
      }) as Alert; // floor 1: always an alert
    }
  },
};

function mergedTimeline(inTx: Int32Array, inStart: Int32Array, outTx: Int32Array, outStart: Int32Array, account: number, time: Float64Array): number[] {
  const out: number[] = [];
  let a = inStart[account] as number;
  const aEnd = inStart[account + 1] as number;
  let b = outStart[account] as number;
  const bEnd = outStart[account + 1] as number;
  while (a < aEnd || b < bEnd) {
    if (b >= bEnd || (a < aEnd && (time[inTx[a] as number] as number) <= (time[outTx[b] as number] as number))) out.push(inTx[a++] as number);
    else out.push(outTx[b++] as number);
  }
  return out;
}
