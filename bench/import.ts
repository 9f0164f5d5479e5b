/**
 * npm run bench:import — imports a generated 1M-row transaction CSV (~100 MB)
 * through the real app: built renderer, served on 127.0.0.1, driven in
 * headless Debian Chromium exactly as an analyst would (create a case, pick
 * the file, accept the suggested mapping, run). It prints:
 *   - import total: click "Import" → rows committed and the case reloaded in
 *     memory (hash + parse + validate + persist + ready), from the page clock;
 *   - re-open: a fresh page opening the case (loadCaseDataset into memory);
 *   - UI-thread long tasks (PerformanceObserver 'longtask') during each phase;
 *   - peak memory: summed RSS of the Chromium process tree, sampled from /proc, and
 *     its PSS (shared pages counted once), with each process's share at the peak;
 *   - a re-open in a freshly started browser on the same profile, then the memory
 *     still held 3 s after detection finished on that case;
 *   - sqlite3 `.import` of the same file plus three indexes, for comparison.
 * Environment: CAUDAL_BENCH_ROWS (default 1000000), CAUDAL_BENCH_RUNS (default 1),
 * CAUDAL_BENCH_BASELINE=<git ref>: also builds that commit's renderer and, in
 * every run, imports with it, then with the working tree, then with sqlite3,
 * so before and after are measured side by side at the same load;
 * CAUDAL_BENCH_DETECTION=0: skips the wait for detection after the fresh-browser re-open;
 * CAUDAL_BENCH_PROFILE=<dir>: writes a CPU profile (.cpuprofile, open in
 * Chromium DevTools) of the import worker and of the page during the import;
 * CAUDAL_BENCH_JS_FLAGS=<V8 flags> passes flags to Chromium's V8 (`--trace-gc`, with DEBUG=pw:browser);
 * CAUDAL_BENCH_HEAP=1: the peak JS heap of the page and of each worker per phase, and what the
 * re-open allocated that is still alive (bench/importHeap.ts).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startStaticServer } from '../tests/e2e/static-server';
import { benchUnlock, sealingInitScript } from './custody';
import { findBrowserPid, PhasePeaks, treeBreakdown, treeCpuSeconds } from './processTree';
import { startImportProfiles, startPageProfile } from './importProfile';
import { watchHeaps } from './importHeap';

const ROWS = Number(process.env.CAUDAL_BENCH_ROWS ?? 1_000_000);
const PROFILE_DIR = process.env.CAUDAL_BENCH_PROFILE;
const BASELINE_REF = process.env.CAUDAL_BENCH_BASELINE;
const RUNS = Number(process.env.CAUDAL_BENCH_RUNS ?? 1);
/** CAUDAL_BENCH_DETECTION=0 skips waiting for detection on the re-opened case (about a minute per run) in quick comparisons. */
const WAIT_FOR_DETECTION = process.env.CAUDAL_BENCH_DETECTION !== '0';
const WATCH_HEAPS = process.env.CAUDAL_BENCH_HEAP === '1';
const ROOT = resolve(import.meta.dirname, '..');
const BENCH_DIR = join(ROOT, '.bench');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** CAUDAL_BENCH_JS_FLAGS=<V8 flags>, e.g. `--trace-gc` (printed with DEBUG=pw:browser): to see what the garbage collector does in each thread. */
if (process.env.CAUDAL_BENCH_JS_FLAGS) CHROMIUM_ARGS.push(`--js-flags=${process.env.CAUDAL_BENCH_JS_FLAGS}`);
/** CAUDAL_BENCH_TREE_JS_FLAGS=<V8 flags>: for the working tree's runs only, to measure a V8 setting side by side against the same build without it (use CAUDAL_BENCH_BASELINE=HEAD). */
/** CAUDAL_BENCH_ORDER=alternate: the working tree runs before the baseline in even-numbered runs. */
const ALTERNATE = process.env.CAUDAL_BENCH_ORDER === 'alternate';
const TREE_ARGS = process.env.CAUDAL_BENCH_TREE_JS_FLAGS ? [...CHROMIUM_ARGS, `--js-flags=${process.env.CAUDAL_BENCH_TREE_JS_FLAGS}`] : CHROMIUM_ARGS;

