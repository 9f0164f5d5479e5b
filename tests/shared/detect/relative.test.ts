/**
 * The relative detectors on small AMLSim-shaped cases written here (never
 * ../shared): 80 accounts paying their regular payees on a schedule for 120
 * days, a few one-off transfers between strangers, day-resolution dates and
 * amounts of 100–1,000 that carry no signal. Each typology must fire on the
 * laundering shape planted among those accounts and stay silent on its
 * benign twin (payroll, a shop's one-off customers, mutual payments,
 * forward chains of regular relationships).
 */
import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import { NETWORK_SHAPES } from '../../../shared/detect/registry';
import { scoreFromSurprise, surpriseFromScore, log10PoissonTail, log10BinomialTail, log10NormalTwoSided, placesPerReferenceBank } from '../../../shared/detect/relative/surprise';
import { SENSITIVITIES } from '../../../shared/detect/sensitivity';
import { multiplicityPiece } from '../../../shared/detect/relative/scored';
import { AlertSchema, type Alert, type Transaction } from '../../../shared/model';
import { addDays, dataset, profile, seeded, tx } from './helpers';

const START = '2017-01-01';
const ACCOUNTS = 80;
const id = (i: number) => `B${String(i).padStart(3, '0')}`;
/** Day-resolution, as AMLSim and many bank exports write dates. */
const day = (d: number) => addDays(START, d, 0);

/** Regular traffic: every account pays two fixed payees on its own schedule, plus a few one-offs between strangers. */
function background(seed = 7): Transaction[] {
  const random = seeded(seed);
  const txs: Transaction[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const period = [7, 14, 21, 30][i % 4] as number;
    for (const payee of [(i + 1) % ACCOUNTS, (i + 7) % ACCOUNTS]) {
      const offset = Math.floor(random() * period);
      const amount = 100 + Math.round(random() * 900);
      for (let d = offset; d < 120; d += period) txs.push(tx({ from: id(i), to: id(payee), amount, time: day(d) }));
    }
  }
  for (let k = 0; k < 25; k++) {
    const from = Math.floor(random() * ACCOUNTS);
    const to = (from + 20 + Math.floor(random() * 40)) % ACCOUNTS;
    txs.push(tx({ from: id(from), to: id(to), amount: 100 + Math.round(random() * 900), time: day(Math.floor(random() * 120)) }));
  }
  return txs;
}

const amount = (k: number) => 150 + ((k * 137) % 800);

function detect(txs: Transaction[], typology: string, sensitivity: (typeof SENSITIVITIES)[number] = 'balanced'): Alert[] {
  const unit = profile('ec-uafe');
  unit.sensitivity = sensitivity;
  return runDetection(dataset(txs), unit, { only: [typology] });
}

/** An alert covers a planted group when at least half of the group's accounts are in it and most of its accounts are the group's. */
function covers(alert: Alert, group: string[]): boolean {
  const inGroup = alert.accounts.filter((account) => group.includes(account)).length;
  return inGroup * 2 >= group.length && inGroup * 2 >= alert.accounts.length;
}

function touching(alerts: Alert[], accounts: string[]): Alert[] {
  return alerts.filter((alert) => alert.accounts.some((account) => accounts.includes(account)));
}

