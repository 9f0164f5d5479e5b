import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Alert } from '../../../shared/model';
import type { UnitProfile } from '../../../shared/profiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import type { CaseRow } from '../../db/schema';
import { analysisClient, type DetectionResult, type DetectionStatus } from '../../workers/analysisClient';
import { profileChanges } from '../profiles/profileEvents';
import { getProfile } from '../profiles/repository';
import { loadAlertRun, type StoredAlertRun } from './repository';
import { detectionInputKey, hasCommittedData } from './runKey';

export type DetectionOutcome =
  | { kind: 'no-case' }
  | { kind: 'no-data' }
  | { kind: 'missing-profile'; profileId: string }
  | { kind: 'current'; run: StoredAlertRun }
  | { kind: 'ran'; result: DetectionResult }
  /** Superseded or cancelled: whoever started the newer run reports it. */
  | { kind: 'stopped' };

/**
 * Makes sure the open case has a detection run for its current data and
 * profile: returns the stored run when its inputs still match, joins a run
 * already in progress for the same inputs, and otherwise starts one.
 * `force` re-runs regardless ("Run detection again").
 */
export async function ensureDetection(caseRow: CaseRow, options: { force?: boolean } = {}): Promise<DetectionOutcome> {
  const db = database();
  const profile = await getProfile(db, caseRow.profileId);
  if (!profile) return { kind: 'missing-profile', profileId: caseRow.profileId };
  if (!(await hasCommittedData(db, caseRow.id))) return { kind: 'no-data' };
  const inputKey = await detectionInputKey(db, caseRow.id, profile);
  if (!options.force) {
    const stored = await loadAlertRun(db, caseRow.id);
    if (stored && stored.inputKey === inputKey) return { kind: 'current', run: stored };
    const joined = analysisClient.runningFor(inputKey);
    if (joined) return outcomeOf(await joined);
    // The analyst stopped this exact run: restarting it behind their back would ignore that.
    if (analysisClient.wasCancelled(inputKey)) return { kind: 'stopped' };
  }
  return outcomeOf(await analysisClient.run({ caseId: caseRow.id, profile, inputKey }));
}

function outcomeOf(result: DetectionResult | null): DetectionOutcome {
  return result ? { kind: 'ran', result } : { kind: 'stopped' };
}

/** Reads can finish out of order; the run shown is always the latest one of the open case. */
function newer(current: StoredAlertRun | null, candidate: StoredAlertRun): StoredAlertRun {
  return current && current.caseId === candidate.caseId && current.ranAt > candidate.ranAt ? current : candidate;
}

function sameAlerts(a: readonly Alert[], b: readonly Alert[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((alert, index) => alert.id === b[index]?.id && alert.score === b[index]?.score);
}

export interface DetectionState {
  status: DetectionStatus;
  /** The open case's profile: undefined while it loads, null when the case names a profile that does not exist. */
  profile: UnitProfile | null | undefined;
  run: StoredAlertRun | null;
  outcome: DetectionOutcome | null;
  rerun(): void;
  cancel(): void;
}

/**
 * Keeps the workspace's alerts in step with the open case. Mounted by every
 * view that shows alerts and by <DetectionRunner/>; they share one worker
 * run, and only a mounted view showing the run's case applies its result.
 */
export function useDetection(): DetectionState {
  const { caseRow, datasetVersion, alerts, setAlerts } = useWorkspace();
  const status = useSyncExternalStore(analysisClient.subscribe, analysisClient.getStatus);
  const profilesVersion = useSyncExternalStore(profileChanges.subscribe, profileChanges.getVersion);
  const [profile, setProfile] = useState<UnitProfile | null | undefined>(undefined);
  const [run, setRun] = useState<StoredAlertRun | null>(null);
  const [outcome, setOutcome] = useState<DetectionOutcome | null>(null);
  const openCaseId = useRef<string | null>(null);
  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;
  openCaseId.current = caseRow?.id ?? null;

  const apply = useCallback(
    (result: DetectionOutcome) => {
      setOutcome(result);
      const applied = result.kind === 'ran' ? result.result : result.kind === 'current' ? result.run : null;
      if (!applied || applied.caseId !== openCaseId.current) return;
      const next: StoredAlertRun = { caseId: applied.caseId, profileId: applied.profileId, ranAt: applied.ranAt, alerts: applied.alerts, inputKey: applied.inputKey };
      setRun((current) => newer(current, next));
      if (!sameAlerts(alertsRef.current, applied.alerts)) setAlerts(applied.alerts);
    },
    [setAlerts],
  );

  const start = useCallback(
    (row: CaseRow, force: boolean) => {
      let live = true;
      ensureDetection(row, { force })
        .then((result) => {
          if (live && openCaseId.current === row.id) apply(result);
        })
        .catch((error: unknown) => {
          if (live) setOutcome(null);
          console.error(error);
        });
      return () => {
        live = false;
      };
    },
    [apply],
  );

  const caseId = caseRow?.id;
  const profileId = caseRow?.profileId;
  useEffect(() => {
    if (!caseRow) {
      setProfile(undefined);
      setRun(null);
      setOutcome({ kind: 'no-case' });
      return;
    }
    let live = true;
    const db = database();
    void getProfile(db, caseRow.profileId).then((found) => live && setProfile(found ?? null));
    setRun((current) => (current?.caseId === caseRow.id ? current : null));
    void loadAlertRun(db, caseRow.id).then((stored) => live && stored && setRun((current) => newer(current, stored)));
    const stop = start(caseRow, false);
    return () => {
      live = false;
      stop();
    };
    // Re-check when the case, its profile (or that profile's content) or its data change — not on every render of caseRow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, profileId, datasetVersion, profilesVersion, start]);

  const rerun = useCallback(() => {
    if (caseRow) start(caseRow, true);
  }, [caseRow, start]);

  return { status, profile, run, outcome, rerun, cancel: () => analysisClient.cancel() };
}

/** Runs detection for whatever case is open, whichever view is showing. Renders nothing. */
export function DetectionRunner(): null {
  useDetection();
  return null;
}
