import { buildAccountGraph, buildPartyGraph, buildTradeGraph, type Graph, type GraphView } from '../../../shared/graph';
import type { ExportGraph } from '../../../shared/interop/graphFiles';
import type { CaseDataset } from '../../../shared/model';
import type { DrawnEdge, Positions } from '../../graph-canvas';

const amounts = (byCurrency: Record<string, number>) =>
  Object.entries(byCurrency)
    .map(([currency, amount]) => `${currency} ${Math.round(amount * 100) / 100}`)
    .join('; ') || undefined;

/**
 * What is on the chart right now, with the engine's figures for each node and
 * edge: the drawn node ids and positions come from the canvas, their labels
 * and attributes from the case's graph for the same view.
 */
export function chartExportGraph(input: { title: string; view: GraphView; dataset: CaseDataset; positions: Positions; drawnEdges: readonly DrawnEdge[] }): ExportGraph {
  const { view, dataset, positions, drawnEdges } = input;
  const graph: Graph = view === 'accounts' ? buildAccountGraph(dataset) : view === 'parties' ? buildPartyGraph(dataset) : buildTradeGraph(dataset);
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  const edgeById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const ids = new Set(Object.keys(positions));
  for (const edge of drawnEdges) {
    ids.add(edge.source);
    ids.add(edge.target);
  }
  const nodes = [...ids].map((id) => {
    const node = nodeById.get(id);
    const position = positions[id];
    return {
      id,
      label: node?.label.replace(/\n/g, ' — ') ?? id,
      kind: node?.kind ?? 'node',
      ...(position ? { x: position.x, y: position.y } : {}),
      attributes: {
        holder: node?.holderName,
        holderId: node?.holderId,
        bank: node?.bank,
        country: node?.country,
        received: node ? amounts(node.inByCurrency) : undefined,
        sent: node ? amounts(node.outByCurrency) : undefined,
        volumeUsd: node ? Math.round(node.volumeUsd) : undefined,
        transactions: node?.transactionCount,
        degree: node?.degree,
      },
    };
  });
  const edges = drawnEdges.map((drawn) => {
    const edge = edgeById.get(drawn.id);
    return {
      id: drawn.id,
      source: drawn.source,
      target: drawn.target,
      kind: edge?.kind ?? 'payment',
      weight: edge ? Math.max(edge.weightUsd, 0) : drawn.transactionIds.length,
      attributes: {
        count: edge?.count ?? drawn.transactionIds.length,
        totals: edge ? amounts(edge.totals) : undefined,
        firstDate: edge ? new Date(edge.firstDate).toISOString().slice(0, 10) : undefined,
        lastDate: edge ? new Date(edge.lastDate).toISOString().slice(0, 10) : undefined,
        transactionIds: drawn.transactionIds.slice(0, 200).join(' ') || undefined,
      },
    };
  });
  return { title: input.title, nodes, edges };
}

/** The part of the case under the drawn edges, for an FtM export of the chart. */
export function chartDataset(dataset: CaseDataset, drawnEdges: readonly DrawnEdge[]): CaseDataset {
  const wanted = new Set(drawnEdges.flatMap((edge) => edge.transactionIds));
  const transactions = dataset.transactions.filter((t) => wanted.has(t.id));
  const accountIds = new Set(transactions.flatMap((t) => [t.fromAccount, t.toAccount]));
  const partyNumbers = new Set(transactions.flatMap((t) => [t.fromPartyId, t.toPartyId]).filter((id): id is string => id !== undefined));
  return {
    transactions,
    accounts: dataset.accounts.filter((account) => accountIds.has(account.id)),
    parties: dataset.parties.filter((party) => party.idNumber !== undefined && partyNumbers.has(party.idNumber)),
    shipments: [],
  };
}
