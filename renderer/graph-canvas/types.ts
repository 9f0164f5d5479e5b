import type { EdgeKind, NodeKind } from '../../shared/graph';

/** What the canvas draws for one node; sizes and widths are already in pixels. */
export interface CanvasNode {
  id: string;
  kind: NodeKind;
  /** One or two lines ("\n"), drawn under the node. */
  label: string;
  size: number;
  /** Flagged by at least one alert of the case. */
  alerted?: boolean;
  /** From a partner unit's package: drawn dashed and labelled as such. */
  partner?: boolean;
  position?: { x: number; y: number };
  pinned?: boolean;
  /** Fill overriding the kind's colour (community colouring, styling rules). */
  colour?: string;
  /** Border overriding the default (styling rules). */
  borderColour?: string;
  /** A short mark drawn above the node (styling rules: "PEP", "!", a grade). */
  badge?: string;
  /** Screening hit on the node's party: drawn with a double border and the mark before the label. */
  screened?: 'pep' | 'watchlist';
  /** The mark's text in the analyst's language ("PEP", "LISTA"). */
  screenMark?: string;
  /** The compound group (a community) this node is drawn inside. */
  parent?: string;
  /** A compound group: drawn as a box around its children, never laid out on its own. */
  group?: boolean;
}

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  width: number;
  /** Shown on highlighted or selected edges (count and totals). */
  label: string;
  partner?: boolean;
  thirdParty?: boolean;
  /** Drawn without an arrow: one line standing for both directions of a pair. */
  undirected?: boolean;
  /** Line colour overriding the default (styling rules). */
  colour?: string;
  transactionIds: string[];
}

export type LayoutName = 'force' | 'concentric' | 'layered' | 'grid' | 'breadthfirst';

export type Positions = Record<string, { x: number; y: number }>;

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  transactionIds: string[];
}

export type CanvasSelection = { type: 'node' | 'edge'; id: string } | null;

export interface GraphCanvasHandle {
  /**
   * Replaces everything drawn; nodes with a position keep it, the others wait
   * for `applyPositions` or a layout. Large charts arrive in slices; the
   * promise settles once everything is in.
   */
  setElements(nodes: CanvasNode[], edges: CanvasEdge[]): Promise<void>;
  applyPositions(positions: Positions): void;
  getPositions(): Positions;
  /** Emphasises these nodes and edges and dims everything else; null clears. */
  highlight(selection: { nodeIds: string[]; edgeIds: string[] } | null): void;
  /** Fits the view to these nodes (all when empty). */
  fit(nodeIds?: string[]): void;
  /** Where the view stands (zoom and pan), to tell whether the analyst moved it since. */
  viewport(): string;
  /** The canvas's size on screen, in pixels (a layout is turned to suit it: orientation.ts). */
  size(): { width: number; height: number };
  setPinned(nodeIds: string[], pinned: boolean): void;
  /** Marks exactly these nodes as flagged by an alert (the others unmarked), without drawing the chart again. */
  setAlerted(nodeIds: ReadonlySet<string>): void;
  exportPng(scale: 1 | 2 | 4): Promise<Blob>;
  exportSvg(): string;
  getDrawnEdges(): DrawnEdge[];
  nodeCount(): number;
}
