import { describe, expect, it } from 'vitest';
import { buildAccountGraph, buildPartyGraph, buildTradeGraph, evidenceSubgraph, mergePartnerGraph, PARTY_PREFIX } from '../../../shared/graph';
import type { Shipment } from '../../../shared/model';
import { dataset, DAY, SOURCE, T0, tx } from './fixtures';

describe('buildAccountGraph', () => {
  it('aggregates transactions per ordered account pair with totals per currency and the ids behind them', () => {
    const data = dataset({
      transactions: [
        tx('A', 'B', 100, 0, { id: 't1' }),
        tx('A', 'B', 50, 3, { id: 't2' }),
        tx('A', 'B', 4_000_000, 5, { id: 't3', currency: 'COP' }),
        tx('B', 'A', 10, 7, { id: 't4' }),
        tx('B', 'C', 20, 9, { id: 't5' }),
      ],
      accounts: [{ id: 'A', institution: 'Banco Uno', holderName: 'Ana Pérez', country: 'CO', source: SOURCE }],
    });
    const graph = buildAccountGraph(data);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual(['A', 'B', 'C']);
    expect(graph.edges).toHaveLength(3);
    const ab = graph.edges.find((edge) => edge.source === 'A' && edge.target === 'B');
    expect(ab).toMatchObject({ count: 3, totals: { USD: 150, COP: 4_000_000 }, firstDate: T0, lastDate: T0 + 5 * DAY, transactionIds: ['t1', 't2', 't3'] });
    // COP converts at the default 4,000 per USD: the width weight is 150 + 1,000.
    expect(ab?.weightUsd).toBeCloseTo(1150);
    const a = graph.nodes.find((node) => node.id === 'A');
    expect(a).toMatchObject({ holderName: 'Ana Pérez', bank: 'Banco Uno', country: 'CO', outByCurrency: { USD: 150, COP: 4_000_000 }, inByCurrency: { USD: 10 } });
    expect(a?.outDegree).toBe(1);
    expect(a?.inDegree).toBe(1);
    expect(a?.degree).toBe(1);
    const b = graph.nodes.find((node) => node.id === 'B');
    expect(b?.degree).toBe(2);
    expect(b?.transactionCount).toBe(5);
  });

  it('takes holder, bank and country from the transactions when the account is not in the accounts file', () => {
    const graph = buildAccountGraph(dataset({ transactions: [tx('X', 'Y', 5, 0, { fromPartyName: 'Comercial Andina SAS', fromBank: 'Banco Dos', fromCountry: 'PA' })] }));
    expect(graph.nodes.find((node) => node.id === 'X')).toMatchObject({ holderName: 'Comercial Andina SAS', bank: 'Banco Dos', country: 'PA' });
  });

  it('keeps only the transactions inside the date range', () => {
    const data = dataset({ transactions: [tx('A', 'B', 1, 0), tx('B', 'C', 1, 10), tx('C', 'D', 1, 20)] });
    const graph = buildAccountGraph(data, { range: { from: T0 + 5 * DAY, to: T0 + 15 * DAY } });
    expect(graph.edges.map((edge) => edge.id)).toEqual(['B→C']);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual(['B', 'C']);
  });

  it('uses the unit profile rates first and reports currencies it cannot convert', () => {
    const data = dataset({ transactions: [tx('A', 'B', 100, 0, { currency: 'COP' }), tx('A', 'C', 7, 0, { currency: 'XAU' })] });
    const graph = buildAccountGraph(data, { fxPerUsd: { COP: 100 } });
    expect(graph.edges.find((edge) => edge.target === 'B')?.weightUsd).toBeCloseTo(1);
    expect(graph.unconvertedCurrencies).toEqual(['XAU']);
  });

  it('builds a 1M-transaction graph', () => {
    const transactions = [];
    for (let i = 0; i < 1_000_000; i++) transactions.push(tx(`A${i % 50_000}`, `A${(i * 7 + 13) % 50_000}`, 100 + (i % 900), i % 365, { id: `x${i}` }));
    const graph = buildAccountGraph(dataset({ transactions }));
    expect(graph.nodes).toHaveLength(50_000);
    expect(graph.edges.reduce((sum, edge) => sum + edge.count, 0)).toBe(1_000_000);
  });
});

