/**
 * npm run bench:statements — a folder of 1,500 account statements (one per
 * account) holding 50,000 transfers, each transfer in the statements of both
 * its ends with a shared reference, made from shared/generator output.
 *
 *  1. CLI: `caudal analyze <folder>` against `caudal analyze <transfers.csv>`
 *     (the same transfers as one row-per-transfer file): wall time of each,
 *     merged pairs, and whether the alert sets are identical.
 *  2. App: the built renderer in headless Debian Chromium; a new case; the
 *     1,500 files picked in the statement panel; time from "Import" to the
 *     summary with the merged case in memory (target ≤ 20 s); every transfer
 *     merged once; then the Alerts screen's run read back from IndexedDB and
 *     compared with the CLI's alerts of the transfer file.
 * Environment: CAUDAL_BENCH_STATEMENTS (1500), CAUDAL_BENCH_TRANSFERS (50000), CAUDAL_BENCH_SKIP_APP=1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { generateCase, mappingSpecFor, toCsv } from '../shared/generator';
import { statementsFromTransactions } from '../shared/import/statement';
import type { Transaction } from '../shared/model';
import { startStaticServer } from '../tests/e2e/static-server';
import { benchUnlock } from './custody';

const STATEMENTS = Number(process.env.CAUDAL_BENCH_STATEMENTS ?? 1500);
const TRANSFERS = Number(process.env.CAUDAL_BENCH_TRANSFERS ?? 50_000);
const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** FNV-1a: a stable bucket per account. */
function bucket(text: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash % buckets;
}

/**
 * The generator's transfers folded onto STATEMENTS customer accounts: the
 * busiest accounts are kept, the others map onto them; transfers with a cash
 * desk (no statement is issued for a till) or folded onto one account are
 * left out; every account's holder, ID, bank and country made consistent, so
 * the statements and the transfer file say exactly the same thing.
 */
function benchTransfers(): Transaction[] {
  const generated = generateCase({ seed: 1616, transactions: Math.round(TRANSFERS * 1.3) });
  const customer = generated.dataset.transactions.filter((t) => !t.fromAccount.startsWith('CAJA-') && !t.toAccount.startsWith('CAJA-'));
  const activity = new Map<string, number>();
  for (const t of customer) for (const account of [t.fromAccount, t.toAccount]) activity.set(account, (activity.get(account) ?? 0) + 1);
  const kept = [...activity.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, STATEMENTS).map(([account]) => account);
  const keptSet = new Set(kept);
  const fold = (account: string) => (keptSet.has(account) ? account : (kept[bucket(account, kept.length)] as string));
  const holders = new Map<string, Pick<Transaction, 'fromPartyName' | 'fromPartyId' | 'fromBank' | 'fromCountry'>>();
  const transfers: Transaction[] = [];
  for (const t of customer) {
    const from = fold(t.fromAccount);
    const to = fold(t.toAccount);
    if (from === to) continue;
    if (!holders.has(from) && from === t.fromAccount) holders.set(from, { fromPartyName: t.fromPartyName, fromPartyId: t.fromPartyId, fromBank: t.fromBank, fromCountry: t.fromCountry });
    if (!holders.has(to) && to === t.toAccount) holders.set(to, { fromPartyName: t.toPartyName, fromPartyId: t.toPartyId, fromBank: t.toBank, fromCountry: t.toCountry });
    transfers.push({ ...t, fromAccount: from, toAccount: to });
    if (transfers.length === TRANSFERS) break;
  }
  const clean = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return transfers.map((t) => {
    const from = holders.get(t.fromAccount) ?? {};
    const to = holders.get(t.toAccount) ?? {};
    return clean({ ...t, fromPartyName: from.fromPartyName, fromPartyId: from.fromPartyId, fromBank: from.fromBank, fromCountry: from.fromCountry, toPartyName: to.fromPartyName, toPartyId: to.fromPartyId, toBank: to.fromBank, toCountry: to.fromCountry });
  });
}

interface AlertOut {
  typology: string;
  accounts: string[];
  transactions: string[];
}
const alertKeys = (alerts: AlertOut[]) => alerts.map((a) => `${a.typology}|${[...a.accounts].sort().join(',')}|${[...a.transactions].sort().join(',')}`).sort();

