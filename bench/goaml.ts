/**
 * npm run bench:goaml — one bulk goAML file (`reportdata`, two-party form) of
 * 100,000 transactions from the seeded generator, imported through the real
 * app: built renderer served on 127.0.0.1, headless Debian Chromium, a new
 * case, the goAML picker on the import screen. It prints:
 *   - import total: file chosen → import committed (hash + SAX parse +
 *     validate + write + commit) and the case reloaded with every transaction;
 *   - the worker's own split (hash, parse and write);
 *   - peak memory: summed RSS of the Chromium process tree, sampled from /proc;
 *   - for comparison, the same file parsed in Node alone, with its heap peak.
 * Environment: CAUDAL_BENCH_GOAML_TRANSACTIONS (default 100000), CAUDAL_BENCH_RUNS (default 1).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCase } from '../shared/generator';
import { goamlChunks, importGoaml } from '../shared/interop/goaml';
import { benchUnlock } from './custody';
import { findBrowserPid, treeRss } from './processTree';

const TRANSACTIONS = Number(process.env.CAUDAL_BENCH_GOAML_TRANSACTIONS ?? 100_000);
const RUNS = Number(process.env.CAUDAL_BENCH_RUNS ?? 1);
const ROOT = resolve(import.meta.dirname, '..');
const BENCH_DIR = join(ROOT, '.bench');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function writeBulkFile(path: string): Promise<void> {
  const { dataset } = generateCase({ seed: 20260413, transactions: TRANSACTIONS });
  const out = createWriteStream(path);
  for (const chunk of goamlChunks(dataset.transactions, { localCurrency: 'COP', parties: dataset.parties, entityReference: 'BENCH-BULK' })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Summed resident memory of a process and its descendants (Linux /proc). */


async function benchInApp(baseUrl: string, path: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'caudal-bench-goaml-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 }, locale: 'es-CO' });
  const browserPid = findBrowserPid(profileDir);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(browserPid).total)), 100);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(baseUrl);
    // The app opens on its lock screen (issue 12): enrol or unlock the bench analyst first.
    await benchUnlock(page);
    await page.getByTestId('case-number').fill('BENCH-GOAML');
    await page.getByTestId('case-name').fill('Benchmark goAML');
    await page.getByTestId('create-case').click();
    await page.getByTestId('current-case').waitFor();
    await page.getByTestId('nav-import').click();
    await page.getByTestId('goaml-panel').waitFor();
    const idle = treeRss(browserPid).total;

    const started = performance.now();
    await page.getByTestId('goaml-file').setInputFiles(path);
    const result = page.getByTestId('goaml-result').last();
    await result.waitFor({ timeout: 600_000 });
    const status = await result.getAttribute('data-status');
    if (status !== 'committed') throw new Error(`import ended ${status}: ${await result.textContent()}`);
    // Done when the case holds every transaction in memory, as every view reads it.
    await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="case-counts"]')?.getAttribute('data-transactions')) === expected, TRANSACTIONS, { timeout: 600_000, polling: 50 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`  import total (file chosen → committed and case reloaded): ${seconds.toFixed(2)} s`);
    console.log(`  ${(await result.textContent())?.trim()}`);
    console.log(`  worker timings (ms): ${await result.getAttribute('data-timings')}`);
    console.log(`  Chromium tree RSS: idle ${mb(idle)} MB before the import`);
  } finally {
    clearInterval(sampler);
    console.log(`  peak RSS: Chromium tree ${mb(peak)} MB`);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

async function benchInNode(path: string): Promise<void> {
  const size = statSync(path).size;
  let heapPeak = 0;
  let transactions = 0;
  const started = performance.now();
  const outcome = await importGoaml(
    { name: 'bulk.xml', size, stream: () => createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array> },
    {
      sha256: '0'.repeat(64),
      defaultCurrency: 'COP',
      onBatch(batch) {
        // Records are dropped after counting: this measures the parser's own memory, as the worker's batches leave for IndexedDB.
        transactions += batch.transactions.length;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`node: parsed ${transactions.toLocaleString('en-US')} transactions (${outcome.counts.quarantined} quarantined) in ${seconds.toFixed(2)} s, ${(size / 1024 / 1024 / seconds).toFixed(0)} MB/s; heap peak ${mb(heapPeak)} MB`);
}

async function main(): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `goaml-bulk-${TRANSACTIONS}.xml`);
  if (!existsSync(path)) {
    const started = performance.now();
    await writeBulkFile(path);
    console.log(`generated ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`file: ${TRANSACTIONS.toLocaleString('en-US')} transactions, ${mb(statSync(path).size)} MB`);
  await benchInNode(path);
  const outDir = mkdtempSync(join(tmpdir(), 'caudal-bench-dist-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build of the renderer failed');
  // Imported only now: with playwright-core loaded, the same Node parse measured 2-4x slower (19 s against 4.5-7 s on a 30 MB slice).
  const { startStaticServer } = await import('../tests/e2e/static-server');
  const server = await startStaticServer(outDir);
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      console.log(`run ${run}/${RUNS}`);
      await benchInApp(server.url, path);
    }
  } finally {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
