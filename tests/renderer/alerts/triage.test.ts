import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import { builtinProfile } from '../../../shared/profiles';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import {
  addNote,
  changeStatus,
  countByStatus,
  loadAlertRun,
  loadTriage,
  orphanedTriage,
  saveAlertRun,
  statusOf,
  TriageError,
} from '../../../renderer/features/alerts/repository';
import { structuringDataset, useFreshDatabase } from './helpers';

const CASE = 'case-1';

describe('triage repository', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('refuses a dismissal without a reason and stores nothing', async () => {
    await expect(changeStatus(db, CASE, 'a1', 'dismissed', '   ')).rejects.toMatchObject({ code: 'reason_required' });
    expect(await db.triage.count()).toBe(0);
  });

  it('walks new → in review → escalated, keeping dated notes and the history of moves', async () => {
    await changeStatus(db, CASE, 'a1', 'in_review', '', 1000);
    await addNote(db, CASE, 'a1', '  Pedí extractos al banco  ', 2000);
    const escalated = await changeStatus(db, CASE, 'a1', 'escalated', '', 3000);
    expect(escalated.status).toBe('escalated');
    expect(escalated.notes).toEqual([{ at: 2000, text: 'Pedí extractos al banco' }]);
    expect(escalated.history).toEqual([
      { at: 1000, from: 'new', to: 'in_review' },
      { at: 3000, from: 'in_review', to: 'escalated' },
    ]);
    const stored = await loadTriage(db, CASE);
    expect(stored.get('a1')).toMatchObject({ caseId: CASE, status: 'escalated', updatedAt: 3000 });
  });

  it('keeps the reason of a dismissal and forbids jumping from dismissed straight to escalated', async () => {
    const dismissed = await changeStatus(db, CASE, 'a2', 'dismissed', 'Nómina documentada', 1000);
    expect(dismissed).toMatchObject({ status: 'dismissed', reason: 'Nómina documentada' });
    await expect(changeStatus(db, CASE, 'a2', 'escalated')).rejects.toBeInstanceOf(TriageError);
    const reopened = await changeStatus(db, CASE, 'a2', 'in_review', '', 2000);
    expect(reopened.reason).toBeUndefined();
    expect(reopened.history?.map((change) => change.to)).toEqual(['dismissed', 'in_review']);
  });

  it('refuses an empty note', async () => {
    await expect(addNote(db, CASE, 'a1', '  ')).rejects.toMatchObject({ code: 'empty_note' });
  });

  it('keeps triage attached across re-runs and profile changes, because alert ids are deterministic', async () => {
    const colombia = builtinProfile('co-uiaf');
    const ecuador = builtinProfile('ec-uafe');
    if (!colombia || !ecuador) throw new Error('built-in profiles missing');
    const data = structuringDataset();

    const first = runDetection(data, colombia);
    const structuring = first.find((alert) => alert.typology === 'structuring');
    expect(structuring).toBeDefined();
    const alertId = structuring?.id ?? '';
    await saveAlertRun(db, { caseId: CASE, profileId: 'co-uiaf', ranAt: 1, alerts: first });
    await changeStatus(db, CASE, alertId, 'escalated', '', 10);
    await addNote(db, CASE, alertId, 'Cuatro depósitos en cinco días', 11);

    // Same data, same profile: the same alert comes back with its triage.
    const second = runDetection(structuringDataset(), colombia);
    await saveAlertRun(db, { caseId: CASE, profileId: 'co-uiaf', ranAt: 2, alerts: second });
    let triage = await loadTriage(db, CASE);
    expect(second.map((alert) => alert.id)).toContain(alertId);
    expect(statusOf(triage, alertId)).toBe('escalated');
    expect(countByStatus(second, triage).escalated).toBe(1);

    // Under Ecuador's USD 10,000 threshold the deposits are not structuring: the triage is kept aside, not lost.
    const underEcuador = runDetection(structuringDataset(), ecuador);
    await saveAlertRun(db, { caseId: CASE, profileId: 'ec-uafe', ranAt: 3, alerts: underEcuador });
    expect(underEcuador.map((alert) => alert.id)).not.toContain(alertId);
    triage = await loadTriage(db, CASE);
    expect(countByStatus(underEcuador, triage).escalated).toBe(0);
    expect(orphanedTriage(underEcuador, triage).map((row) => row.alertId)).toEqual([alertId]);

    // Back under Colombia's profile the alert and its decision return together.
    const back = runDetection(structuringDataset(), colombia);
    await saveAlertRun(db, { caseId: CASE, profileId: 'co-uiaf', ranAt: 4, alerts: back });
    triage = await loadTriage(db, CASE);
    expect(statusOf(triage, alertId)).toBe('escalated');
    expect(triage.get(alertId)?.notes.map((note) => note.text)).toEqual(['Cuatro depósitos en cinco días']);
    expect((await loadAlertRun(db, CASE))?.profileId).toBe('co-uiaf');
  });

  it('counts only the current alerts per status; alerts without triage are new', () => {
    const alerts = ['x', 'y', 'z'].map((id) => ({ id }) as never);
    const triage = new Map([
      ['y', { caseId: CASE, alertId: 'y', status: 'dismissed' as const, notes: [], updatedAt: 1 }],
      ['gone', { caseId: CASE, alertId: 'gone', status: 'escalated' as const, notes: [], updatedAt: 1 }],
    ]);
    expect(countByStatus(alerts, triage)).toEqual({ new: 2, in_review: 0, escalated: 0, dismissed: 1 });
  });
});
