/**
 * npm run bench:reseal — the re-encryption pass (issue 12) on a workstation
 * whose data was stored before sealing: imports a generated transaction CSV
 * (bench/import.ts's file, CAUDAL_BENCH_ROWS rows, default 1,000,000) with
 * sealing switched off, then switches it on, reloads, unlocks, and times the
 * background pass until the Audit view reports it finished. Prints the pass's
 * wall time, the rows it sealed, the longest UI-thread task while it ran,
 * and checks the raw IndexedDB chunks afterwards (all sealed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startStaticServer } from '../tests/e2e/static-server';
import { benchUnlock } from './custody';
import { newCaseWithTransactionsFile, writeTransactionsCsv } from './import';

const ROWS = Number(process.env.CAUDAL_BENCH_ROWS ?? 1_000_000);
const ROOT = resolve(import.meta.dirname, '..');
const BENCH_DIR = join(ROOT, '.bench');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LONG_TASK_PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

// In-page code is passed as source text: tsx would wrap functions in a __name() helper the page lacks.
const longestTaskSince = (page: Page, since: number): Promise<{ max: number; count: number }> =>
  page.evaluate(`(() => { const tasks = (window.__longTasks || []).filter((task) => task.start >= ${since}); return { max: Math.max(0, ...tasks.map((task) => task.duration)), count: tasks.length }; })()`);

const rawChunks = (page: Page): Promise<{ rows: number; sealed: number }> =>
  page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('caudal');
    open.onerror = () => reject(new Error('cannot open'));
    open.onsuccess = () => {
      let rows = 0, sealed = 0;
      const request = open.result.transaction('chunks').objectStore('chunks').openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) { open.result.close(); return resolve({ rows, sealed }); }
        rows += 1;
        if (cursor.value.$sealed instanceof Uint8Array) sealed += 1;
        cursor.continue();
      };
    };
  })`);

async function main(): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const csvPath = join(BENCH_DIR, `transactions-${ROWS}.csv`);
  if (!existsSync(csvPath)) await writeTransactionsCsv(csvPath, ROWS);
  console.log(`file: ${ROWS.toLocaleString('en-US')} rows, ${(statSync(csvPath).size / 1024 / 1024).toFixed(0)} MB; load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  const outDir = mkdtempSync(join(tmpdir(), 'caudal-bench-dist-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build of the renderer failed');
  const server = await startStaticServer(outDir);
  const profileDir = mkdtempSync(join(tmpdir(), 'caudal-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 }, locale: 'es-CO' });
  try {
    await context.addInitScript(LONG_TASK_PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error));
    // Before sealing: the benchmark switch, then the import as an analyst does it.
    await page.goto(server.url);
    await page.evaluate("localStorage.setItem('caudal.bench.sealing', 'off')");
    await page.reload();
    await benchUnlock(page);
    await newCaseWithTransactionsFile(page, { number: 'BENCH-RESEAL', name: 'Reseal benchmark' }, csvPath);
    const importStarted = performance.now();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor({ timeout: 600_000 });
    console.log(`  import with sealing off: ${((performance.now() - importStarted) / 1000).toFixed(2)} s`);
    const before = await rawChunks(page);
    console.log(`  raw chunks before: ${before.rows}, sealed ${before.sealed}`);

    // Sealing on: reload, unlock, and the pass runs in the background; the Audit view reports its end.
    await page.evaluate("localStorage.removeItem('caudal.bench.sealing'); localStorage.removeItem('caudal.lastCase')");
    await page.reload();
    const since = Number(await page.evaluate('performance.now()'));
    const started = performance.now();
    await benchUnlock(page);
    await page.getByTestId('nav-audit').click();
    await page.locator('[data-testid="reseal-status"][data-outcome="finished"]').waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    const long = await longestTaskSince(page, since);
    console.log(`  reseal pass (unlock → finished): ${seconds.toFixed(2)} s; ${(await page.getByTestId('reseal-status').textContent())?.trim()}`);
    console.log(`  UI long tasks during unlock + pass: ${long.count}, longest ${long.max.toFixed(0)} ms`);
    const after = await rawChunks(page);
    console.log(`  raw chunks after: ${after.rows}, sealed ${after.sealed}`);
    if (after.sealed !== after.rows) throw new Error('chunks remain in plain text after the pass');
    console.log(`  load after: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  } finally {
    await context.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
