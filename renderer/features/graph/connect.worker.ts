/// <reference lib="webworker" />
import { buildTimeIndex, timedNetwork, type TimeIndex } from '../../../shared/graph';
import type { ConnectRequest, ConnectResponse } from './connectProtocol';

/** The index of the graph last posted; a new graph replaces it (one chart at a time). */
let current: { key: number; index: TimeIndex } | null = null;

const reply = (response: ConnectResponse) => self.postMessage(response);

self.onmessage = (event: MessageEvent<ConnectRequest>) => {
  const request = event.data;
  const started = performance.now();
  try {
    if (request.type === 'index') {
      current = { key: request.key, index: buildTimeIndex(request.input) };
      reply({ type: 'indexed', key: request.key, hops: current.index.forward.to.length, ms: performance.now() - started });
      return;
    }
    if (!current || current.key !== request.key) {
      reply({ type: 'error', id: request.id, message: 'the chart changed before the search ran' });
      return;
    }
    const network = timedNetwork(current.index, request.subjects, request.blocked, request.maxHops, request.gapMs);
    reply({ type: 'network', id: request.id, nodes: network.nodes, edges: network.edges, groups: network.groups, ms: performance.now() - started });
  } catch (error) {
    reply({ type: 'error', id: request.type === 'connect' ? request.id : null, message: error instanceof Error ? error.message : String(error) });
  }
};
