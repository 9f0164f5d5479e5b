/**
 * CPU profiles of one import in the app, for `CAUDAL_BENCH_PROFILE=<dir> npm run bench:import`:
 * the import worker (attached through the page's CDP session, non-flattened,
 * because playwright-core exposes no CDP session for workers) and the page's
 * UI thread, each written as a .cpuprofile that Chromium DevTools opens, plus
 * a top-functions summary by self time printed to the console.
 *
 * The app terminates the worker as soon as it reports the staged import, which
 * would lose its profile; an init script holds terminate() back while
 * profiling and releases the held workers once the profile has been taken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export const HOLD_WORKERS_SCRIPT = `
  window.__heldWorkers = [];
  const terminate = Worker.prototype.terminate;
  Worker.prototype.terminate = function () { window.__heldWorkers.push(this); };
  window.__releaseWorkers = () => { for (const worker of window.__heldWorkers.splice(0)) terminate.call(worker); };
`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Self time per function, highest first: where the thread actually spent its time. */
export function topSelfTime(profile: CpuProfile, limit = 25): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index += 1) {
    const node = byNode.get(samples[index] as number);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    // A sample's time is the delta to the next sample.
    selfMs.set(key, (selfMs.get(key) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return [...selfMs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

/** Time per function including what it called (each function once per sample): which call a long task sits under. */
export function topTotalTime(profile: CpuProfile, limit = 25): string[] {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totalMs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index += 1) {
    const ms = (deltas[index + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[index]; id !== undefined; id = parentOf.get(id)) {
      const node = byNode.get(id);
      if (!node) break;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(root)' || functionName === '(idle)' || functionName === '(program)') continue;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      totalMs.set(key, (totalMs.get(key) ?? 0) + ms);
    }
  }
  return [...totalMs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms total  ${name}`);
}

/** Profiles the page alone (the re-open): stop() writes `<name>.cpuprofile` and returns its self and total times. */
export async function startPageProfile(context: BrowserContext, page: Page): Promise<{ stop(dir: string, name: string): Promise<string[]> }> {
  const session: CDPSession = await context.newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(dir, name) {
      const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
      await session.detach();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      return [path, ...topSelfTime(profile, 15).map((line) => `  self ${line}`), ...topTotalTime(profile, 25).map((line) => `  ${line}`)];
    },
  };
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/**
 * CAUDAL_BENCH_PROFILE_SURVIVORS=1: also samples the import worker's allocations (HeapProfiler.startSampling) keeping
 * only those that outlived a young-generation collection (promoted, whether the next full collection freed them or
 * not): what makes the worker's mark-compacts. Written as import-worker-survivors.heapprofile (DevTools opens it).
 */
const SAMPLE_SURVIVORS = process.env.CAUDAL_BENCH_PROFILE_SURVIVORS === '1';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes sampled per allocating function (its own allocations), largest first. */
export function topAllocators(head: HeapNode, limit = 20): string[] {
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(head);
  return [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, size]) => `${(size / 1e6).toFixed(1).padStart(7)} MB ${((size / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

/** Starts profiling the page now and the import worker as soon as it is created; stop() writes both. */
export async function startImportProfiles(context: BrowserContext, page: Page): Promise<{ stop(dir: string): Promise<string[]> }> {
  await page.evaluate(HOLD_WORKERS_SCRIPT);
  const session: CDPSession = await context.newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');

  let workerSession: string | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const toWorker = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      void session.send('Target.sendMessageToTarget', { sessionId: workerSession as string, message: JSON.stringify({ id, method, params }) });
    });
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id as number);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  });
  let workerStarted: Promise<unknown> = Promise.resolve();
  session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; title: string; url: string }; waitingForDebugger: boolean }) => {
    if (workerSession || event.targetInfo.type !== 'worker' || !/import/.test(`${event.targetInfo.title} ${event.targetInfo.url}`)) {
      if (event.waitingForDebugger) void session.send('Target.sendMessageToTarget', { sessionId: event.sessionId, message: JSON.stringify({ id: 0, method: 'Runtime.runIfWaitingForDebugger' }) });
      return;
    }
    workerSession = event.sessionId;
    workerStarted = (async () => {
      await toWorker('Profiler.enable');
      await toWorker('Profiler.setSamplingInterval', { interval: 200 });
      await toWorker('Profiler.start');
      if (SAMPLE_SURVIVORS) {
        await toWorker('HeapProfiler.enable');
        await toWorker('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
      }
      await toWorker('Runtime.runIfWaitingForDebugger');
    })();
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  return {
    async stop(dir: string): Promise<string[]> {
      const written: string[] = [];
      mkdirSync(dir, { recursive: true });
      const { profile: pageProfile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
      if (workerSession) {
        await workerStarted;
        const { profile } = (await toWorker('Profiler.stop')) as { profile: CpuProfile };
        const path = join(dir, 'import-worker.cpuprofile');
        writeFileSync(path, JSON.stringify(profile));
        written.push(path, ...topSelfTime(profile).map((line) => `  worker ${line}`));
        if (SAMPLE_SURVIVORS) {
          const { profile: heap } = (await toWorker('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
          const heapPath = join(dir, 'import-worker-survivors.heapprofile');
          writeFileSync(heapPath, JSON.stringify(heap));
          written.push(heapPath, ...topAllocators(heap.head).map((line) => `  survivors ${line}`));
        }
      }
      const pagePath = join(dir, 'import-page.cpuprofile');
      writeFileSync(pagePath, JSON.stringify(pageProfile));
      written.push(pagePath, ...topSelfTime(pageProfile, 12).map((line) => `  page ${line}`));
      await page.evaluate('window.__releaseWorkers && window.__releaseWorkers()');
      await session.detach();
      return written;
    },
  };
}
