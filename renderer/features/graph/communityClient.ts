import type { CommunitySummary, Graph } from '../../../shared/graph';
import type { CommunityRequest, CommunityResponse } from './communityProtocol';

export interface Communities {
  communityOf: Map<string, number>;
  communities: CommunitySummary[];
  modularity: number;
  cores: Map<string, number>;
  ms: number;
}

/** One detection at a time in a worker; cancelling ends the worker (Louvain is one synchronous run). */
export class CommunityClient {
  private worker: Worker | null = null;
  private sequence = 0;
  private pending: { id: number; resolve(result: Communities): void; reject(error: Error): void } | null = null;

  run(graph: Graph, resolution = 1): Promise<Communities> {
    this.cancel();
    const worker = new Worker(new URL('./communities.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const id = ++this.sequence;
    return new Promise<Communities>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      worker.onmessage = (event: MessageEvent<CommunityResponse>) => {
        const pending = this.pending;
        if (!pending || pending.id !== event.data.id) return;
        this.pending = null;
        const data = event.data;
        if ('error' in data) pending.reject(new Error(data.error));
        else pending.resolve({ communityOf: new Map(data.communityOf), communities: data.communities, modularity: data.modularity, cores: new Map(data.cores), ms: data.ms });
        this.dispose();
      };
      worker.onerror = (event) => {
        const pending = this.pending;
        this.pending = null;
        pending?.reject(new Error(event.message || 'Community detection failed.'));
        this.dispose();
      };
      const request: CommunityRequest = {
        id,
        nodeIds: graph.nodes.map((node) => node.id),
        edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target, kind: edge.kind, count: edge.count, totals: edge.totals })),
        resolution,
      };
      worker.postMessage(request);
    });
  }

  cancel(): void {
    if (this.pending) {
      this.pending.reject(new Error('cancelled'));
      this.pending = null;
    }
    this.dispose();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
