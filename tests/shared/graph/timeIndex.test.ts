import { describe, expect, it } from 'vitest';
import { buildAccountGraph, buildPartyGraph, buildTimeIndex, connectingNetwork, mergePartnerGraph, networkFromSlots, recordedTimeIndexInput, timedNetwork, timedRequest, timeIndexInput, type Graph, type TimeHops, type TimeIndex } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { DAY, dataset, T0, tx } from './fixtures';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Hops of one node as (to, edge, time) triples, in row order. */
const row = (hops: TimeHops, node: number) => {
  const out: [number, number, number][] = [];
  for (let k = hops.offsets[node] as number; k < (hops.offsets[node + 1] as number); k++) out.push([hops.to[k] as number, hops.edge[k] as number, hops.time[k] as number]);
  return out;
};

describe('time index for the time-ordered connecting network', () => {
  const next = random(7);
  const accounts = Array.from({ length: 30 }, (_, i) => `A${i}`);
  const transactions: Transaction[] = Array.from({ length: 600 }, () => {
    const from = accounts[Math.floor(next() * accounts.length)] as string;
    const to = accounts[Math.floor(next() * accounts.length)] as string;
    return tx(from, to, 100, Math.floor(next() * 365));
  });
  const graph = buildAccountGraph(dataset({ transactions }));
  const byId = new Map(transactions.map((item) => [item.id, item]));

  it('holds every payment once each way, each node\'s hops in time order, money in with its time negated', () => {
    const index = buildTimeIndex(timeIndexInput(graph, byId));
    const slot = new Map(graph.nodes.map((node, position) => [node.id, position]));
    const expectedForward = new Map<number, [number, number, number][]>();
    const expectedBackward = new Map<number, [number, number, number][]>();
    graph.edges.forEach((edge, position) => {
      if (edge.kind !== 'payment' || edge.source === edge.target) return;
      const s = slot.get(edge.source) as number;
      const t = slot.get(edge.target) as number;
      for (const id of edge.transactionIds) {
        const time = (byId.get(id) as Transaction).timestamp;
        expectedForward.set(s, [...(expectedForward.get(s) ?? []), [t, position, time]]);
        expectedBackward.set(t, [...(expectedBackward.get(t) ?? []), [s, position, -time]]);
      }
    });
    const selfLoops = transactions.filter((item) => item.fromAccount === item.toAccount).length;
    expect(index.forward.to.length).toBe(transactions.length - selfLoops);
    const sortedTriples = (list: [number, number, number][]) => [...list].sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
    for (let node = 0; node < graph.nodes.length; node++) {
      const forward = row(index.forward, node);
      const backward = row(index.backward, node);
      for (const hops of [forward, backward]) for (let k = 1; k < hops.length; k++) expect((hops[k] as [number, number, number])[2]).toBeGreaterThanOrEqual((hops[k - 1] as [number, number, number])[2]);
      expect(sortedTriples(forward)).toEqual(sortedTriples(expectedForward.get(node) ?? []));
      expect(sortedTriples(backward)).toEqual(sortedTriples(expectedBackward.get(node) ?? []));
    }
  });

  it('sorts a busy account\'s long row (past the in-place sort) as well as the short ones', () => {
    const busy = Array.from({ length: 200 }, (_, i) => tx('HUB', `B${i % 7}`, 10, (i * 37) % 211));
    const busyGraph = buildAccountGraph(dataset({ transactions: busy }));
    const index = buildTimeIndex(timeIndexInput(busyGraph, new Map(busy.map((item) => [item.id, item]))));
    const hub = busyGraph.nodes.findIndex((node) => node.id === 'HUB');
    const hubRow = row(index.forward, hub).map((hop) => hop[2]);
    expect(hubRow).toHaveLength(200);
    expect(hubRow).toEqual([...hubRow].sort((a, b) => a - b));
    expect(new Set(row(index.forward, hub).map((hop) => busyGraph.nodes[hop[0]]?.id))).toEqual(new Set(Array.from({ length: 7 }, (_, i) => `B${i}`)));
  });

  it('gives the worker\'s answer (index + slots) the same network as the one-call search, hub excluded', () => {
    const subjects = ['A1', 'A7', 'A19', 'A23'];
    const options = { exclude: ['A3'], maxHops: 4, maxGapDays: 20 };
    const direct = connectingNetwork(graph, subjects, { exclude: options.exclude, maxHops: options.maxHops, timed: { transactions: byId, maxGapDays: options.maxGapDays } });
    // What the worker does: index from the posted typed arrays, search on slots, named back on the UI side.
    const posted = structuredClone(timeIndexInput(graph, byId));
    const request = timedRequest(graph, subjects, options);
    const viaWorker = networkFromSlots(graph, timedNetwork(buildTimeIndex(posted), request.subjects, request.blocked, request.maxHops, request.gapMs), request.unknown);
    expect(viaWorker).toEqual(direct);
    expect(viaWorker.nodeIds).not.toContain('A3');
  });

  it('follows money only forward in time within the gap: a chain broken in time connects nothing', () => {
    const chain = [tx('X', 'M', 100, 10), tx('M', 'Y', 100, 5)];
    const small = buildAccountGraph(dataset({ transactions: chain }));
    const smallById = new Map(chain.map((item) => [item.id, item]));
    const request = timedRequest(small, ['X', 'Y', 'ghost'], { maxHops: 3, maxGapDays: 30 });
    expect(request.unknown).toEqual(['ghost']);
    const found = networkFromSlots(small, timedNetwork(buildTimeIndex(timeIndexInput(small, smallById)), request.subjects, request.blocked, request.maxHops, request.gapMs), request.unknown);
    expect(found.groups).toEqual([]);
    expect(found.unconnected.sort()).toEqual(['X', 'Y']);
    // In order (day 5 then day 10) it connects.
    const ordered = [tx('X', 'M', 100, 5), tx('M', 'Y', 100, 10)];
    const orderedGraph = buildAccountGraph(dataset({ transactions: ordered }));
    const orderedRequest = timedRequest(orderedGraph, ['X', 'Y'], { maxHops: 3, maxGapDays: 30 });
    const connected = networkFromSlots(orderedGraph, timedNetwork(buildTimeIndex(timeIndexInput(orderedGraph, new Map(ordered.map((item) => [item.id, item])))), orderedRequest.subjects, orderedRequest.blocked, orderedRequest.maxHops, orderedRequest.gapMs), []);
    expect(connected.nodeIds.sort()).toEqual(['M', 'X', 'Y']);
  });

  /** Every node's rows as sorted (to, edge, time) triples: equal indexes whatever the order of equal times. */
  const rowsOf = (index: TimeIndex) =>
    Array.from({ length: index.nodeCount }, (_, node) =>
      [row(index.forward, node), row(index.backward, node)].map((hops) => [...hops].sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1])),
    );

  it('takes the times the builder recorded: the same index as reading every transaction by id, for account and party charts and a date range', () => {
    const parties = [
      { id: 'P1', name: 'Ana Ruiz', kind: 'person' as const, pep: false, source: { file: 'b'.repeat(64), line: 2 } },
      { id: 'P2', name: 'Comercial Andes SA', kind: 'company' as const, pep: false, source: { file: 'b'.repeat(64), line: 3 } },
    ];
    const accounts = [
      { id: 'A1', holderId: 'P1', source: { file: 'c'.repeat(64), line: 2 } },
      { id: 'A2', holderId: 'P1', source: { file: 'c'.repeat(64), line: 3 } },
      { id: 'A5', holderId: 'P2', source: { file: 'c'.repeat(64), line: 4 } },
    ];
    const graphs: Graph[] = [
      graph,
      buildAccountGraph(dataset({ transactions }), { range: { from: T0 + 100 * DAY, to: T0 + 200 * DAY } }),
      buildPartyGraph(dataset({ transactions, parties, accounts })),
      buildPartyGraph(dataset({ transactions, parties, accounts }), { unfolded: ['party:P1'] }),
    ];
    for (const built of graphs) {
      const recorded = recordedTimeIndexInput(built);
      expect(recorded).not.toBeNull();
      // A copy of the graph is not the builder's: its input is read by id, the slow way the recorded one replaces.
      const copy = { ...built };
      expect(recordedTimeIndexInput(copy)).toBeNull();
      expect(rowsOf(buildTimeIndex(recorded as NonNullable<typeof recorded>))).toEqual(rowsOf(buildTimeIndex(timeIndexInput(copy, byId))));
    }
    expect((recordedTimeIndexInput(graphs[1] as Graph) as NonNullable<ReturnType<typeof recordedTimeIndexInput>>).paymentEdge.length).toBeLessThan(transactions.length / 2);
  });

  describe('a partner overlay merged in (mergePartnerGraph)', () => {
    const partnerNext = random(11);
    // The partner knows A0-A9 (shared with the local case) and its own B0-B19.
    const partnerAccounts = [...accounts.slice(0, 10), ...Array.from({ length: 20 }, (_, i) => `B${i}`)];
    const partnerTransactions: Transaction[] = Array.from({ length: 300 }, (_, i) => {
      const from = partnerAccounts[Math.floor(partnerNext() * partnerAccounts.length)] as string;
      const to = partnerAccounts[Math.floor(partnerNext() * partnerAccounts.length)] as string;
      return tx(from, to, 50, Math.floor(partnerNext() * 365), { id: `partner-${i}` });
    });
    const partnerGraph = buildAccountGraph(dataset({ transactions: partnerTransactions }));

    it('carries both layers\' recorded times over: the same index as reading every transaction of both by id', () => {
      const merged = mergePartnerGraph(graph, partnerGraph);
      const recorded = recordedTimeIndexInput(merged);
      expect(recorded).not.toBeNull();
      const bothById = new Map([...transactions, ...partnerTransactions].map((item) => [item.id, item]));
      expect(rowsOf(buildTimeIndex(recorded as NonNullable<typeof recorded>))).toEqual(rowsOf(buildTimeIndex(timeIndexInput({ ...merged }, bothById))));
      // A partner edge between two shared accounts lands on the local nodes' positions.
      const slot = new Map(merged.nodes.map((node, position) => [node.id, position]));
      const sharedEdge = merged.edges.findIndex((edge) => edge.partner && !edge.source.startsWith('B') && !edge.target.startsWith('B') && edge.source !== edge.target);
      expect(sharedEdge).toBeGreaterThanOrEqual(0);
      const edge = merged.edges[sharedEdge] as Graph['edges'][number];
      expect([recorded?.edgeSource[sharedEdge], recorded?.edgeTarget[sharedEdge]]).toEqual([slot.get(edge.source), slot.get(edge.target)]);
      expect(slot.get(edge.source)).toBeLessThan(graph.nodes.length);
    });

    it('a partner reusing local transaction ids with other dates cannot move the local payments in time, nor borrow their dates', () => {
      // The hostile partner file: the ids of local transactions, every one dated a year later.
      const forged = transactions.slice(0, 200).map((item) => ({ ...item, timestamp: item.timestamp + 400 * DAY, fromAccount: `B${item.fromAccount}`, toAccount: `B${item.toAccount}` }));
      const hostile = buildAccountGraph(dataset({ transactions: forged }));
      const merged = mergePartnerGraph(graph, hostile);
      const recorded = recordedTimeIndexInput(merged) as NonNullable<ReturnType<typeof recordedTimeIndexInput>>;
      const localOnly = recordedTimeIndexInput(graph) as NonNullable<ReturnType<typeof recordedTimeIndexInput>>;
      const localEdges = graph.edges.length;
      const times = (edgeOf: (position: number) => boolean) => [...recorded.paymentTime].filter((_, k) => edgeOf(recorded.paymentEdge[k] as number)).sort();
      // The local payments keep exactly their own times.
      expect(times((edge) => edge < localEdges)).toEqual([...localOnly.paymentTime].sort());
      // The partner's payments keep the partner's (forged) dates: all past the local year, none taken from the local transactions.
      const partnerTimes = times((edge) => edge >= localEdges);
      expect(partnerTimes.length).toBeGreaterThan(0);
      const lastLocal = Math.max(...localOnly.paymentTime);
      for (const time of partnerTimes) expect(time).toBeGreaterThan(lastLocal);
    });

    it('records nothing when a layer was not made by a builder (the input is then read by id, as before)', () => {
      expect(recordedTimeIndexInput(mergePartnerGraph(graph, { ...partnerGraph }))).toBeNull();
      expect(recordedTimeIndexInput(mergePartnerGraph({ ...graph }, partnerGraph))).toBeNull();
    });
  });

  it('hands out a copy of the recorded input, so transferring it to a worker leaves the graph able to index again', () => {
    const first = recordedTimeIndexInput(graph);
    first?.paymentTime.fill(0);
    first?.paymentEdge.fill(0);
    const again = recordedTimeIndexInput(graph);
    expect(rowsOf(buildTimeIndex(again as NonNullable<typeof again>))).toEqual(rowsOf(buildTimeIndex(timeIndexInput({ ...graph }, byId))));
  });
});
