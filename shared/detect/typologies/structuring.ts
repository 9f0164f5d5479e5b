import { z } from 'zod';
import type { Alert } from '../../model';
import { formatAmount } from '../../i18n';
import { bilingual, buildAlert, formatSpan, formatTotals, partyDisplayId, spanOf, totalsOf } from '../alerts';
import { DAY_MS, cashThresholdUsd, indexCase, toUsd } from '../indexing';
import { REFERENCE_CASH_THRESHOLDS } from '../../profiles/builtin';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';

export const structuringParams = z.object({
  windowDays: z.number().positive().max(90).default(10),
  minDeposits: z.number().int().min(2).default(3),
  /** Deposits smaller than this share of the threshold are everyday cash, not an attempt to stay under it. */
  minFractionOfThreshold: z.number().min(0).max(1).default(0.7),
  /**
   * A shop banks its takings in cash every week all year; smurfing is a burst.
   * Sub-threshold deposits in the episode must come this many times faster than the account's usual pace.
   */
  minBurstRatio: z.number().min(1).default(3),
  /**
   * For accounts known to be held in another country, also test against that
   * country's reference threshold: the depositor avoids the report where the cash goes in.
   */
  useLocalThresholdAbroad: z.boolean().default(true),
});

interface Deposit {
  tx: number;
  time: number;
  usd: number;
  /** The threshold (USD) this deposit stayed under. */
  threshold: number;
}

