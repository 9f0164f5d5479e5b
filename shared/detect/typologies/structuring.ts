import { z } from 'zod';
import type { Alert } from '../../model';
import { LOCALE_OF, formatAmount } from '../../i18n';
import { bilingual, buildAlert, dayCount, formatSpan, formatTotals, partyDisplayId, spanOf, totalsOf } from '../alerts';
import { DAY_MS, cashThresholdUsd, indexCase, toUsd } from '../indexing';
import { REFERENCE_CASH_THRESHOLDS } from '../../profiles/builtin';
import { accountActiveDays } from '../relative/novelty';
import { countPiece, multiplicityPiece, scoredAlert } from '../relative/scored';
import { log10PoissonTail } from '../relative/surprise';
import { makeCheckpoint } from '../runtime';
import type { Typology } from '../types';

type CaseIndex = ReturnType<typeof indexCase>;

/**
 * Every cash deposit into a customer account, in time order (index of the
 * transaction, receiving account). A withdrawal lands on the teller's book, so
 * only deposits count; both structuring rules start from this walk.
 */
function forEachCashDeposit(index: CaseIndex, context: Parameters<typeof makeCheckpoint>[0], visit: (transaction: number, account: number) => void): void {
  const checkpoint = makeCheckpoint(context, index.transactionCount * 2);
  const cashSender = cashSenders(index);
  for (let k = 0; k < index.transactionCount; k++) {
    checkpoint(k);
    const i = index.byTime[k] as number;
    if (!index.cash[i]) continue;
    const target = index.to[i] as number;
    if (index.cashEndpoint[target]) continue;
    if (!cashSender[index.from[i] as number]) continue;
    visit(i, target);
  }
}

/**
 * Accounts whose cash "deposits" are cash: a teller's book, a depositor's own record, anything that
 * sends mostly cash and is not itself fed by transfers. An ordinary account that sends transfers, cheques and wires and now and then a
 * row its bank typed "DEPOSIT" is moving money between accounts, and the law's cash threshold does
 * not apply to that (a structuring alert on wire transfers makes no sense).
 */
function cashSenders(index: CaseIndex): Uint8Array {
  const accounts = index.accountIds.length;
  const sender = new Uint8Array(accounts);
  for (let a = 0; a < accounts; a++) {
    const lo = index.outStart[a] as number;
    const hi = index.outStart[a + 1] as number;
    let cash = 0;
    for (let k = lo; k < hi; k++) cash += index.cash[index.outTx[k] as number] as number;
    // A till or a depositor's own record is not paid by transfer; an ordinary account is.
    let transfersIn = 0;
    for (let k = index.inStart[a] as number; k < (index.inStart[a + 1] as number); k++) transfersIn += index.cash[index.inTx[k] as number] ? 0 : 1;
    if (index.cashEndpoint[a] || (cash * 2 >= hi - lo && transfersIn <= cash)) sender[a] = 1;
  }
  return sender;
}

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

/**
 * The prior under the case's pace of near-threshold cash deposits: one a year per account (generous: most
 * accounts never make one), weighing as much as one account-year of the case, so any real case's own
 * figure soon outweighs it.
 */
const PRIOR_NEAR_THRESHOLD_PER_DAY = 1 / 365;
const PRIOR_ACCOUNT_DAYS = 365;