describe('buildPartyGraph', () => {
  const data = dataset({
    parties: [
      { id: 'CC:1', name: 'Ana Pérez', kind: 'person', pep: false, source: SOURCE },
      { id: 'NIT:9', name: 'Importadora Sol SAS', kind: 'company', pep: false, source: SOURCE },
    ],
    accounts: [
      { id: 'A1', holderId: 'CC:1', source: SOURCE },
      { id: 'A2', holderId: 'CC:1', source: SOURCE },
      { id: 'B1', holderId: 'NIT:9', source: SOURCE },
    ],
    transactions: [
      tx('A1', 'B1', 100, 0, { id: 'p1' }),
      tx('A2', 'B1', 200, 1, { id: 'p2' }),
      tx('B1', 'Z9', 30, 2, { id: 'p3', toPartyName: 'Carlos Ruiz' }),
      tx('Q1', 'A1', 5, 3, { id: 'p4' }),
    ],
  });

  it('folds accounts into their holders, from the accounts file or the names on the transactions', () => {
    const graph = buildPartyGraph(data);
    const ana = graph.nodes.find((node) => node.id === `${PARTY_PREFIX}CC:1`);
    expect(ana).toMatchObject({ kind: 'person', label: 'Ana Pérez' });
    expect(ana?.accounts.sort()).toEqual(['A1', 'A2']);
    const toSol = graph.edges.find((edge) => edge.source === `${PARTY_PREFIX}CC:1` && edge.target === `${PARTY_PREFIX}NIT:9`);
    expect(toSol).toMatchObject({ count: 2, totals: { USD: 300 } });
    expect(graph.nodes.find((node) => node.id === `${PARTY_PREFIX}name:CARLOS RUIZ`)?.kind).toBe('person');
    expect(graph.nodes.find((node) => node.id === `${PARTY_PREFIX}NIT:9`)?.kind).toBe('company');
    // No holder known: the account stays an account.
    expect(graph.nodes.find((node) => node.id === 'Q1')?.kind).toBe('account');
  });

  it('unfolds a party into its accounts, linked by holds edges', () => {
    const graph = buildPartyGraph(data, { unfolded: [`${PARTY_PREFIX}CC:1`] });
    const ids = graph.nodes.map((node) => node.id);
    expect(ids).toContain('A1');
    expect(ids).toContain('A2');
    expect(graph.edges.filter((edge) => edge.kind === 'holds').map((edge) => edge.target).sort()).toEqual(['A1', 'A2']);
    expect(graph.edges.find((edge) => edge.source === 'A2' && edge.target === `${PARTY_PREFIX}NIT:9`)?.transactionIds).toEqual(['p2']);
    expect(graph.nodes.find((node) => node.id === `${PARTY_PREFIX}CC:1`)?.unfolded).toBe(true);
  });
});

describe('buildTradeGraph', () => {
  const shipment = (id: string, exporter: string, importer: string, day: number, extra: Partial<Shipment> = {}): Shipment => ({
    id,
    date: T0 + day * DAY,
    exporter,
    importer,
    originCountry: 'US',
    originPort: 'Miami',
    destinationCountry: 'CO',
    destinationPort: 'Cartagena',
    hsCode: '851712',
    goods: 'Teléfonos',
    quantity: 100,
    unit: 'u',
    declaredValue: 50_000,
    currency: 'USD',
    source: SOURCE,
    ...extra,
  });

  it('links exporters and importers through shipments, ports and HS chapters, and flags third-party payments', () => {
    const data = dataset({
      shipments: [shipment('S1', 'Miami Phones LLC', 'Importadora Sol SAS', 10), shipment('S2', 'Miami Phones LLC', 'Importadora Sol SAS', 40)],
      transactions: [
        tx('IMP', 'EXP', 50_000, 12, { id: 'pay-own', fromPartyName: 'Importadora Sol SAS', toPartyName: 'Miami Phones LLC' }),
        tx('BRK', 'EXP', 49_000, 41, { id: 'pay-third', fromPartyName: 'Cambios Rápidos', toPartyName: 'MIAMI PHONES, LLC' }),
        tx('BRK', 'ZZZ', 10, 41, { id: 'unrelated', toPartyName: 'Someone Else' }),
      ],
    });
    const graph = buildTradeGraph(data);
    const exporter = 'org:name:MIAMI PHONES LLC';
    const importer = 'org:name:IMPORTADORA SOL SAS';
    const shipped = graph.edges.find((edge) => edge.kind === 'shipment');
    expect(shipped).toMatchObject({ source: exporter, target: importer, count: 2, shipmentIds: ['S1', 'S2'], totals: { USD: 100_000 } });
    expect(graph.nodes.find((node) => node.id === 'port:US:MIAMI')?.kind).toBe('port');
    expect(graph.nodes.find((node) => node.id === 'hs:85')?.kind).toBe('goods');
    const own = graph.edges.find((edge) => edge.transactionIds.includes('pay-own'));
    expect(own).toMatchObject({ kind: 'payment', source: importer, target: exporter });
    expect(own?.thirdParty).toBeUndefined();
    const third = graph.edges.find((edge) => edge.transactionIds.includes('pay-third'));
    expect(third).toMatchObject({ kind: 'payment', source: 'org:name:CAMBIOS RAPIDOS', target: exporter, thirdParty: true });
    expect(third?.shipmentIds[0]).toBe('S2');
    expect(graph.edges.some((edge) => edge.transactionIds.includes('unrelated'))).toBe(false);
  });
});

