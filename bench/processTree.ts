/**
 * Memory of a headless Chromium, read from /proc (Linux): the browser process
 * found by its profile folder, and the resident memory of it and every child
 * (renderers, GPU, utility, workers). Shared by every benchmark that drives the app.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident bytes of a process and all its descendants: the total and the largest single process. */
export function treeRss(rootPid: number): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const pages = Number(fields[21]);
      const pid = Number(entry);
      rss.set(pid, pages * 4096);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  let largest = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const bytes = rss.get(pid) ?? 0;
    total += bytes;
    largest = Math.max(largest, bytes);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, largest };
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
