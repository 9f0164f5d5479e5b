/**
 * Screening benchmark: quality on the labelled test set at the default
 * threshold (recall of true pairs, share of decoys hit, hits without an
 * explanation) and speed — 100,000 parties against 50,000 list entries with
 * aliases — in Node (the CLI's engine) and in the app's screening worker in
 * headless Chromium (Debian's, as the e2e tests use).
 *
 * The CLI is measured end to end too: the speed set written as a parties
 * CSV and a UN consolidated XML file, then `caudal screen` (the built CLI)
 * run on them in a child process: reading, parsing (saxes), indexing,
 * screening and writing the JSON.
 *
 * `--baseline-rev REV` also runs the engine of an earlier commit (its
 * shared/ taken with `git archive`) side by side, alternating runs, on the
 * same data, and checks both find exactly the same hits.
 *
 *   npm run bench:screen -- [--parties 100000] [--entries 50000] [--runs 2] [--no-browser] [--no-cli] [--baseline-rev REV]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_THRESHOLD, buildIndex, screen, type ListEntry, type PartialDate, type ScreeningHit, type ScreeningSubject } from '../shared/screen';
import { generateTestSet, measureQuality } from '../shared/screen/testset';
import { startStaticServer } from '../tests/e2e/static-server';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}
const root = resolve(import.meta.dirname, '..');
const partiesWanted = Number(argument('parties', '100000'));
const entriesWanted = Number(argument('entries', '50000'));
const runs = Math.max(1, Number(argument('runs', '2')));
const browser = !process.argv.includes('--no-browser');
const cli = !process.argv.includes('--no-cli');
const baselineRev = argument('baseline-rev', '');

function quality(seed: number) {
  const set = generateTestSet({ seed, entries: 10_000, truePairs: 5_000, decoys: 3_000 });
  const hits = screen(
    set.parties.map((p) => p.subject),
    buildIndex(set.entries),
    { threshold: DEFAULT_THRESHOLD },
  );
  return measureQuality(set, hits);
}

function speedSet() {
  // 2,000 planted true pairs and 1,000 decoys among the fillers, so the run also finds things.
  return generateTestSet({ seed: 2026, entries: entriesWanted, truePairs: 2_000, decoys: 1_000, fillers: partiesWanted - 3_000 });
}

interface Engine {
  buildIndex: (entries: ListEntry[]) => unknown;
  screen: (subjects: readonly ScreeningSubject[], index: never) => ScreeningHit[];
}

/** The engine of an earlier commit: its shared/ extracted with git archive into a scratch folder (node_modules linked). */
async function baselineEngine(rev: string): Promise<{ engine: Engine; commit: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(os.tmpdir(), 'caudal-screen-baseline-'));
  const commit = spawnSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).stdout.trim();
  const archive = spawnSync('sh', ['-c', `git archive ${JSON.stringify(rev)} shared tsconfig.base.json | tar -x -C ${JSON.stringify(dir)}`], { cwd: root, encoding: 'utf8' });
  if (archive.status !== 0 || !commit) throw new Error(`git archive ${rev} failed: ${archive.stderr}`);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const engine = (await import(pathToFileURL(join(dir, 'shared/screen/match.ts')).href)) as Engine;
  return { engine, commit, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface SpeedRun {
  engine: string;
  indexMs: number;
  screenMs: number;
  cpuMs: number;
  hits: number;
  fingerprint: string;
}

function timeEngine(label: string, engine: Engine, entries: ListEntry[], subjects: ScreeningSubject[]): SpeedRun {
  // CPU time beside wall time: on a shared, loaded machine the wall clock mostly measures the queue.
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const index = engine.buildIndex(entries);
  const t1 = performance.now();
  const hits = engine.screen(subjects, index as never);
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  const fingerprint = hits.map((hit) => `${hit.subjectId}|${hit.entryId}|${hit.score}|${hit.matchedName}|${hit.parts.map((part) => part.code).join(',')}`).join('\n');
  return { engine: label, indexMs: t1 - t0, screenMs: t2 - t1, cpuMs: (used.user + used.system) / 1000, hits: hits.length, fingerprint };
}

async function nodeSpeed(set: ReturnType<typeof speedSet>) {
  const subjects = set.parties.map((p) => p.subject);
  const aliases = set.entries.reduce((n, e) => n + e.names.length, 0);
  const current: Engine = { buildIndex, screen: screen as Engine['screen'] };
  const baseline = baselineRev ? await baselineEngine(baselineRev) : undefined;
  const results: SpeedRun[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      // Alternating, so both engines meet the same load.
      if (baseline) results.push(timeEngine(`baseline ${baseline.commit}`, baseline.engine, set.entries, subjects));
      results.push(timeEngine('current', current, set.entries, subjects));
    }
  } finally {
    baseline?.cleanup();
  }
  return { parties: subjects.length, entries: set.entries.length, names: aliases, results };
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const csv = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const pad = (n: number) => String(n).padStart(2, '0');

function unDate(date: PartialDate): string {
  if (date.toYear !== undefined) return `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>${date.year}</FROM_YEAR><TO_YEAR>${date.toYear}</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>`;
  const type = date.approximate ? 'APPROXIMATELY' : 'EXACT';
  if (date.month !== undefined && date.day !== undefined) return `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>${type}</TYPE_OF_DATE><DATE>${date.year}-${pad(date.month)}-${pad(date.day)}</DATE></INDIVIDUAL_DATE_OF_BIRTH>`;
  return `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>${type}</TYPE_OF_DATE><YEAR>${date.year}</YEAR></INDIVIDUAL_DATE_OF_BIRTH>`;
}

/** The speed set's list as a UN consolidated XML file (primary name in FIRST_NAME, aliases with their quality). */
function unXml(entries: ListEntry[]): string {
  const alias = (tag: string, name: ListEntry['names'][number]) => `<${tag}><QUALITY>${name.quality === 'weak' ? 'Low' : 'Good'}</QUALITY><ALIAS_NAME>${xml(name.name)}</ALIAS_NAME></${tag}>`;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">', '<INDIVIDUALS>'];
  for (const e of entries.filter((entry) => entry.kind === 'person')) {
    const [primary, ...others] = e.names;
    out.push(
      `<INDIVIDUAL><DATAID>${xml(e.id)}</DATAID><FIRST_NAME>${xml(primary?.name ?? '')}</FIRST_NAME><REFERENCE_NUMBER>${xml(e.id)}</REFERENCE_NUMBER>${e.listedOn ? `<LISTED_ON>${e.listedOn}</LISTED_ON>` : ''}` +
        e.nationalities.map((n) => `<NATIONALITY><VALUE>${xml(n)}</VALUE></NATIONALITY>`).join('') +
        others.map((name) => alias('INDIVIDUAL_ALIAS', name)).join('') +
        e.birthDates.map(unDate).join('') +
        e.ids.map((id) => `<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>${xml(id.type ?? '')}</TYPE_OF_DOCUMENT><NUMBER>${xml(id.number)}</NUMBER>${id.country ? `<ISSUING_COUNTRY>${xml(id.country)}</ISSUING_COUNTRY>` : ''}</INDIVIDUAL_DOCUMENT>`).join('') +
        '</INDIVIDUAL>',
    );
  }
  out.push('</INDIVIDUALS>', '<ENTITIES>');
  for (const e of entries.filter((entry) => entry.kind === 'company')) {
    const [primary, ...others] = e.names;
    out.push(`<ENTITY><DATAID>${xml(e.id)}</DATAID><FIRST_NAME>${xml(primary?.name ?? '')}</FIRST_NAME><REFERENCE_NUMBER>${xml(e.id)}</REFERENCE_NUMBER>${others.map((name) => alias('ENTITY_ALIAS', name)).join('')}</ENTITY>`);
  }
  out.push('</ENTITIES>', '</CONSOLIDATED_LIST>', '');
  return out.join('\n');
}

function partiesCsv(subjects: ScreeningSubject[]): string {
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  const lines = ['id,name,kind,id_type,id_number,nationality,birth_date'];
  for (const s of subjects) lines.push([s.id, s.name, s.kind ?? '', s.idType ?? '', s.idNumber ?? '', s.nationality ?? '', s.birthDate !== undefined ? day(s.birthDate) : ''].map(csv).join(','));
  return lines.join('\n') + '\n';
}

/** `caudal screen` end to end in a child process, with its CPU time from /usr/bin/time when the machine has it. */
function cliSpeed(set: ReturnType<typeof speedSet>) {
  const dir = mkdtempSync(join(os.tmpdir(), 'caudal-bench-screen-cli-'));
  try {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(dir, 'bin')], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
    writeFileSync(join(dir, 'parties.csv'), partiesCsv(set.parties.map((p) => p.subject)));
    writeFileSync(join(dir, 'un.xml'), unXml(set.entries));
    const results = [];
    for (let r = 0; r < runs; r++) {
      const args = [join(dir, 'bin/caudal.mjs'), 'screen', join(dir, 'parties.csv'), '--list', join(dir, 'un.xml'), '--format', 'json', '--out', join(dir, 'hits.json')];
      const timed = existsSync('/usr/bin/time');
      const started = performance.now();
      const child = timed ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
      const wallMs = performance.now() - started;
      if (child.status !== 0) throw new Error(`caudal screen failed (${child.status}): ${child.stderr}`);
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(child.stderr);
      const engine = /hit\(s\) in ([\d.]+) s/.exec(child.stderr);
      const hits = (JSON.parse(readFileSync(join(dir, 'hits.json'), 'utf8')) as { hits: unknown[] }).hits.length;
      results.push({ wallMs, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, engineS: engine ? Number(engine[1]) : undefined, hits });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PAGE = `
import { generateTestSet } from './shared/screen/testset';
window.runBench = async (parties, entries) => {
  const set = generateTestSet({ seed: 2026, entries, truePairs: 2000, decoys: 1000, fillers: parties - 3000 });
  const subjects = set.parties.map((p) => p.subject);
  let longest = 0;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
  try { observer.observe({ entryTypes: ['longtask'] }); } catch {}
  const worker = new Worker('./screening.worker.js', { type: 'module' });
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      if (event.data.type === 'done') resolve(event.data);
      if (event.data.type === 'error') reject(new Error(event.data.message));
    };
    worker.postMessage({ type: 'screen', subjects, lists: [{ entries: set.entries }], threshold: 0.8 });
  });
  const total = performance.now() - started;
  worker.terminate();
  observer.disconnect();
  return { totalMs: total, workerMs: result.ms, hits: result.hits.length, longestTaskMs: longest };
};
window.benchReady = true;
`;

async function browserSpeed() {
  const outDir = mkdtempSync(join(os.tmpdir(), 'caudal-bench-screen-'));
  try {
    await build({ stdin: { contents: PAGE, resolveDir: root, sourcefile: 'bench-page.js', loader: 'js' }, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(outDir, 'bench.js'), logLevel: 'warning' });
    await build({ entryPoints: [join(root, 'renderer/features/screening/screening.worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(outDir, 'screening.worker.js'), logLevel: 'warning' });
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="./bench.js"></script></body></html>');
    const server = await startStaticServer(outDir);
    const context = await chromium.launchPersistentContext(mkdtempSync(join(os.tmpdir(), 'caudal-bench-profile-')), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      // This page is the worker alone, not the app: no lock screen to pass (the worker gets its data in the message).
      await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
      const results = [];
      for (let r = 0; r < runs; r++) {
        results.push(await page.evaluate(([p, e]) => (window as unknown as { runBench: (p: number, e: number) => Promise<Record<string, number>> }).runBench(p as number, e as number), [partiesWanted, entriesWanted]));
      }
      return results;
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`# Screening benchmark ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${load}`);
const q = quality(11);
console.log(`quality (seed 11, 10,000 entries, ${q.truePairs} true pairs, ${q.decoys} decoys, threshold ${DEFAULT_THRESHOLD}): recall ${(q.recall * 100).toFixed(2)} %, decoys hit ${(q.decoyRate * 100).toFixed(2)} % (on any entry ${((q.decoysHitAny / q.decoys) * 100).toFixed(2)} %), hits without explanation ${q.hitsWithoutExplanation}`);
console.log(`  missed by variation ${JSON.stringify(q.missedByVariation)}; decoys hit by kind ${JSON.stringify(q.hitByDecoy)}`);
const set = speedSet();
const node = await nodeSpeed(set);
for (const r of node.results) console.log(`node ${r.engine}: ${node.parties} parties × ${node.entries} entries (${node.names} names and aliases): index ${(r.indexMs / 1000).toFixed(2)} s + screen ${(r.screenMs / 1000).toFixed(2)} s = ${((r.indexMs + r.screenMs) / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU, ${r.hits} hits`);
if (baselineRev) {
  const prints = new Set(node.results.map((r) => r.fingerprint));
  console.log(`baseline and current engines find ${prints.size === 1 ? 'exactly the same hits (subject, entry, score, name, explanation codes)' : 'DIFFERENT hits'}`);
}
if (cli) {
  for (const r of cliSpeed(set)) console.log(`cli (caudal screen parties.csv --list un.xml, end to end): ${(r.wallMs / 1000).toFixed(2)} s wall${r.cpuS !== undefined ? `, ${r.cpuS.toFixed(2)} s CPU` : ''}${r.engineS !== undefined ? ` (matching ${r.engineS.toFixed(2)} s)` : ''}, ${r.hits} hits`);
}
if (browser) {
  for (const r of await browserSpeed()) console.log(`chromium worker: ${partiesWanted} parties × ${entriesWanted} entries: ${(Number(r.totalMs) / 1000).toFixed(2)} s end to end (worker ${(Number(r.workerMs) / 1000).toFixed(2)} s), ${r.hits} hits, longest UI task ${Number(r.longestTaskMs).toFixed(0)} ms`);
}
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
