import type { CaseDataset, Transaction } from '../model';
import type { UnitProfile } from '../profiles/schema';
import { foldName } from '../resolve/names';

export const DAY_MS = 86_400_000;

/**
 * Everything the detectors need, computed once per run: transactions as typed
 * columns, accounts and parties as small integers, and per-account in/out
 * lists sorted by time (CSR layout) so every detector walks windows with two
 * pointers or a binary search instead of scanning the whole case.
 */
export interface CaseIndex {
  data: CaseDataset;
  transactionCount: number;
  time: Float64Array;
  from: Int32Array;
  to: Int32Array;
  /** Amount in USD using the profile's rates; 0 when the currency has no rate. */
  usd: Float64Array;
  cash: Uint8Array;
  /** Card purchases: a customer paying a shop at a terminal, never an account-to-account transfer. */
  card: Uint8Array;
  /** Party index per transaction side, -1 when the record names nobody. */
  fromParty: Int32Array;
  toParty: Int32Array;
  accountIds: string[];
  accountOf: Map<string, number>;
  partyKeys: string[];
  partyLabels: string[];
  /** The identifier and name a party was first seen with, as written. */
  partyRawIds: (string | undefined)[];
  partyRawNames: (string | undefined)[];
  partyOf: Map<string, number>;
  /** Holder party of each account (accounts table first, else the name most seen on its transactions). */
  accountHolder: Int32Array;
  outStart: Int32Array;
  outTx: Int32Array;
  outTime: Float64Array;
  inStart: Int32Array;
  inTx: Int32Array;
  inTime: Float64Array;
  /**
   * Accounts that are the teller's side of cash movements (a shared "CASH"
   * book, a branch till): they must not count as senders, receivers or hubs.
   */
  cashEndpoint: Uint8Array;
  /** Country per account where a record or an IBAN says so, else ''. */
  accountCountry: string[];
  unknownCurrencies: string[];
  /** Indices of transactions sorted by time. */
  byTime: Int32Array;
}

export function partyKey(id: string | undefined, name: string | undefined): string | undefined {
  if (id) return `id:${id.toUpperCase().replace(/[^A-Z0-9:]/g, '')}`;
  if (name) {
    const normal = foldName(name);
    if (normal) return `name:${normal}`;
  }
  return undefined;
}

export function usdRate(profile: UnitProfile, currency: string): number | undefined {
  if (currency === 'USD') return 1;
  const rate = profile.fxPerUsd[currency];
  return rate && rate > 0 ? rate : undefined;
}

export function toUsd(profile: UnitProfile, amount: number, currency: string): number {
  const rate = usdRate(profile, currency);
  return rate === undefined ? 0 : amount / rate;
}

/** The unit's per-transaction cash threshold in USD. */
export function cashThresholdUsd(profile: UnitProfile): number {
  const threshold = profile.cashThreshold;
  const rate = usdRate(profile, threshold.currency);
  if (rate === undefined) throw new Error(`Profile "${profile.id}": no exchange rate for the threshold currency ${threshold.currency}`);
  return threshold.amount / rate;
}

const IBAN = /^([A-Z]{2})\d{2}[A-Z0-9]{10,30}$/;
const BIC = /^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Country of an IBAN, only when its mod-97 check digits hold (so "DAUGHTER" is no account in Haiti). */
export function countryFromIban(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const compact = value.replace(/\s+/g, '').toUpperCase();
  const match = IBAN.exec(compact);
  if (!match) return undefined;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? match[1] : undefined;
}

/** Country of a bank written as a SWIFT/BIC code (upper case, no spaces), or of an IBAN. */
export function countryFromCode(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const trimmed = code.trim();
  if (trimmed === trimmed.toUpperCase() && !/\s/.test(trimmed)) {
    const bic = BIC.exec(trimmed)?.[1];
    if (bic) return bic;
  }
  return countryFromIban(trimmed);
}

const cache = new WeakMap<CaseDataset, { fxKey: string; index: CaseIndex }>();

/** Builds the index once per dataset and rate table; every typology in a run shares it. */
export function indexCase(data: CaseDataset, profile: UnitProfile): CaseIndex {
  const fxKey = JSON.stringify(profile.fxPerUsd);
  const hit = cache.get(data);
  if (hit && hit.fxKey === fxKey && hit.index.transactionCount === data.transactions.length) return hit.index;
  const index = buildIndex(data, profile);
  cache.set(data, { fxKey, index });
  return index;
}

