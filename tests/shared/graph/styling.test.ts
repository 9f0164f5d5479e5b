import { describe, expect, it } from 'vitest';
import { applyStyleRules, buildAccountGraph, parseStyleRules, ruleMatches, type StyleRule } from '../../../shared/graph';
import { dataset, tx } from './fixtures';

const rule = (partial: Partial<StyleRule>): StyleRule => ({ id: 'r1', name: 'Rule', target: 'node', field: 'country', operator: 'in', value: 'PA, VG', style: { colour: '#ff0000' }, enabled: true, ...partial });

describe('styling rules', () => {
  const transactions = [
    tx('A', 'B', 20_000, 1, { fromCountry: 'PA', toCountry: 'CO' }),
    tx('B', 'C', 500, 2, { toCountry: 'VG' }),
    tx('C', 'A', 100, 3, { currency: 'EUR' }),
  ];
  const graph = buildAccountGraph(dataset({ transactions }));

  it('matches jurisdictions in a list, amounts by threshold and alerts, later rules winning per property', () => {
    const rules = [
      rule({ id: 'haven', value: 'pa, vg' }),
      rule({ id: 'big', field: 'volumeUsd', operator: '>=', value: 10_000, style: { scale: 2, colour: '#00ff00' } }),
      rule({ id: 'alert', field: 'alerted', operator: '=', value: true, style: { badge: '!' } }),
    ];
    const result = applyStyleRules(graph, rules, { alerted: new Set(['C']) });
    expect(result.matches.get('haven')).toBe(2);
    expect(result.nodes.get('A')).toEqual({ colour: '#00ff00', scale: 2, ruleIds: ['haven', 'big'] });
    expect(result.nodes.get('C')).toEqual({ colour: '#ff0000', badge: '!', ruleIds: ['haven', 'alert'] });
    expect(result.nodes.has('B')).toBe(true); // B moved 20,500
  });

  it('matches screening flags: any hit, PEP only, watch list only; nodes without hits never match', () => {
    const screening = new Map([
      ['A', { pep: true, watchList: false }],
      ['B', { pep: true, watchList: true }],
    ]);
    const result = applyStyleRules(
      graph,
      [
        rule({ id: 'any', field: 'screened', operator: '=', value: true, style: { border: '#7048e8' } }),
        rule({ id: 'pep', field: 'pep', operator: '=', value: 'yes', style: { badge: 'PEP' } }),
        rule({ id: 'list', field: 'watchList', operator: '=', value: true, style: { colour: '#a61e4d' } }),
        rule({ id: 'clean', field: 'screened', operator: '!=', value: true, style: { scale: 0.5 } }),
      ],
      { screening },
    );
    expect(result.matches.get('any')).toBe(2);
    expect(result.matches.get('pep')).toBe(2);
    expect(result.matches.get('list')).toBe(1);
    expect(result.nodes.get('B')).toEqual({ border: '#7048e8', badge: 'PEP', colour: '#a61e4d', ruleIds: ['any', 'pep', 'list'] });
    expect(result.nodes.get('C')).toEqual({ scale: 0.5, ruleIds: ['clean'] });
    // Without screening results nothing is flagged, and "not screened" holds for every node.
    expect(applyStyleRules(graph, [rule({ id: 'any', field: 'screened', operator: '=', value: true })]).matches.get('any') ?? 0).toBe(0);
  });

  it('styles links by currency and count, and skips disabled rules', () => {
    const result = applyStyleRules(graph, [
      rule({ id: 'eur', target: 'link', field: 'currency', operator: 'in', value: 'EUR', style: { colour: '#0000ff' } }),
      rule({ id: 'off', target: 'link', field: 'count', operator: '>=', value: 1, enabled: false }),
    ]);
    expect([...result.edges.keys()]).toEqual(['C→A']);
    expect(result.matches.has('off')).toBe(false);
  });

  it('compares text without case or accents and numbers as numbers', () => {
    expect(ruleMatches('Panamá', '=', 'PANAMA')).toBe(true);
    expect(ruleMatches('Banco Ñandú', 'contains', 'nandu')).toBe(true);
    expect(ruleMatches(9, '>=', '10')).toBe(false);
    expect(ruleMatches(12, '>=', '10')).toBe(true);
    expect(ruleMatches(3, 'in', '1, 3')).toBe(true);
    expect(ruleMatches(undefined, '=', 'x')).toBe(false);
    expect(ruleMatches(true, '=', 'sí')).toBe(true);
  });

  it('rejects hostile or broken rules with the rule and field named, never applying part of them', () => {
    const hostile = [
      rule({ id: 'ok' }),
      { ...rule({ id: 'css' }), style: { colour: 'red; background-image: url(https://evil.example/x.png)' } },
    ];
    const parsed = parseStyleRules(hostile);
    expect(parsed.rules).toEqual([]);
    expect(parsed.error).toMatch(/^rule 1, style\.colour/);
    expect(parseStyleRules([{ ...rule({}), style: { badge: '<img src=x onerror=alert(1)>' } }]).error).toMatch(/badge/);
    expect(parseStyleRules([{ ...rule({}), field: '__proto__' }]).error).toMatch(/field/);
    expect(parseStyleRules([{ ...rule({}), extra: 1 }]).error).toBeDefined();
    expect(parseStyleRules('not a list').error).toBeDefined();
    expect(parseStyleRules(Array.from({ length: 101 }, (_, i) => rule({ id: `r${i}` }))).error).toBeDefined();
    expect(parseStyleRules([rule({ style: { colour: '#12abEF', badge: 'PEP', scale: 1.5, border: '#000000' } })]).rules).toHaveLength(1);
  });
});
