import type { Transaction } from '../model';

const DAY = 86_400_000;

/**
 * Time and amount views that act as filters (issue 15): the analyst clicks a
 * bar of the amount histogram, a channel, or a cell of the hour × weekday
 * wheel and the chart keeps only the transactions inside.
 */
export interface TransactionFilter {
  /** Amount bands (indexes into AMOUNT_BANDS); empty or absent: any amount. */
  amountBands?: number[];
  channels?: string[];
  /** Cells `weekday * 24 + hour` (weekday 0 = Monday, UTC); empty or absent: any time. */
  hourCells?: number[];
}

/** Bands on a log scale, as amounts in a case span six orders of magnitude; face value in the transaction's own currency. */
export const AMOUNT_BANDS: readonly { from: number; to: number }[] = [
  { from: 0, to: 1_000 },
  { from: 1_000, to: 5_000 },
  { from: 5_000, to: 10_000 },
  { from: 10_000, to: 50_000 },
  { from: 50_000, to: 100_000 },
  { from: 100_000, to: 1_000_000 },
  { from: 1_000_000, to: 10_000_000 },
  { from: 10_000_000, to: Number.POSITIVE_INFINITY },
];

export function amountBand(amount: number): number {
  for (let i = 0; i < AMOUNT_BANDS.length; i++) if (amount < (AMOUNT_BANDS[i] as { to: number }).to) return i;
  return AMOUNT_BANDS.length - 1;
}

/** Monday = 0 … Sunday = 6, in UTC (bank exports carry UTC or local dates without zone; the view says UTC). */
export function hourCell(timestamp: number): number {
  const date = new Date(timestamp);
  const weekday = (date.getUTCDay() + 6) % 7;
  return weekday * 24 + date.getUTCHours();
}

export function isEmptyFilter(filter: TransactionFilter | null | undefined): boolean {
  return !filter || ((filter.amountBands?.length ?? 0) === 0 && (filter.channels?.length ?? 0) === 0 && (filter.hourCells?.length ?? 0) === 0);
}

export function transactionPredicate(filter: TransactionFilter | null | undefined): (tx: Transaction) => boolean {
  if (isEmptyFilter(filter)) return () => true;
  const bands = filter?.amountBands?.length ? new Set(filter.amountBands) : null;
  const channels = filter?.channels?.length ? new Set(filter.channels) : null;
  const cells = filter?.hourCells?.length ? new Set(filter.hourCells) : null;
  return (tx) => (!bands || bands.has(amountBand(tx.amount))) && (!channels || channels.has(tx.channel)) && (!cells || cells.has(hourCell(tx.timestamp)));
}

export interface TimeViewCounts {
  amountBands: number[];
  channels: { channel: string; count: number }[];
  /** 7 × 24 counts, index weekday * 24 + hour. */
  hourCells: number[];
  /** Transactions per day from the first to the last, for the playback slider. */
  firstDay: number;
  lastDay: number;
}

/** Counts for the views, over the transactions the chart draws from (each view ignores its own filter so its other bars stay clickable). */
export function timeViewCounts(transactions: readonly Transaction[], filter: TransactionFilter | null = null): TimeViewCounts {
  const amountBands = new Array<number>(AMOUNT_BANDS.length).fill(0);
  const channelCounts = new Map<string, number>();
  const hourCells = new Array<number>(7 * 24).fill(0);
  const byAmount = transactionPredicate({ ...(filter ?? {}), amountBands: [] });
  const byChannel = transactionPredicate({ ...(filter ?? {}), channels: [] });
  const byHour = transactionPredicate({ ...(filter ?? {}), hourCells: [] });
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const tx of transactions) {
    if (byAmount(tx)) amountBands[amountBand(tx.amount)] = (amountBands[amountBand(tx.amount)] as number) + 1;
    if (byChannel(tx)) channelCounts.set(tx.channel, (channelCounts.get(tx.channel) ?? 0) + 1);
    if (byHour(tx)) {
      const cell = hourCell(tx.timestamp);
      hourCells[cell] = (hourCells[cell] as number) + 1;
    }
    const day = Math.floor(tx.timestamp / DAY) * DAY;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  const channels = [...channelCounts].map(([channel, count]) => ({ channel, count })).sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
  return { amountBands, channels, hourCells, firstDay, lastDay };
}

/** Toggles one value in a filter list (click a bar: keep it; click again: drop it). */
export function toggleIn<T>(list: readonly T[] | undefined, value: T): T[] {
  const current = list ?? [];
  return current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
}
