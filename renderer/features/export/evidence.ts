import { buildEvidenceAnnex, evidenceHash, type AnnexRow, type DrawnEdgeRef } from '../../../shared/export';
import type { CaseDataset } from '../../../shared/model';
import type { CaudalDatabase } from '../../db/schema';

export interface ChartEvidence {
  rows: AnnexRow[];
  hash: string;
  edgeCount: number;
}

/** The annex and its hash for what is drawn, with source files named as the analyst imported them. */
export async function chartEvidence(db: CaudalDatabase, caseId: string, edges: readonly DrawnEdgeRef[], dataset: Pick<CaseDataset, 'transactions'>): Promise<ChartEvidence> {
  const imports = await db.imports.where('caseId').equals(caseId).toArray();
  const fileNames = new Map(imports.map((entry) => [entry.file.sha256, entry.file.name]));
  const rows = buildEvidenceAnnex(edges, dataset, fileNames);
  return { rows, hash: evidenceHash(rows), edgeCount: edges.filter((edge) => edge.transactionIds.length > 0).length };
}
