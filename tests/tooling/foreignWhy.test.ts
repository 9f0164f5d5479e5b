import { describe, expect, it } from 'vitest';
import { lookAlikes, parseTransfers, type Transfer } from '../../bench/foreignWhy';

const DAY = 86_400_000;
const t = (from: string, to: string, day: number, group = -1): Transfer => ({ from, to, time: Date.UTC(2024, 0, 1) + day * DAY, group });

describe("bench:foreign --why: planted groups against the look-alikes nobody planted", () => {
  it('counts unplanted fans at least as strong, and which of them are bursts rather than a steady pace', () => {
    const transfers = [
      // Planted fan-out: H pays three strangers within 5 days.
      t('H', 'p1', 0, 7), t('H', 'p2', 2, 7), t('H', 'p3', 5, 7),
      // A quiet account doing the same within 4 days: a look-alike, and a burst.
      t('Q', 'q1', 10), t('Q', 'q2', 12), t('Q', 'q3', 14),
      // A firm paying a stranger every other day all period: as many within 5 days, but its pace.
      ...Array.from({ length: 12 }, (_, k) => t('F', `f${k}`, 2 * k)),
      // Two payees within 20 days: weaker, not counted; a payee paid twice is no stranger.
      t('W', 'w1', 0), t('W', 'w2', 20), t('R', 'r1', 0), t('R', 'r1', 1), t('R', 'r2', 2),
    ];
    const [fan] = lookAlikes(transfers, new Map([[7, 'fan-out']]));
    expect(fan).toMatchObject({ group: 7, shape: '3 one-off payees of H within 5 days', lookAlikes: 2, bursts: 1 });
  });

  it('counts rings of as many accounts or more within the span, each once, and leaves the planted ring and slower rings out', () => {
    const transfers = [
      t('A', 'B', 0, 3), t('B', 'C', 3, 3), t('C', 'A', 1, 3),
      // Unplanted: a ring of three within 2 days, one of four within 3, and one of three over 10 days.
      t('X', 'Y', 0), t('Y', 'Z', 1), t('Z', 'X', 2),
      t('K', 'L', 5), t('L', 'M', 6), t('M', 'N', 7), t('N', 'K', 8),
      t('S', 'T', 0), t('T', 'U', 5), t('U', 'S', 10),
    ];
    const [ring] = lookAlikes(transfers, new Map([[3, 'cycle']]));
    expect(ring).toMatchObject({ shape: '3 accounts within 3 days, any date order', lookAlikes: 2 });
  });

  it('counts quick paths of strangers like a walk, and says when a walk starts over a pair that deals again', () => {
    const transfers = [
      t('O', 'a', 0, 35), t('a', 'b', 1, 35), t('b', 'c', 2, 35),
      // Unplanted: three hops within a day; three hops waiting 8 days (slower: not counted).
      t('u1', 'u2', 0), t('u2', 'u3', 0), t('u3', 'u4', 1),
      t('v1', 'v2', 0), t('v2', 'v3', 4), t('v3', 'v4', 8),
      // A second walk whose first pair deals again later.
      t('G', 'g1', 0, 36), t('g1', 'g2', 1, 36), t('G', 'g1', 40),
    ];
    const [walk, repeated] = lookAlikes(transfers, new Map([[35, 'random'], [36, 'random']]));
    expect(walk).toMatchObject({ shape: '3 one-off hops from O waiting 2 days in all', lookAlikes: 1 });
    expect(repeated?.shape).toBe('from G: its first hop runs over a pair that deals more than once');
    expect(repeated?.lookAlikes).toBeNaN();
  });

  it('reads AMLSim transactions by their column names', () => {
    const csv = 'tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id\r\n1,10,20,TRANSFER,5.0,2017-01-02T00:00:00Z,True,4\r\n';
    expect(parseTransfers(csv)).toEqual([{ from: '10', to: '20', time: Date.UTC(2017, 0, 2), group: 4 }]);
  });
});
