/**
 * The chart as graph files for Gephi (GEXF 1.3) and for any GraphML reader
 * (yEd, NetworkX, igraph): nodes with their kind, label, attributes and the
 * positions the analyst laid out; edges with their kind, weight and attributes.
 */
export type GraphAttributeValue = string | number | boolean;

export interface ExportNode {
  id: string;
  label: string;
  kind: string;
  x?: number;
  y?: number;
  attributes: Record<string, GraphAttributeValue | undefined>;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  weight: number;
  attributes: Record<string, GraphAttributeValue | undefined>;
}

export interface ExportGraph {
  title: string;
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/** XML 1.0 forbids control characters other than tab, line feed and carriage return, even escaped. */
function withoutControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += ch;
  }
  return out;
}
const escape = (text: string) =>
  withoutControlCharacters(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);

interface AttributeColumn {
  key: string;
  type: 'string' | 'double' | 'boolean';
}

/** Every attribute any element carries, typed from its values (a column with any text is text). */
function columns(elements: readonly { kind: string; attributes: Record<string, GraphAttributeValue | undefined> }[]): AttributeColumn[] {
  const types = new Map<string, AttributeColumn['type']>([['kind', 'string']]);
  for (const element of elements) {
    for (const [key, value] of Object.entries(element.attributes)) {
      if (value === undefined) continue;
      const type = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
      const seen = types.get(key);
      types.set(key, seen === undefined || seen === type ? type : 'string');
    }
  }
  return [...types].map(([key, type]) => ({ key, type }));
}

function valuesOf(element: { kind: string; attributes: Record<string, GraphAttributeValue | undefined> }): [string, GraphAttributeValue][] {
  return [['kind', element.kind], ...Object.entries(element.attributes).filter((entry): entry is [string, GraphAttributeValue] => entry[1] !== undefined)];
}

export function toGexf(graph: ExportGraph, generatedAt = new Date()): string {
  const nodeColumns = columns(graph.nodes);
  const edgeColumns = columns(graph.edges);
  const nodeIndex = new Map(nodeColumns.map((column, index) => [column.key, index]));
  const edgeIndex = new Map(edgeColumns.map((column, index) => [column.key, index]));
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">');
  out.push(`  <meta lastmodifieddate="${generatedAt.toISOString().slice(0, 10)}"><creator>Caudal</creator><description>${escape(graph.title)}</description></meta>`);
  out.push('  <graph defaultedgetype="directed" mode="static">');
  out.push('    <attributes class="node">');
  nodeColumns.forEach((column, index) => out.push(`      <attribute id="${index}" title="${escape(column.key)}" type="${column.type}"/>`));
  out.push('    </attributes>');
  out.push('    <attributes class="edge">');
  edgeColumns.forEach((column, index) => out.push(`      <attribute id="${index}" title="${escape(column.key)}" type="${column.type}"/>`));
  out.push('    </attributes>');
  out.push('    <nodes>');
  for (const node of graph.nodes) {
    const values = valuesOf(node)
      .map(([key, value]) => `<attvalue for="${nodeIndex.get(key)}" value="${escape(String(value))}"/>`)
      .join('');
    // Gephi's y axis points up, the chart's down.
    const position = node.x !== undefined && node.y !== undefined ? `<viz:position x="${round(node.x)}" y="${round(-node.y)}" z="0"/>` : '';
    out.push(`      <node id="${escape(node.id)}" label="${escape(node.label)}"><attvalues>${values}</attvalues>${position}</node>`);
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  for (const edge of graph.edges) {
    const values = valuesOf(edge)
      .map(([key, value]) => `<attvalue for="${edgeIndex.get(key)}" value="${escape(String(value))}"/>`)
      .join('');
    out.push(`      <edge id="${escape(edge.id)}" source="${escape(edge.source)}" target="${escape(edge.target)}" weight="${round(edge.weight)}"><attvalues>${values}</attvalues></edge>`);
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return `${out.join('\n')}\n`;
}

export function toGraphml(graph: ExportGraph): string {
  const nodeColumns = columns(graph.nodes);
  const edgeColumns = columns(graph.edges);
  const out: string[] = [];
  const type = (column: AttributeColumn) => (column.type === 'double' ? 'double' : column.type === 'boolean' ? 'boolean' : 'string');
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  out.push('  <key id="n_label" for="node" attr.name="label" attr.type="string"/>');
  out.push('  <key id="n_x" for="node" attr.name="x" attr.type="double"/>');
  out.push('  <key id="n_y" for="node" attr.name="y" attr.type="double"/>');
  out.push('  <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>');
  nodeColumns.forEach((column) => out.push(`  <key id="n_${escape(column.key)}" for="node" attr.name="${escape(column.key)}" attr.type="${type(column)}"/>`));
  edgeColumns.forEach((column) => out.push(`  <key id="e_${escape(column.key)}" for="edge" attr.name="${escape(column.key)}" attr.type="${type(column)}"/>`));
  out.push(`  <graph id="caudal" edgedefault="directed">`);
  out.push(`    <desc>${escape(graph.title)}</desc>`);
  for (const node of graph.nodes) {
    const data = [`<data key="n_label">${escape(node.label)}</data>`];
    if (node.x !== undefined && node.y !== undefined) data.push(`<data key="n_x">${round(node.x)}</data><data key="n_y">${round(node.y)}</data>`);
    for (const [key, value] of valuesOf(node)) data.push(`<data key="n_${escape(key)}">${escape(String(value))}</data>`);
    out.push(`    <node id="${escape(node.id)}">${data.join('')}</node>`);
  }
  for (const edge of graph.edges) {
    const data = [`<data key="e_weight">${round(edge.weight)}</data>`];
    for (const [key, value] of valuesOf(edge)) data.push(`<data key="e_${escape(key)}">${escape(String(value))}</data>`);
    out.push(`    <edge id="${escape(edge.id)}" source="${escape(edge.source)}" target="${escape(edge.target)}">${data.join('')}</edge>`);
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return `${out.join('\n')}\n`;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
