/// <reference lib="webworker" />
import { coreNumbers, detectCommunities, type Graph, type GraphEdge, type GraphNode } from '../../../shared/graph';
import type { CommunityRequest, CommunityResponse } from './communityProtocol';

/** Louvain and k-cores off the UI thread: 10,000 nodes take long enough to freeze the page. */
self.onmessage = (event: MessageEvent<CommunityRequest>) => {
  const request = event.data;
  try {
    const started = performance.now();
    const nodes = request.nodeIds.map((id) => ({ id }) as GraphNode);
    const edges = request.edges.map((edge, index) => ({ ...edge, id: String(index) }) as GraphEdge);
    const graph: Graph = { view: 'accounts', nodes, edges, unconvertedCurrencies: [] };
    const result = detectCommunities(graph, { resolution: request.resolution });
    const cores = coreNumbers(graph);
    const response: CommunityResponse = { id: request.id, communityOf: [...result.communityOf], communities: result.communities, modularity: result.modularity, cores: [...cores], ms: performance.now() - started };
    self.postMessage(response);
  } catch (error) {
    self.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies CommunityResponse);
  }
};
