import { describe, expect, it } from 'vitest';
import { partiesOfNodes, screeningFlags, type ScreenedParty } from '../../../renderer/features/graph/chartScreening';
import type { Graph, GraphNode } from '../../../shared/graph';

const node = (id: string, parties: string[]): GraphNode => ({ id, kind: 'account', label: id, accounts: [id], parties, volumeUsd: 0, degree: 0, inDegree: 0, outDegree: 0, transactionCount: 0 }) as unknown as GraphNode;
const graph = {
  view: 'accounts',
  nodes: [node('ACC-1', ['P-pep']), node('ACC-2', ['P-un', 'P-clean']), node('ACC-3', ['P-ruled-out']), node('ACC-4', ['P-clean']), node('collection:X', ['P-pep', 'P-list'])],
  edges: [],
  unconvertedCurrencies: [],
} as unknown as Graph;
const party = (partyId: string, partial: Partial<ScreenedParty>): ScreenedParty => ({ partyId, hits: [], bestScore: 0.9, decision: 'open', lists: ['L'], sanction: false, pep: false, ...partial });
const screened = new Map([
  ['P-pep', party('P-pep', { pep: true, lists: ['Registro PEP'] })],
  ['P-un', party('P-un', { sanction: true, decision: 'true-match' })],
  ['P-ruled-out', party('P-ruled-out', { sanction: true, decision: 'false-match' })],
  ['P-list', party('P-list', { lists: ['SAT 69-B'] })],
]);

describe('screening marks on chart nodes', () => {
  it('marks a node by any of its parties, PEP and watch list apart, and never for a ruled-out match', () => {
    const flags = screeningFlags(graph, screened);
    expect(flags.get('ACC-1')).toEqual({ pep: true, watchList: false });
    expect(flags.get('ACC-2')).toEqual({ pep: false, watchList: true });
    expect(flags.has('ACC-3')).toBe(false);
    expect(flags.has('ACC-4')).toBe(false);
    // A collection stands for its members' parties: one PEP, one on a non-sanctions watch list.
    expect(flags.get('collection:X')).toEqual({ pep: true, watchList: true });
  });

  it('marks nothing without a screening run or a graph', () => {
    expect(screeningFlags(graph, new Map()).size).toBe(0);
    expect(screeningFlags(null, screened).size).toBe(0);
  });

  it('hands screening the parties behind the chosen nodes, each once, ignoring ids not on the chart', () => {
    expect(partiesOfNodes(graph, ['ACC-2', 'ACC-4', 'ghost']).sort()).toEqual(['P-clean', 'P-un']);
    expect(partiesOfNodes(graph, [])).toEqual([]);
    expect(partiesOfNodes(null, ['ACC-1'])).toEqual([]);
  });
});
