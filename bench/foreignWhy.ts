/**
 * `npm run bench:foreign -- --why`: for every planted fan, cycle and random walk, how many groups just as strong
 * the traffic nobody planted holds in the same file. A planted group with several look-alikes made by one-off
 * strangers, shops and firms cannot be told from them by its shape and timing: that is why it stays missed (or why
 * finding it would bring as many false alerts), measured on the data rather than argued.
 *
 * Reads the labelled AMLSim transactions (the bench's own copy, before the labels are stripped) and labels.csv for
 * each group's pattern; nothing here reaches the detectors. A transfer is one-off when its two accounts deal with
 * each other once in the whole file, either way round: the strangers the detectors' novelty starts from.
 */

const DAY_MS = 86_400_000;
/** Rings are searched up to this many accounts: AMLSim plants up to 7. */
const MAX_RING = 8;

export interface Transfer {
  from: string;
  to: string;
  time: number;
  /** AMLSim's alert id, -1 for traffic nobody planted. */
  group: number;
}

export interface LookAlike {
  group: number;
  pattern: string;
  /** The planted group's strength in words ("9 one-off payees of 53 within 32 days"). */
  shape: string;
  /** Unplanted groups at least as strong. */
  lookAlikes: number;
  /** For fans: of those, accounts with at most two more one-off counterparts in the whole file (a burst, not a firm's pace). */
  bursts?: number;
}

/** AMLSim's transactions.csv rows (tran_id, orig_acct, bene_acct, tx_type, base_amt, tran_timestamp, is_sar, alert_id). */
export function parseTransfers(csv: string): Transfer[] {
  const [header, ...lines] = csv.split(/\r?\n/).filter(Boolean);
  const columns = (header ?? '').split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`transactions: no column ${name}`);
    return index;
  };
  const [from, to, time, group] = [at('orig_acct'), at('bene_acct'), at('tran_timestamp'), at('alert_id')];
  return lines.map((line) => {
    const cells = line.split(',');
    return { from: cells[from] as string, to: cells[to] as string, time: Date.parse(cells[time] as string), group: Number(cells[group]) };
  });
}

/** Pattern of every planted group, from labels.csv (entity,id,alert_id,alert_type,pattern,…). */
export function parsePatterns(csv: string): Map<number, string> {
  const [header, ...lines] = csv.split(/\r?\n/).filter(Boolean);
  const columns = (header ?? '').split(',');
  const group = columns.indexOf('alert_id');
  const pattern = columns.indexOf('pattern');
  const patterns = new Map<number, string>();
  for (const line of lines) {
    const cells = line.split(',');
    patterns.set(Number(cells[group]), cells[pattern] as string);
  }
  return patterns;
}

/** Appends to the list kept under `key` (each list grows in place: busy accounts on a tiled file have thousands). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Most times within any `span` ms (times sorted). */
function mostWithin(times: number[], span: number): number {
  let best = 0;
  let low = 0;
  for (let high = 0; high < times.length; high++) {
    while ((times[high] as number) - (times[low] as number) > span) low++;
    best = Math.max(best, high - low + 1);
  }
  return best;
}

