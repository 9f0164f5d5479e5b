import { transactionSources } from '../../../shared/import/statement/match';
import type { DateRange, GraphEdge, GraphNode } from '../../../shared/graph';
import type { CaseDataset, Transaction } from '../../../shared/model';
import type { DetailRow } from './DetailsPanel';

/** The rows under the selected link (its transactions, or shipments) or node (every movement of its accounts in the range). */
export function detailRowsFor(dataset: CaseDataset, transactionsById: ReadonlyMap<string, Transaction>, selectedNode: GraphNode | null, selectedEdge: GraphEdge | null, range: DateRange | null): DetailRow[] {
  const toRow = (tx: Transaction): DetailRow => ({ id: tx.id, date: tx.timestamp, from: tx.fromAccount, to: tx.toAccount, amount: tx.amount, currency: tx.currency, source: tx.source, sources: transactionSources(tx) });
  const shipmentRows = (ids: readonly string[]): DetailRow[] => {
    const wanted = new Set(ids);
    return dataset.shipments.filter((shipment) => wanted.has(shipment.id)).map((shipment) => ({ id: shipment.id, date: shipment.date, from: shipment.exporter, to: shipment.importer, amount: shipment.declaredValue, currency: shipment.currency, source: shipment.source }));
  };
  if (selectedEdge) {
    const rows = selectedEdge.transactionIds.flatMap((id) => {
      const tx = transactionsById.get(id);
      return tx ? [toRow(tx)] : [];
    });
    if (selectedEdge.shipmentIds.length > 0 && selectedEdge.kind !== 'payment') rows.push(...shipmentRows(selectedEdge.shipmentIds));
    return rows;
  }
  if (selectedNode) {
    const accounts = new Set(selectedNode.accounts);
    const rows: DetailRow[] = [];
    for (const tx of dataset.transactions) {
      if (range && ((range.from !== undefined && tx.timestamp < range.from) || (range.to !== undefined && tx.timestamp > range.to))) continue;
      if (accounts.has(tx.fromAccount) || accounts.has(tx.toAccount)) rows.push(toRow(tx));
    }
    if (selectedNode.shipments.length > 0) rows.push(...shipmentRows(selectedNode.shipments));
    return rows;
  }
  return [];
}
