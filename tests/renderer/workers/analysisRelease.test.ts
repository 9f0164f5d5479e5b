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

/*
 * Issue 9's demo target: loading and compiling the detectors' script took ≈400 ms of every run on a 2-core laptop
 * (bench:demo). A worker is started ahead of the run, in idle time; it must never hold a case between runs.
 */
describe('analysis worker started ahead of the run', () => {
  it('prepares one worker in idle time, and the first run goes to it', async () => {
    const { client, workers, profile, runIdle } = setup();
    client.prepare();
    client.prepare();
    expect(workers).toHaveLength(0);
    runIdle();
    expect(workers).toHaveLength(1);
    expect((workers[0] as FakeWorker).posted).toHaveLength(0);
    const run = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    expect(workers).toHaveLength(1);
    const worker = workers[0] as FakeWorker;
    expect(worker.posted[0]).toMatchObject({ type: 'run', inputKey: 'k1' });
    worker.reply({ type: 'done', requestId: worker.posted[0]?.requestId ?? -1, ranAt: 1, alerts: [] });
    await expect(run).resolves.toMatchObject({ inputKey: 'k1' });
  });

  it('ends the worker that ran (its copy of the case goes with it) and starts an empty one for the next run', async () => {
    const { client, workers, profile, runIdle } = setup();
    const first = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    const ran = workers[0] as FakeWorker;
    ran.reply({ type: 'done', requestId: ran.posted[0]?.requestId ?? -1, ranAt: 1, alerts: [] });
    await first;
    expect(ran.terminated).toBe(true);
    runIdle();
    expect(workers).toHaveLength(2);
    const standby = workers[1] as FakeWorker;
    expect(standby.terminated).toBe(false);
    expect(standby.posted).toHaveLength(0);
    client.run({ caseId: 'c1', profile, inputKey: 'k2' });
    expect(workers).toHaveLength(2);
    expect(standby.posted[0]).toMatchObject({ inputKey: 'k2' });
  });

  it('a cancelled run ends its worker; a run started at once gets a fresh one, and idle time adds no second', () => {
    const { client, workers, profile, runIdle } = setup();
    client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    client.cancel();
    expect((workers[0] as FakeWorker).terminated).toBe(true);
    client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    expect(workers).toHaveLength(2);
    runIdle();
    expect(workers).toHaveLength(2);
    expect((workers[1] as FakeWorker).terminated).toBe(false);
  });

  it('a worker that fails to start before any run is dropped without a failure shown; the next run starts another', async () => {
    const { client, workers, profile, runIdle } = setup();
    client.prepare();
    runIdle();
    (workers[0] as FakeWorker).crash('SyntaxError in analysis.worker.js');
    expect((workers[0] as FakeWorker).terminated).toBe(true);
    expect(client.getStatus().phase).toBe('idle');
    const run = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    expect(workers).toHaveLength(2);
    (workers[1] as FakeWorker).crash('SyntaxError in analysis.worker.js');
    await expect(run).resolves.toBeNull();
    expect(client.getStatus()).toMatchObject({ phase: 'failed', error: 'SyntaxError in analysis.worker.js' });
    runIdle();
    expect(workers).toHaveLength(3);
    expect((workers[2] as FakeWorker).posted).toHaveLength(0);
  });
});