describe('relative detection on AMLSim-shaped cases', () => {
  it('the background alone raises no network alert', () => {
    for (const typology of ['fan-in', 'fan-out', 'cycle', 'scatter-gather', 'gather-scatter', 'layering-walk']) expect(detect(background(), typology)).toEqual([]);
  });

  it('fan-in: six senders new to the account on one day; silent on a shop with one-off customers all through the period', () => {
    const senders = [10, 23, 35, 48, 61, 74].map(id);
    const funnel = senders.map((sender, k) => tx({ from: sender, to: id(40), amount: amount(k), time: day(50) }));
    const [alert, ...rest] = detect([...background(), ...funnel], 'fan-in');
    expect(rest).toHaveLength(0);
    expect(alert && covers(alert, [id(40), ...senders])).toBe(true);
    expect(alert?.focus).toBe(id(40));
    expect(alert?.explanation.en).toContain('6 accounts that had never paid it');
    // The score is explained: the pieces add up to it and one of them names the new senders.
    const components = alert?.scoreComponents ?? [];
    expect(components.some((component) => component.id === 'new-senders' && component.label.en.includes('6 new senders'))).toBe(true);
    expect(Math.round(components.reduce((sum, component) => sum + component.value, 0))).toBe(alert?.score);

    const random = seeded(3);
    const shop: Transaction[] = [];
    for (let d = 0; d < 120; d++) if (random() < 3 / 7) shop.push(tx({ from: id(Math.floor(random() * ACCOUNTS)), to: 'SHOP', amount: 40 + Math.round(random() * 200), time: day(d) }));
    // Distinct one-off customers: the generator above may repeat one, so name them apart.
    shop.forEach((payment, k) => (payment.fromAccount = `CUST-${k}`));
    expect(touching(detect([...background(), ...shop], 'fan-in'), ['SHOP'])).toEqual([]);
  });

  it('fan-in on a schedule: eight strangers each pay once, exactly every thirteen days; silent at irregular dates and on a firm meeting a new payee most days', () => {
    // A bank where every account meets a new counterpart every few weeks: eight new senders over three months is
    // no burst there, so only the calendar-like regularity can be evidence.
    const random = seeded(11);
    const strangers: Transaction[] = [];
    for (let k = 0; k < 400; k++) {
      const from = Math.floor(random() * ACCOUNTS);
      const to = (from + 1 + Math.floor(random() * (ACCOUNTS - 1))) % ACCOUNTS;
      strangers.push(tx({ from: id(from), to: id(to), amount: 100 + Math.round(random() * 900), time: day(Math.floor(random() * 120)) }));
    }
    const senders = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];
    const onSchedule = senders.map((sender, k) => tx({ from: sender, to: id(40), amount: amount(k), time: day(5 + 13 * k) }));
    const alert = touching(detect([...background(), ...strangers, ...onSchedule], 'fan-in'), [id(40)])[0];
    expect(alert && covers(alert, [id(40), ...senders])).toBe(true);
    expect(alert?.explanation.en).toContain('one after another every 13 days exactly');
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['scheduled-senders', 'multiplicity']);
    expect(alert?.scoreComponents?.[0]?.label.es).toContain('8 remitentes nuevos, uno cada 13 días exactos');
    // The same eight senders on irregular dates over the same weeks: neither a burst nor a schedule.
    const irregular = senders.map((sender, k) => tx({ from: sender, to: id(40), amount: amount(k), time: day([3, 16, 24, 41, 55, 63, 82, 101][k]!) }));
    expect(touching(detect([...background(), ...strangers, ...irregular], 'fan-in'), [id(40)])).toEqual([]);

    // A firm paying a new supplier on about three days a week: many of its days are equally spaced by chance.
    const firm: Transaction[] = [];
    for (let d = 0; d < 120; d++) if (random() < 3 / 7) firm.push(tx({ from: 'FIRM', to: `SUPPLIER-${d}`, amount: 200 + Math.round(random() * 500), time: day(d) }));
    expect(touching(detect([...background(), ...strangers, ...firm], 'fan-out'), ['FIRM'])).toEqual([]);
  });

  it('fan-out: five new payees within three days; silent on a monthly payroll to the same employees', () => {
    const payees = [12, 27, 33, 55, 68].map(id);
    const dispersal = payees.map((payee, k) => tx({ from: id(5), to: payee, amount: amount(k), time: day(30 + (k % 3)) }));
    const alerts = detect([...background(), ...dispersal], 'fan-out');
    expect(alerts.some((alert) => covers(alert, [id(5), ...payees]))).toBe(true);

    const payroll: Transaction[] = [];
    for (let month = 0; month < 4; month++) for (let e = 0; e < 12; e++) payroll.push(tx({ from: 'EMPLOYER', to: `EMP-${e}`, amount: 900, time: day(month * 30 + 25) }));
    expect(detect([...background(), ...payroll], 'fan-out')).toEqual([]);
  });

  it('cycle: four strangers pass money round within days, found also when hop dates are equal or slightly out of order', () => {
    const members = [3, 21, 44, 66].map(id);
    const inOrder = members.map((from, k) => tx({ from, to: members[(k + 1) % 4] as string, amount: amount(k), time: day(60 + 2 * k) }));
    const [found] = detect([...background(), ...inOrder], 'cycle');
    expect(found && covers(found, members)).toBe(true);
    expect(found?.scoreComponents?.find((component) => component.id === 'strangers-path')?.label.en).toContain('each a few days after the previous one');

    const sameDay = members.map((from, k) => tx({ from, to: members[(k + 1) % 4] as string, amount: amount(k), time: day(60) }));
    expect(detect([...background(), ...sameDay], 'cycle').some((alert) => covers(alert, members))).toBe(true);
    const shuffled = members.map((from, k) => tx({ from, to: members[(k + 1) % 4] as string, amount: amount(k), time: day(60 + [0, 3, 1, 2][k]!) }));
    const outOfOrder = detect([...background(), ...shuffled], 'cycle').find((alert) => covers(alert, members));
    expect(outOfOrder?.scoreComponents?.find((component) => component.id === 'strangers-path')?.label.en).toContain('out of date order');
    // Time-respecting cycles score higher than the same cycle booked out of order.
    expect(found?.score).toBeGreaterThan(outOfOrder?.score ?? 100);
  });

  it('cycle: found when its hops are booked weeks apart in any order (AMLSim schedules a ring that way)', () => {
    // Seven strangers pass money round; hop k happens on day 60 + offsets[k]: the gaps between consecutive hops
    // reach 27 days, past the pass-on horizon, so only the whole ring's span says it is one scheme.
    const members = [3, 21, 44, 66, 12, 58, 29].map(id);
    const offsets = [0, 27, 23, 20, 27, 16, 26];
    const ring = members.map((from, k) => tx({ from, to: members[(k + 1) % 7] as string, amount: amount(k), time: day(60 + offsets[k]!) }));
    const found = detect([...background(), ...ring], 'cycle').find((alert) => covers(alert, members));
    expect(found?.scoreComponents?.find((component) => component.id === 'strangers-path')?.label.en).toContain('out of date order, all within 28 days');
    expect(found?.scoreComponents?.find((component) => component.id === 'strangers-path')?.label.es).toContain('fuera de orden de fechas, todos en 28 días');
  });

  it('cycle: found when one hop runs over a relationship the accounts already had, and says so', () => {
    // In the background B066 pays B067 on a schedule: the ring's hop between them is over a regular relationship.
    const members = [3, 21, 44, 66, 67].map(id);
    const ring = members.map((from, k) => tx({ from, to: members[(k + 1) % 5] as string, amount: amount(k), time: day(60 + 2 * k) }));
    const found = detect([...background(), ...ring], 'cycle').find((alert) => covers(alert, members));
    expect(found).toBeDefined();
    const path = found?.scoreComponents?.find((component) => component.id === 'strangers-path');
    expect(path?.label.en).toContain('5 hops, 4 of them between accounts that had never dealt with each other');
    expect(path?.label.es).toContain('5 saltos, 4 de ellos entre cuentas que nunca habían operado entre sí');
  });

  it('cycle: silent on mutual payments and on a ring of regular relationships', () => {
    const mutual: Transaction[] = [];
    for (let m = 0; m < 4; m++) {
      mutual.push(tx({ from: 'PARENT', to: 'CHILD', amount: 500, time: day(m * 30 + 1) }));
      mutual.push(tx({ from: 'CHILD', to: 'PARENT', amount: 480, time: day(m * 30 + 3) }));
    }
    // The background already holds rings (i → i+1 → … and i → i+7 …) of scheduled payments.
    expect(detect([...background(), ...mutual], 'cycle')).toEqual([]);
  });

  it('scatter-gather: origin → four new intermediaries → one new beneficiary; silent on forward chains of regular payments', () => {
    const mids = [14, 29, 47, 63].map(id);
    const scheme: Transaction[] = [];
    mids.forEach((mid, k) => {
      scheme.push(tx({ from: id(2), to: mid, amount: amount(k), time: day(70 + k) }));
      scheme.push(tx({ from: mid, to: id(52), amount: amount(k + 4), time: day(76 + k) }));
    });
    const [alert] = detect([...background(), ...scheme], 'scatter-gather');
    expect(alert && covers(alert, [id(2), ...mids, id(52)])).toBe(true);
    expect(alert?.explanation.en).toContain(`forwarded it to one account, ${id(52)}`);

    const chains: Transaction[] = [];
    for (let m = 0; m < 4; m++) for (let c = 0; c < 4; c++) {
      chains.push(tx({ from: 'FIRM', to: `AGENT-${c}`, amount: 700, time: day(m * 30 + 2) }));
      chains.push(tx({ from: `AGENT-${c}`, to: 'SUPPLIER', amount: 650, time: day(m * 30 + 4) }));
    }
    expect(detect([...background(), ...chains], 'scatter-gather')).toEqual([]);
  });

  it('gather-scatter: four new senders then four new payees of the same hub; silent on salary in and bills out', () => {
    const senders = [11, 26, 38, 57].map(id);
    const payees = [17, 31, 46, 72].map(id);
    const scheme = [
      ...senders.map((sender, k) => tx({ from: sender, to: id(60), amount: amount(k), time: day(20 + k) })),
      ...payees.map((payee, k) => tx({ from: id(60), to: payee, amount: amount(k + 4), time: day(27 + k) })),
    ];
    const [alert] = detect([...background(), ...scheme], 'gather-scatter');
    expect(alert && covers(alert, [id(60), ...senders, ...payees])).toBe(true);
    // The payees are weighed against the days from the first of them to the pass-on horizon after the last new
    // sender (day 23 + 10), where the search for them stopped, not the four days they happened to fall on.
    expect(alert?.scoreComponents?.find((component) => component.id === 'new-payees')?.label.en).toContain('4 new payees in 7 days');

    const household: Transaction[] = [];
    for (let m = 0; m < 4; m++) {
      household.push(tx({ from: 'EMPLOYER-2', to: 'HOUSEHOLD', amount: 900, time: day(m * 30) }));
      household.push(tx({ from: 'PENSION', to: 'HOUSEHOLD', amount: 300, time: day(m * 30 + 1) }));
      for (const bill of ['POWER', 'WATER', 'RENT', 'PHONE']) household.push(tx({ from: 'HOUSEHOLD', to: bill, amount: 120, time: day(m * 30 + 5) }));
    }
    expect(detect([...background(), ...household], 'gather-scatter')).toEqual([]);
  });

  it('gather-scatter: the scatter runs on past the pass-on horizon while each new payee follows the last within it', () => {
    // Three new senders on days 20-23, three new payees on days 32, 33 and 35: the last one is twelve days after
    // the gather, two after the previous payee (AMLSim's gather-scatter #34 is laid out so).
    const senders = [11, 26, 38].map(id);
    const payees = [17, 31, 46].map(id);
    const scheme = [
      ...senders.map((sender, k) => tx({ from: sender, to: id(60), amount: amount(k), time: day([20, 20, 23][k]!) })),
      ...payees.map((payee, k) => tx({ from: id(60), to: payee, amount: amount(k + 3), time: day([32, 33, 35][k]!) })),
    ];
    const alert = detect([...background(), ...scheme], 'gather-scatter').find((found) => found.focus === id(60));
    expect(alert && covers(alert, [id(60), ...senders, ...payees])).toBe(true);
    expect(alert?.transactions).toHaveLength(6);

    // Its benign twin: a firm that took three new clients and pays a new supplier about every week all season.
    const trickle = [
      ...senders.map((sender, k) => tx({ from: sender, to: 'FIRM', amount: amount(k), time: day([20, 20, 23][k]!) })),
      ...Array.from({ length: 12 }, (_, k) => tx({ from: 'FIRM', to: `SUPPLIER-${k}`, amount: amount(k + 3), time: day(30 + 7 * k + (k % 3)) })),
    ];
    expect(touching(detect([...background(), ...trickle], 'gather-scatter'), ['FIRM'])).toEqual([]);
  });

  it('gather-scatter: found when the hub met a few strangers weeks before the gather (a window over them all would not fit the scheme)', () => {
    // Measured against the pace outside it, the window from the first early stranger to the gather's end swallows the
    // hub's whole history and outscores the gather; it spans more than the path window, so the scheme is read from
    // the strongest window that fits.
    const early = ['E1', 'E2', 'E3', 'E4'].map((sender, k) => tx({ from: sender, to: id(60), amount: amount(k), time: day(5 + 11 * k) }));
    const senders = [11, 26, 38, 57, 63, 70].map(id);
    const payees = [17, 31, 46, 72, 77, 3].map(id);
    const scheme = [
      ...senders.map((sender, k) => tx({ from: sender, to: id(60), amount: amount(k), time: day(70 + (k % 3)) })),
      ...payees.map((payee, k) => tx({ from: id(60), to: payee, amount: amount(k + 6), time: day(75 + (k % 4)) })),
    ];
    const alert = detect([...background(), ...early, ...scheme], 'gather-scatter').find((found) => found.focus === id(60));
    expect(alert && covers(alert, [id(60), ...senders, ...payees])).toBe(true);
  });

  it('layering walk: money hops through six strangers a day or two apart; silent on a forward chain of regular payments', () => {
    const hops = [4, 19, 37, 51, 70, 9, 45].map(id);
    const walk = hops.slice(0, -1).map((from, k) => tx({ from, to: hops[k + 1] as string, amount: amount(k), time: day(80 + k + (k % 2)) }));
    const alerts = detect([...background(), ...walk], 'layering-walk');
    // The subject is the customer whose money was layered; every hop is in the evidence.
    expect(alerts.some((alert) => alert.accounts.join() === hops[0] && alert.focus === hops[0] && walk.every((hop) => alert.transactions.includes(hop.id)))).toBe(true);

    const forward: Transaction[] = [];
    for (let m = 0; m < 4; m++) ['CH-A', 'CH-B', 'CH-C', 'CH-D', 'CH-E', 'CH-F'].forEach((from, k, chain) => {
      if (k + 1 < chain.length) forward.push(tx({ from, to: chain[k + 1] as string, amount: 400, time: day(m * 30 + k) }));
    });
    expect(detect([...background(), ...forward], 'layering-walk')).toEqual([]);
  });

  it('one scheme, one alert: a hub\'s fan-in, fan-out and gather-scatter merge and name every shape', () => {
    const senders = [11, 26, 38, 57, 64, 13].map(id);
    const payees = [17, 31, 46, 72, 25, 53].map(id);
    const scheme = [
      ...senders.map((sender, k) => tx({ from: sender, to: id(60), amount: amount(k), time: day(20) })),
      ...payees.map((payee, k) => tx({ from: id(60), to: payee, amount: amount(k + 4), time: day(24 + (k % 2)) })),
    ];
    const alerts = runDetection(dataset([...background(), ...scheme]), profile('ec-uafe'));
    const touchingHub = alerts.filter((alert) => alert.accounts.includes(id(60)));
    expect(touchingHub).toHaveLength(1);
    const [scheme0] = touchingHub;
    expect(scheme0?.shapes).toEqual(expect.arrayContaining(['gather-scatter', 'fan-in', 'fan-out']));
    expect(scheme0?.explanation.en).toContain('The same scheme also shows');
    expect(AlertSchema.safeParse(scheme0).success).toBe(true);
  });

  it('the same case in another amount scale gives the same network alerts (no structural rule hides a cash threshold)', () => {
    const scheme = [
      ...[11, 26, 38, 57, 64].map((sender, k) => tx({ from: id(sender), to: id(60), amount: amount(k), time: day(20) })),
      ...[3, 21, 44, 66].map((from, k, ring) => tx({ from: id(from), to: id(ring[(k + 1) % 4] as number), amount: amount(k), time: day(60 + 2 * k) })),
    ];
    // Regular counterparts paying each other round every week with amounts that keep within a few per cent:
    // at 20× these are the sizes the old cycle rule took for round-tripping.
    const ring: Transaction[] = [];
    for (let week = 0; week < 16; week++) ['RING-A', 'RING-B', 'RING-C'].forEach((from, k, members) => {
      ring.push(tx({ from, to: members[(k + 1) % 3] as string, amount: 480 - k * 8, time: day(week * 7 + k) }));
    });
    const network = (factor: number) =>
      runDetection(dataset([...background(), ...scheme, ...ring].map((t) => ({ ...t, amount: Math.round(t.amount * factor * 100) / 100 }))), profile('ec-uafe'))
        .filter((alert) => NETWORK_SHAPES.has(alert.typology))
        .map((alert) => `${alert.typology} ${alert.score} ${alert.accounts.join(' ')}`)
        .sort();
    const base = network(1);
    expect(base.some((line) => line.startsWith('fan-in') && line.includes(id(60)))).toBe(true);
    expect(base.some((line) => line.startsWith('cycle'))).toBe(true);
    expect(base.some((line) => line.includes('RING-'))).toBe(false);
    expect(network(20)).toEqual(base);
    expect(network(0.05)).toEqual(base);
  });

  it('a bank export with times of day finds what a day-resolution one does (money moves in office hours, not at midnight)', () => {
    const walk = [4, 19, 37, 51, 70, 9, 45].map(id);
    const mids = [14, 29, 47, 63].map(id);
    const scheme = [
      ...[11, 26, 38, 57, 64].map((sender, k) => tx({ from: id(sender), to: id(60), amount: amount(k), time: day(20) })),
      ...[3, 21, 44, 66].map((from, k, ring) => tx({ from: id(from), to: id(ring[(k + 1) % 4] as number), amount: amount(k), time: day(60 + 2 * k) })),
      ...walk.slice(0, -1).map((from, k) => tx({ from, to: walk[k + 1] as string, amount: amount(k), time: day(80 + k + (k % 2)) })),
      ...mids.flatMap((mid, k) => [tx({ from: id(2), to: mid, amount: amount(k), time: day(95 + k) }), tx({ from: mid, to: id(52), amount: amount(k + 4), time: day(101 + k) })]),
    ];
    const shapes = (txs: Transaction[]) =>
      runDetection(dataset(txs), profile('ec-uafe'))
        .filter((alert) => NETWORK_SHAPES.has(alert.typology))
        .map((alert) => `${alert.typology} ${alert.accounts.join(' ')}`)
        .sort();
    const dated = [...background(), ...scheme];
    // Every transfer keeps its date and gets a time between 08:00 and 18:00; the order within a day changes with it.
    const random = seeded(11);
    const timed = dated.map((t) => ({ ...t, timestamp: t.timestamp + Math.floor((8 + random() * 10) * 3_600_000) }));
    const base = shapes(dated);
    for (const expected of ['fan-in', 'cycle', 'layering-walk', 'scatter-gather']) expect(base.some((line) => line.startsWith(expected))).toBe(true);
    expect(shapes(timed)).toEqual(base);
  });

  it('pass-through: a conduit is measured against the case\'s own rate of passing money straight on', () => {
    const conduit: Transaction[] = [];
    for (let k = 0; k < 4; k++) {
      conduit.push(tx({ from: id(10 + k), to: 'MULE', amount: amount(k) + 400, time: day(30 + 10 * k) }));
      conduit.push(tx({ from: 'MULE', to: id(50 + k), amount: amount(k) + 380, time: day(31 + 10 * k) }));
    }
    const [alert] = detect([...background(), ...conduit], 'pass-through');
    expect(alert?.focus).toBe('MULE');
    expect(alert?.scoreComponents?.map((component) => component.id)).toEqual(['passed-on', 'multiplicity']);
    expect(alert?.explanation.en).toContain('4 of 4 payments received passed on within 2 days');

    // A remittance network where forty agents each pass on every payment the next day: there one more such
    // account is less of a surprise, and it scores lower than the same conduit in an ordinary case.
    const agents: Transaction[] = [];
    for (let a = 0; a < 40; a++) for (let k = 0; k < 4; k++) {
      agents.push(tx({ from: `SENDER-${a}-${k}`, to: `AGENT-${a}`, amount: amount(a + k) + 400, time: day(5 + 25 * k + (a % 5)) }));
      agents.push(tx({ from: `AGENT-${a}`, to: `PAYOUT-${a}-${k}`, amount: amount(a + k) + 390, time: day(6 + 25 * k + (a % 5)) }));
    }
    const amongAgents = detect([...background(), ...agents, ...conduit], 'pass-through').find((found) => found.focus === 'MULE');
    expect(amongAgents?.score ?? 0).toBeLessThan(alert?.score ?? 0);

    // Its benign twin: a salary in and the rent out the next day, the same figures every month.
    const household: Transaction[] = [];
    for (let m = 0; m < 4; m++) {
      household.push(tx({ from: 'EMPLOYER', to: 'TENANT', amount: 900, time: day(m * 30 + 1) }));
      household.push(tx({ from: 'TENANT', to: 'LANDLORD', amount: 850, time: day(m * 30 + 2) }));
    }
    expect(detect([...background(), ...household], 'pass-through')).toEqual([]);
  });

  // The same background tiled, each tile with its own accounts: a bank of n tiles has n times the chance
  // look-alikes and n times the places searched.
  const bank = (tiles: number) => {
    const txs: Transaction[] = [];
    for (let c = 0; c < tiles; c++) for (const t of background()) txs.push({ ...t, id: `${c}-${t.id}`, fromAccount: `C${c}-${t.fromAccount}`, toAccount: `C${c}-${t.toAccount}` });
    return txs;
  };
  const discount = (alert: Alert | undefined) => alert?.scoreComponents?.find((component) => component.id === 'multiplicity')?.label.en;

  it('a bigger bank: above 1,000 accounts a ring scores the same in a case twice the size; below it, lower', () => {
    const hops = [4, 19, 37, 51, 70].map((i) => `C0-${id(i)}`);
    const ring = hops.map((from, k) => tx({ from, to: hops[(k + 1) % hops.length] as string, amount: amount(k), time: day(80 + 3 * k) }));
    const ringAlert = (tiles: number) => detect([...bank(tiles), ...ring], 'cycle').find((alert) => alert.focus === hops[0]);
    const [in1200, in2400, in80, in480] = [ringAlert(15), ringAlert(30), ringAlert(1), ringAlert(6)];
    expect(in1200?.score ?? 0).toBeGreaterThan(0);
    expect(Math.abs((in2400?.score ?? 0) - (in1200?.score ?? 0))).toBeLessThanOrEqual(1);
    expect(discount(in2400)).toContain('counted per 1,000 active accounts');
    // Under 1,000 accounts the whole case is the family: six times the places, a larger discount (the ring's
    // return to its origin is rarer in the larger case by as much, so its score holds).
    const discountValue = (alert: Alert | undefined) => alert?.scoreComponents?.find((component) => component.id === 'multiplicity')?.value ?? 0;
    expect(discountValue(in480)).toBeLessThan(discountValue(in80));
    expect(discount(in480)).not.toContain('counted per');
  });

  it('a bigger bank: a layering walk, which never comes back, pays for every start in the case at any size', () => {
    const hops = [4, 19, 37, 51, 70, 9].map((i) => `C0-${id(i)}`);
    const walk = hops.slice(0, -1).map((from, k) => tx({ from, to: hops[k + 1] as string, amount: amount(k), time: day(80 + 3 * k) }));
    const walkAlert = (tiles: number) => detect([...bank(tiles), ...walk], 'layering-walk').find((alert) => alert.focus === hops[0]);
    const [in1200, in2400] = [walkAlert(15), walkAlert(30)];
    expect(in1200?.score ?? 0).toBeGreaterThan(0);
    // Twice the bank, twice the chance walks: the same walk scores lower, and the discount says the whole case.
    expect(in2400?.score ?? 0).toBeLessThan(in1200?.score ?? 0);
    expect(discount(in1200)).not.toContain('counted per');
  });

  it('sensitivity: exhaustive reports at least what balanced does, conservative at most', () => {
    const senders = [10, 23, 35, 48].map(id);
    const weak = senders.map((sender, k) => tx({ from: sender, to: id(40), amount: amount(k), time: day(50 + k * 3) }));
    const counts = SENSITIVITIES.map((level) => detect([...background(), ...weak], 'fan-in', level).length);
    const [conservative, balanced, exhaustive] = counts as [number, number, number];
    expect(conservative).toBeLessThanOrEqual(balanced);
    expect(balanced).toBeLessThanOrEqual(exhaustive);
    expect(exhaustive).toBeGreaterThan(0);
  });
});

