/**
 * Memory of a headless Chromium, read from /proc (Linux): the browser process
 * found by its profile folder, and the resident memory of it and every child
 * (renderers, GPU, utility, workers). Shared by every benchmark that drives the app.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessStat {
  pid: number;
  rssBytes: number;
  /** User plus system CPU time so far, in clock ticks. */
  cpuTicks: number;
}

/** Every process below (and including) rootPid with its /proc stat figures. */
function treeStats(rootPid: number): ProcessStat[] {
  const children = new Map<number, number[]>();
  const stats = new Map<number, ProcessStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const pid = Number(entry);
      stats.set(pid, { pid, rssBytes: Number(fields[21]) * 4096, cpuTicks: Number(fields[11]) + Number(fields[12]) });
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: ProcessStat[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const stat = stats.get(pid);
    if (stat) found.push(stat);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Resident bytes of a process and all its descendants: the total and the largest single process. */
export function treeRss(rootPid: number): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const { rssBytes } of treeStats(rootPid)) {
    total += rssBytes;
    largest = Math.max(largest, rssBytes);
  }
  return { total, largest };
}

/**
 * CPU seconds the process tree has used so far (processes that already ended are not counted):
 * the difference over a phase is its work, which the machine's load changes far less than wall time.
 */
export function treeCpuSeconds(rootPid: number): number {
  let ticks = 0;
  for (const { cpuTicks } of treeStats(rootPid)) ticks += cpuTicks;
  return ticks / 100; // USER_HZ is 100 on Linux.
}

/**
 * Per process of the tree: its Chromium type (browser, renderer, gpu-process, utility: storage/network…),
 * resident bytes and proportional bytes (PSS: shared pages such as the Chromium binary divided among the
 * processes that map them, so the sum is not inflated by counting those pages once per process).
 */
export interface ProcessMemory {
  pid: number;
  type: string;
  rssBytes: number;
  pssBytes: number;
  /** Resident anonymous memory (heaps, JS, caches: what the process itself allocated), from /proc/<pid>/status RssAnon. */
  anonBytes: number;
  /** Resident file-backed pages (the Chromium binary and libraries, mapped in every process: counted once per process in RSS). */
  fileBytes: number;
  /** Resident shared memory (Mojo buffers, the GPU/compositor's shared bitmaps, V8's shared code space). */
  shmemBytes: number;
}

export function treeBreakdown(rootPid: number): ProcessMemory[] {
  return treeStats(rootPid).map(({ pid, rssBytes }) => {
    let type = 'browser';
    let pssBytes = 0;
    let anonBytes = 0;
    let fileBytes = 0;
    let shmemBytes = 0;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const kind = /--type=([\w-]+)/.exec(cmdline)?.[1];
      const subType = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1];
      if (kind) type = subType ? `${kind}:${subType.split('.').slice(-1)[0]}` : kind;
      // Headless Chrome's own browser UI (WebUI for its top chrome): not the app's, and an Electron app has none.
      if (kind === 'renderer' && cmdline.includes('--top-chrome-webui')) type = 'renderer:chrome-ui';
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
      pssBytes = Number(pss ?? 0) * 1024;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
      anonBytes = kb('RssAnon');
      fileBytes = kb('RssFile');
      shmemBytes = kb('RssShmem');
    } catch {
      // The process ended while we looked.
    }
    return { pid, type, rssBytes, pssBytes, anonBytes, fileBytes, shmemBytes };
  });
}

/** The browser (not renderer) process of the Chromium started with this --user-data-dir. */
export function findBrowserPid(profileDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(`--user-data-dir=${profileDir}`) && !cmdline.includes('--type=')) return Number(entry);
    } catch {
      // gone
    }
  }
  throw new Error('Could not find the Chromium browser process');
}

/**
 * The tree's RSS peak per phase of a benchmark, with every process's share at that peak split into
 * anonymous (what it allocated), file-backed (the binary and libraries, mapped again in each process)
 * and shared memory: what holds the memory, phase by phase.
 */
export class PhasePeaks {
  private current = '';
  private enteredAt = 0;
  private readonly peaks = new Map<string, { total: number; processes: ProcessMemory[]; afterMs: number }>();

  enter(phase: string): void {
    this.current = phase;
    this.enteredAt = Date.now();
  }

  record(processes: ProcessMemory[]): void {
    if (!this.current) return;
    const total = processes.reduce((sum, process) => sum + process.rssBytes, 0);
    const peak = this.peaks.get(this.current);
    if (!peak || total > peak.total) this.peaks.set(this.current, { total, processes, afterMs: Date.now() - this.enteredAt });
  }

  report(): string[] {
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const lines: string[] = [];
    for (const [phase, { total, processes, afterMs }] of this.peaks) {
      const sum = (pick: (process: ProcessMemory) => number) => mib(processes.reduce((acc, process) => acc + pick(process), 0));
      const chromeUi = processes.filter((p) => p.type === 'renderer:chrome-ui').reduce((acc, p) => acc + p.rssBytes, 0);
      lines.push(
        `  memory peak, ${phase} (${(afterMs / 1000).toFixed(1)} s in): RSS ${mib(total)} MB = anon ${sum((p) => p.anonBytes)} + file ${sum((p) => p.fileBytes)} + shmem ${sum((p) => p.shmemBytes)}; PSS ${sum((p) => p.pssBytes)} MB` +
          (chromeUi > 0 ? `; without Chrome's own UI renderer ${mib(total - chromeUi)} MB RSS` : ''),
      );
      const sorted = [...processes].sort((a, b) => b.rssBytes - a.rssBytes);
      lines.push(`    ${sorted.map((p) => `${p.type}[${p.pid}] ${mib(p.rssBytes)} (a${mib(p.anonBytes)} f${mib(p.fileBytes)} s${mib(p.shmemBytes)} pss${mib(p.pssBytes)})`).join(', ')}`);
    }
    return lines;
  }
}
