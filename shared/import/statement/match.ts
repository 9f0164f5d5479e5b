import type { Provenance, Transaction } from '../../model';
import { accountKey } from './accounts';
import { UNKNOWN_ACCOUNT_PREFIX, type StatementSideInfo, type StatementTransaction } from './read';

/**
 * Both sides of a transfer: when the sender's and the receiver's statements
 * are both in the case, the debit in one and the credit in the other are the
 * same money and must be counted once. This merges them into one transaction
 * whose provenance lists both source lines, and leaves every side it cannot
 * pair exactly as it was: nothing is dropped.
 *
 * Pairing, in order of confidence:
 *  1. the same reference on both sides (with the same amount and currency, and
 *     accounts that do not contradict each other);
 *  2. otherwise the accounts (the debit names the credit's owner, or the credit
 *     names the debit's owner), the same amount and currency, and dates no
 *     further apart than the analyst's tolerance.
 * Where several candidates are equally good (two equal amounts between the
 * same accounts on the same day), sides are paired one to one in order of
 * time and line, and the pair is counted as ambiguous so the analyst knows.
 */
export interface MatchOptions {
  /** Largest difference in days between the debit's and the credit's dates when pairing without a reference; default 2. */
  toleranceDays?: number;
}

export interface MatchSummary {
  /** Statement lines seen (sides). */
  sides: number;
  merged: number;
  byReference: number;
  byAccounts: number;
  /** Merged pairs chosen among equally good candidates. */
  ambiguous: number;
  unmatchedDebits: number;
  unmatchedCredits: number;
}

export type MergedTransaction = Transaction & { sources?: Provenance[] };

const DAY_MS = 86_400_000;

export function isStatementTransaction(transaction: Transaction): transaction is StatementTransaction {
  return typeof (transaction as Partial<StatementTransaction>).statement === 'object' && (transaction as Partial<StatementTransaction>).statement !== null;
}

/** The other end's account as the side names it, or undefined for a placeholder. */
function namedCounterparty(transaction: StatementTransaction): string | undefined {
  if (!transaction.statement.counterpartyKnown) return undefined;
  return accountKey(transaction.statement.side === 'debit' ? transaction.toAccount : transaction.fromAccount);
}

/** Whether a debit and a credit can be the same transfer, judging the accounts only. */
function accountsAgree(debit: StatementTransaction, credit: StatementTransaction): boolean {
  const debitOwner = accountKey(debit.statement.owner);
  const creditOwner = accountKey(credit.statement.owner);
  if (debitOwner === creditOwner) return false;
  const debitNames = namedCounterparty(debit);
  const creditNames = namedCounterparty(credit);
  if (debitNames !== undefined && debitNames !== creditOwner) return false;
  if (creditNames !== undefined && creditNames !== debitOwner) return false;
  return true;
}

const amountKey = (transaction: Transaction) => `${transaction.currency}:${Math.round(transaction.amount * 100)}`;

function stripSide(transaction: StatementTransaction): MergedTransaction {
  const { statement, ...plain } = transaction;
  void statement;
  return plain;
}

function byTimeThenLine(a: StatementTransaction, b: StatementTransaction): number {
  return a.timestamp - b.timestamp || (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0) || a.source.line - b.source.line;
}

function mergePair(debit: StatementTransaction, credit: StatementTransaction): MergedTransaction {
  const merged: MergedTransaction = {
    id: debit.id,
    timestamp: debit.timestamp,
    fromAccount: debit.statement.owner,
    toAccount: credit.statement.owner,
    amount: debit.amount,
    currency: debit.currency,
    channel: debit.channel,
    source: debit.source,
    sources: [debit.source, credit.source],
  };
  const description = debit.description ?? credit.description;
  if (description) merged.description = description;
  const fromName = debit.fromPartyName ?? credit.fromPartyName;
  const toName = credit.toPartyName ?? debit.toPartyName;
  if (fromName) merged.fromPartyName = fromName;
  if (toName) merged.toPartyName = toName;
  for (const key of ['fromPartyId', 'fromBank', 'fromCountry'] as const) {
    const value = debit[key] ?? credit[key];
    if (value) merged[key] = value;
  }
  for (const key of ['toPartyId', 'toBank', 'toCountry'] as const) {
    const value = credit[key] ?? debit[key];
    if (value) merged[key] = value;
  }
  return merged;
}

/**
 * Pairs one list of debits with one list of credits, greedily by smallest
 * time difference, one to one, in a deterministic order. Returns the pairs
 * and whether each was chosen among equals.
 */
