import type { Provenance, Transaction } from '../model';
import type { Graph } from './types';

/**
 * Intelligence grading (the Admiralty 6 × 6 code): each imported file gets a
 * source grade A (completely reliable) … F (cannot be judged) and an
 * information grade 1 (confirmed) … 6 (cannot be judged). A node or link is
 * only as good as the weakest file behind it.
 */
export const SOURCE_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const INFORMATION_GRADES = ['1', '2', '3', '4', '5', '6'] as const;
export type SourceGrade = (typeof SOURCE_GRADES)[number];
export type InformationGrade = (typeof INFORMATION_GRADES)[number];

export interface Grade {
  source: SourceGrade;
  information: InformationGrade;
}

export function isGrade(value: unknown): value is Grade {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return (SOURCE_GRADES as readonly unknown[]).includes(candidate.source) && (INFORMATION_GRADES as readonly unknown[]).includes(candidate.information);
}

export const formatGrade = (grade: Grade): string => `${grade.source}${grade.information}`;

/** The weaker of two grades, each axis on its own (B2 and C1 give C2); ungraded files count as F6 (cannot be judged). */
export function weakest(a: Grade, b: Grade): Grade {
  return { source: a.source > b.source ? a.source : b.source, information: a.information > b.information ? a.information : b.information };
}

export const UNGRADED: Grade = { source: 'F', information: '6' };

/**
 * A goAML file holds one or more reports, each from its own reporting entity,
 * so each report is graded on its own. Its grade key is the file's SHA-256
 * followed by the report's element path ("…/report[2]"); a record's XML path
 * names the report it sits in.
 */
const REPORT_PATH = /^(.*?\/report\[\d+\])/;

export function reportGradeKey(file: string, reportPath: string): string {
  return `${file}${reportPath}`;
}

/** The grade that applies to a record: its goAML report's own grade, else its file's; undefined when neither is graded. */
export function gradeOfSource<G>(source: Pick<Provenance, 'file' | 'path'>, grades: ReadonlyMap<string, G>): G | undefined {
  const report = source.path ? REPORT_PATH.exec(source.path)?.[1] : undefined;
  return (report !== undefined ? grades.get(reportGradeKey(source.file, report)) : undefined) ?? grades.get(source.file);
}

/** Weakest grade behind every node and link, from the files (or goAML reports) their transactions came from. */
export function gradesForGraph(graph: Graph, transactions: ReadonlyMap<string, Transaction>, gradeOfFile: ReadonlyMap<string, Grade>): Map<string, Grade> {
  const grades = new Map<string, Grade>();
  const note = (id: string, grade: Grade) => {
    const current = grades.get(id);
    grades.set(id, current ? weakest(current, grade) : grade);
  };
  for (const edge of graph.edges) {
    for (const transactionId of edge.transactionIds) {
      const tx = transactions.get(transactionId);
      if (!tx) continue;
      const grade = gradeOfSource(tx.source, gradeOfFile) ?? UNGRADED;
      note(edge.id, grade);
      note(edge.source, grade);
      note(edge.target, grade);
    }
  }
  return grades;
}
