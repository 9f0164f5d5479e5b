import { Dexie } from 'dexie';
import type { CaseRow, CaudalDatabase } from './schema';
import { newId } from './ids';
import { auditCaseCreated, auditCaseDeleted } from './auditEvents';

export interface NewCase {
  number: string;
  name: string;
  profileId: string;
  analyst: string;
  classification: string;
  notes?: string;
}

export type CaseChanges = Partial<Pick<CaseRow, 'number' | 'name' | 'profileId' | 'analyst' | 'classification' | 'notes'>>;

/** The classification markings offered when creating a case (free text is allowed too). */
export const CLASSIFICATIONS = ['RESERVADO', 'CONFIDENCIAL', 'SECRETO'] as const;

export class CaseValidationError extends Error {
  constructor(readonly field: keyof NewCase, message: string) {
    super(message);
    this.name = 'CaseValidationError';
  }
}

function validated(input: NewCase): NewCase {
  const clean = {
    number: input.number.trim(),
    name: input.name.trim(),
    profileId: input.profileId.trim(),
    analyst: input.analyst.trim(),
    classification: input.classification.trim(),
    notes: input.notes?.trim() ?? '',
  };
  if (!clean.number) throw new CaseValidationError('number', 'A case needs its reference number.');
  if (!clean.name) throw new CaseValidationError('name', 'A case needs a name.');
  if (!clean.profileId) throw new CaseValidationError('profileId', 'A case belongs to one unit profile.');
  return clean;
}

export async function createCase(db: CaudalDatabase, input: NewCase, now = Date.now()): Promise<CaseRow> {
  const clean = validated(input);
  const row: CaseRow = { id: newId(), ...clean, notes: clean.notes ?? '', createdAt: now, updatedAt: now };
  await db.cases.add(row);
  await auditCaseCreated(db, row);
  return row;
}

/** Most recently touched first: the case the analyst was working on is at the top. */
export async function listCases(db: CaudalDatabase): Promise<CaseRow[]> {
  return db.cases.orderBy('updatedAt').reverse().toArray();
}

export async function getCase(db: CaudalDatabase, caseId: string): Promise<CaseRow | undefined> {
  return db.cases.get(caseId);
}

export async function updateCase(db: CaudalDatabase, caseId: string, changes: CaseChanges, now = Date.now()): Promise<CaseRow> {
  return db.transaction('rw', db.cases, async () => {
    const current = await db.cases.get(caseId);
    if (!current) throw new Error(`Case ${caseId} does not exist.`);
    const next = validated({ ...current, ...changes });
    const row: CaseRow = { ...current, ...next, notes: next.notes ?? current.notes, updatedAt: now };
    await db.cases.put(row);
    return row;
  });
}

/**
 * Deletes a case with everything stored under it (imports, chunks, alerts,
 * triage, charts, partner packages), in one transaction so a failure midway
 * leaves the case whole.
 */
export async function deleteCase(db: CaudalDatabase, caseId: string): Promise<void> {
  const deleted = await db.cases.get(caseId);
  await db.transaction('rw', [db.cases, db.imports, db.chunks, db.alertRuns, db.triage, db.charts, db.packages, db.partyMerges, db.suppressionRules, db.styleRules, db.sourceGrades, db.relationships], async () => {
    await db.chunks.where('[caseId+kind]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).delete();
    await db.imports.where('caseId').equals(caseId).delete();
    await db.alertRuns.delete(caseId);
    await db.triage.where('caseId').equals(caseId).delete();
    await db.charts.where('caseId').equals(caseId).delete();
    // Records of packages sent (and their re-identification tables) are disclosures: they outlive the case (issue 12).
    await db.packages.where('caseId').equals(caseId).filter((row) => !row.id.startsWith('sent:')).delete();
    await db.partyMerges.where('caseId').equals(caseId).delete();
    // Rules of this case only; a rule kept in the unit profile serves its other cases.
    await db.suppressionRules.where('caseId').equals(caseId).delete();
    await db.styleRules.delete(caseId);
    await db.sourceGrades.where('caseId').equals(caseId).delete();
    // Issue 13: the case's holder/signatory/director links (schema v7).
    await db.relationships.where('caseId').equals(caseId).delete();
    await db.cases.delete(caseId);
  });
  if (deleted) await auditCaseDeleted(db, deleted);
}