function pairGreedily(debits: StatementTransaction[], credits: StatementTransaction[], toleranceMs: number, usedDebits: Set<StatementTransaction>, usedCredits: Set<StatementTransaction>, requireLink = false): { debit: StatementTransaction; credit: StatementTransaction; ambiguous: boolean }[] {
  const candidates: { debit: StatementTransaction; credit: StatementTransaction; distance: number; d: number; c: number }[] = [];
  debits.forEach((debit, d) => {
    if (usedDebits.has(debit)) return;
    credits.forEach((credit, c) => {
      if (usedCredits.has(credit)) return;
      const distance = Math.abs(credit.timestamp - debit.timestamp);
      if (distance > toleranceMs || !accountsAgree(debit, credit)) return;
      // Without a reference one side must name the other's account: two strangers' equal amounts are not a transfer.
      if (requireLink && namedCounterparty(debit) === undefined && namedCounterparty(credit) === undefined) return;
      candidates.push({ debit, credit, distance, d, c });
    });
  });
  candidates.sort((a, b) => a.distance - b.distance || a.d - b.d || a.c - b.c);
  // A side with two candidates at the same distance was paired by order, not by evidence.
  const seenAt = new Map<string, number>();
  for (const candidate of candidates) {
    for (const key of [`d${candidate.d}:${candidate.distance}`, `c${candidate.c}:${candidate.distance}`]) seenAt.set(key, (seenAt.get(key) ?? 0) + 1);
  }
  const pairs: { debit: StatementTransaction; credit: StatementTransaction; ambiguous: boolean }[] = [];
  const chosenDebits = new Set<StatementTransaction>();
  const chosenCredits = new Set<StatementTransaction>();
  for (const candidate of candidates) {
    if (chosenDebits.has(candidate.debit) || chosenCredits.has(candidate.credit)) continue;
    chosenDebits.add(candidate.debit);
    chosenCredits.add(candidate.credit);
    const ambiguous = (seenAt.get(`d${candidate.d}:${candidate.distance}`) ?? 0) > 1 || (seenAt.get(`c${candidate.c}:${candidate.distance}`) ?? 0) > 1;
    pairs.push({ debit: candidate.debit, credit: candidate.credit, ambiguous });
  }
  return pairs;
}

/** Groups of at most this many debits and credits are paired exhaustively; a larger group (a payroll of identical amounts) falls back to time order. */
const EXHAUSTIVE_GROUP = 200;

/**
 * Merges the two sides of every transfer whose both statements are in the
 * list. Transactions that did not come from a statement pass through
 * untouched and in place; merged pairs take the debit's place; unmatched
 * sides stay as one-sided transactions (their other end is the account the
 * statement names, or a placeholder). Ids: the shared reference when it is
 * unique in the result, else the debit's line id, so re-running the merge as
 * statements arrive gives the same ids for the same pairs.
 */
