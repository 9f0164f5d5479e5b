import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Alert } from '../../../shared/model';
import type { UnitProfile } from '../../../shared/profiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { auditDetection } from '../../db/auditEvents';
import type { CaseRow } from '../../db/schema';
import { analysisClient, type DetectionResult, type DetectionStatus } from '../../workers/analysisClient';
import { profileChanges } from '../profiles/profileEvents';
import { getProfile } from '../profiles/repository';
import { loadAlertRun, type StoredAlertRun } from './repository';
import { detectionInputKey, hasCommittedData } from './runKey';

export type DetectionOutcome =
  | { kind: 'no-data' }
  | { kind: 'missing-profile'; profileId: string }
  | { kind: 'current'; run: StoredAlertRun }
  | { kind: 'ran'; result: DetectionResult }
  /** Superseded or cancelled: whoever started the newer run reports it. */
  | { kind: 'stopped' };

/**
 * The latest run known per case, shared by every view: whichever view started
 * a run, all of them show its result. Reads can finish out of order, so an
 * older run never replaces a newer one.
 */
const latestRuns = new Map<string, StoredAlertRun>();
const runListeners = new Set<() => void>();
const runStore = {
  subscribe(listener: () => void): () => void {
    runListeners.add(listener);
    return () => runListeners.delete(listener);
  },
  get(caseId: string | undefined): StoredAlertRun | null {
    return caseId ? (latestRuns.get(caseId) ?? null) : null;
  },
  offer(run: StoredAlertRun): void {
    const current = latestRuns.get(run.caseId);
    if (current && current.ranAt >= run.ranAt) return;
    latestRuns.set(run.caseId, run);
    for (const listener of runListeners) listener();
  },
};

function record(outcome: DetectionOutcome): DetectionOutcome {
  if (outcome.kind === 'current') runStore.offer(outcome.run);
  if (outcome.kind === 'ran') runStore.offer({ ...outcome.result });
  return outcome;
}

/**
 * One check at a time per case and inputs generation: two views mounting
 * together must not both decide "no run yet" and start two runs.
 */
const checksInFlight = new Map<string, Promise<DetectionOutcome>>();

/**
 * Makes sure the open case has a detection run for its current data and
 * profile: returns the stored run when its inputs still match, joins a run
 * already in progress for the same inputs, and otherwise starts one.
 * `force` re-runs regardless ("Run detection again").
 */
export function ensureDetection(caseRow: CaseRow, options: { force?: boolean; generation?: string } = {}): Promise<DetectionOutcome> {
  if (options.force) return check(caseRow, true);
  const key = `${caseRow.id}|${caseRow.profileId}|${options.generation ?? ''}`;
  const inFlight = checksInFlight.get(key);
  if (inFlight) return inFlight;
  const promise = check(caseRow, false).finally(() => checksInFlight.delete(key));
  checksInFlight.set(key, promise);
  return promise;
}

async function check(caseRow: CaseRow, force: boolean): Promise<DetectionOutcome> {
  const db = database();
  const profile = await getProfile(db, caseRow.profileId);
  if (!profile) return { kind: 'missing-profile', profileId: caseRow.profileId };
  if (!(await hasCommittedData(db, caseRow.id))) return { kind: 'no-data' };
  const inputKey = await detectionInputKey(db, caseRow.id, profile);
  if (!force) {
    const stored = await loadAlertRun(db, caseRow.id);
    if (stored && stored.inputKey === inputKey) return record({ kind: 'current', run: stored });
    if (stored) runStore.offer(stored);
    const joined = analysisClient.runningFor(inputKey);
    if (joined) return record(outcomeOf(await joined));
    // The analyst stopped this exact run: restarting it behind their back would ignore that.
    if (analysisClient.wasCancelled(inputKey)) return { kind: 'stopped' };
  }
  return record(await auditDetection(db, profile, outcomeOf(await analysisClient.run({ caseId: caseRow.id, profile, inputKey }))));
}

function outcomeOf(result: DetectionResult | null): DetectionOutcome {
  return result ? { kind: 'ran', result } : { kind: 'stopped' };
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
 * run and one record of the latest run per case.
 */
export function useDetection(): DetectionState {
  const { caseRow, datasetVersion, alerts, setAlerts } = useWorkspace();
  const status = useSyncExternalStore(analysisClient.subscribe, analysisClient.getStatus);
  const profilesVersion = useSyncExternalStore(profileChanges.subscribe, profileChanges.getVersion);
  const caseId = caseRow?.id;
  const run = useSyncExternalStore(runStore.subscribe, () => runStore.get(caseId));
  const [profile, setProfile] = useState<UnitProfile | null | undefined>(undefined);
  const [outcome, setOutcome] = useState<DetectionOutcome | null>(null);
  const openCaseId = useRef<string | null>(null);
  openCaseId.current = caseId ?? null;

  // The workspace shows the latest run of the open case, whichever view produced it.
  useEffect(() => {
    if (run && run.caseId === caseId && !sameAlerts(alerts, run.alerts)) setAlerts(run.alerts);
  }, [run, caseId, alerts, setAlerts]);

  const start = useCallback((row: CaseRow, force: boolean, generation: string) => {
    let live = true;
    ensureDetection(row, { force, generation })
      .then((result) => {
        if (live && openCaseId.current === row.id) setOutcome(result);
      })
      .catch((error: unknown) => {
        if (live) setOutcome(null);
        console.error(error);
      });
    return () => {
      live = false;
    };
  }, []);

  const profileId = caseRow?.profileId;
  const generation = `${datasetVersion}:${profilesVersion}`;
  useEffect(() => {
    if (!caseRow) {
      setProfile(undefined);
      setOutcome(null);
      return;
    }
    let live = true;
    void getProfile(database(), caseRow.profileId).then((found) => live && setProfile(found ?? null));
    const stop = start(caseRow, false, generation);
    return () => {
      live = false;
      stop();
    };
    // Re-check when the case, its profile (or that profile's content) or its data change — not on every render of caseRow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, profileId, generation, start]);

  const rerun = useCallback(() => {
    if (caseRow) start(caseRow, true, generation);
  }, [caseRow, start, generation]);

  return { status, profile, run, outcome, rerun, cancel: () => analysisClient.cancel() };
}

/** Runs detection for whatever case is open, whichever view is showing. Renders nothing. */
export function DetectionRunner(): null {
  useDetection();
  return null;
}
