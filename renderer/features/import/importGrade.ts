import { INFORMATION_GRADES, SOURCE_GRADES, type Grade, type InformationGrade, type SourceGrade } from '../../../shared/graph';
import type { CaudalDatabase } from '../../db/schema';
import { saveGrade } from '../graph/gradeStore';

/**
 * The Admiralty grade the analyst gives the files about to be imported
 * (issue 15 item 9: graded at import). Either axis may still be unset: a
 * grade is only stored once both are chosen, and the files are otherwise
 * imported ungraded (the chart then counts them as F6). The grade itself is
 * stored by the chart's grade store, the one owner of the rule; the chart's
 * Grades panel can change it later.
 */
export interface GradeDraft {
  source: SourceGrade | '';
  information: InformationGrade | '';
}

export const UNGRADED_DRAFT: GradeDraft = { source: '', information: '' };

export type GradeDraftStatus = 'ungraded' | 'incomplete' | 'graded';

export function draftStatus(draft: GradeDraft): GradeDraftStatus {
  if (draft.source && draft.information) return 'graded';
  return draft.source || draft.information ? 'incomplete' : 'ungraded';
}

export function gradeOfDraft(draft: GradeDraft): Grade | null {
  return draft.source && draft.information ? { source: draft.source, information: draft.information } : null;
}

/** A select's value as one axis of the draft: anything that is not a grade letter (a tampered option) clears the axis. */
export function withSource(draft: GradeDraft, value: string): GradeDraft {
  return { ...draft, source: (SOURCE_GRADES as readonly string[]).includes(value) ? (value as SourceGrade) : '' };
}

export function withInformation(draft: GradeDraft, value: string): GradeDraft {
  return { ...draft, information: (INFORMATION_GRADES as readonly string[]).includes(value) ? (value as InformationGrade) : '' };
}

/**
 * Stores the draft's grade for a file just committed (keyed by its SHA-256,
 * as the chart reads it). Returns the grade stored, or null when the draft
 * is not a full grade (nothing is written: the file stays ungraded).
 */
export async function saveImportGrade(db: CaudalDatabase, caseId: string, fileSha256: string, draft: GradeDraft, now = Date.now()): Promise<Grade | null> {
  const grade = gradeOfDraft(draft);
  if (!grade) return null;
  await saveGrade(db, caseId, fileSha256, grade, now);
  return grade;
}
