import { describe, expect, it } from 'vitest';
import { sha, sourceFile, transaction, useFreshDatabase } from './helpers';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { CaseValidationError, createCase, deleteCase, listCases, updateCase } from '../../../renderer/db/cases';
import { appendChunk, beginImport, commitImport, finishImport } from '../../../renderer/db/imports';

const demo = { number: 'UIAF-2026-0042', name: 'Operación Cauce', profileId: 'co-uiaf', analyst: 'L. Gómez', classification: 'RESERVADO' };

describe('cases repository', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('creates, lists most recent first and updates cases', async () => {
    const older = await createCase(db, { ...demo, number: 'A-1' }, 1000);
    const newer = await createCase(db, { ...demo, number: '  A-2  ' }, 2000);
    expect(newer.number).toBe('A-2');
    expect((await listCases(db)).map((row) => row.id)).toEqual([newer.id, older.id]);
    await updateCase(db, older.id, { name: 'Renombrado' }, 3000);
    const listed = await listCases(db);
    expect(listed[0]).toMatchObject({ id: older.id, name: 'Renombrado', updatedAt: 3000, createdAt: 1000 });
  });

  it('refuses a case without number, name or unit profile', async () => {
    await expect(createCase(db, { ...demo, number: ' ' })).rejects.toThrow(CaseValidationError);
    await expect(createCase(db, { ...demo, name: '' })).rejects.toThrow(/name/);
    await expect(createCase(db, { ...demo, profileId: '' })).rejects.toThrow(/profile/);
    expect(await db.cases.count()).toBe(0);
  });

  it('deleting a case removes all its data and nothing of another case', async () => {
    const doomed = await createCase(db, demo);
    const kept = await createCase(db, { ...demo, number: 'B-1' });
    for (const caseRow of [doomed, kept]) {
      const importId = await beginImport(db, caseRow.id, sourceFile(sha('a')));
      await appendChunk(db, importId, caseRow.id, 'transaction', 0, [transaction('t1', sha('a'), 2)]);
      await finishImport(db, importId, sourceFile(sha('a')), []);
      await commitImport(db, importId);
      await db.alertRuns.put({ caseId: caseRow.id, profileId: 'co-uiaf', ranAt: 1, alerts: [] });
      await db.triage.put({ caseId: caseRow.id, alertId: 'x', status: 'new', notes: [], updatedAt: 1 });
      await db.charts.put({ id: `chart-${caseRow.id}`, caseId: caseRow.id, name: 'c', view: 'accounts', nodes: [], createdAt: 1, updatedAt: 1, state: {} });
      await db.partyMerges.put({ id: `merge-${caseRow.id}`, caseId: caseRow.id, decision: 'merged', keepId: 'CC:1', mergedIds: ['NAME:X'], reason: 'similar-name', records: [], confirmedAt: 1 });
    }
    await deleteCase(db, doomed.id);
    expect(await db.cases.get(doomed.id)).toBeUndefined();
    for (const table of [db.imports, db.charts, db.triage, db.partyMerges] as const) {
      expect(await table.where('caseId').equals(doomed.id).count()).toBe(0);
      expect(await table.where('caseId').equals(kept.id).count()).toBe(1);
    }
    expect(await db.chunks.count()).toBe(1);
    expect(await db.alertRuns.get(doomed.id)).toBeUndefined();
    expect(await db.alertRuns.get(kept.id)).toBeDefined();
  });
});
