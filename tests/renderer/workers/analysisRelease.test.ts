import { describe, expect, it } from 'vitest';
import { analysisClientWithFakes, type FakeAnalysisWorker } from './fakeAnalysisWorker';

/*
 * Issue 10, round 3: the analysis worker reads its own copy of the whole case;
 * kept alive after a run it held that copy (≈300 MB for a million rows) beside
 * the page's for as long as the window stayed open.
 */
const setup = analysisClientWithFakes;
type FakeWorker = FakeAnalysisWorker;

describe('analysis worker lifetime', () => {
  it('ends the worker once its run is done, and the next run gets a fresh one', async () => {
    const { client, workers, profile } = setup();
    const first = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    const worker = workers[0] as FakeWorker;
    expect(worker.terminated).toBe(false);
    worker.reply({ type: 'done', requestId: worker.posted[0]?.requestId ?? -1, ranAt: 1, alerts: [] });
    await expect(first).resolves.toMatchObject({ inputKey: 'k1', ranAt: 1 });
    expect(worker.terminated).toBe(true);
    expect(client.getStatus().phase).toBe('done');

    const second = client.run({ caseId: 'c1', profile, inputKey: 'k2' });
    expect(workers).toHaveLength(2);
    const fresh = workers[1] as FakeWorker;
    expect(fresh.posted[0]).toMatchObject({ type: 'run', inputKey: 'k2' });
    fresh.reply({ type: 'done', requestId: fresh.posted[0]?.requestId ?? -1, ranAt: 2, alerts: [] });
    await expect(second).resolves.toMatchObject({ inputKey: 'k2', ranAt: 2 });
    expect(fresh.terminated).toBe(true);
  });

  it('ends the worker when its run fails, and reports the failure', async () => {
    const { client, workers, profile } = setup();
    const run = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    const worker = workers[0] as FakeWorker;
    worker.reply({ type: 'failed', requestId: worker.posted[0]?.requestId ?? -1, message: 'boom' });
    await expect(run).resolves.toBeNull();
    expect(worker.terminated).toBe(true);
    expect(client.getStatus()).toMatchObject({ phase: 'failed', error: 'boom' });
  });

  it('a late message from an ended worker changes nothing', async () => {
    const { client, workers, profile } = setup();
    const run = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    const worker = workers[0] as FakeWorker;
    const requestId = worker.posted[0]?.requestId ?? -1;
    worker.reply({ type: 'done', requestId, ranAt: 1, alerts: [] });
    await run;
    worker.reply({ type: 'progress', requestId, fraction: 0.5, typologyId: 'structuring' });
    expect(client.getStatus()).toMatchObject({ phase: 'done', fraction: 1 });
  });
});