describe('evidenceSubgraph', () => {
  const data = dataset({
    transactions: [tx('S1', 'HUB', 9000, 0, { id: 'e1' }), tx('S2', 'HUB', 9000, 1, { id: 'e2' }), tx('S3', 'HUB', 9000, 2, { id: 'e3' }), tx('HUB', 'OUT', 26000, 3, { id: 'e4' }), tx('X', 'Y', 5, 4, { id: 'n1' })],
    accounts: [
      { id: 'S1', holderId: 'P1', source: SOURCE },
      { id: 'HUB', holderId: 'P2', source: SOURCE },
    ],
  });
  const alert = { accounts: ['S1', 'S2', 'S3', 'HUB'], parties: [], transactions: ['e1', 'e2', 'e3'], shipments: [] };

  it('covers the alert’s accounts and the edges carrying its transactions, and nothing else', () => {
    const evidence = evidenceSubgraph(buildAccountGraph(data), alert);
    expect(evidence.nodeIds.sort()).toEqual(['HUB', 'S1', 'S2', 'S3']);
    expect(evidence.edgeIds.sort()).toEqual(['S1→HUB', 'S2→HUB', 'S3→HUB']);
    expect(evidence.missingAccounts).toEqual([]);
  });

  it('maps the evidence onto party nodes in the party view and names accounts outside the chart', () => {
    const evidence = evidenceSubgraph(buildPartyGraph(data), alert);
    expect(evidence.nodeIds).toContain(`${PARTY_PREFIX}P2`);
    expect(evidence.nodeIds).toContain(`${PARTY_PREFIX}P1`);
    const ranged = evidenceSubgraph(buildAccountGraph(data, { range: { from: T0 + 1 * DAY } }), alert);
    expect(ranged.missingAccounts).toEqual(['S1']);
  });
});

describe('mergePartnerGraph', () => {
  it('adds the partner’s nodes and edges as partner intelligence, keeping shared nodes local', () => {
    const local = buildAccountGraph(dataset({ transactions: [tx('A', 'B', 1, 0)] }));
    const partner = buildAccountGraph(dataset({ transactions: [tx('B', 'P', 1, 0)] }));
    const merged = mergePartnerGraph(local, partner);
    expect(merged.nodes.find((node) => node.id === 'B')?.partner).toBeUndefined();
    expect(merged.nodes.find((node) => node.id === 'P')?.partner).toBe(true);
    expect(merged.edges.find((edge) => edge.partner)?.id).toBe('partner:B→P');
  });
});

describe('foldGraph', () => {
  it('keeps the largest movers and the kept ids, and folds the rest per kind and country with their money', async () => {
    const { foldGraph } = await import('../../../shared/graph');
    const data = dataset({
      transactions: [tx('BIG', 'HUB', 1000, 0), tx('s1', 'HUB', 1, 0, { fromCountry: 'PA' }), tx('s2', 'HUB', 2, 0, { fromCountry: 'PA' }), tx('s3', 'KEEP', 3, 0, { fromCountry: 'PA' })],
    });
    const { graph, foldedCount } = foldGraph(buildAccountGraph(data), 3, new Set(['KEEP']));
    expect(foldedCount).toBe(3);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual(['BIG', 'HUB', 'KEEP', 'folded:account:PA']);
    const intoHub = graph.edges.find((edge) => edge.source === 'folded:account:PA' && edge.target === 'HUB');
    expect(intoHub).toMatchObject({ count: 2, totals: { USD: 3 } });
    expect(graph.nodes.find((node) => node.id === 'folded:account:PA')?.accounts.sort()).toEqual(['s1', 's2', 's3']);
  });
});

describe('step-wise building', () => {
  it('yields its progress between slices and ends with the same graph as the one-go builder', async () => {
    const { accountGraphSteps, SLICE } = await import('../../../shared/graph');
    const transactions = Array.from({ length: SLICE * 2 + 10 }, (_, i) => tx(`A${i % 97}`, `A${(i * 5 + 1) % 97}`, 10, i % 30, { id: `s${i}` }));
    const steps = accountGraphSteps(dataset({ transactions }));
    const progress: number[] = [];
    let step = steps.next();
    while (!step.done) {
      progress.push(step.value);
      step = steps.next();
    }
    expect(progress).toEqual([0, SLICE / transactions.length, (2 * SLICE) / transactions.length]);
    const once = buildAccountGraph(dataset({ transactions }));
    expect(step.value.edges.map((edge) => [edge.id, edge.count])).toEqual(once.edges.map((edge) => [edge.id, edge.count]));
  });
});
