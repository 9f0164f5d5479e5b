import { useSyncExternalStore } from 'react';
import { auditDetection } from '../../db/auditEvents';
import { database } from '../../db/database';
import type { CaseRow, SuppressionRuleRow } from '../../db/schema';
import { analysisClient, type AnalysisClient, type DetectionResult } from '../../workers/analysisClient';
import { getProfile } from '../profiles/repository';
import { EMPTY_DETECTION, reduceDetection, type DetectionEvent, type DetectionOutcome, type DetectionSnapshot } from './detectionState';
import { loadAlertRun } from './repository';
import { detectionInputKey, hasCommittedData } from './runKey';
import { addRule, loadRulesFor, revokeRule, type NewSuppressionRule } from './suppressionRepository';

/**
 * The one owner of detection state. The analysis worker reports to it (through
 * the analysis client), <DetectionRunner/> tells it which case is open, and
 * every view reads its snapshot with `useDetection()`. Nothing else keeps
 * alerts: the workspace's `alerts` are this snapshot's visible alerts.
 */
export class DetectionService {
  private state: DetectionSnapshot = EMPTY_DETECTION;
  private readonly listeners = new Set<() => void>();
  private followed: { caseRow: CaseRow; generation: string } | null = null;
  /** One check at a time per case, profile and data generation: two callers must not both start a run. */
  private readonly checksInFlight = new Map<string, Promise<DetectionOutcome>>();

  constructor(private readonly client: AnalysisClient) {
    client.subscribe(() => this.dispatch({ type: 'status', status: client.getStatus() }));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DetectionSnapshot => this.state;

  private dispatch(event: DetectionEvent): void {
    const next = reduceDetection(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /**
   * The workspace opened a case, or its profile or data changed (a new
   * `generation`): show what is stored at once, then make sure the stored run
   * still matches the inputs, running detection when it does not.
   */
  async follow(caseRow: CaseRow | null, generation: string): Promise<void> {
    if (!caseRow) {
      this.followed = null;
      this.dispatch({ type: 'case-closed' });
      return;
    }
    this.followed = { caseRow, generation };
    this.dispatch({ type: 'case-opened', caseId: caseRow.id, profileId: caseRow.profileId });
    const db = database();
    const [profile, stored, rules] = await Promise.all([getProfile(db, caseRow.profileId), loadAlertRun(db, caseRow.id), loadRulesFor(db, caseRow)]);
    this.dispatch({ type: 'profile-loaded', caseId: caseRow.id, profile: profile ?? null });
    if (stored) this.dispatch({ type: 'run-offered', run: stored });
    this.dispatch({ type: 'rules-loaded', caseId: caseRow.id, rules });
    await this.ensure(caseRow, generation, false);
  }

  /** "Run detection again": re-runs whatever the stored run says. */
  rerun(): Promise<void> {
    if (!this.followed) return Promise.resolve();
    return this.ensure(this.followed.caseRow, this.followed.generation, true);
  }

  cancel(): void {
    this.client.cancel();
  }

  /** Has the analysis worker started ahead of the first run, in idle time (the app shell does it once). */
  prepare(): void {
    this.client.prepare();
  }

  async addRule(input: NewSuppressionRule): Promise<SuppressionRuleRow> {
    const caseRow = this.requireCase();
    const row = await addRule(database(), caseRow, input);
    await this.reloadRules(caseRow);
    return row;
  }

  async revokeRule(id: string): Promise<SuppressionRuleRow> {
    const caseRow = this.requireCase();
    const row = await revokeRule(database(), id);
    await this.reloadRules(caseRow);
    return row;
  }

  private requireCase(): CaseRow {
    if (!this.followed) throw new Error('No case is open.');
    return this.followed.caseRow;
  }

  private async reloadRules(caseRow: CaseRow): Promise<void> {
    this.dispatch({ type: 'rules-loaded', caseId: caseRow.id, rules: await loadRulesFor(database(), caseRow) });
  }

  private async ensure(caseRow: CaseRow, generation: string, force: boolean): Promise<void> {
    const key = `${caseRow.id}|${caseRow.profileId}|${generation}`;
    let check = force ? undefined : this.checksInFlight.get(key);
    if (!check) {
      check = this.check(caseRow, force);
      if (!force) {
        this.checksInFlight.set(key, check);
        void check.finally(() => this.checksInFlight.delete(key)).catch(() => undefined);
      }
    }
    const outcome = await check;
    this.dispatch({ type: 'outcome', caseId: caseRow.id, outcome });
  }

  private async check(caseRow: CaseRow, force: boolean): Promise<DetectionOutcome> {
    const db = database();
    const profile = await getProfile(db, caseRow.profileId);
    if (!profile) return { kind: 'missing-profile', profileId: caseRow.profileId };
    if (!(await hasCommittedData(db, caseRow.id))) return { kind: 'no-data' };
    const inputKey = await detectionInputKey(db, caseRow.id, profile);
    if (!force) {
      const stored = await loadAlertRun(db, caseRow.id);
      if (stored && stored.inputKey === inputKey) {
        this.dispatch({ type: 'run-offered', run: stored });
        return { kind: 'current', run: stored };
      }
      const joined = this.client.runningFor(inputKey);
      if (joined) return this.ran(await joined);
      // The analyst stopped this exact run: restarting it behind their back would ignore that.
      if (this.client.wasCancelled(inputKey)) return { kind: 'stopped' };
    }
    const outcome = this.ran(await this.client.run({ caseId: caseRow.id, profile, inputKey }));
    // A run that produced alerts goes into the audit trail with its profile and results hash (issue 12).
    if (outcome.kind === 'ran') await auditDetection(db, profile, { kind: 'ran', result: outcome.run });
    return outcome;
  }

  private ran(result: DetectionResult | null): DetectionOutcome {
    if (!result) return { kind: 'stopped' };
    this.dispatch({ type: 'run-offered', run: result });
    return { kind: 'ran', run: result };
  }
}

export const detectionService = new DetectionService(analysisClient);

/** The open case's detection state, for any view. */
export function useDetection(): DetectionSnapshot {
  return useSyncExternalStore(detectionService.subscribe, detectionService.getSnapshot);
}
