/**
 * What the renderer's JS heaps hold, for `CAUDAL_BENCH_HEAP=1 npm run bench:import`: the page's
 * heap and every dedicated worker's (the analysis worker reads its own copy of the case), sampled
 * every 100 ms through CDP (`Runtime.getHeapUsage`; workers attached through the page's session,
 * non-flattened, as bench/importProfile.ts does), and, during the re-open, the page's sampling heap
 * profile: which functions allocated what is still alive once the case shows.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

export interface HeapWatch {
  /** Peak used heap per target since the last call, then resets (`label` names the phase). */
  phase(label: string): string;
  /** Starts the page's sampling heap profiler (allocations still alive when stopped). */
  startSampling(): Promise<void>;
  /** The live allocations since startSampling (garbage not yet collected counts too: forcing a collection would change what is measured), by allocating function and its caller, largest first. */
  stopSampling(since?: string, limit?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function watchHeaps(context: BrowserContext, page: Page): Promise<HeapWatch> {
  const session: CDPSession = await context.newCDPSession(page);
  const workers = new Map<string, string>();
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const toWorker = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(() => resolve(null));
    });
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id as number);
    waiting(message.result ?? null);
  });
  session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (event.targetInfo.type === 'worker') workers.set(event.sessionId, event.targetInfo.url.split('/').pop()?.replace(/-[\w-]{6,}\.js$/, '') ?? 'worker');
  });
  session.on('Target.detachedFromTarget', (event: { sessionId: string }) => workers.delete(event.sessionId));
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  const peaks = new Map<string, HeapUsage>();
  const note = (name: string, usage: HeapUsage | null) => {
    if (!usage) return;
    const before = peaks.get(name);
    if (!before || usage.usedSize > before.usedSize) peaks.set(name, usage);
  };
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void (async () => {
      try {
        note('page', (await session.send('Runtime.getHeapUsage')) as HeapUsage);
        for (const [sessionId, name] of workers) note(`worker ${name}`, (await toWorker(sessionId, 'Runtime.getHeapUsage')) as HeapUsage | null);
      } catch {
        // The page is navigating; the next tick samples again.
      } finally {
        sampling = false;
      }
    })();
  }, 100);

  return {
    phase(label) {
      const parts = [...peaks.entries()].map(([name, usage]) => `${name} ${mb(usage.usedSize)}/${mb(usage.totalSize)}${usage.backingStorageSize ? ` (+${mb(usage.backingStorageSize)} buffers)` : ''}`);
      peaks.clear();
      return `  JS heap peaks ${label} (used/allocated MB): ${parts.join(', ') || 'none sampled'}`;
    },
    async startSampling() {
      await session.send('HeapProfiler.enable');
      await session.send('HeapProfiler.startSampling', { samplingInterval: 16_384 });
    },
    async stopSampling(since = 'since the re-open click', limit = 14) {
      const { profile } = (await session.send('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
      const bySite = new Map<string, number>();
      const walk = (node: SamplingNode, caller: string) => {
        const { functionName, url, lineNumber } = node.callFrame;
        const here = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
        if (node.selfSize > 0) bySite.set(`${here} ← ${caller}`, (bySite.get(`${here} ← ${caller}`) ?? 0) + node.selfSize);
        for (const child of node.children) walk(child, here);
      };
      walk(profile.head, '(root)');
      const total = [...bySite.values()].reduce((sum, size) => sum + size, 0);
      return [`  live allocations ${since}: ${mb(total)} MB`, ...[...bySite.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([site, size]) => `    ${mb(size).padStart(5)} MB  ${site}`)];
    },
    async stop() {
      clearInterval(timer);
      await session.detach().catch(() => undefined);
    },
  };
}
