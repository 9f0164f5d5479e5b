import { describe, expect, it } from 'vitest';
import { styleElements } from '../../../renderer/features/graph/canvasModel';
import type { StylingResult } from '../../../shared/graph';

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
});
