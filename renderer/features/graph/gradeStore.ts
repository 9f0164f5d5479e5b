import { isGrade, type Grade } from '../../../shared/graph';
import type { CaudalDatabase } from '../../db/schema';

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
