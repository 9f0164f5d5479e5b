import { buildEvidenceAnnex, evidenceHash, type AnnexRow, type DrawnEdgeRef } from '../../../shared/export';
import type { CaseDataset } from '../../../shared/model';
import type { CaudalDatabase } from '../../db/schema';
import { sourceFileNames } from '../../db/dataset';
import { formatGrade } from '../../../shared/graph';
import { readGrades } from '../graph/gradeStore';

export interface ChartEvidence {
  rows: AnnexRow[];
  hash: string;
  edgeCount: number;
}

/** The annex and its hash for what is drawn, with source files named as the analyst imported them. */
export async function chartEvidence(db: CaudalDatabase, caseId: string, edges: readonly DrawnEdgeRef[], dataset: Pick<CaseDataset, 'transactions'>): Promise<ChartEvidence> {
  const fileNames = await sourceFileNames(db, caseId);
  // Each row carries its source file's Admiralty grade (issue 15) when the analyst set one.
  const grades = await readGrades(db, caseId);
  const rows = buildEvidenceAnnex(edges, dataset, fileNames, new Map([...grades].map(([file, grade]) => [file, formatGrade(grade)])));
  return { rows, hash: evidenceHash(rows), edgeCount: edges.filter((edge) => edge.transactionIds.length > 0).length };
}
