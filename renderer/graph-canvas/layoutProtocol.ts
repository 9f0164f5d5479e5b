import type { LayoutName, Positions } from './types';

export interface LayoutRequest {
  id: number;
  layout: LayoutName;
  nodes: { id: string; size: number }[];
  edges: { source: string; target: string }[];
  /** Nodes the analyst pinned: they keep these positions. */
  pinned: { id: string; x: number; y: number }[];
  /** Where a layered layout starts (the alert's origin, the searched account). */
  roots: string[];
  /**
   * 'full': a force layout at fcose's full quality whatever the size (the refinement that follows a large chart's
   * draft, see REFINE_FORCE_LIMIT); absent: full quality up to FULL_QUALITY_FORCE_LIMIT nodes, the draft above.
   */
  quality?: 'full';
}

/** Force layouts past this many nodes are drawn from fcose's draft first: full quality costs seconds per hundred nodes. */
export const FULL_QUALITY_FORCE_LIMIT = 200;
/**
 * Up to this many nodes a draft force layout is followed by a full-quality one in the worker, applied when it
 * lands: the draft (spectral only) leaves most nodes of a whole case drawn over one another (the demo's 790
 * accounts: 95 % of them), full quality about half as many, in 3–4 s off the UI thread. Past it the refinement
 * costs tens of seconds and the draft stays.
 */
export const REFINE_FORCE_LIMIT = 1000;

export interface LayoutResponse {
  id: number;
  positions: Positions;
  milliseconds?: number;
  error?: string;
}
