import type { NodeKind } from '../../shared/graph';

/**
 * White glyphs drawn inside each node so the kind reads at a glance and
 * survives greyscale printing: a card for an account, a bust for a person, a
 * building for a company, columns for a bank, an anchor for a port, a globe
 * for a country, a crate for goods. Inline SVG: nothing is fetched.
 */
const GLYPHS: Record<NodeKind, string> = {
  account: '<rect x="5" y="11" width="30" height="19" rx="3" fill="none" stroke="#fff" stroke-width="2.6"/><rect x="5" y="15.5" width="30" height="4" fill="#fff"/><rect x="9" y="24" width="9" height="2.6" fill="#fff"/>',
  person: '<circle cx="20" cy="14" r="6.5" fill="#fff"/><path d="M7 33c0-8 6-12 13-12s13 4 13 12z" fill="#fff"/>',
  company: '<path d="M9 33V9h14v24M23 15h9v18" fill="none" stroke="#fff" stroke-width="2.6"/><path d="M13 13h2M17 13h2M13 18h2M17 18h2M13 23h2M17 23h2M27 20h2M27 25h2" stroke="#fff" stroke-width="2.6"/><path d="M6 33h28" stroke="#fff" stroke-width="2.6"/>',
  bank: '<path d="M6 15 20 7l14 8z" fill="#fff"/><path d="M10 17v12M16 17v12M24 17v12M30 17v12" stroke="#fff" stroke-width="3"/><path d="M6 32h28" stroke="#fff" stroke-width="3"/>',
  port: '<circle cx="20" cy="9.5" r="3" fill="none" stroke="#fff" stroke-width="2.4"/><path d="M20 12.5V33M13 18h14M8 24c1 6 6 9 12 9s11-3 12-9" fill="none" stroke="#fff" stroke-width="2.6"/>',
  country: '<circle cx="20" cy="20" r="12" fill="none" stroke="#fff" stroke-width="2.4"/><ellipse cx="20" cy="20" rx="5" ry="12" fill="none" stroke="#fff" stroke-width="2"/><path d="M8 20h24M10 14h20M10 26h20" stroke="#fff" stroke-width="2"/>',
  goods: '<path d="M7 13 20 7l13 6v14l-13 6-13-6z M7 13l13 6 13-6M20 19v14" fill="none" stroke="#fff" stroke-width="2.4" stroke-linejoin="round"/>',
};

export const KIND_COLOURS: Record<NodeKind, string> = {
  account: '#2f62a6',
  person: '#2b8a57',
  company: '#6d48a8',
  bank: '#46505f',
  port: '#0f7c8c',
  country: '#8a6a14',
  goods: '#a0522d',
};

export const KIND_SHAPES: Record<NodeKind, string> = {
  account: 'round-rectangle',
  person: 'ellipse',
  company: 'rectangle',
  bank: 'round-pentagon',
  port: 'round-hexagon',
  country: 'ellipse',
  goods: 'round-diamond',
};

export function iconDataUri(kind: NodeKind): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">${GLYPHS[kind]}</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export const NODE_KINDS = Object.keys(GLYPHS) as NodeKind[];
