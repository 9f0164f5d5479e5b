import type { StylesheetJson } from 'cytoscape';
import { iconDataUri, KIND_COLOURS, KIND_SHAPES, NODE_KINDS } from './icons';

export const EVIDENCE_COLOUR = '#d6336c';
export const ALERT_COLOUR = '#e8590c';
export const PARTNER_COLOUR = '#9c36b5';
export const THIRD_PARTY_COLOUR = '#c92a2a';
/** Screening hits: a PEP in violet, a watch-list (sanctions) hit in deep red, both as a double border. */
export const PEP_COLOUR = '#7048e8';
export const WATCHLIST_COLOUR = '#a61e4d';

/** Labels vanish when zoomed out far enough that they would be unreadable anyway: the largest saving on big charts. */
export function chartStyle(large: boolean): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': KIND_COLOURS.account,
        'background-image': large ? 'none' : iconDataUri('account'),
        'background-fit': 'contain',
        'background-clip': 'none',
        'background-width': '70%',
        'background-height': '70%',
        'border-width': 1.5,
        'border-color': '#ffffff',
        label: 'data(label)',
        'font-size': 11,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        color: '#1d2330',
        'min-zoomed-font-size': large ? 9 : 4,
      },
    },
    // Icons cost an image draw per node per frame; on large charts (past 3,000 elements) the shape and colour carry the kind alone.
    ...NODE_KINDS.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': KIND_COLOURS[kind], shape: KIND_SHAPES[kind], 'background-image': large ? 'none' : iconDataUri(kind) },
    })) as StylesheetJson,
    ...(large ? ([{ selector: 'node', style: { 'text-background-opacity': 0, 'text-wrap': 'none' } }] as StylesheetJson) : []),
    { selector: 'node[colour]', style: { 'background-color': 'data(colour)' } },
    { selector: 'node[borderColour]', style: { 'border-width': 4, 'border-color': 'data(borderColour)' } },
    { selector: 'node[?alerted]', style: { 'border-width': 4, 'border-color': ALERT_COLOUR } },
    { selector: 'node[screened = "watchlist"]', style: { 'border-width': 6, 'border-style': 'double', 'border-color': WATCHLIST_COLOUR } },
    { selector: 'node[screened = "pep"]', style: { 'border-width': 6, 'border-style': 'double', 'border-color': PEP_COLOUR } },
    {
      // A community drawn as a compound group: a light box around its members, its name on top.
      selector: 'node[?compound]',
      style: {
        shape: 'round-rectangle',
        'background-opacity': 0.08,
        'background-image': 'none',
        'border-width': 1.5,
        'border-style': 'dashed',
        'border-color': '#868e96',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 12,
        padding: '18px',
      },
    },
    { selector: 'node[?partner]', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': PARTNER_COLOUR, 'background-opacity': 0.75 } },
    { selector: 'node[?pinned]', style: { 'outline-width': 2, 'outline-color': '#1d2330', 'outline-offset': 2 } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': '#8792a6',
        'target-arrow-color': '#8792a6',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'haystack' : 'bezier',
        opacity: 0.85,
        'font-size': 10,
        'text-wrap': 'wrap',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'edge[?undirected]', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge[colour]', style: { 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)' } },
    { selector: 'edge[kind = "holds"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none', 'line-color': '#adb5bd' } },
    { selector: 'edge[kind = "shipment"]', style: { 'line-color': '#a0522d', 'target-arrow-color': '#a0522d' } },
    { selector: 'edge[kind = "route"], edge[kind = "goods"]', style: { 'line-color': '#c5cbd6', 'target-arrow-color': '#c5cbd6', 'line-style': 'dashed' } },
    { selector: 'edge[?thirdParty]', style: { 'line-color': THIRD_PARTY_COLOUR, 'target-arrow-color': THIRD_PARTY_COLOUR } },
    { selector: 'edge[?partner]', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 4], 'line-color': PARTNER_COLOUR, 'target-arrow-color': PARTNER_COLOUR } },
    { selector: '.dimmed', style: { opacity: 0.18, 'text-opacity': 0 } },
    { selector: 'node.evidence', style: { 'border-width': 5, 'border-color': EVIDENCE_COLOUR, 'z-index': 10, 'font-size': 13, 'min-zoomed-font-size': 3 } },
    {
      selector: 'edge.evidence',
      style: { 'line-color': EVIDENCE_COLOUR, 'target-arrow-color': EVIDENCE_COLOUR, opacity: 1, 'z-index': 10, label: 'data(label)', 'curve-style': 'bezier' },
    },
    { selector: 'node:selected', style: { 'overlay-color': '#0b5cad', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad', label: 'data(label)', 'z-index': 11 } },
  ];
}
