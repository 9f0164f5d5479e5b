import type { CaseDataset, Shipment, Transaction } from '../../../shared/model';
import type { CaudalDatabase } from '../../db/schema';

export interface EvidenceIndex {
  transactions: Map<string, Transaction>;
  shipments: Map<string, Shipment>;
  partyNames: Map<string, string>;
}

/** Built once per loaded dataset; an alert's evidence is then looked up by id without scanning a million rows. */
export function indexEvidence(dataset: CaseDataset | null): EvidenceIndex {
  const transactions = new Map<string, Transaction>();
  const shipments = new Map<string, Shipment>();
  const partyNames = new Map<string, string>();
  if (dataset) {
    for (const transaction of dataset.transactions) transactions.set(transaction.id, transaction);
    for (const shipment of dataset.shipments) shipments.set(shipment.id, shipment);
    for (const party of dataset.parties) partyNames.set(party.id, party.name);
  }
  return { transactions, shipments, partyNames };
}

/** File names by SHA-256, so provenance reads "extracto_banco.csv: 1532" rather than a hash. */
export async function sourceFileNames(db: CaudalDatabase, caseId: string): Promise<Map<string, string>> {
  const imports = await db.imports.where('caseId').equals(caseId).toArray();
  return new Map(imports.map((entry) => [entry.file.sha256, entry.file.name]));
}
