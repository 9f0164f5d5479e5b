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
}

export interface LayoutResponse {
  id: number;
  positions: Positions;
  milliseconds?: number;
  error?: string;
}