/** The bank-es layout of shared/generator: a two-line report preamble, then these headers. */
export const BENCH_HEADER = ['Fecha', 'Hora', 'Referencia', 'Cuenta origen', 'Ordenante', 'Cuenta destino', 'Beneficiario', 'Monto', 'Moneda', 'Canal', 'Descripción'];

/** Deterministic so every run imports the same bytes. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Juan', 'María', 'Luis', 'Ana', 'Carlos', 'Lucía', 'Jorge', 'Sofía', 'Andrés', 'Valentina'];
const LAST = ['Pérez', 'Gómez', 'Rodríguez', 'Martínez', 'López', 'Díaz', 'Ramírez', 'Torres', 'Castro', 'Vargas'];
const CHANNELS = ['Transferencia', 'Efectivo', 'Cheque', 'Tarjeta', 'Transferencia internacional'];
const CONCEPTS = ['Pago factura', 'Abono nómina', 'Compra insumos', 'Traslado fondos', 'Pago proveedor', 'Retiro'];

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A Spanish-locale Excel export: report preamble, semicolons, 1.234,56 amounts, dd/mm/yyyy dates with a separate time column, UTF-8 with accents. */
export async function writeTransactionsCsv(path: string, rows: number, seed = 42): Promise<void> {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const accounts = Array.from({ length: 50_000 }, (_, index) => `00${pad(1_000_000 + index * 7919, 8)}`);
  const out = createWriteStream(path);
  out.write(`BANCO ANDINO S.A. — Reporte de movimientos\r\nGenerado el 28/11/2026\r\n${BENCH_HEADER.join(';')}\r\n`);
  const start = Date.UTC(2025, 0, 1);
  let buffer = '';
  for (let index = 0; index < rows; index += 1) {
    const when = new Date(start + Math.floor(random() * 365 * 86_400_000));
    const amount = Math.floor(random() * 50_000_000) / 100 + 1;
    const [whole, cents] = amount.toFixed(2).split('.') as [string, string];
    const amountText = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
    const date = `${pad(when.getUTCDate(), 2)}/${pad(when.getUTCMonth() + 1, 2)}/${when.getUTCFullYear()}`;
    const time = `${pad(when.getUTCHours(), 2)}:${pad(when.getUTCMinutes(), 2)}`;
    buffer += `${date};${time};TX${pad(index + 1, 8)};${pick(accounts)};${pick(FIRST)} ${pick(LAST)};${pick(accounts)};${pick(FIRST)} ${pick(LAST)};${amountText};${random() < 0.8 ? 'COP' : 'USD'};${pick(CHANNELS)};${pick(CONCEPTS)}\r\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

function buildRenderer(outDir: string, root = ROOT): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...(PROFILE_DIR || WATCH_HEAPS ? ['--minify', 'false'] : [])], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build of the renderer failed; see the output above');
}

/** Builds the renderer of another commit (git archive into a temp dir sharing this checkout's node_modules). */
function buildBaseline(ref: string, outDir: string): string {
  const source = mkdtempSync(join(tmpdir(), 'caudal-bench-baseline-'));
  const archive = spawnSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(source)}`], { cwd: ROOT, stdio: 'inherit' });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed`);
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'));
  const commit = spawnSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  buildRenderer(outDir, source);
  rmSync(source, { recursive: true, force: true });
  return commit;
}



/** Long tasks on the page's UI thread, collected from the very first script on. */
const LONG_TASK_PROBE = `
  window.__longTasks = [];
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames name the script that ran, which longtask entries do not.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration < 100) continue;
        window.__longFrames.push({ start: entry.startTime, duration: Math.round(entry.duration), blocking: Math.round(entry.blockingDuration),
          scripts: entry.scripts.map((script) => (script.invoker || '?') + (script.sourceFunctionName ? ' → ' + script.sourceFunctionName : '') + ' ' + Math.round(script.duration) + 'ms').slice(0, 3) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

async function phaseMarks(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('caudal:import:')).map((mark) => [mark.name.slice(14), mark.startTime]));
    const span = (from, to) => marks[from] !== undefined && marks[to] !== undefined ? ((marks[to] - marks[from]) / 1000).toFixed(2) + ' s' : '?';
    const handover = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('caudal:handover:')).map((mark) => mark.name.slice(16) + (mark.detail ? ' (' + mark.detail + ')' : '')).join(', ');
    return 'worker (hash+parse+validate+write) ' + span('start', 'staged') + ', commit ' + span('staged', 'committed') + ', reload into memory ' + span('committed', 'ready') + (handover ? ', hand-over ' + handover : '');
  })()`);
}

/** The Chromium tree's peak RSS while the worker ran (start → staged) and while the page reloaded the case (staged → ready). */
async function peakByPhase(page: Page, samples: { at: number; total: number }[]): Promise<string> {
  const marks = (await page.evaluate(
    `Object.fromEntries(performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('caudal:import:')).map((mark) => [mark.name.slice(14), performance.timeOrigin + mark.startTime]))`,
  )) as Record<string, number>;
  const peakBetween = (from?: number, to?: number) =>
    from === undefined || to === undefined ? '?' : `${mb(Math.max(0, ...samples.filter((sample) => sample.at >= from && sample.at <= to + 150).map((sample) => sample.total)))} MB`;
  return `worker ${peakBetween(marks.start, marks.staged)}, reload ${peakBetween(marks.staged, marks.ready)}`;
}

async function longFramesSince(page: Page, since: number): Promise<string[]> {
  return page.evaluate(`(window.__longFrames || []).filter((frame) => frame.start >= ${since}).map((frame) => frame.duration + 'ms: ' + frame.scripts.join(', '))`);
}

// In-page code is passed as source text: tsx (esbuild keepNames) would wrap functions in a __name() helper that does not exist in the page.
async function longestTaskSince(page: Page, since: number): Promise<{ max: number; count: number }> {
  return page.evaluate(`(() => {
    const tasks = (window.__longTasks || []).filter((task) => task.start >= ${since});
    return { max: Math.max(0, ...tasks.map((task) => task.duration)), count: tasks.length };
  })()`);
}

/** Clicks an element and waits on the page's own clock until another appears; returns the elapsed ms. */
async function clickAndTime(page: Page, clickTestId: string, doneTestId: string, failTestIds: string[] = []): Promise<{ ms: number; startedAt: number }> {
  return page.evaluate(`new Promise((resolvePromise, reject) => {
    const button = document.querySelector('[data-testid="${clickTestId}"]');
    if (!button) return reject(new Error('no element ${clickTestId}'));
    const fail = ${JSON.stringify(failTestIds)};
    const startedAt = performance.now();
    button.click();
    const check = () => {
      if (document.querySelector('[data-testid="${doneTestId}"]')) return resolvePromise({ ms: performance.now() - startedAt, startedAt });
      const failed = fail.map((id) => document.querySelector('[data-testid="' + id + '"]')).find(Boolean);
      if (failed) return reject(new Error(failed.getAttribute('data-testid') + ': ' + failed.textContent));
      setTimeout(check, 5);
    };
    check();
  })`);
}

function sqliteImport(csvPath: string): number | null {
  const sqlite = '/usr/bin/sqlite3';
  if (!existsSync(sqlite)) return null;
  const dbPath = join(mkdtempSync(join(tmpdir(), 'caudal-sqlite-')), 'bench.db');
  const columns = ['fecha', 'hora', 'id', 'origen', 'ordenante', 'destino', 'beneficiario', 'valor', 'moneda', 'canal', 'concepto'];
  const script = [
    `CREATE TABLE tx(${columns.map((column) => `${column} TEXT`).join(', ')});`,
    '.mode csv',
    '.separator ;',
    `.import --skip 3 ${csvPath} tx`,
    'CREATE INDEX tx_origen ON tx(origen);',
    'CREATE INDEX tx_destino ON tx(destino);',
    'CREATE INDEX tx_fecha ON tx(fecha);',
    'SELECT count(*) FROM tx;',
  ].join('\n');
  const started = performance.now();
  const result = spawnSync(sqlite, [dbPath], { input: script, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  rmSync(dbPath, { force: true });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  console.log(`  sqlite3 rows: ${result.stdout.trim()}`);
  return elapsed;
}

/** The app's address in the run under way (the fresh-browser re-open goes back to it). */
const BENCH_BASE_URL = { current: '' };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

interface RunFigures {
  importMs: number;
  /** CPU seconds of the Chromium tree from click to ready. */
  importCpu: number;
  peakMb: number;
  peakPssMb: number;
  /** The peak without headless Chrome's own UI renderer (--top-chrome-webui), which an Electron app does not have. */
  peakWithoutChromeUiMb: number;
}

/** Creates a case and picks a transactions CSV in the import view, ready for 'import-run' (also used by bench/reseal.ts). */
export async function newCaseWithTransactionsFile(page: Page, caseRow: { number: string; name: string }, csvPath: string): Promise<void> {
  await page.getByTestId('case-number').fill(caseRow.number);
  await page.getByTestId('case-name').fill(caseRow.name);
  await page.getByTestId('create-case').click();
  await page.getByTestId('current-case').waitFor();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-kind').selectOption('transaction');
  await page.getByTestId('import-file').setInputFiles(csvPath);
  await page.getByTestId('import-run').waitFor();
  const ambiguity = page.getByTestId('date-order-dmy');
  if (await ambiguity.count()) await ambiguity.first().check();
}

async function benchOnce(baseUrl: string, csvPath: string, args = CHROMIUM_ARGS): Promise<RunFigures> {
  const profileDir = mkdtempSync(join(tmpdir(), 'caudal-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1440, height: 900 }, locale: 'es-CO' });
  const browserPid = findBrowserPid(profileDir);
  let peak = { total: 0, largest: 0, pss: 0 };
  let peakWithoutChromeUi = 0;
  let atPeak: ReturnType<typeof treeBreakdown> = [];
  let importMs: number;
  let importCpu: number;
  const samples: { at: number; total: number }[] = [];
  const phases = new PhasePeaks();
  phases.enter('start-up and case set-up');
  const sampler = setInterval(() => {
    const processes = treeBreakdown(browserPid);
    phases.record(processes);
    const now = { total: 0, largest: 0, pss: 0 };
    for (const process of processes) {
      now.total += process.rssBytes;
      now.largest = Math.max(now.largest, process.rssBytes);
      now.pss += process.pssBytes;
    }
    samples.push({ at: Date.now(), total: now.total });
    peakWithoutChromeUi = Math.max(peakWithoutChromeUi, now.total - processes.filter((process) => process.type === 'renderer:chrome-ui').reduce((sum, process) => sum + process.rssBytes, 0));
    if (now.total > peak.total) atPeak = processes;
    peak = { total: Math.max(peak.total, now.total), largest: Math.max(peak.largest, now.largest), pss: Math.max(peak.pss, now.pss) };
  }, 100);
  try {
    await context.addInitScript(LONG_TASK_PROBE);
    await context.addInitScript(sealingInitScript());
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error));
    BENCH_BASE_URL.current = baseUrl;
    await page.goto(baseUrl);
    await benchUnlock(page);

    await newCaseWithTransactionsFile(page, { number: 'BENCH-0001', name: 'Benchmark 1M' }, csvPath);
    const heaps = WATCH_HEAPS ? await watchHeaps(context, page) : null;
    await heaps?.startSampling();

    const profiles = PROFILE_DIR ? await startImportProfiles(context, page) : null;
    const cpuBefore = treeCpuSeconds(browserPid);
    phases.enter('import (click to committed)');
    const imported = await clickAndTime(page, 'import-run', 'import-committed', ['import-failed', 'import-summary-review']);
    importCpu = treeCpuSeconds(browserPid) - cpuBefore;
    console.log(`  Chromium CPU during the import: ${importCpu.toFixed(2)} s (every process of the tree, user + system)`);
    if (profiles && PROFILE_DIR) for (const written of await profiles.stop(PROFILE_DIR)) console.log(`  profile: ${written}`);
    const importLong = await longestTaskSince(page, imported.startedAt);
    const counts = await page.getByTestId('import-reconcile').textContent();
    importMs = imported.ms;
    console.log(`  import total: ${(imported.ms / 1000).toFixed(2)} s (${counts?.trim()})`);
    console.log(`  import long tasks: ${importLong.count}, longest ${importLong.max.toFixed(0)} ms`);
    console.log(`  phases: ${await phaseMarks(page)}`);
    for (const frame of (await longFramesSince(page, imported.startedAt)).slice(0, 8)) console.log(`    long frame ${frame}`);
    console.log(`  peak RSS by phase: ${await peakByPhase(page, samples)}`);
    const timings = await page.getByTestId('import-timings').getAttribute('data-timings');
    if (timings) console.log(`  worker timings: ${timings}`);
    if (heaps) console.log(heaps.phase('during the import'));

    const importedAt = Date.now();
    phases.enter('after the import until the re-open click');
    // Re-open on a fresh page load: the case is not auto-opened, the analyst clicks it.
    console.log(`  page JS heap before the reload: ${mb(Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0')))} MB`);
    if (heaps) for (const line of await heaps.stopSampling('since the import click')) console.log(line);
    await page.evaluate("localStorage.removeItem('caudal.lastCase')");
    await page.reload();
    await benchUnlock(page);
    await page.getByTestId('case-open').first().waitFor();
    if (heaps) {
      console.log(heaps.phase('after the import until the re-open click'));
      await heaps.startSampling();
    }
    const reopenProfile = PROFILE_DIR ? await startPageProfile(context, page) : null;
    const reopenStartedAt = Date.now();
    phases.enter('same-page re-open');
    const reopened = await clickAndTime(page, 'case-open', 'current-case');
    phases.enter('after the same-page re-open (case shown; detection starts)');
    // Work the re-open leaves queued right after the case shows (long tasks are counted until then too).
    if (reopenProfile) await page.waitForTimeout(1500);
    if (reopenProfile && PROFILE_DIR) for (const written of await reopenProfile.stop(PROFILE_DIR, 'reopen-page')) console.log(`  re-open profile: ${written}`);
    const peakSince = (from: number, to: number) => mb(Math.max(0, ...samples.filter((sample) => sample.at >= from && sample.at <= to).map((sample) => sample.total)));
    console.log(`  peak RSS after the import until the re-open: ${peakSince(importedAt, reopenStartedAt)} MB; during the re-open: ${peakSince(reopenStartedAt, Date.now() + 150)} MB`);
    const reopenLong = await longestTaskSince(page, reopened.startedAt);
    console.log(`  re-open: ${(reopened.ms / 1000).toFixed(2)} s; long tasks ${reopenLong.count}, longest ${reopenLong.max.toFixed(0)} ms`);
    for (const frame of (await longFramesSince(page, reopened.startedAt)).slice(0, 8)) console.log(`    long frame ${frame}`);
    const heap = Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0'));
    console.log(`  page JS heap after re-open: ${mb(heap)} MB`);
    if (heaps) {
      for (const line of await heaps.stopSampling()) console.log(line);
      console.log(heaps.phase('during the re-open'));
      await heaps.stop();
    }
  } finally {
    clearInterval(sampler);
    console.log(`  peak RSS: Chromium tree ${mb(peak.total)} MB (largest single process ${mb(peak.largest)} MB); peak PSS (shared pages counted once): ${mb(peak.pss)} MB; without Chrome's own UI renderer ${mb(peakWithoutChromeUi)} MB RSS`);
    for (const line of phases.report()) console.log(line);
    console.log(`  at the RSS peak: ${atPeak.map((process) => `${process.type} ${mb(process.rssBytes)}/${mb(process.pssBytes)}`).join(', ')} (RSS/PSS MB)`);
    await context.close();
  }
  try {
    await reopenInFreshBrowser(profileDir, args);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
  return { importMs, importCpu, peakMb: peak.total / 1024 / 1024, peakPssMb: peak.pss / 1024 / 1024, peakWithoutChromeUiMb: peakWithoutChromeUi / 1024 / 1024 };
}

/**
 * The analyst's usual re-open: the app started again on the same profile, so no earlier page's heap
 * shares the renderer process (the reload above keeps the import page's garbage in the same process
 * until V8 collects it and returns the pages).
 */
async function reopenInFreshBrowser(profileDir: string, args = CHROMIUM_ARGS): Promise<void> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1440, height: 900 }, locale: 'es-CO' });
  const browserPid = findBrowserPid(profileDir);
  let peakRss = 0;
  let peakPss = 0;
  const phases = new PhasePeaks();
  phases.enter('fresh browser: start-up and unlock');
  const sampler = setInterval(() => {
    let rss = 0;
    let pss = 0;
    const processes = treeBreakdown(browserPid);
    phases.record(processes);
    for (const process of processes) {
      rss += process.rssBytes;
      pss += process.pssBytes;
    }
    peakRss = Math.max(peakRss, rss);
    peakPss = Math.max(peakPss, pss);
  }, 100);
  try {
    await context.addInitScript(sealingInitScript());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(BENCH_BASE_URL.current);
    await page.evaluate("localStorage.removeItem('caudal.lastCase')");
    await page.reload();
    await benchUnlock(page);
    await page.getByTestId('case-open').first().waitFor();
    phases.enter('fresh browser: re-open');
    const reopened = await clickAndTime(page, 'case-open', 'current-case');
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    phases.enter('fresh browser: detection');
    console.log(`  re-open in a freshly started browser (same profile): ${(reopened.ms / 1000).toFixed(2)} s; peak RSS ${mb(peakRss)} MB, PSS ${mb(peakPss)} MB`);
    // Detection runs on the re-opened case (no stored run: the reload above interrupted the one after the import).
    // Once it is done and the window idles, what the tree still holds is the case as the analyst works with it.
    if (!WAIT_FOR_DETECTION) return;
    await page.getByTestId('nav-alerts').click();
    const detectionStarted = Date.now();
    // Done, or a stored run that is still current (a small case finished detecting before the reload): a run is shown and none is under way.
    // Polled with page.evaluate (CDP, outside the page's CSP): waitForFunction evaluates its predicate with eval, which the app's script-src 'self' refuses.
    const detectionDone = `(() => { const bar = document.querySelector('[data-testid="detection-status"]'); return !!bar && bar.getAttribute('data-ran-at') !== '' && !['loading', 'running', 'saving'].includes(bar.getAttribute('data-phase')); })()`;
    while (!(await page.evaluate(detectionDone))) {
      if (Date.now() - detectionStarted > 600_000) throw new Error('detection did not finish within 10 minutes');
      await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    }
    const detectionSeconds = (Date.now() - detectionStarted) / 1000;
    await new Promise((resolveWait) => setTimeout(resolveWait, 2000));
    // The page's garbage is collected first (CDP), so what remains is what is held, not when V8 last ran.
    const session = await context.newCDPSession(page);
    await session.send('HeapProfiler.collectGarbage');
    await session.detach();
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    let settledRss = 0;
    let settledPss = 0;
    const parts: string[] = [];
    for (const process of treeBreakdown(browserPid)) {
      settledRss += process.rssBytes;
      settledPss += process.pssBytes;
      if (process.type === 'renderer' && process.rssBytes > 300 * 1024 * 1024) parts.push(`renderer ${mb(process.rssBytes)}/${mb(process.pssBytes)}`);
    }
    console.log(`  detection on the re-opened case ${detectionSeconds.toFixed(1)} s; 3 s after it (page GC forced): tree RSS ${mb(settledRss)} MB, PSS ${mb(settledPss)} MB${parts.length > 0 ? ` (${parts.join(', ')} RSS/PSS MB)` : ''}; peak RSS ${mb(peakRss)} MB, PSS ${mb(peakPss)} MB`);
  } finally {
    clearInterval(sampler);
    for (const line of phases.report()) console.log(line);
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const csvPath = join(BENCH_DIR, `transactions-${ROWS}.csv`);
  if (!existsSync(csvPath)) {
    const started = performance.now();
    await writeTransactionsCsv(csvPath, ROWS);
    console.log(`generated ${csvPath} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`file: ${ROWS.toLocaleString('en-US')} rows, ${mb(statSync(csvPath).size)} MB`);
  const outDir = mkdtempSync(join(tmpdir(), 'caudal-bench-dist-'));
  buildRenderer(outDir);
  const server = await startStaticServer(outDir);
  const baselineDir = BASELINE_REF ? mkdtempSync(join(tmpdir(), 'caudal-bench-dist-baseline-')) : null;
  const baselineCommit = BASELINE_REF && baselineDir ? buildBaseline(BASELINE_REF, baselineDir) : null;
  const baselineServer = baselineDir ? await startStaticServer(baselineDir) : null;
  const rows: string[] = [];
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      const load = loadavg()[0]?.toFixed(1);
      let before: RunFigures | null = null;
      let after: RunFigures | null = null;
      // With CAUDAL_BENCH_ORDER=alternate the working tree goes first in even runs: the second build of a pair
      // ran slower in an A/A comparison (the same commit on both sides), so a fixed order favours the baseline.
      const treeFirst = baselineServer !== null && ALTERNATE && run % 2 === 0;
      if (treeFirst) {
        console.log(`run ${run}/${RUNS}: working tree, first this time (load ${load})`);
        after = await benchOnce(server.url, csvPath, TREE_ARGS);
      }
      if (baselineServer) {
        console.log(`run ${run}/${RUNS}: baseline ${baselineCommit} (load ${loadavg()[0]?.toFixed(1)})`);
        before = await benchOnce(baselineServer.url, csvPath);
      }
      if (!treeFirst) {
        console.log(`run ${run}/${RUNS}: working tree (load ${loadavg()[0]?.toFixed(1)})`);
        after = await benchOnce(server.url, csvPath, TREE_ARGS);
      }
      if (after === null) continue;
      const sqliteMs = sqliteImport(csvPath);
      if (sqliteMs === null) continue;
      console.log(`  sqlite3 .import + 3 indexes: ${(sqliteMs / 1000).toFixed(2)} s`);
      const ratio = (ms: number) => `${(ms / 1000).toFixed(2)} s = ${(ms / sqliteMs).toFixed(2)}×`;
      rows.push(
        `run ${run} (load ${load}): sqlite3 ${(sqliteMs / 1000).toFixed(2)} s; ` +
          (before ? `baseline ${ratio(before.importMs)} (CPU ${before.importCpu.toFixed(2)} s, peak ${before.peakMb.toFixed(0)} MB RSS, ${before.peakPssMb.toFixed(0)} MB PSS, ${before.peakWithoutChromeUiMb.toFixed(0)} MB RSS without Chrome's UI renderer); ` : '') +
          `working tree ${ratio(after.importMs)} (CPU ${after.importCpu.toFixed(2)} s, peak ${after.peakMb.toFixed(0)} MB RSS, ${after.peakPssMb.toFixed(0)} MB PSS, ${after.peakWithoutChromeUiMb.toFixed(0)} MB RSS without Chrome's UI renderer)`,
      );
    }
  } finally {
    await server.close();
    await baselineServer?.close();
    rmSync(outDir, { recursive: true, force: true });
    if (baselineDir) rmSync(baselineDir, { recursive: true, force: true });
  }
  console.log('summary (app import total ÷ sqlite3 of the same run):');
  for (const row of rows) console.log(`  ${row}`);
}

// Run only as a script: the e2e tests import the CSV writer from here.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