/** Cash deposits each below the unit's reporting threshold that together reach it within days. */
export const structuring: Typology<typeof structuringParams> = {
  id: 'structuring',
  names: { es: 'Fraccionamiento (pitufeo)', en: 'Structuring (smurfing)' },
  description: {
    es: 'Varios depósitos en efectivo, cada uno por debajo del umbral de reporte de la unidad, hechos por una persona o en una cuenta en pocos días y que juntos lo superan.',
    en: 'Several cash deposits, each below the unit’s reporting threshold, made by one person or into one account within days and together exceeding it.',
  },
  params: structuringParams,
  run(data, params, context) {
    const index = indexCase(data, context.profile);
    const unitThreshold = cashThresholdUsd(context.profile);
    const home = context.profile.country;
    const thresholdByCountry = new Map<string, number>();
    if (params.useLocalThresholdAbroad) {
      for (const [country, reference] of Object.entries(REFERENCE_CASH_THRESHOLDS)) {
        if (country !== home) thresholdByCountry.set(country, toUsd(context.profile, reference.amount, reference.currency) || unitThreshold);
      }
    }
    const thresholdFor = (account: number) => thresholdByCountry.get(index.accountCountry[account] as string) ?? unitThreshold;
    const windowMs = params.windowDays * DAY_MS;
    const byAccount = new Map<number, Deposit[]>();
    const byParty = new Map<number, Deposit[]>();
    const checkpoint = makeCheckpoint(context, index.transactionCount * 2);
    for (let k = 0; k < index.transactionCount; k++) {
      checkpoint(k);
      const i = index.byTime[k] as number;
      if (!index.cash[i]) continue;
      const target = index.to[i] as number;
      // A withdrawal lands on the teller's book; only deposits into a customer account count.
      if (index.cashEndpoint[target]) continue;
      const usd = index.usd[i] as number;
      const threshold = thresholdFor(target);
      if (usd < threshold * params.minFractionOfThreshold || usd >= threshold) continue;
      const deposit = { tx: i, time: index.time[i] as number, usd, threshold };
      push(byAccount, target, deposit);
      const depositor = index.fromParty[i] as number;
      if (depositor >= 0) push(byParty, depositor, deposit);
    }
    const alerts: Alert[] = [];
    const { profile } = context;
    const emit = (deposits: Deposit[], subject: { account?: string; party?: string }) => {
      const threshold = Math.max(...deposits.map((deposit) => deposit.threshold));
      const country = index.accountCountry[index.to[(deposits[0] as Deposit).tx] as number] as string;
      const reference = threshold === unitThreshold ? profile.cashThreshold : (REFERENCE_CASH_THRESHOLDS[country] ?? profile.cashThreshold);
      const thresholdText = (language: 'es' | 'en') => formatAmount(reference.amount, reference.currency, language);
      const txs = deposits.map((deposit) => deposit.tx);
      const totalUsd = deposits.reduce((sum, deposit) => sum + deposit.usd, 0);
      const meanFraction = totalUsd / deposits.length / threshold;
      const depositors = new Set(txs.map((i) => index.fromParty[i] as number).filter((p) => p >= 0));
      const accounts = new Set(txs.map((i) => index.to[i] as number));
      const totals = totalsOf(index, txs);
      const span = spanOf(index, txs);
      const score =
        35 +
        Math.min(25, (deposits.length - params.minDeposits) * 5 + 5) +
        Math.min(20, (totalUsd / threshold - 1) * 10) +
        Math.max(0, (meanFraction - 0.6) * 50);
      const who = subject.account ?? subject.party ?? '';
      alerts.push(
        buildAlert(index, {
          typology: 'structuring',
          score,
          transactions: txs,
          focus: who,
          explanation: bilingual((language, n) =>
            language === 'es'
              ? `${n(deposits.length)} depósitos en efectivo, cada uno por debajo del umbral de reporte de ${thresholdText(language)}, sumaron ${formatTotals(totals, language)} ${subject.account ? `en la cuenta ${who}` : `hechos por ${who}`} ${formatSpan(span.from, span.to, language)}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} depositantes distintos)` : ''}${subject.party && accounts.size > 1 ? ` en ${n(accounts.size)} cuentas` : ''}.`
              : `${n(deposits.length)} cash deposits, each below the ${thresholdText(language)} reporting threshold, added up to ${formatTotals(totals, language)} ${subject.account ? `into account ${who}` : `made by ${who}`} ${formatSpan(span.from, span.to, language)}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} different depositors)` : ''}${subject.party && accounts.size > 1 ? ` across ${n(accounts.size)} accounts` : ''}.`,
          ),
        }),
      );
    };
    const span = index.transactionCount > 0 ? (index.time[index.byTime[index.transactionCount - 1] as number] as number) - (index.time[index.byTime[0] as number] as number) : 0;
    const bursty = (all: Deposit[], run: Deposit[]) => {
      const outside = all.length - run.length;
      if (outside <= 0) return true;
      const runSpan = Math.max((run[run.length - 1] as Deposit).time - (run[0] as Deposit).time, windowMs);
      return run.length / runSpan >= params.minBurstRatio * (outside / Math.max(span - runSpan, windowMs));
    };
    for (const [account, deposits] of byAccount) {
      for (const run of episodes(deposits, windowMs, params.minDeposits)) if (bursty(deposits, run)) emit(run, { account: index.accountIds[account] as string });
    }
    for (const [party, deposits] of byParty) {
      for (const run of episodes(deposits, windowMs, params.minDeposits)) if (bursty(deposits, run)) emit(run, { party: partyDisplayId(index, party) });
    }
    return alerts;
  },
};

function push<K>(map: Map<K, Deposit[]>, key: K, deposit: Deposit): void {
  const list = map.get(key);
  if (list) list.push(deposit);
  else map.set(key, [deposit]);
}

/** Joined runs of windows holding at least `minCount` deposits that together reach the threshold. */
function episodes(deposits: Deposit[], windowMs: number, minCount: number): Deposit[][] {
  if (deposits.length < minCount) return [];
  const runs: Deposit[][] = [];
  let start = 0;
  let sum = 0;
  let runFrom = -1;
  let runTo = -1;
  for (let end = 0; end < deposits.length; end++) {
    const last = deposits[end] as Deposit;
    sum += last.usd;
    while (last.time - (deposits[start] as Deposit).time > windowMs) {
      sum -= (deposits[start] as Deposit).usd;
      start++;
    }
    if (end - start + 1 >= minCount && sum >= last.threshold) {
      if (runFrom >= 0 && start <= runTo) runTo = end;
      else {
        if (runFrom >= 0) runs.push(deposits.slice(runFrom, runTo + 1));
        runFrom = start;
        runTo = end;
      }
    }
  }
  if (runFrom >= 0) runs.push(deposits.slice(runFrom, runTo + 1));
  return runs;
}