describe('the common score', () => {
  it('says the search behind the discount in words that agree with the count', () => {
    const accounts = { es: ['cuenta', 'cuentas'], en: ['account', 'accounts'] } as const;
    const one = multiplicityPiece(1, { count: 1, ...accounts });
    expect(one.surprise === 0).toBe(true);
    expect(one.label.es).toBe('búsqueda en 1 cuenta (descuento por azar)');
    expect(one.label.en).toBe('searched 1 account (discount for chance)');
    const many = multiplicityPiece(1204, { count: 1204, ...accounts, from: true, note: { es: ', por banco', en: ', per bank' } });
    expect(many.surprise).toBeCloseTo(-Math.log10(1204), 10);
    expect(many.label.es).toBe('búsqueda desde 1.204 cuentas (descuento por azar, por banco)');
    expect(many.label.en).toBe('searched from 1,204 accounts (discount for chance, per bank)');
  });

  it('maps surprise (−log10 of the expected count by chance) to 0..100 and back', () => {
    expect(scoreFromSurprise(0)).toBe(0);
    expect(scoreFromSurprise(-3)).toBe(0);
    expect(scoreFromSurprise(2)).toBe(50);
    expect(scoreFromSurprise(1)).toBe(33);
    expect(scoreFromSurprise(Number.POSITIVE_INFINITY)).toBe(0);
    expect(surpriseFromScore(50)).toBeCloseTo(2, 6);
    expect(scoreFromSurprise(surpriseFromScore(75))).toBe(75);
  });

  it('counts the places searched per 1,000 active accounts above that size, and whole below it', () => {
    expect(placesPerReferenceBank(5000, 800)).toBe(5000);
    expect(placesPerReferenceBank(50000, 10000)).toBe(5000);
    expect(placesPerReferenceBank(0, 10)).toBe(1);
  });

  it('computes the two-sided normal tail in logarithms, without underflow', () => {
    expect(log10NormalTwoSided(0)).toBeCloseTo(0, 6);
    expect(10 ** log10NormalTwoSided(1.959964)).toBeCloseTo(0.05, 5);
    expect(10 ** log10NormalTwoSided(-3)).toBeCloseTo(0.0026998, 6);
    // P(|Z| ≥ 10) = 1.5240e-23; at 40 the value is far below any double, its logarithm is not.
    expect(log10NormalTwoSided(10)).toBeCloseTo(Math.log10(1.523971e-23), 4);
    expect(log10NormalTwoSided(40)).toBeLessThan(-340);
    expect(Number.isFinite(log10NormalTwoSided(40))).toBe(true);
  });

  it('computes Poisson and binomial tails', () => {
    // P(X ≥ 1 | λ = 1) = 1 − e^−1
    expect(10 ** log10PoissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 6);
    expect(10 ** log10PoissonTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 6);
    expect(log10PoissonTail(0, 2)).toBe(0);
    expect(10 ** log10BinomialTail(2, 2, 0.5)).toBeCloseTo(0.25, 6);
    expect(10 ** log10BinomialTail(1, 3, 0.5)).toBeCloseTo(0.875, 6);
    expect(log10BinomialTail(5, 3, 0.5)).toBe(-Infinity);
  });
});
