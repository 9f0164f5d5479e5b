import type { AmountByCurrency, CommunitySummary, EdgeKind } from '../../../shared/graph';

/** Only what community detection needs, so posting a large chart to the worker stays cheap. */
export interface CommunityRequest {
  id: number;
  nodeIds: string[];
  edges: { source: string; target: string; kind: EdgeKind; count: number; totals: AmountByCurrency }[];
  resolution: number;
}

export type CommunityResponse =
  | { id: number; communityOf: [string, number][]; communities: CommunitySummary[]; modularity: number; cores: [string, number][]; ms: number }
  | { id: number; error: string };
