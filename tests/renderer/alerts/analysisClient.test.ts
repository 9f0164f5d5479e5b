import { describe, expect, it } from 'vitest';
import { analysisClientWithFakes, type FakeAnalysisWorker } from '../workers/fakeAnalysisWorker';

const setup = analysisClientWithFakes;
type FakeWorker = FakeAnalysisWorker;

describe('analysis worker client', () => {
  it('reports progress typology by typology and resolves with the run', async () => {
    const { client, workers, profile } = setup();
    const phases: string[] = [];
    client.subscribe(() => phases.push(`${client.getStatus().phase}:${client.getStatus().typologyId ?? ''}`));
    const result = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    const worker = workers[0] as FakeWorker;
    const requestId = worker.posted[0]?.requestId ?? -1;
    expect(worker.posted[0]).toMatchObject({ type: 'run', caseId: 'c1', inputKey: 'k1', profile: { id: 'co-uiaf' } });
    expect(client.runningFor('k1')).not.toBeNull();
    worker.reply({ type: 'progress', requestId, fraction: 0.5, typologyId: 'structuring' });
    expect(client.getStatus()).toMatchObject({ phase: 'running', fraction: 0.5, typologyId: 'structuring' });
    worker.reply({ type: 'done', requestId, ranAt: 42, alerts: [] });
    await expect(result).resolves.toEqual({ caseId: 'c1', profileId: 'co-uiaf', inputKey: 'k1', ranAt: 42, alerts: [] });
    expect(phases).toEqual(['loading:', 'running:structuring', 'done:']);
    expect(client.runningFor('k1')).toBeNull();
  });

  it('cancels by terminating the worker, remembers the cancelled inputs and starts a fresh worker next time', async () => {
    const { client, workers, profile } = setup();
    const first = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    client.cancel();
    await expect(first).resolves.toBeNull();
    expect(workers[0]?.terminated).toBe(true);
    expect(client.getStatus().phase).toBe('cancelled');
    expect(client.wasCancelled('k1')).toBe(true);
    // A late answer from the terminated worker is ignored.
    workers[0]?.reply({ type: 'done', requestId: workers[0].posted[0]?.requestId ?? -1, ranAt: 1, alerts: [] });
    expect(client.getStatus().phase).toBe('cancelled');

    const again = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    expect(workers).toHaveLength(2);
    expect(client.wasCancelled('k1')).toBe(false);
    const worker = workers[1] as FakeWorker;
    worker.reply({ type: 'failed', requestId: worker.posted[0]?.requestId ?? -1, message: 'typologyParams.structuring.windowDays: expected a number ≤ 90' });
    await expect(again).resolves.toBeNull();
    expect(client.getStatus()).toMatchObject({ phase: 'failed', error: expect.stringContaining('windowDays') });
  });

  it('a newer run supersedes the one in progress', async () => {
    const { client, profile } = setup();
    const older = client.run({ caseId: 'c1', profile, inputKey: 'k1' });
    client.run({ caseId: 'c2', profile, inputKey: 'k2' });
    await expect(older).resolves.toBeNull();
    expect(client.getStatus()).toMatchObject({ caseId: 'c2', phase: 'loading' });
  });
});
