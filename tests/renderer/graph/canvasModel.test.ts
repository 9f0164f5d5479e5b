import { describe, expect, it } from 'vitest';
import { GROUP_PREFIX, MAX_NODE_SIZE, packGroups, placeNewNodes, ringPositions, styleElements, toCanvas, type Labels } from '../../../renderer/features/graph/canvasModel';
import type { Graph, GraphEdge, GraphNode, StylingResult } from '../../../shared/graph';

describe('styled chart elements', () => {
  const elements = () => ({
    nodes: [
      { id: 'A', kind: 'account' as const, label: 'A', size: 20 },
      { id: 'B', kind: 'account' as const, label: 'B', size: 20 },
    ],
    edges: [{ id: 'A→B', source: 'A', target: 'B', kind: 'payment' as const, width: 2, label: '', transactionIds: [] }],
  });

  it('colours by community, then lets a styling rule win on colour, border, badge and size', () => {
    const styling: StylingResult = {
      nodes: new Map([['B', { colour: '#ff0000', border: '#000000', badge: 'PEP', scale: 2, ruleIds: ['r'] }]]),
      edges: new Map([['A→B', { colour: '#00ff00', scale: 1.5, ruleIds: ['l'] }]]),
      matches: new Map(),
    };
    const { nodes, edges } = styleElements(elements(), (id) => (id === 'A' ? '#111111' : '#222222'), styling);
    expect(nodes[0]).toMatchObject({ colour: '#111111', size: 20 });
    expect(nodes[1]).toMatchObject({ colour: '#ff0000', borderColour: '#000000', badge: 'PEP', size: 40 });
    expect(edges[0]).toMatchObject({ colour: '#00ff00', width: 3 });
  });

  it('leaves elements as they are without communities or rules', () => {
    expect(styleElements(elements(), null, null)).toEqual(elements());
  });

  it('draws communities as compound groups: members name their group, parents come first, a lone node stays ungrouped', () => {
    const three = {
      nodes: [...elements().nodes, { id: 'C', kind: 'person' as const, label: 'C', size: 20 }],
      edges: elements().edges,
    };
    const community: Record<string, string> = { A: '1', B: '1', C: '2' };
    const { nodes } = styleElements(three, null, null, (id) => community[id] ?? null, (group, members) => `Community ${group} · ${members}`);
    expect(nodes[0]).toMatchObject({ id: `${GROUP_PREFIX}1`, group: true, label: 'Community 1 · 2' });
    expect(nodes.filter((node) => node.group)).toHaveLength(1);
    expect(nodes.find((node) => node.id === 'A')?.parent).toBe(`${GROUP_PREFIX}1`);
    expect(nodes.find((node) => node.id === 'B')?.parent).toBe(`${GROUP_PREFIX}1`);
    expect(nodes.find((node) => node.id === 'C')?.parent).toBeUndefined();
  });
});

describe('screening marks on the chart', () => {
  const node = (id: string): GraphNode => ({ id, kind: 'person', label: id, accounts: [], parties: [id], volumeUsd: 0, degree: 0, inDegree: 0, outDegree: 0, transactionCount: 0 }) as unknown as GraphNode;
  const graph = { view: 'parties', nodes: [node('P1'), node('P2'), node('P3')], edges: [], unconvertedCurrencies: [] } as unknown as Graph;
  const labels: Labels = {
    partnerTag: 'partner',
    folded: () => '',
    collection: () => '',
    amounts: () => '',
    flow: () => '',
    screened: (flags) => [flags.watchList ? 'LIST' : '', flags.pep ? 'PEP' : ''].filter(Boolean).join('·'),
    group: () => '',
  };

  it('marks screened nodes, the watch-list colour winning when both lists hit, and leaves the others unmarked', () => {
    const flags = new Map([
      ['P1', { pep: true, watchList: false }],
      ['P2', { pep: true, watchList: true }],
    ]);
    const { nodes } = toCanvas(graph, new Map(), new Set(), {}, new Set(), labels, flags);
    expect(nodes[0]).toMatchObject({ screened: 'pep', screenMark: 'PEP' });
    expect(nodes[1]).toMatchObject({ screened: 'watchlist', screenMark: 'LIST·PEP' });
    expect(nodes[2]?.screened).toBeUndefined();
    expect(nodes[2]?.screenMark).toBeUndefined();
  });
});

