/**
 * Every action that changes or discloses case data. The list is closed: a
 * verifier reading a log knows every kind of entry it can meet.
 */
export const AUDIT_ACTIONS = [
  'analyst.create',
  'session.unlock',
  'case.create',
  'case.update',
  'case.delete',
  'case.destroy-records',
  'import.commit',
  'merge.confirm',
  'merge.reject',
  'merge.undo',
  'triage.change',
  'profile.change',
  'detection.run',
  'export.chart',
  'export.audit',
  // The signature and analysis manifest saved beside an export (issue 12, round 2).
  'export.signed',
  'package.sent',
  'package.received',
  'match.exchange',
  'backup.create',
  'backup.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);