export function lookAlikes(transfers: Transfer[], patterns: ReadonlyMap<number, string>): LookAlike[] {
  const pairs = new Map<string, number>();
  for (const t of transfers) pairs.set(pairKey(t.from, t.to), (pairs.get(pairKey(t.from, t.to)) ?? 0) + 1);
  const oneOff = transfers.filter((t) => t.from !== t.to && pairs.get(pairKey(t.from, t.to)) === 1);
  const unplanted = oneOff.filter((t) => t.group < 0);
  const inPlanted = new Set(transfers.filter((t) => t.group >= 0).flatMap((t) => [t.from, t.to]));
  const groups = new Map<number, Transfer[]>();
  for (const t of transfers) if (t.group >= 0) pushTo(groups, t.group, t);
  const timesBy = (list: Transfer[], side: 'from' | 'to') => {
    const by = new Map<string, number[]>();
    for (const t of list) pushTo(by, t[side], t.time);
    for (const times of by.values()) times.sort((a, b) => a - b);
    return by;
  };
  const oneOffBy = { from: timesBy(oneOff, 'from'), to: timesBy(oneOff, 'to') };
  const unplantedBy = { from: timesBy(unplanted, 'from'), to: timesBy(unplanted, 'to') };
  const outOf = new Map<string, Transfer[]>();
  for (const t of unplanted) pushTo(outOf, t.from, t);
  for (const list of outOf.values()) list.sort((a, b) => a.time - b.time);

  const result: LookAlike[] = [];
  for (const [group, planted] of [...groups].sort((a, b) => a[0] - b[0])) {
    const pattern = patterns.get(group) ?? '?';
    planted.sort((a, b) => a.time - b.time);
    const first = planted[0] as Transfer;
    const span = (planted[planted.length - 1] as Transfer).time - first.time;
    const days = Math.round(span / DAY_MS);
    if (pattern === 'fan-out' || pattern === 'fan-in') {
      const side = pattern === 'fan-out' ? 'from' : 'to';
      const hub = first[side];
      const own = oneOffBy[side].get(hub) ?? [];
      const count = mostWithin(own, span);
      let alike = 0;
      let bursts = 0;
      for (const [account, times] of unplantedBy[side]) {
        if (inPlanted.has(account) || mostWithin(times, span) < count) continue;
        alike++;
        if ((oneOffBy[side].get(account)?.length ?? 0) <= count + 2) bursts++;
      }
      const what = pattern === 'fan-out' ? 'payee' : 'payer';
      result.push({ group, pattern, shape: `${count} one-off ${what}${count === 1 ? '' : 's'} of ${hub} within ${days} days`, lookAlikes: alike, bursts });
    } else if (pattern === 'cycle') {
      const accounts = new Set(planted.flatMap((t) => [t.from, t.to])).size;
      result.push({ group, pattern, shape: `${accounts} accounts within ${days} days, any date order`, lookAlikes: rings(outOf, accounts, span) });
    } else if (pattern === 'random') {
      // The walk's first run of one-off hops from its origin, each after the one before.
      const hops: Transfer[] = [];
      for (const t of planted) {
        const last = hops[hops.length - 1];
        if (last ? t.from !== last.to || t.time < last.time : t.from !== first.from) break;
        if (pairs.get(pairKey(t.from, t.to)) !== 1) break;
        hops.push(t);
      }
      const wait = hops.length > 0 ? (hops[hops.length - 1] as Transfer).time - (hops[0] as Transfer).time : 0;
      // A walk whose first hop runs over a pair that deals again is no path between strangers from its origin at all.
      const shape =
        hops.length >= 2
          ? `${hops.length} one-off hops from ${first.from} waiting ${Math.round(wait / DAY_MS)} days in all`
          : planted.length === 1
            ? `from ${first.from}: a single transfer`
            : `from ${first.from}: ${hops.length === 0 ? 'its first hop runs' : 'its second hop runs'} over a pair that deals more than once`;
      result.push({ group, pattern, shape, lookAlikes: hops.length >= 2 ? paths(outOf, unplanted, hops.length, wait) : Number.NaN });
    }
  }
  return result;
}

/** Distinct rings of at least `accounts` (up to MAX_RING) accounts over unplanted one-off transfers all within `span`. */
function rings(outOf: ReadonlyMap<string, Transfer[]>, accounts: number, span: number): number {
  let found = 0;
  const onRing = new Set<string>();
  const extend = (origin: string, node: string, length: number, low: number, high: number): void => {
    for (const hop of outOf.get(node) ?? []) {
      const lo = Math.min(low, hop.time);
      const hi = Math.max(high, hop.time);
      if (hi - lo > span) continue;
      if (hop.to === origin) {
        if (length >= accounts) found++;
        continue;
      }
      // Each ring once, from its smallest account.
      if (hop.to < origin || onRing.has(hop.to) || length >= MAX_RING) continue;
      onRing.add(hop.to);
      extend(origin, hop.to, length + 1, lo, hi);
      onRing.delete(hop.to);
    }
  };
  for (const origin of outOf.keys()) extend(origin, origin, 1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return found;
}

/** Paths of `hops` unplanted one-off transfers through distinct accounts, each hop after the previous, waiting at most `wait` in all. */
function paths(outOf: ReadonlyMap<string, Transfer[]>, starts: readonly Transfer[], hops: number, wait: number): number {
  let found = 0;
  const seen = new Set<string>();
  const extend = (last: Transfer, depth: number, waited: number): void => {
    if (depth === hops) {
      found++;
      return;
    }
    for (const next of outOf.get(last.to) ?? []) {
      if (next.time < last.time || seen.has(next.to)) continue;
      const total = waited + (next.time - last.time);
      if (total > wait) continue;
      seen.add(next.to);
      extend(next, depth + 1, total);
      seen.delete(next.to);
    }
  };
  for (const start of starts) {
    seen.clear();
    seen.add(start.from).add(start.to);
    extend(start, 1, 0);
  }
  return found;
}
