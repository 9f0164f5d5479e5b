import { applySuppression, type SuppressedAlert } from '../../../shared/detect/suppression';
import type { Alert } from '../../../shared/model';
import type { UnitProfile } from '../../../shared/profiles';
import type { SuppressionRuleRow } from '../../db/schema';
import type { DetectionStatus } from '../../workers/analysisClient';
import type { StoredAlertRun } from './repository';

export type DetectionOutcome =
  | { kind: 'no-data' }
  | { kind: 'missing-profile'; profileId: string }
  | { kind: 'current'; run: StoredAlertRun }
  | { kind: 'ran'; run: StoredAlertRun }
  /** Superseded or cancelled: whoever started the newer run reports it. */
  | { kind: 'stopped' };

/**
 * Everything the app knows about detection for the open case, in one value:
 * the latest run, what became of the last check, the suppression rules in
 * force and, derived from those, the alerts shown and the alerts suppressed.
 * Views read it; only the detection service changes it, through
 * `reduceDetection`, so every transition is a pure function tested in Node.
 */
export interface DetectionSnapshot {
  caseId: string | null;
  profileId: string | null;
  /** The case's profile: undefined while it loads, null when the case names a profile that does not exist. */
  profile: UnitProfile | null | undefined;
  run: StoredAlertRun | null;
  outcome: DetectionOutcome | null;
  /** Rules of the case and of its profile, revoked ones included (they stay listed). */
  rules: SuppressionRuleRow[];
  status: DetectionStatus;
  /** The run's alerts no active rule covers, in the run's order. */
  visible: Alert[];
  suppressed: SuppressedAlert[];
  countsByRule: Record<string, number>;
}

export type DetectionEvent =
  | { type: 'case-opened'; caseId: string; profileId: string }
  | { type: 'case-closed' }
  | { type: 'profile-loaded'; caseId: string; profile: UnitProfile | null }
  /** A run read from the database or just finished; an older run never replaces a newer one. */
  | { type: 'run-offered'; run: StoredAlertRun }
  | { type: 'outcome'; caseId: string; outcome: DetectionOutcome }
  | { type: 'rules-loaded'; caseId: string; rules: SuppressionRuleRow[] }
  | { type: 'status'; status: DetectionStatus };

export const IDLE_STATUS: DetectionStatus = { phase: 'idle', caseId: null, inputKey: null, fraction: 0, typologyId: null, error: null };

export const EMPTY_DETECTION: DetectionSnapshot = {
  caseId: null,
  profileId: null,
  profile: undefined,
  run: null,
  outcome: null,
  rules: [],
  status: IDLE_STATUS,
  visible: [],
  suppressed: [],
  countsByRule: {},
};

function derive(state: DetectionSnapshot): DetectionSnapshot {
  const { visible, suppressed, countsByRule } = applySuppression(state.run?.alerts ?? [], state.rules);
  return { ...state, visible, suppressed, countsByRule };
}

export function reduceDetection(state: DetectionSnapshot, event: DetectionEvent): DetectionSnapshot {
  switch (event.type) {
    case 'case-opened':
      if (state.caseId === event.caseId && state.profileId === event.profileId) return state;
      if (state.caseId === event.caseId) {
        // Same case under another profile: the old run stays on screen until the new one replaces it.
        return { ...state, profileId: event.profileId, profile: undefined, outcome: null };
      }
      return { ...EMPTY_DETECTION, status: state.status, caseId: event.caseId, profileId: event.profileId };
    case 'case-closed':
      return { ...EMPTY_DETECTION, status: state.status };
    case 'profile-loaded':
      if (event.caseId !== state.caseId) return state;
      return { ...state, profile: event.profile };
    case 'run-offered': {
      if (event.run.caseId !== state.caseId) return state;
      if (state.run && state.run.ranAt >= event.run.ranAt) return state;
      return derive({ ...state, run: event.run });
    }
    case 'outcome':
      if (event.caseId !== state.caseId) return state;
      return { ...state, outcome: event.outcome };
    case 'rules-loaded':
      if (event.caseId !== state.caseId) return state;
      return derive({ ...state, rules: [...event.rules].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)) });
    case 'status':
      return event.status === state.status ? state : { ...state, status: event.status };
  }
}
