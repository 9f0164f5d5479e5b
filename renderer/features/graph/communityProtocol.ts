import type { AmountByCurrency, CommunitySummary, EdgeKind } from '../../../shared/graph';

/** Only what community detection needs, so posting a large chart to the worker stays cheap. */
export interface CommunityRequest {
  nodeIds: string[];
  edges: { source: string; target: string; kind: EdgeKind; count: number; totals: AmountByCurrency }[];
  resolution: number;
}

/** The worker's answer, as the task protocol (renderer/workers/task.ts) carries it. */
export interface CommunityResult {
  communityOf: [string, number][];
  communities: CommunitySummary[];
  modularity: number;
  cores: [string, number][];
  ms: number;
}
