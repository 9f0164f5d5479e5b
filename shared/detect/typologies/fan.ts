import { z } from 'zod';
import type { Alert } from '../../model';
import { bilingual, buildAlert, formatSpan, formatTotals, spanOf, totalsOf } from '../alerts';
import { DAY_MS, cashThresholdUsd, indexCase } from '../indexing';
import { makeCheckpoint } from '../runtime';
import { explainedTradePayments } from './trade';
import type { Typology } from '../types';
import { AccountCounter, amountQuantile, burstRatio, counterpartOf, distinctCounterpartEpisodes, recurringShare, type Side } from '../windows';

export const fanParams = z.object({
  windowDays: z.number().positive().max(90).default(7),
  minCounterparties: z.number().int().min(3).default(8),
  /** Payments below this are card-sized everyday spending, not a funnel. */
  minAmountUsd: z.number().min(0).default(100),
  /** The episode's total must reach this share of the unit's cash threshold. */
  minTotalOfThreshold: z.number().min(0).default(0.5),
  /** How much busier than usual the account must be (a shop is steady, a funnel bursts). */
  minBurstRatio: z.number().min(1).default(4),
  /** Above this share of counterparts seen again weeks apart, it is payroll, suppliers or regular customers. */
  maxRecurringShare: z.number().min(0).max(1).default(0.5),
  /** Episodes lasting longer than this many windows are steady business. */
  maxEpisodeWindows: z.number().positive().default(3),
});
type FanParams = z.infer<typeof fanParams>;

const RECURRENCE_GAP_MS = 20 * DAY_MS;

function detectFan(side: Side, typology: 'fan-in' | 'fan-out'): Typology<typeof fanParams>['run'] {
  return (data, params: FanParams, context) => {
    const index = indexCase(data, context.profile);
    const windowMs = params.windowDays * DAY_MS;
    const minTotalUsd = cashThresholdUsd(context.profile) * params.minTotalOfThreshold;
    const counter = new AccountCounter(index.accountIds.length);
    const explained = explainedTradePayments(index, context.profile);
    // Funnels and dispersals move money between accounts; shoppers paying at a terminal do not,
    // nor does an importer settling invoices for goods customs saw arrive.
    const include = (tx: number) =>
      !index.cash[tx] &&
      !index.card[tx] &&
      !explained[tx] && (index.usd[tx] as number) >= params.minAmountUsd && !index.cashEndpoint[counterpartOf(index, tx, side)] && index.from[tx] !== index.to[tx];
    const alerts: Alert[] = [];
    const accountCount = index.accountIds.length;
    const checkpoint = makeCheckpoint(context, accountCount, 4096);
    for (let account = 0; account < accountCount; account++) {
      checkpoint(account);
      if (index.cashEndpoint[account]) continue;
      let admit = include;
      let episodes = distinctCounterpartEpisodes(index, account, side, windowMs, params.minCounterparties, admit, counter);
      const steady = (txs: number[]) => {
        const span = spanOf(index, txs);
        return span.to - span.from > params.maxEpisodeWindows * windowMs;
      };
      if (episodes.some(steady)) {
        // A steady stream of small payments (a shop's customers) can hide a funnel of larger ones:
        // look again at the payments above the account's usual size only.
        const floor = Math.max(params.minAmountUsd, amountQuantile(index, account, side, 0.9) * 1.5);
        admit = (tx: number) => include(tx) && (index.usd[tx] as number) >= floor;
        episodes = distinctCounterpartEpisodes(index, account, side, windowMs, params.minCounterparties, admit, counter);
      }
      for (const txs of episodes) {
        const span = spanOf(index, txs);
        if (steady(txs)) continue;
        let totalUsd = 0;
        for (const tx of txs) totalUsd += index.usd[tx] as number;
        if (totalUsd < minTotalUsd) continue;
        const burst = burstRatio(index, account, side, span.from, span.to, windowMs, admit);
        if (burst < params.minBurstRatio) continue;
        const counterparts = new Set(txs.map((tx) => counterpartOf(index, tx, side)));
        const recurring = recurringShare(index, account, side, counterparts, span.from, span.to, RECURRENCE_GAP_MS);
        if (recurring > params.maxRecurringShare) continue;
        const score =
          30 +
          Math.min(30, (counterparts.size - params.minCounterparties) * 3 + 10) +
          Math.min(20, (totalUsd / Math.max(minTotalUsd, 1) - 1) * 5) +
          Math.min(20, Number.isFinite(burst) ? burst : 20) -
          recurring * 20;
        const totals = totalsOf(index, txs);
        const accountId = index.accountIds[account] as string;
        alerts.push(
          buildAlert(index, {
            typology,
            score,
            transactions: txs,
            focus: accountId,
            explanation: bilingual((language, n) => {
              const amount = formatTotals(totals, language);
              const when = formatSpan(span.from, span.to, language);
              if (side === 'in') {
                return language === 'es'
                  ? `${n(counterparts.size)} cuentas distintas enviaron ${amount} a la cuenta ${accountId} ${when} (${n(txs.length)} transferencias).`
                  : `${n(counterparts.size)} different accounts sent ${amount} to account ${accountId} ${when} (${n(txs.length)} transfers).`;
              }
              return language === 'es'
                ? `La cuenta ${accountId} envió ${amount} a ${n(counterparts.size)} cuentas distintas ${when} (${n(txs.length)} transferencias).`
                : `Account ${accountId} sent ${amount} to ${n(counterparts.size)} different accounts ${when} (${n(txs.length)} transfers).`;
            }),
          }),
        );
      }
    }
    return alerts;
  };
}

export const fanIn: Typology<typeof fanParams> = {
  id: 'fan-in',
  names: { es: 'Embudo (muchos a uno)', en: 'Fan-in (funnel)' },
  description: {
    es: 'Muchas cuentas distintas envían dinero a una sola cuenta en pocos días, de forma inusual para esa cuenta.',
    en: 'Many different accounts send money to one account within a few days, unusually for that account.',
  },
  params: fanParams,
  run: detectFan('in', 'fan-in'),
};

export const fanOut: Typology<typeof fanParams> = {
  id: 'fan-out',
  names: { es: 'Dispersión (uno a muchos)', en: 'Fan-out' },
  description: {
    es: 'Una cuenta envía dinero a muchas cuentas distintas en pocos días, sin el patrón repetido de una nómina o de pagos a proveedores.',
    en: 'One account sends money to many different accounts within a few days, without the repeating pattern of a payroll or supplier payments.',
  },
  params: fanParams,
  run: detectFan('out', 'fan-out'),
};
