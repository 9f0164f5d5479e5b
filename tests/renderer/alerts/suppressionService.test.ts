import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDetection } from '../../../shared/detect';
import type { Alert } from '../../../shared/model';
import { builtinProfile } from '../../../shared/profiles';
import { useDatabaseForTests } from '../../../renderer/db/database';
import { deleteCase } from '../../../renderer/db/cases';
import type { CaseRow, CaudalDatabase } from '../../../renderer/db/schema';
import { DetectionService } from '../../../renderer/features/alerts/detectionService';
import type { StoredAlertRun } from '../../../renderer/features/alerts/repository';
import { addRule, loadRulesFor, revokeRule, SuppressionRuleError } from '../../../renderer/features/alerts/suppressionRepository';
import { AnalysisClient, type AnalysisRequest, type AnalysisResponse, type WorkerLike } from '../../../renderer/workers/analysisClient';
import { FILE_SHA, freshDatabase, structuringDataset, useFreshDatabase } from './helpers';

class FakeWorker implements WorkerLike {
  posted: AnalysisRequest[] = [];
  onmessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: AnalysisRequest) {
    this.posted.push(message);
  }
  terminate() {}
  reply(message: AnalysisResponse) {
    this.onmessage?.({ data: message } as MessageEvent<AnalysisResponse>);
  }
}

const CASE: CaseRow = { id: 'case-1', number: 'C-1', name: 'Caso', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO', createdAt: 1, updatedAt: 1, notes: '' };

async function untilTrue(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe('suppression rules in the database', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('stores case and profile rules apart and finds both for the case', async () => {
    await addRule(db, CASE, { target: { kind: 'account', account: 'HUB', role: 'payroll-hub' }, typologies: [], note: 'nómina', scope: 'case' }, 10);
    await addRule(db, CASE, { target: { kind: 'pair', accounts: ['A', 'B'], relation: 'family' }, typologies: [], note: 'esposos', scope: 'profile' }, 11);
    await addRule(db, { id: 'case-2', profileId: 'ec-uafe' }, { target: { kind: 'account', account: 'X', role: 'merchant' }, typologies: [], note: 'tienda', scope: 'profile' }, 12);
    const rules = await loadRulesFor(db, CASE);
    expect(rules.map((rule) => [rule.note, rule.caseId ?? null, rule.profileId ?? null]).sort()).toEqual([
      ['esposos', null, 'co-uiaf'],
      ['nómina', 'case-1', null],
    ]);
    // Another case under the same profile sees the profile rule only.
    expect((await loadRulesFor(db, { id: 'case-3', profileId: 'co-uiaf' })).map((rule) => rule.note)).toEqual(['esposos']);
  });

  it('refuses a rule without a reason and stores nothing', async () => {
    await expect(addRule(db, CASE, { target: { kind: 'account', account: 'HUB', role: 'other' }, typologies: [], note: ' ', scope: 'case' })).rejects.toBeInstanceOf(SuppressionRuleError);
    expect(await db.suppressionRules.count()).toBe(0);
  });

  it('undoing keeps the rule with the time it was undone', async () => {
    const row = await addRule(db, CASE, { target: { kind: 'account', account: 'HUB', role: 'other' }, typologies: [], note: 'x', scope: 'case' }, 10);
    const undone = await revokeRule(db, row.id, 20);
    expect(undone.revokedAt).toBe(20);
    expect((await db.suppressionRules.get(row.id))?.revokedAt).toBe(20);
  });

  it('deleting a case removes its own rules but not the profile’s', async () => {
    await db.cases.put(CASE);
    await addRule(db, CASE, { target: { kind: 'account', account: 'HUB', role: 'other' }, typologies: [], note: 'caso', scope: 'case' });
    await addRule(db, CASE, { target: { kind: 'account', account: 'HUB', role: 'other' }, typologies: [], note: 'perfil', scope: 'profile' });
    await deleteCase(db, CASE.id);
    expect((await db.suppressionRules.toArray()).map((rule) => rule.note)).toEqual(['perfil']);
  });
});

describe('the detection service', () => {
  let db: CaudalDatabase;
  beforeEach(() => {
    db = freshDatabase();
    useDatabaseForTests(db);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('runs detection once for the open case, applies a rule made from an alert, re-runs and still counts it suppressed, and undoes it', async () => {
    const profile = builtinProfile('co-uiaf');
    if (!profile) throw new Error('co-uiaf missing');
    await db.cases.put(CASE);
    await db.imports.put({ id: `${CASE.id}:${FILE_SHA}`, caseId: CASE.id, status: 'committed', file: { sha256: FILE_SHA, name: 'caja.csv', size: 1, importedAt: 1, kind: 'transactions', rows: 4 } as never, quarantine: [] });
    const alerts: Alert[] = runDetection(structuringDataset(), profile);
    expect(alerts.length).toBeGreaterThan(0);
    const target = alerts.find((candidate) => candidate.focus);
    if (!target?.focus) throw new Error('expected an alert with a focus account');

    const workers: FakeWorker[] = [];
    const service = new DetectionService(
      new AnalysisClient(() => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      }),
    );
    let ranAt = 1_000;
    const answer = async () => {
      await untilTrue(() => (workers.at(-1)?.posted.length ?? 0) > 0);
      const worker = workers.at(-1) as FakeWorker;
      const request = worker.posted.shift() as AnalysisRequest;
      ranAt += 1;
      // As the real worker does: the run is stored before the page hears of it.
      const stored: StoredAlertRun = { caseId: request.caseId, profileId: request.profile.id, ranAt, alerts, inputKey: request.inputKey };
      await db.alertRuns.put(stored);
      worker.reply({ type: 'done', requestId: request.requestId, ranAt, alerts });
    };

    const followed = service.follow(CASE, 'g1');
    await answer();
    await followed;
    expect(service.getSnapshot().visible.map((a) => a.id)).toEqual(alerts.map((a) => a.id));

    // A second view asking for the same generation joins: no second run.
    await service.follow(CASE, 'g1');
    expect(workers.flatMap((worker) => worker.posted)).toHaveLength(0);

    const rule = await service.addRule({ target: { kind: 'account', account: target.focus, role: 'other' }, typologies: [target.typology], note: 'cliente conocido', scope: 'case', createdFromAlert: target.id });
    expect(service.getSnapshot().suppressed.map((entry) => entry.alert.id)).toContain(target.id);
    expect(service.getSnapshot().visible.map((a) => a.id)).not.toContain(target.id);

    const rerun = service.rerun();
    await answer();
    await rerun;
    const afterRerun = service.getSnapshot();
    expect(afterRerun.run?.ranAt).toBe(ranAt);
    expect(afterRerun.suppressed.map((entry) => entry.alert.id)).toContain(target.id);
    expect(afterRerun.countsByRule[rule.id]).toBeGreaterThan(0);
    expect(afterRerun.visible.length + afterRerun.suppressed.length).toBe(alerts.length);

    await service.revokeRule(rule.id);
    expect(service.getSnapshot().visible.map((a) => a.id)).toContain(target.id);
    expect(service.getSnapshot().suppressed).toEqual([]);
  });
});
