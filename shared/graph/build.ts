import type { Account, CaseDataset, Party, Transaction } from '../model';
import { Aggregator, emptyNode, inRange } from './aggregate';
import { rememberTimeIndexInput } from './timeIndex';
import { isCompanyName, nameKey } from '../resolve/names';
import { usdConverter } from './fx';
import type { BuildOptions, Graph, GraphNode } from './types';

/** Transactions handled between two yields of the step-wise builders. */
export const SLICE = 50_000;

/** Drives a step-wise builder to its result in one go. */
export function runToEnd<T>(steps: Generator<number, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** What the transactions themselves say about an account, for accounts missing from the accounts file. */
interface SeenAccount {
  holderName?: string;
  holderId?: string;
  bank?: string;
  country?: string;
}

function learnFromTransactions(transactions: readonly Transaction[]): Map<string, SeenAccount> {
  const seen = new Map<string, SeenAccount>();
  const note = (account: string, holderName?: string, holderId?: string, bank?: string, country?: string) => {
    let entry = seen.get(account);
    if (!entry) {
      entry = {};
      seen.set(account, entry);
    }
    entry.holderName ??= holderName;
    entry.holderId ??= holderId;
    entry.bank ??= bank;
    entry.country ??= country;
  };
  for (const tx of transactions) {
    note(tx.fromAccount, tx.fromPartyName, tx.fromPartyId, tx.fromBank, tx.fromCountry);
    note(tx.toAccount, tx.toPartyName, tx.toPartyId, tx.toBank, tx.toCountry);
  }
  return seen;
}

function describeAccount(id: string, account: Account | undefined, seen: SeenAccount | undefined, partyById: Map<string, Party>): GraphNode {
  const holderId = account?.holderId ?? seen?.holderId;
  const holderName = account?.holderName ?? (holderId ? partyById.get(holderId)?.name : undefined) ?? seen?.holderName;
  const node = emptyNode(id, 'account', id);
  if (holderName) node.holderName = holderName;
  if (holderId) node.holderId = holderId;
  const bank = account?.institution ?? seen?.bank;
  if (bank) node.bank = bank;
  const country = account?.country ?? seen?.country;
  if (country) node.country = country;
  node.accounts = [id];
  if (holderId) node.parties = [holderId];
  return node;
}

/**
 * One node per account, one edge per ordered pair of accounts carrying the
 * count, the totals per currency, the first and last date and the ids of the
 * transactions, so every line on the chart can be traced back to its rows.
 */
export function buildAccountGraph(dataset: CaseDataset, options: BuildOptions = {}): Graph {
  return runToEnd(accountGraphSteps(dataset, options));
}

/** buildAccountGraph in steps: yields the share done every SLICE transactions, so a UI can build a huge graph between frames. */
export function* accountGraphSteps(dataset: CaseDataset, options: BuildOptions = {}): Generator<number, Graph, void> {
  const converter = usdConverter(options.fxPerUsd);
  const accountById = new Map(dataset.accounts.map((account) => [account.id, account]));
  const partyById = new Map(dataset.parties.map((party) => [party.id, party]));
  const seen = learnFromTransactions(dataset.transactions);
  const aggregator = new Aggregator(converter, (id) => describeAccount(id, accountById.get(id), seen.get(id), partyById));
  const total = dataset.transactions.length;
  let done = 0;
  yield 0;
  for (const tx of dataset.transactions) {
    if (++done % SLICE === 0) yield done / total;
    if (!inRange(tx.timestamp, options.range)) continue;
    aggregator.add(tx.fromAccount, tx.toAccount, 'payment', {
      amount: tx.amount,
      currency: tx.currency,
      date: tx.timestamp,
      transactionId: tx.id,
      money: true,
    });
  }
  const { nodes, edges } = aggregator.finish();
  return rememberTimeIndexInput({ view: 'accounts', nodes, edges, unconvertedCurrencies: converter.unconverted() }, aggregator.timeIndexInput());
}

export const PARTY_PREFIX = 'party:';

export interface PartyGraphOptions extends BuildOptions {
  /** Party node ids whose accounts are drawn one by one, linked to the party by "holds" edges. */
  unfolded?: readonly string[];
}

interface Holder {
  nodeId: string;
  partyId?: string;
  name: string;
  kind: 'person' | 'company';
}

/**
 * Accounts folded into the people and companies that hold them. The holder of
 * an account comes from the accounts file, else from the party named on its
 * transactions; an account with no known holder stays an account node.
 */
export function buildPartyGraph(dataset: CaseDataset, options: PartyGraphOptions = {}): Graph {
  return runToEnd(partyGraphSteps(dataset, options));
}

export function* partyGraphSteps(dataset: CaseDataset, options: PartyGraphOptions = {}): Generator<number, Graph, void> {
  const converter = usdConverter(options.fxPerUsd);
  const partyById = new Map(dataset.parties.map((party) => [party.id, party]));
  const accountById = new Map(dataset.accounts.map((account) => [account.id, account]));
  const seen = learnFromTransactions(dataset.transactions);
  const unfolded = new Set(options.unfolded ?? []);

  const holderCache = new Map<string, Holder | null>();
  const holderOf = (accountId: string): Holder | null => {
    const cached = holderCache.get(accountId);
    if (cached !== undefined) return cached;
    const account = accountById.get(accountId);
    const hint = seen.get(accountId);
    const partyId = account?.holderId ?? hint?.holderId;
    const party = partyId ? partyById.get(partyId) : undefined;
    const name = party?.name ?? account?.holderName ?? hint?.holderName;
    let holder: Holder | null = null;
    if (partyId) {
      holder = { nodeId: PARTY_PREFIX + partyId, partyId, name: name ?? partyId, kind: party?.kind ?? (name && isCompanyName(name) ? 'company' : 'person') };
    } else if (name) {
      const key = nameKey(name);
      if (key) holder = { nodeId: `${PARTY_PREFIX}name:${key}`, name, kind: isCompanyName(name) ? 'company' : 'person' };
    }
    holderCache.set(accountId, holder);
    return holder;
  };

  const describe = (id: string): GraphNode => {
    if (id.startsWith(PARTY_PREFIX)) {
      const holder = holderByNode.get(id) as Holder;
      const node = emptyNode(id, holder.kind, holder.name);
      if (holder.partyId) {
        node.holderId = holder.partyId;
        node.parties = [holder.partyId];
        const nationality = partyById.get(holder.partyId)?.nationality;
        if (nationality) node.country = nationality;
      }
      if (unfolded.has(id)) node.unfolded = true;
      return node;
    }
    return describeAccount(id, accountById.get(id), seen.get(id), partyById);
  };
  const holderByNode = new Map<string, Holder>();
  const aggregator = new Aggregator(converter, describe);

  const endpoint = (accountId: string): string => {
    const holder = holderOf(accountId);
    if (!holder) return accountId;
    holderByNode.set(holder.nodeId, holder);
    const partyNode = aggregator.node(holder.nodeId);
    if (!partyNode.accounts.includes(accountId)) {
      partyNode.accounts.push(accountId);
      if (unfolded.has(holder.nodeId)) aggregator.add(holder.nodeId, accountId, 'holds', { amount: 0, currency: '', date: 0, money: false });
    }
    return unfolded.has(holder.nodeId) ? accountId : holder.nodeId;
  };

  const total = dataset.transactions.length;
  let done = 0;
  yield 0;
  for (const tx of dataset.transactions) {
    if (++done % SLICE === 0) yield done / total;
    if (!inRange(tx.timestamp, options.range)) continue;
    aggregator.add(endpoint(tx.fromAccount), endpoint(tx.toAccount), 'payment', {
      amount: tx.amount,
      currency: tx.currency,
      date: tx.timestamp,
      transactionId: tx.id,
      money: true,
    });
  }
  const { nodes, edges } = aggregator.finish();
  // "holds" edges carry no date; give them the span of the account's own movements.
  const spanOf = new Map<string, { first: number; last: number }>();
  for (const edge of edges) {
    if (edge.kind !== 'payment') continue;
    for (const id of [edge.source, edge.target]) {
      const span = spanOf.get(id);
      if (!span) spanOf.set(id, { first: edge.firstDate, last: edge.lastDate });
      else {
        span.first = Math.min(span.first, edge.firstDate);
        span.last = Math.max(span.last, edge.lastDate);
      }
    }
  }
  for (const edge of edges) {
    if (edge.kind !== 'holds') continue;
    const span = spanOf.get(edge.target);
    edge.count = 0;
    edge.firstDate = span?.first ?? 0;
    edge.lastDate = span?.last ?? 0;
  }
  return rememberTimeIndexInput({ view: 'parties', nodes, edges, unconvertedCurrencies: converter.unconverted() }, aggregator.timeIndexInput());
}