describe('packing community groups', () => {
  it('puts members in rings: one in the middle, then six on the first ring, all at least the spacing apart', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `N${i}`);
    const placed = ringPositions(ids, 70);
    expect(placed.N0).toEqual({ x: 0, y: 0 });
    expect(Object.keys(placed)).toHaveLength(20);
    for (const a of ids) for (const b of ids) if (a < b) expect(Math.hypot(placed[a]!.x - placed[b]!.x, placed[a]!.y - placed[b]!.y)).toBeGreaterThan(60);
  });

  // Two communities laid out on top of each other, plus a loner and a community of one.
  const positions = { A: { x: 0, y: 0 }, B: { x: 100, y: 50 }, C: { x: 40, y: 10 }, D: { x: 130, y: 60 }, L: { x: 60, y: 30 }, S: { x: 70, y: 70 } };
  const community: Record<string, string> = { A: '1', B: '1', C: '2', D: '2', S: '3' };
  const groupOf = (id: string) => community[id] ?? null;
  const box = (packed: Record<string, { x: number; y: number }>, ids: string[]) => {
    const xs = ids.map((id) => packed[id]!.x);
    const ys = ids.map((id) => packed[id]!.y);
    return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  };
  const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

  it('draws each group as one block of rings, heaviest member in the middle, so no two groups overlap', () => {
    const packed = packGroups(Object.keys(positions), positions, groupOf, (id) => (id === 'B' ? 10 : 1), 50);
    const one = box(packed, ['A', 'B']);
    const two = box(packed, ['C', 'D']);
    const loose = box(packed, ['L', 'S']);
    expect(overlap(one, two)).toBe(false);
    expect(overlap(one, loose)).toBe(false);
    expect(overlap(two, loose)).toBe(false);
    // Inside a group the heaviest member is the centre and the next ones sit one ring (70 px) out.
    expect(Math.hypot(packed.A!.x - packed.B!.x, packed.A!.y - packed.B!.y)).toBeCloseTo(70, 0);
    expect(Math.hypot(packed.D!.x - packed.C!.x, packed.D!.y - packed.C!.y)).toBeCloseTo(70, 0);
    // The ungrouped nodes (a loner, a community of one) keep their arrangement.
    expect(packed.S!.x - packed.L!.x).toBe(10);
    expect(packed.S!.y - packed.L!.y).toBe(40);
    // The input is not changed.
    expect(positions.A).toEqual({ x: 0, y: 0 });
  });

  it('moves nothing while a drawn node has no place yet', () => {
    expect(packGroups(['A', 'B', 'X'], positions, groupOf)).toBe(positions);
  });
});

describe('placing nodes added to a laid-out chart', () => {
  it('puts a hub\'s new counterparts in rings and unlinked nodes in a grid, never closer than the largest node', () => {
    const link = (source: string, target: string) => ({ id: `${source}→${target}`, source, target }) as unknown as GraphEdge;
    const counterparts = Array.from({ length: 30 }, (_, k) => `c${k}`);
    const loose = Array.from({ length: 7 }, (_, k) => `l${k}`);
    const graph = { view: 'accounts', nodes: [], edges: counterparts.map((id) => link('hub', id)), unconvertedCurrencies: [] } as unknown as Graph;
    const drawn = { hub: { x: 0, y: 0 }, other: { x: 400, y: -50 } };
    const placed = placeNewNodes(graph, drawn, [...counterparts, ...loose]);
    const all = [...Object.entries(drawn), ...Object.entries(placed)];
    expect(Object.keys(placed)).toHaveLength(37);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [a, p] = all[i] as [string, { x: number; y: number }];
        const [b, q] = all[j] as [string, { x: number; y: number }];
        expect(Math.hypot(p.x - q.x, p.y - q.y), `${a} and ${b}`).toBeGreaterThanOrEqual(MAX_NODE_SIZE);
      }
    }
    // Neighbours on a ring stand a label's width apart, so two names side by side do not run into each other.
    const ring = counterparts.map((id) => placed[id] as { x: number; y: number });
    for (let i = 0; i < ring.length; i++) {
      const nearest = Math.min(...ring.filter((_, j) => j !== i).map((q) => Math.hypot(ring[i]!.x - q.x, ring[i]!.y - q.y)));
      expect(nearest, counterparts[i]).toBeGreaterThanOrEqual(MAX_NODE_SIZE + 16);
    }
    const firstRing = ring.slice(0, 6);
    for (let i = 1; i < firstRing.length; i++) expect(Math.hypot(firstRing[i]!.x - firstRing[i - 1]!.x, firstRing[i]!.y - firstRing[i - 1]!.y)).toBeGreaterThanOrEqual(159.9);
  });
});