function buildIndex(data: CaseDataset, profile: UnitProfile): CaseIndex {
  const transactions = data.transactions;
  const n = transactions.length;
  const time = new Float64Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const usd = new Float64Array(n);
  const cash = new Uint8Array(n);
  const card = new Uint8Array(n);
  const fromParty = new Int32Array(n);
  const toParty = new Int32Array(n);
  const accountIds: string[] = [];
  const accountOf = new Map<string, number>();
  const partyKeys: string[] = [];
  const partyLabels: string[] = [];
  const partyRawIds: (string | undefined)[] = [];
  const partyRawNames: (string | undefined)[] = [];
  const partyOf = new Map<string, number>();
  const unknown = new Set<string>();
  const rateOf = new Map<string, number | undefined>();

  const account = (id: string): number => {
    let at = accountOf.get(id);
    if (at === undefined) {
      at = accountIds.length;
      accountIds.push(id);
      accountOf.set(id, at);
    }
    return at;
  };
  // The same spelling recurs on thousands of rows: resolve each raw id or name once.
  const byRawId = new Map<string, number>();
  const byRawName = new Map<string, number>();
  const party = (id: string | undefined, name: string | undefined): number => {
    const raw = id ? byRawId.get(id) : name ? byRawName.get(name) : -1;
    if (raw !== undefined) return raw;
    const resolved = resolveParty(id, name);
    if (id) byRawId.set(id, resolved);
    else if (name) byRawName.set(name, resolved);
    return resolved;
  };
  const resolveParty = (id: string | undefined, name: string | undefined): number => {
    const key = partyKey(id, name);
    if (key === undefined) return -1;
    let at = partyOf.get(key);
    if (at === undefined) {
      at = partyKeys.length;
      partyKeys.push(key);
      partyLabels.push(name ?? id ?? key);
      partyRawIds.push(id);
      partyRawNames.push(name);
      partyOf.set(key, at);
    }
    return at;
  };

  for (let i = 0; i < n; i++) {
    const tx = transactions[i] as Transaction;
    time[i] = tx.timestamp;
    from[i] = account(tx.fromAccount);
    to[i] = account(tx.toAccount);
    let rate = rateOf.get(tx.currency);
    if (!rateOf.has(tx.currency)) {
      rate = usdRate(profile, tx.currency);
      rateOf.set(tx.currency, rate);
      if (rate === undefined) unknown.add(tx.currency);
    }
    usd[i] = rate === undefined ? 0 : tx.amount / rate;
    cash[i] = tx.channel === 'cash' ? 1 : 0;
    card[i] = tx.channel === 'card' ? 1 : 0;
    fromParty[i] = party(tx.fromPartyId, tx.fromPartyName);
    toParty[i] = party(tx.toPartyId, tx.toPartyName);
  }

  // Accounts that only appear in the accounts table still get an index.
  for (const record of data.accounts) account(record.id);
  const accountCount = accountIds.length;

  const byTime = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    byTime[i] = i;
    if (i > 0 && (time[i] as number) < (time[i - 1] as number)) sorted = false;
  }
  // Bank exports are usually chronological already; only sort when they are not.
  if (!sorted) byTime.sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);

  const outCount = new Int32Array(accountCount + 1);
  const inCount = new Int32Array(accountCount + 1);
  for (let i = 0; i < n; i++) {
    const f = (from[i] as number) + 1;
    const t = (to[i] as number) + 1;
    outCount[f] = (outCount[f] as number) + 1;
    inCount[t] = (inCount[t] as number) + 1;
  }
  for (let a = 0; a < accountCount; a++) {
    outCount[a + 1] = (outCount[a + 1] as number) + (outCount[a] as number);
    inCount[a + 1] = (inCount[a + 1] as number) + (inCount[a] as number);
  }
  const outStart = outCount;
  const inStart = inCount;
  const outTx = new Int32Array(n);
  const inTx = new Int32Array(n);
  const outFill = outStart.slice(0, accountCount);
  const inFill = inStart.slice(0, accountCount);
  // Walking transactions in time order fills every list already sorted.
  for (let k = 0; k < n; k++) {
    const i = byTime[k] as number;
    const f = from[i] as number;
    const t = to[i] as number;
    const o = outFill[f] as number;
    outTx[o] = i;
    outFill[f] = o + 1;
    const p = inFill[t] as number;
    inTx[p] = i;
    inFill[t] = p + 1;
  }
  const outTime = new Float64Array(n);
  const inTime = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    outTime[k] = time[outTx[k] as number] as number;
    inTime[k] = time[inTx[k] as number] as number;
  }

  // Holder per account: the accounts table first, else the party named most often on its side.
  const accountHolder = new Int32Array(accountCount).fill(-1);
  for (const record of data.accounts) {
    const holder = party(record.holderId, record.holderName);
    if (holder >= 0) accountHolder[accountOf.get(record.id) as number] = holder;
  }
  for (let a = 0; a < accountCount; a++) {
    if ((accountHolder[a] as number) >= 0) continue;
    accountHolder[a] = mostFrequent(outTx, outStart[a] as number, outStart[a + 1] as number, fromParty, inTx, inStart[a] as number, inStart[a + 1] as number, toParty);
  }

  const cashEndpoint = new Uint8Array(accountCount);
  const cashMovements = new Int32Array(accountCount);
  for (let i = 0; i < n; i++) {
    if (!cash[i]) continue;
    cashMovements[from[i] as number] = (cashMovements[from[i] as number] as number) + 1;
    cashMovements[to[i] as number] = (cashMovements[to[i] as number] as number) + 1;
  }
  for (let a = 0; a < accountCount; a++) {
    if ((cashMovements[a] as number) < 10) continue;
    let total = 0;
    let cashCount = 0;
    const counterparts = new Set<number>();
    for (let k = outStart[a] as number; k < (outStart[a + 1] as number); k++) {
      const i = outTx[k] as number;
      total++;
      if (cash[i]) {
        cashCount++;
        if (counterparts.size < 64) counterparts.add(to[i] as number);
      }
    }
    for (let k = inStart[a] as number; k < (inStart[a + 1] as number); k++) {
      const i = inTx[k] as number;
      total++;
      if (cash[i]) {
        cashCount++;
        if (counterparts.size < 64) counterparts.add(from[i] as number);
      }
    }
    if (total >= 10 && cashCount >= 0.95 * total && counterparts.size >= 10) cashEndpoint[a] = 1;
  }

  const accountCountry: string[] = new Array<string>(accountCount).fill('');
  for (let a = 0; a < accountCount; a++) accountCountry[a] = countryFromIban(accountIds[a]) ?? '';
  for (let i = 0; i < n; i++) {
    const tx = transactions[i] as Transaction;
    if (tx.fromCountry && !accountCountry[from[i] as number]) accountCountry[from[i] as number] = tx.fromCountry;
    if (tx.toCountry && !accountCountry[to[i] as number]) accountCountry[to[i] as number] = tx.toCountry;
  }
  for (const record of data.accounts) if (record.country) accountCountry[accountOf.get(record.id) as number] = record.country;

  return {
    data,
    transactionCount: n,
    time,
    from,
    to,
    usd,
    cash,
    card,
    fromParty,
    toParty,
    accountIds,
    accountOf,
    partyKeys,
    partyLabels,
    partyRawIds,
    partyRawNames,
    partyOf,
    accountHolder,
    outStart,
    outTx,
    outTime,
    inStart,
    inTx,
    inTime,
    cashEndpoint,
    accountCountry,
    unknownCurrencies: [...unknown].sort(),
    byTime,
  };
}

function mostFrequent(outTx: Int32Array, outFrom: number, outTo: number, fromParty: Int32Array, inTx: Int32Array, inFrom: number, inTo: number, toParty: Int32Array): number {
  let best = -1;
  let bestCount = 0;
  const counts = new Map<number, number>();
  const see = (p: number) => {
    if (p < 0) return;
    const c = (counts.get(p) ?? 0) + 1;
    counts.set(p, c);
    if (c > bestCount) {
      best = p;
      bestCount = c;
    }
  };
  for (let k = outFrom; k < outTo && k < outFrom + 50; k++) see(fromParty[outTx[k] as number] as number);
  for (let k = inFrom; k < inTo && k < inFrom + 50; k++) see(toParty[inTx[k] as number] as number);
  return best;
}

/** First position in `times[lo..hi)` whose time is ≥ `t`. */
export function lowerBound(times: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `times[lo..hi)` whose time is > `t`. */
export function upperBound(times: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Currencies in the case that the profile has no exchange rate for: their
 * amounts cannot be compared with thresholds, so the UI should ask the
 * analyst to add a rate before trusting the alerts.
 */
export function currenciesWithoutRate(data: CaseDataset, profile: UnitProfile): string[] {
  return indexCase(data, profile).unknownCurrencies;
}
