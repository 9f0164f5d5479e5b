/// <reference lib="webworker" />
import { coreNumbers, detectCommunities, type Graph, type GraphEdge, type GraphNode } from '../../../shared/graph';
import { serveTask, type TaskScope } from '../../workers/task';
import type { CommunityRequest, CommunityResult } from './communityProtocol';

/**
 * Louvain and k-cores off the UI thread: 10,000 nodes take long enough to freeze the page.
 * One synchronous run per worker, so a cancel ends the worker (the task protocol's rule).
 */
serveTask(self as unknown as TaskScope<CommunityRequest, never, CommunityResult>, async (request) => {
  const started = performance.now();
  const nodes = request.nodeIds.map((id) => ({ id }) as GraphNode);
  const edges = request.edges.map((edge, index) => ({ ...edge, id: String(index) }) as GraphEdge);
  const graph: Graph = { view: 'accounts', nodes, edges, unconvertedCurrencies: [] };
  const result = detectCommunities(graph, { resolution: request.resolution });
  const cores = coreNumbers(graph);
  return { communityOf: [...result.communityOf], communities: result.communities, modularity: result.modularity, cores: [...cores], ms: performance.now() - started };
});
