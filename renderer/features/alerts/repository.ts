import type { Alert, AlertStatus } from '../../../shared/model';
import type { AlertRunRow, CaudalDatabase, TriageRow } from '../../db/schema';
import { auditTriage } from '../../db/auditEvents';

/**
 * A stored detection run. `inputKey` fingerprints what the run was computed
 * from (committed imports, the profile's content, the detector set), so the
 * workspace can tell a run that still matches the case from a stale one
 * without re-running detection on every open.
 */
export interface StoredAlertRun extends AlertRunRow {
  inputKey?: string;
}

/** One status change, kept so a prosecutor can see who decided what and when (the analyst is the case's). */
export interface TriageStatusChange {
  at: number;
  from: AlertStatus;
  to: AlertStatus;
  reason?: string;
}

export interface TriageRecord extends TriageRow {
  history?: TriageStatusChange[];
}

export const DEFAULT_STATUS: AlertStatus = 'new';

/**
 * The triage workflow: new → in review → escalated, or dismissed with a
 * reason. Escalated and dismissed alerts can be reopened for review, because
 * analysts change their minds when new data arrives, and the history keeps
 * every step.
 */
export const ALLOWED_TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['in_review', 'escalated', 'dismissed'],
  in_review: ['escalated', 'dismissed'],
  escalated: ['in_review', 'dismissed'],
  dismissed: ['in_review'],
};

export class TriageError extends Error {
  constructor(
    readonly code: 'reason_required' | 'transition_not_allowed' | 'empty_note',
    message: string,
  ) {
    super(message);
    this.name = 'TriageError';
  }
}

export async function loadAlertRun(db: CaudalDatabase, caseId: string): Promise<StoredAlertRun | undefined> {
  return db.alertRuns.get(caseId);
}

export async function saveAlertRun(db: CaudalDatabase, run: StoredAlertRun): Promise<void> {
  await db.alertRuns.put(run);
}

/** Every triage decision of a case, by alert id. Alerts without an entry are `new`. */
export async function loadTriage(db: CaudalDatabase, caseId: string): Promise<Map<string, TriageRecord>> {
  const rows: TriageRecord[] = await db.triage.where('caseId').equals(caseId).toArray();
  return new Map(rows.map((row) => [row.alertId, row]));
}

function blank(caseId: string, alertId: string, now: number): TriageRecord {
  return { caseId, alertId, status: DEFAULT_STATUS, notes: [], updatedAt: now, history: [] };
}

/**
 * Moves an alert to a new status. Dismissal needs a reason (it is what a
 * supervisor or prosecutor asks first); other moves may carry one.
 */
export async function changeStatus(
  db: CaudalDatabase,
  caseId: string,
  alertId: string,
  to: AlertStatus,
  reason = '',
  now = Date.now(),
): Promise<TriageRecord> {
  const cleanReason = reason.trim();
  if (to === 'dismissed' && !cleanReason) {
    throw new TriageError('reason_required', `Dismissing alert ${alertId} needs a reason.`);
  }
  return db.transaction('rw', db.triage, async () => {
    const current: TriageRecord = (await db.triage.get([caseId, alertId])) ?? blank(caseId, alertId, now);
    if (current.status === to) return current;
    if (!ALLOWED_TRANSITIONS[current.status].includes(to)) {
      throw new TriageError('transition_not_allowed', `Alert ${alertId} cannot go from ${current.status} to ${to}.`);
    }
    const change: TriageStatusChange = { at: now, from: current.status, to, ...(cleanReason ? { reason: cleanReason } : {}) };
    const next: TriageRecord = {
      ...current,
      status: to,
      // The reason on the row is the reason for the current status only.
      reason: cleanReason || undefined,
      updatedAt: now,
      history: [...(current.history ?? []), change],
    };
    if (!next.reason) delete next.reason;
    await db.triage.put(next);
    return next;
  }).then((record) => auditTriage(db, record, 'status'));
}

export async function addNote(db: CaudalDatabase, caseId: string, alertId: string, text: string, now = Date.now()): Promise<TriageRecord> {
  const clean = text.trim();
  if (!clean) throw new TriageError('empty_note', `A note on alert ${alertId} needs some text.`);
  return db.transaction('rw', db.triage, async () => {
    const current: TriageRecord = (await db.triage.get([caseId, alertId])) ?? blank(caseId, alertId, now);
    const next: TriageRecord = { ...current, notes: [...current.notes, { at: now, text: clean }], updatedAt: now };
    await db.triage.put(next);
    return next;
  }).then((record) => auditTriage(db, record, 'note'));
}

export function statusOf(triage: ReadonlyMap<string, TriageRecord>, alertId: string): AlertStatus {
  return triage.get(alertId)?.status ?? DEFAULT_STATUS;
}

/** How many of the current alerts sit in each status (triage of alerts no longer produced is not counted). */
export function countByStatus(alerts: readonly Alert[], triage: ReadonlyMap<string, TriageRecord>): Record<AlertStatus, number> {
  const counts: Record<AlertStatus, number> = { new: 0, in_review: 0, escalated: 0, dismissed: 0 };
  for (const alert of alerts) counts[statusOf(triage, alert.id)] += 1;
  return counts;
}

/** Triage decisions on alerts the current run no longer produces (e.g. after a profile change): kept, and shown. */
export function orphanedTriage(alerts: readonly Alert[], triage: ReadonlyMap<string, TriageRecord>): TriageRecord[] {
  const current = new Set(alerts.map((alert) => alert.id));
  return [...triage.values()].filter((row) => !current.has(row.alertId) && (row.status !== DEFAULT_STATUS || row.notes.length > 0));
}