/** Runs the built CLI under /usr/bin/time when present: on a loaded machine the CPU time (user + system) says more than the wall time. */
function cli(args: string[]): { ms: number; cpuSeconds: number | null; stdout: string; stderr: string; code: number | null } {
  const started = performance.now();
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const commandArgs = timed ? ['-f', 'caudal-cpu %U %S', process.execPath, join(ROOT, 'dist/cli/caudal.mjs'), ...args] : [join(ROOT, 'dist/cli/caudal.mjs'), ...args];
  const result = spawnSync(command, commandArgs, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const cpu = /caudal-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { ms: performance.now() - started, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, stdout: result.stdout, stderr: result.stderr, code: result.status };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'caudal-bench-statements-'));
  const folder = join(work, 'extractos');
  mkdirSync(folder);
  const started = performance.now();
  const transfers = benchTransfers();
  const statements = statementsFromTransactions(transfers, { withStatement: () => true });
  for (const statement of statements) writeFileSync(join(folder, statement.fileName), statement.text);
  const transferCsv = join(work, 'transferencias.csv');
  writeFileSync(transferCsv, '\uFEFF' + toCsv('transaction', transfers, 'bank-es'));
  const mappingPath = join(work, 'transferencias.mapping.json');
  writeFileSync(mappingPath, JSON.stringify(mappingSpecFor('transaction', 'bank-es')));
  console.log(`${transfers.length.toLocaleString('en-US')} transfers in ${statements.length.toLocaleString('en-US')} statements (${readdirSync(folder).length} files) written in ${((performance.now() - started) / 1000).toFixed(1)} s; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // 1. CLI, side by side.
  if (process.env.CAUDAL_BENCH_SKIP_CLI !== '1') {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-node.mjs'), 'cli'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`CLI build failed:\n${build.stderr}`);
  const fromFile = cli(['analyze', transferCsv, '--mapping', mappingPath, '--format', 'json']);
  const fromStatements = cli(['analyze', folder, '--format', 'json']);
  if (fromFile.code !== 0) throw new Error(`caudal analyze on the transfer file exited ${fromFile.code}:\n${fromFile.stderr.slice(-2000)}`);
  if (fromStatements.code !== 0) throw new Error(`caudal analyze on the statements exited ${fromStatements.code}:\n${fromStatements.stderr.slice(-2000)}`);
  const fileAlerts = (JSON.parse(fromFile.stdout) as { alerts: AlertOut[] }).alerts;
  const statementOutput = JSON.parse(fromStatements.stdout) as { alerts: AlertOut[]; matching: { merged: number; unmatchedDebits: number; unmatchedCredits: number }; statements: { complete: boolean | null }[] };
  const identical = JSON.stringify(alertKeys(fileAlerts)) === JSON.stringify(alertKeys(statementOutput.alerts));
  console.log(
    `CLI: transfer file ${(fromFile.ms / 1000).toFixed(1)} s (CPU ${fromFile.cpuSeconds?.toFixed(1) ?? '?'} s), ${fileAlerts.length} alerts | statement folder ${(fromStatements.ms / 1000).toFixed(1)} s (CPU ${fromStatements.cpuSeconds?.toFixed(1) ?? '?'} s), ${statementOutput.alerts.length} alerts, ` +
      `${statementOutput.matching.merged.toLocaleString('en-US')} merged, ${statementOutput.matching.unmatchedDebits + statementOutput.matching.unmatchedCredits} unmatched sides, ` +
      `${statementOutput.statements.filter((s) => s.complete).length}/${statementOutput.statements.length} complete; alerts identical: ${identical}; load ${loadavg()[0]?.toFixed(2)}`,
  );
  }

  if (process.env.CAUDAL_BENCH_SKIP_APP === '1') {
    rmSync(work, { recursive: true, force: true });
    return;
  }

  // 2. The app.
  const outDir = join(work, 'dist');
  const vite = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (vite.status !== 0) throw new Error('vite build failed');
  const server = await startStaticServer(outDir);
  const profile = join(work, 'profile');
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    // The app opens on its lock screen (issue 12): enrol or unlock the bench analyst first.
    await benchUnlock(page);
    await page.getByTestId('language').selectOption('es');
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-number').fill('BENCH-16');
    await page.getByTestId('case-name').fill('Extractos');
    await page.getByTestId('create-case').click();
    await page.locator('[data-testid="current-case"]:has-text("BENCH-16")').waitFor();
    await page.getByTestId('nav-import').click();
    const files = readdirSync(folder).map((name) => join(folder, name));
    const pickedAt = performance.now();
    await page.getByTestId('statement-file-input').setInputFiles(files);
    await page.locator(`[data-testid="statement-many"][data-ready="${files.length}"]`).waitFor({ timeout: 600_000 });
    const inspectedMs = performance.now() - pickedAt;
    const importStarted = performance.now();
    await page.getByTestId('statement-import').click();
    await page.getByTestId('statement-matching').waitFor({ timeout: 900_000 });
    const importMs = performance.now() - importStarted;
    const merged = Number(await page.getByTestId('statement-matching').getAttribute('data-merged'));
    const unmatched = Number(await page.getByTestId('statement-matching').getAttribute('data-unmatched'));
    const caseTransactions = Number(await page.getByTestId('case-counts').getAttribute('data-transactions'));
    const writtenMs = Number(await page.getByTestId('statement-panel').getAttribute('data-written-ms'));
    console.log(
      `app: ${files.length} statements read and detected in ${(inspectedMs / 1000).toFixed(1)} s; import (click → merged case in memory) ${(importMs / 1000).toFixed(1)} s (target ≤ 20 s; files written ${(writtenMs / 1000).toFixed(1)} s, the rest re-reading the case); ` +
        `${merged.toLocaleString('en-US')} merged, ${unmatched} unmatched sides, case holds ${caseTransactions.toLocaleString('en-US')} transactions; load ${loadavg()[0]?.toFixed(2)}`,
    );
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-row').first().waitFor({ timeout: 600_000 });
    const appAlerts = await page.evaluate(`new Promise((resolve, reject) => {
      const request = indexedDB.open('caudal');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const read = request.result.transaction('alertRuns').objectStore('alertRuns').getAll();
        read.onsuccess = () => resolve(read.result.flatMap((run) => run.alerts.map((a) => ({ typology: a.typology, accounts: a.accounts, transactions: a.transactions }))));
        read.onerror = () => reject(read.error);
      };
    })`);
    const reference = cli(['analyze', transferCsv, '--mapping', mappingPath, '--format', 'json']);
    const fileAlerts = (JSON.parse(reference.stdout) as { alerts: AlertOut[] }).alerts;
    const appIdentical = JSON.stringify(alertKeys(appAlerts as AlertOut[])) === JSON.stringify(alertKeys(fileAlerts));
    console.log(`app alerts: ${(appAlerts as AlertOut[]).length}; identical to the CLI's alerts of the transfer file: ${appIdentical}`);
  } finally {
    await context.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
