import { isGrade, reportGradeKey, type Grade } from '../../../shared/graph';
import type { CaudalDatabase, ImportRow } from '../../db/schema';

/** Grades per file SHA-256 for a case; rows that are not a valid grade are ignored (the file then counts as ungraded, F6). */
export async function readGrades(db: CaudalDatabase, caseId: string): Promise<Map<string, Grade>> {
  const rows = await db.sourceGrades.where('caseId').equals(caseId).toArray();
  const grades = new Map<string, Grade>();
  for (const row of rows) {
    const grade = { source: row.source, information: row.information };
    if (isGrade(grade)) grades.set(row.file, grade);
  }
  return grades;
}

export async function saveGrade(db: CaudalDatabase, caseId: string, file: string, grade: Grade, now = Date.now()): Promise<void> {
  if (!isGrade(grade)) throw new Error(`not an Admiralty grade: ${JSON.stringify(grade)}`);
  await db.sourceGrades.put({ caseId, file, source: grade.source, information: grade.information, updatedAt: now });
}

/** Something the analyst grades: an imported file, or one report inside a goAML file. */
export interface GradedSource {
  /** The file's SHA-256, or a goAML report's key (reportGradeKey). */
  key: string;
  name: string;
  /** A report inside the file listed just before it. */
  report?: { ordinal: number; code?: string; reference?: string };
}

interface StoredReport {
  ordinal: number;
  path: string;
  reportCode?: string;
  entityReference?: string;
}

/** Reads the report headers a goAML import stored with its file; anything else (or a malformed entry) gives none. */
function goamlReports(mapping: unknown): StoredReport[] {
  if (!mapping || typeof mapping !== 'object') return [];
  const { format, reports } = mapping as { format?: unknown; reports?: unknown };
  if (format !== 'goaml' || !Array.isArray(reports)) return [];
  return reports.flatMap((entry: unknown) => {
    if (!entry || typeof entry !== 'object') return [];
    const { ordinal, path, reportCode, entityReference } = entry as Record<string, unknown>;
    if (typeof ordinal !== 'number' || typeof path !== 'string' || !/^(\/[\w-]+\[\d+\])*\/report\[\d+\]$/.test(path)) return [];
    return [{ ordinal, path, ...(typeof reportCode === 'string' ? { reportCode } : {}), ...(typeof entityReference === 'string' ? { entityReference } : {}) }];
  });
}

/** The case's gradable sources in import order: every file, and under a goAML file each of its reports. */
export function gradedSources(imports: readonly Pick<ImportRow, 'file'>[]): GradedSource[] {
  const sources: GradedSource[] = [];
  for (const { file } of imports) {
    sources.push({ key: file.sha256, name: file.name });
    const reports = goamlReports(file.mapping);
    // One report is the file itself: grading the file grades it.
    if (reports.length < 2) continue;
    for (const report of reports) {
      sources.push({ key: reportGradeKey(file.sha256, report.path), name: file.name, report: { ordinal: report.ordinal, ...(report.reportCode ? { code: report.reportCode } : {}), ...(report.entityReference ? { reference: report.entityReference } : {}) } });
    }
  }
  return sources;
}