/** Whose deposits a run is: an account or a depositor, with all its near-threshold deposits and the days it was active. */
interface Subject {
  account?: string;
  party?: string;
  all: Deposit[];
  activeDays: number;
}

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
    const cashReceivers = new Set<number>();
    forEachCashDeposit(index, context, (i, target) => {
      cashReceivers.add(target);
      const usd = index.usd[i] as number;
      const threshold = thresholdFor(target);
      if (usd < threshold * params.minFractionOfThreshold || usd >= threshold) return;
      const deposit = { tx: i, time: index.time[i] as number, usd, threshold };
      push(byAccount, target, deposit);
      const depositor = index.fromParty[i] as number;
      if (depositor >= 0) push(byParty, depositor, deposit);
    });
    // The case's pace of near-threshold deposits per day of each account that takes cash deposits at all,
    // steadied by the prior while the case is small (a case of three deposits is no baseline).
    let nearThreshold = 0;
    for (const deposits of byAccount.values()) nearThreshold += deposits.length;
    let cashAccountDays = 0;
    for (const account of cashReceivers) cashAccountDays += accountActiveDays(index, account);
    const casePace = (nearThreshold + PRIOR_NEAR_THRESHOLD_PER_DAY * PRIOR_ACCOUNT_DAYS) / (cashAccountDays + PRIOR_ACCOUNT_DAYS);
    let subjectsSearched = 0;
    for (const deposits of [...byAccount.values(), ...byParty.values()]) if (deposits.length >= params.minDeposits) subjectsSearched++;
    const alerts: Alert[] = [];
    const { profile } = context;
    const emit = (deposits: Deposit[], subject: Subject) => {
      const threshold = Math.max(...deposits.map((deposit) => deposit.threshold));
      const country = index.accountCountry[index.to[(deposits[0] as Deposit).tx] as number] as string;
      const reference = threshold === unitThreshold ? profile.cashThreshold : (REFERENCE_CASH_THRESHOLDS[country] ?? profile.cashThreshold);
      const thresholdText = (language: 'es' | 'en') => formatAmount(reference.amount, reference.currency, language);
      const txs = deposits.map((deposit) => deposit.tx);
      const depositors = new Set(txs.map((i) => index.fromParty[i] as number).filter((p) => p >= 0));
      const accounts = new Set(txs.map((i) => index.to[i] as number));
      const totals = totalsOf(index, txs);
      const span = spanOf(index, txs);
      // The odds: this many near-threshold deposits in these days, against the subject's own pace of them outside
      // the run and never below the case's pace per cash-receiving account.
      const days = dayCount(index, txs);
      const outside = subject.all.length - deposits.length;
      const ownPace = outside / Math.max(1, subject.activeDays - days);
      const expected = Math.max(casePace, ownPace) * days;
      const pieces = [
        countPiece('near-threshold-cash', deposits.length, expected, log10PoissonTail(deposits.length, expected), {
          es: 'depósitos en efectivo justo bajo el umbral',
          en: 'cash deposits just under the threshold',
          days,
        }),
        multiplicityPiece(subjectsSearched, {
          count: subjectsSearched,
          es: ['cuenta o depositante con efectivo cerca del umbral', 'cuentas y depositantes con efectivo cerca del umbral'],
          en: ['account or depositor with cash near the threshold', 'accounts and depositors with cash near the threshold'],
        }),
      ];
      const who = subject.account ?? subject.party ?? '';
      const alert = scoredAlert(index, {
        typology: 'structuring',
        transactions: txs,
        pieces,
        focus: who,
        // The law asks for the report however common such deposits are in the case; the score still says how unusual they are.
        floor: 1,
        sentence: (language, n) =>
          language === 'es'
            ? `${n(deposits.length)} depósitos en efectivo, cada uno por debajo del umbral de reporte de ${thresholdText(language)}, sumaron ${formatTotals(totals, language)} ${subject.account ? `en la cuenta ${who}` : `hechos por ${who}`} ${formatSpan(span.from, span.to, language)}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} depositantes distintos)` : ''}${subject.party && accounts.size > 1 ? ` en ${n(accounts.size)} cuentas` : ''}.`
            : `${n(deposits.length)} cash deposits, each below the ${thresholdText(language)} reporting threshold, added up to ${formatTotals(totals, language)} ${subject.account ? `into account ${who}` : `made by ${who}`} ${formatSpan(span.from, span.to, language)}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} different depositors)` : ''}${subject.party && accounts.size > 1 ? ` across ${n(accounts.size)} accounts` : ''}.`,
      });
      if (alert) alerts.push(alert);
    };
    const span = index.transactionCount > 0 ? (index.time[index.byTime[index.transactionCount - 1] as number] as number) - (index.time[index.byTime[0] as number] as number) : 0;
    const bursty = (all: Deposit[], run: Deposit[]) => {
      const outside = all.length - run.length;
      if (outside <= 0) return true;
      const runSpan = Math.max((run[run.length - 1] as Deposit).time - (run[0] as Deposit).time, windowMs);
      return run.length / runSpan >= params.minBurstRatio * (outside / Math.max(span - runSpan, windowMs));
    };
    const caseDays = Math.max(1, span / DAY_MS + 1);
    for (const [account, deposits] of byAccount) {
      const subject = { account: index.accountIds[account] as string, all: deposits, activeDays: accountActiveDays(index, account) };
      for (const run of episodes(deposits, windowMs, params.minDeposits)) if (bursty(deposits, run)) emit(run, subject);
    }
    for (const [party, deposits] of byParty) {
      const subject = { party: partyDisplayId(index, party), all: deposits, activeDays: caseDays };
      for (const run of episodes(deposits, windowMs, params.minDeposits)) if (bursty(deposits, run)) emit(run, subject);
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


export const structuringMonthlyParams = z.object({
  /**
   * A shop banks its takings in cash all year and reaches the monthly figure every month:
   * the unit gets that report from the bank anyway, an analyst gains nothing from an alert.
   * The month's sub-threshold cash must come this many times faster than the account's or
   * depositor's pace in the other months of the case.
   */
  minBurstRatio: z.number().min(1).default(3),
});

/** Below classic structuring: no single deposit comes near the per-transaction threshold. */
const MONTHLY_BASE_SCORE = 20;
const MONTHLY_MAX_SCORE = 39;

interface MonthlyDeposit {
  tx: number;
  time: number;
  usd: number;
  month: number;
}

/** UTC calendar month as year × 12 + month, so consecutive months are consecutive numbers. */
function monthOf(time: number): number {
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function monthStart(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

/**
 * The aggregated side of structuring, for units whose law sets a monthly cash threshold
 * (Colombia's UIAF: COP 50,000,000 a month): cash deposits by one party or into one account
 * in a calendar month that together reach that threshold while each stays under the
 * per-transaction one.
 */
export const structuringMonthly: Typology<typeof structuringMonthlyParams> = {
  id: 'structuring-monthly',
  names: { es: 'Fraccionamiento: efectivo acumulado en el mes', en: 'Structuring: monthly aggregated cash' },
  description: {
    es: 'Depósitos en efectivo de una persona o en una cuenta en un mes calendario, cada uno por debajo del umbral individual, que juntos alcanzan el umbral acumulado mensual de la unidad. Solo para unidades cuyo perfil tiene umbral acumulado.',
    en: 'Cash deposits by one person or into one account within a calendar month, each below the per-transaction threshold, that together reach the unit’s monthly aggregated threshold. Only for units whose profile has an aggregated threshold.',
  },
  params: structuringMonthlyParams,
  run(data, params, context) {
    const { profile } = context;
    const aggregate = profile.aggregateThreshold;
    if (!aggregate) return [];
    const index = indexCase(data, profile);
    const unitThreshold = cashThresholdUsd(profile);
    const aggregateUsd = toUsd(profile, aggregate.amount, aggregate.currency);
    if (!(aggregateUsd > 0)) throw new Error(`Profile "${profile.id}": no exchange rate for the aggregated threshold currency ${aggregate.currency}`);
    const byAccount = new Map<number, MonthlyDeposit[]>();
    const byParty = new Map<number, MonthlyDeposit[]>();
    forEachCashDeposit(index, context, (i, target) => {
      // The aggregated threshold is the unit's own law: cash paid into an account known to be
      // held in another country is reported there, under that country's rules.
      const country = index.accountCountry[target] as string;
      if (country && country !== profile.country) return;
      const usd = index.usd[i] as number;
      // A deposit at or above the threshold is reported on its own; unknown currencies weigh nothing.
      if (!(usd > 0) || usd >= unitThreshold) return;
      const time = index.time[i] as number;
      const deposit = { tx: i, time, usd, month: monthOf(time) };
      pushMonthly(byAccount, target, deposit);
      const depositor = index.fromParty[i] as number;
      if (depositor >= 0) pushMonthly(byParty, depositor, deposit);
    });
    const first = index.transactionCount > 0 ? (index.time[index.byTime[0] as number] as number) : 0;
    const last = index.transactionCount > 0 ? (index.time[index.byTime[index.transactionCount - 1] as number] as number) : 0;
    const caseMonths = monthOf(last) - monthOf(first) + 1;
    const alerts: Alert[] = [];
    const inspect = (deposits: MonthlyDeposit[], subject: { account?: string; party?: string }) => {
      const months = new Map<number, MonthlyDeposit[]>();
      for (const deposit of deposits) {
        const list = months.get(deposit.month);
        if (list) list.push(deposit);
        else months.set(deposit.month, [deposit]);
      }
      for (const [month, inMonth] of months) {
        const sumUsd = inMonth.reduce((sum, deposit) => sum + deposit.usd, 0);
        if (sumUsd < aggregateUsd) continue;
        // Same guard as classic structuring, by the month: cash that comes every month at this
        // pace is a business's takings, not an episode.
        const outside = deposits.length - inMonth.length;
        const otherMonths = caseMonths - 1;
        if (outside > 0 && otherMonths > 0 && inMonth.length < params.minBurstRatio * (outside / otherMonths)) continue;
        emit(inMonth, month, sumUsd, subject);
      }
    };
    const emit = (inMonth: MonthlyDeposit[], month: number, sumUsd: number, subject: { account?: string; party?: string }) => {
      const txs = inMonth.map((deposit) => deposit.tx);
      const totals = totalsOf(index, txs);
      const largestShare = Math.max(...inMonth.map((deposit) => deposit.usd)) / unitThreshold;
      const score = Math.min(MONTHLY_MAX_SCORE, MONTHLY_BASE_SCORE + Math.min(10, (sumUsd / aggregateUsd - 1) * 10) + Math.min(5, (inMonth.length - 5) / 2) + Math.max(0, (largestShare - 0.5) * 8));
      const who = subject.account ?? subject.party ?? '';
      const depositors = new Set(txs.map((i) => index.fromParty[i] as number).filter((p) => p >= 0));
      const accounts = new Set(txs.map((i) => index.to[i] as number));
      const monthName = (language: 'es' | 'en') =>
        new Intl.DateTimeFormat(LOCALE_OF[language], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthStart(month));
      alerts.push(
        buildAlert(index, {
          typology: 'structuring-monthly',
          score,
          transactions: txs,
          focus: who,
          explanation: bilingual((language, n) => {
            const aggregateText = formatAmount(aggregate.amount, aggregate.currency, language);
            const thresholdText = formatAmount(profile.cashThreshold.amount, profile.cashThreshold.currency, language);
            return language === 'es'
              ? `En ${monthName(language)}, ${n(inMonth.length)} depósitos en efectivo ${subject.account ? `en la cuenta ${who}` : `hechos por ${who}`}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} depositantes distintos)` : ''}${subject.party && accounts.size > 1 ? ` en ${n(accounts.size)} cuentas` : ''}, cada uno por debajo del umbral individual de ${thresholdText}, sumaron ${formatTotals(totals, language)}: alcanzan ${aggregateText}, el umbral acumulado mensual de la unidad (${profile.unit}${aggregate.confirmed ? '' : ', cifra por defecto aún por confirmar'}). Puntaje menor que el del fraccionamiento clásico: los depósitos no se agrupan en pocos días justo bajo el umbral individual, y el acumulado mensual se reporta haya o no intención de evadir el reporte, así que por sí solo no la indica.`
              : `In ${monthName(language)}, ${n(inMonth.length)} cash deposits ${subject.account ? `into account ${who}` : `made by ${who}`}${subject.account && depositors.size > 1 ? ` (${n(depositors.size)} different depositors)` : ''}${subject.party && accounts.size > 1 ? ` across ${n(accounts.size)} accounts` : ''}, each below the ${thresholdText} per-transaction threshold, added up to ${formatTotals(totals, language)}: they reach ${aggregateText}, the unit’s monthly aggregated threshold (${profile.unit}${aggregate.confirmed ? '' : ', a default not yet confirmed'}). Scored below classic structuring: the deposits do not cluster within days just under the per-transaction threshold, and aggregated cash is reported whatever the intent, so on its own it shows no intent.`;
          }),
        }),
      );
    };
    for (const [account, deposits] of byAccount) inspect(deposits, { account: index.accountIds[account] as string });
    for (const [party, deposits] of byParty) inspect(deposits, { party: partyDisplayId(index, party) });
    return alerts;
  },
};

function pushMonthly<K>(map: Map<K, MonthlyDeposit[]>, key: K, deposit: MonthlyDeposit): void {
  const list = map.get(key);
  if (list) list.push(deposit);
  else map.set(key, [deposit]);
}