export function mergeStatementSides(transactions: readonly Transaction[], options: MatchOptions = {}): { transactions: MergedTransaction[]; summary: MatchSummary } {
  const toleranceMs = Math.max(0, options.toleranceDays ?? 2) * DAY_MS;
  const debits: StatementTransaction[] = [];
  const credits: StatementTransaction[] = [];
  for (const transaction of transactions) {
    if (!isStatementTransaction(transaction)) continue;
    (transaction.statement.side === 'debit' ? debits : credits).push(transaction);
  }
  const summary: MatchSummary = { sides: debits.length + credits.length, merged: 0, byReference: 0, byAccounts: 0, ambiguous: 0, unmatchedDebits: 0, unmatchedCredits: 0 };
  if (summary.sides === 0) return { transactions: transactions.slice(), summary };
  debits.sort(byTimeThenLine);
  credits.sort(byTimeThenLine);
  const pairOf = new Map<StatementTransaction, StatementTransaction>();
  const usedDebits = new Set<StatementTransaction>();
  const usedCredits = new Set<StatementTransaction>();
  const take = (pairs: { debit: StatementTransaction; credit: StatementTransaction; ambiguous: boolean }[], how: 'byReference' | 'byAccounts') => {
    for (const { debit, credit, ambiguous } of pairs) {
      pairOf.set(debit, credit);
      usedDebits.add(debit);
      usedCredits.add(credit);
      summary.merged += 1;
      summary[how] += 1;
      if (ambiguous) summary.ambiguous += 1;
    }
  };

  // 1. By reference (and amount): references are generous in time (a transfer booked days apart still pairs).
  const referenceKey = (side: StatementSideInfo, transaction: Transaction) => (side.reference ? `${side.reference.trim().toUpperCase()}|${amountKey(transaction)}` : undefined);
  const creditsByReference = new Map<string, StatementTransaction[]>();
  for (const credit of credits) {
    const key = referenceKey(credit.statement, credit);
    if (key === undefined) continue;
    const list = creditsByReference.get(key);
    if (list) list.push(credit);
    else creditsByReference.set(key, [credit]);
  }
  const debitsByReference = new Map<string, StatementTransaction[]>();
  for (const debit of debits) {
    const key = referenceKey(debit.statement, debit);
    if (key === undefined || !creditsByReference.has(key)) continue;
    const list = debitsByReference.get(key);
    if (list) list.push(debit);
    else debitsByReference.set(key, [debit]);
  }
  const referenceTolerance = Math.max(toleranceMs, 31 * DAY_MS);
  for (const [key, groupDebits] of debitsByReference) {
    const groupCredits = creditsByReference.get(key) as StatementTransaction[];
    if (groupDebits.length === 1 && groupCredits.length === 1) {
      const debit = groupDebits[0] as StatementTransaction;
      const credit = groupCredits[0] as StatementTransaction;
      if (Math.abs(debit.timestamp - credit.timestamp) <= referenceTolerance && accountsAgree(debit, credit)) take([{ debit, credit, ambiguous: false }], 'byReference');
      continue;
    }
    take(pairGreedily(groupDebits, groupCredits, referenceTolerance, usedDebits, usedCredits), 'byReference');
  }

  // 2. By accounts, amount and date: group by amount, then pair within each group.
  const creditsByAmount = new Map<string, StatementTransaction[]>();
  for (const credit of credits) {
    if (usedCredits.has(credit)) continue;
    const key = amountKey(credit);
    const list = creditsByAmount.get(key);
    if (list) list.push(credit);
    else creditsByAmount.set(key, [credit]);
  }
  const debitsByAmount = new Map<string, StatementTransaction[]>();
  for (const debit of debits) {
    if (usedDebits.has(debit)) continue;
    const key = amountKey(debit);
    if (!creditsByAmount.has(key)) continue;
    const list = debitsByAmount.get(key);
    if (list) list.push(debit);
    else debitsByAmount.set(key, [debit]);
  }
  for (const [key, groupDebits] of debitsByAmount) {
    const groupCredits = (creditsByAmount.get(key) as StatementTransaction[]).filter((credit) => !usedCredits.has(credit));
    if (groupDebits.length * groupCredits.length <= EXHAUSTIVE_GROUP * EXHAUSTIVE_GROUP) {
      take(pairGreedily(groupDebits, groupCredits, toleranceMs, usedDebits, usedCredits, true), 'byAccounts');
    } else {
      // A very large group (a payroll of identical amounts): pair only sides that name each other's account, per account pair.
      const buckets = new Map<string, { debits: StatementTransaction[]; credits: StatementTransaction[] }>();
      const bucket = (key: string) => {
        let entry = buckets.get(key);
        if (!entry) buckets.set(key, (entry = { debits: [], credits: [] }));
        return entry;
      };
      for (const debit of groupDebits) {
        const other = namedCounterparty(debit);
        if (other !== undefined) bucket(`${accountKey(debit.statement.owner)}>${other}`).debits.push(debit);
      }
      for (const credit of groupCredits) {
        const other = namedCounterparty(credit);
        if (other !== undefined) bucket(`${other}>${accountKey(credit.statement.owner)}`).credits.push(credit);
      }
      for (const entry of buckets.values()) if (entry.debits.length > 0 && entry.credits.length > 0) take(pairGreedily(entry.debits, entry.credits, toleranceMs, usedDebits, usedCredits), 'byAccounts');
    }
  }

  // Result: non-statement transactions as they were; each pair once, where its debit stood; unmatched sides as they are.
  const taken = new Set<string>();
  for (const transaction of transactions) if (!isStatementTransaction(transaction)) taken.add(transaction.id);
  // A reference names a transaction only where one pair (or one lone side) carries it.
  const referenceCount = new Map<string, number>();
  const pairedCreditSet = new Set(pairOf.values());
  for (const side of [...debits, ...credits]) {
    if (pairedCreditSet.has(side)) continue;
    const reference = side.statement.reference;
    if (reference) referenceCount.set(reference, (referenceCount.get(reference) ?? 0) + 1);
  }
  const pairedCredits = new Set(pairOf.values());
  const result: MergedTransaction[] = [];
  for (const transaction of transactions) {
    if (!isStatementTransaction(transaction)) {
      result.push(transaction);
      continue;
    }
    if (pairedCredits.has(transaction)) continue;
    const credit = pairOf.get(transaction);
    let merged: MergedTransaction;
    if (credit) {
      merged = mergePair(transaction, credit);
      const reference = transaction.statement.reference;
      if (reference && referenceCount.get(reference) === 1 && reference === credit.statement.reference && !taken.has(reference)) merged.id = reference;
    } else {
      merged = stripSide(transaction);
      const reference = transaction.statement.reference;
      if (reference && referenceCount.get(reference) === 1 && !taken.has(reference)) merged.id = reference;
      if (transaction.statement.side === 'debit') summary.unmatchedDebits += 1;
      else summary.unmatchedCredits += 1;
    }
    if (taken.has(merged.id)) merged.id = transaction.id;
    taken.add(merged.id);
    result.push(merged);
  }
  return { transactions: result, summary };
}

/** True for the placeholder end of a one-sided movement (no account named). */
export function isUnknownCounterparty(account: string): boolean {
  return account.startsWith(UNKNOWN_ACCOUNT_PREFIX);
}

/** Every source line behind a transaction: both statement lines for a merged transfer, else its one source. */
export function transactionSources(transaction: Transaction): Provenance[] {
  const sources = (transaction as MergedTransaction).sources;
  return Array.isArray(sources) && sources.length > 0 ? sources : [transaction.source];
}
