import type { Alert } from '../model';
import type { Graph } from './types';

export interface EvidenceSubgraph {
  nodeIds: string[];
  edgeIds: string[];
  /** Alert accounts with no node on this chart (outside the date range, or folded away). */
  missingAccounts: string[];
}

/**
 * The part of a chart that shows an alert's evidence: the edges carrying its
 * transactions or shipments, their ends, and the nodes standing for its
 * accounts or parties. Works on every view because nodes list the accounts
 * and parties they stand for and edges the transactions they carry.
 */
export function evidenceSubgraph(graph: Graph, alert: Pick<Alert, 'accounts' | 'parties' | 'transactions' | 'shipments'>): EvidenceSubgraph {
  const transactions = new Set(alert.transactions);
  const shipments = new Set(alert.shipments ?? []);
  const accounts = new Set(alert.accounts);
  const parties = new Set(alert.parties);
  const nodeIds = new Set<string>();
  const edgeIds: string[] = [];
  for (const edge of graph.edges) {
    if (edge.kind === 'holds') continue;
    const carries = edge.transactionIds.some((id) => transactions.has(id)) || edge.shipmentIds.some((id) => shipments.has(id));
    if (!carries) continue;
    edgeIds.push(edge.id);
    nodeIds.add(edge.source);
    nodeIds.add(edge.target);
  }
  const drawnAccounts = new Set<string>();
  for (const node of graph.nodes) {
    for (const account of node.accounts) drawnAccounts.add(account);
    // A party node counts only when it is the alert's subject, not for merely holding one of many accounts.
    const standsForAccount = node.kind === 'account' && node.accounts.some((id) => accounts.has(id));
    // An account node is evidence for its own number only: its holder's other accounts are not part of the pattern.
    const standsForParty = node.kind !== 'account' && (node.parties.some((id) => parties.has(id)) || node.accounts.some((id) => accounts.has(id)));
    if (standsForAccount || standsForParty) nodeIds.add(node.id);
  }
  const missingAccounts = alert.accounts.filter((id) => !drawnAccounts.has(id));
  return { nodeIds: [...nodeIds], edgeIds, missingAccounts };
}
