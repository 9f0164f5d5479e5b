import { describe, expect, it } from 'vitest';
import { toGexf, toGraphml, type ExportGraph } from '../../../shared/interop/graphFiles';

const graph: ExportGraph = {
  title: 'Caso <UAF> & "demo"',
  nodes: [
    { id: 'acc:1', label: 'Cuenta 1 — Peña & Hijos', kind: 'account', x: 10.12345, y: 20, attributes: { bank: 'Banco Uno', alerted: true, volumeUsd: 1500.5 } },
    { id: 'acc:2', label: 'Cuenta 2', kind: 'account', attributes: { bank: undefined, alerted: false, volumeUsd: 10 } },
  ],
  edges: [{ id: 'e1', source: 'acc:1', target: 'acc:2', kind: 'payment', weight: 1500.5, attributes: { count: 3, totals: 'COP 4.500.000' } }],
};

/** Reads a produced file back with a real XML parser (saxes, as the goAML importer does): well-formed or it throws. */
async function elements(xml: string): Promise<{ name: string; attributes: Record<string, string> }[]> {
  const { SaxesParser } = await import('saxes');
  const parser = new SaxesParser();
  const found: { name: string; attributes: Record<string, string> }[] = [];
  parser.on('opentag', (tag) => found.push({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return found;
}

describe('GEXF for Gephi', () => {
  it('writes nodes with label, typed attributes and positions (y up), and weighted directed edges', async () => {
    const xml = toGexf(graph, new Date(Date.UTC(2026, 0, 2)));
    const tags = await elements(xml);
    expect(tags.find((t) => t.name === 'gexf')?.attributes.version).toBe('1.3');
    expect(tags.filter((t) => t.name === 'node').map((t) => t.attributes)).toEqual([
      { id: 'acc:1', label: 'Cuenta 1 — Peña & Hijos' },
      { id: 'acc:2', label: 'Cuenta 2' },
    ]);
    expect(tags.find((t) => t.name === 'viz:position')?.attributes).toEqual({ x: '10.123', y: '-20', z: '0' });
    expect(tags.filter((t) => t.name === 'viz:position')).toHaveLength(1);
    const nodeAttributes = tags.filter((t) => t.name === 'attribute').map((t) => `${t.attributes.title}:${t.attributes.type}`);
    expect(nodeAttributes).toEqual(expect.arrayContaining(['kind:string', 'bank:string', 'alerted:boolean', 'volumeUsd:double', 'count:double', 'totals:string']));
    expect(tags.find((t) => t.name === 'edge')?.attributes).toEqual({ id: 'e1', source: 'acc:1', target: 'acc:2', weight: '1500.5' });
    expect(xml).toContain('<description>Caso &lt;UAF&gt; &amp; &quot;demo&quot;</description>');
  });
});

describe('GraphML', () => {
  it('declares its keys and writes the same nodes, positions and edges', async () => {
    const xml = toGraphml(graph);
    const tags = await elements(xml);
    const keys = tags.filter((t) => t.name === 'key').map((t) => t.attributes['attr.name']);
    expect(keys).toEqual(expect.arrayContaining(['label', 'x', 'y', 'weight', 'kind', 'bank', 'alerted', 'volumeUsd', 'count', 'totals']));
    expect(tags.filter((t) => t.name === 'node')).toHaveLength(2);
    expect(xml).toContain('<data key="n_x">10.123</data><data key="n_y">20</data>');
    expect(xml).toContain('<edge id="e1" source="acc:1" target="acc:2"><data key="e_weight">1500.5</data>');
  });

  it('escapes what an attacker put in a name so the file stays well-formed', async () => {
    const hostile: ExportGraph = { title: 'x', nodes: [{ id: 'a"><x', label: '</node><script>\u0001', kind: 'person', attributes: {} }], edges: [] };
    await expect(elements(toGraphml(hostile))).resolves.toBeDefined();
    await expect(elements(toGexf(hostile))).resolves.toBeDefined();
  });
});
