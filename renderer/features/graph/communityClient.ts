import type { CommunitySummary, Graph } from '../../../shared/graph';
import { runTask, type TaskWorker } from '../../workers/task';
import type { CommunityRequest, CommunityResult } from './communityProtocol';

export interface Communities {
  communityOf: Map<string, number>;
  communities: CommunitySummary[];
  modularity: number;
  cores: Map<string, number>;
  ms: number;
}

/**
 * One detection at a time, each in a worker of its own on the project's task
 * protocol: a new run or a cancel aborts the one before (its promise rejects
 * with TaskCancelledError and its worker ends: Louvain is one synchronous run).
 */
export class CommunityClient {
  private running: AbortController | null = null;

  run(graph: Graph, resolution = 1): Promise<Communities> {
    this.cancel();
    const controller = new AbortController();
    this.running = controller;
    const worker = new Worker(new URL('./communities.worker.ts', import.meta.url), { type: 'module', name: 'caudal-communities' }) as unknown as TaskWorker<CommunityRequest, never, CommunityResult>;
    const request: CommunityRequest = {
      nodeIds: graph.nodes.map((node) => node.id),
      edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target, kind: edge.kind, count: edge.count, totals: edge.totals })),
      resolution,
    };
    return runTask(worker, request, { signal: controller.signal })
      .then((result) => ({ communityOf: new Map(result.communityOf), communities: result.communities, modularity: result.modularity, cores: new Map(result.cores), ms: result.ms }))
      .finally(() => {
        if (this.running === controller) this.running = null;
      });
  }

  cancel(): void {
    this.running?.abort();
    this.running = null;
  }

  dispose(): void {
    this.cancel();
  }
}
