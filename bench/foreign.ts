/**
 * Detection on foreign data: an IBM AMLSim run nobody in this project shaped.
 *
 *   npm run bench:foreign [-- --profiles co-uiaf,ec-uafe --seeds 5,11 --own 100000 --sensitivity balanced]
 *                          [--noise 0.15,0.015,0.01] [--keep DIR] [--data DIR] [--tile N] [--amounts F] [--times-of-day] [--why]
 *
 * --noise sets add-benign-noise.mjs's one-off, shop and firm proportions (its defaults unless given), so the
 * same seeds can be tried with other mixes of benign traffic than the one the detectors were looked at with;
 * --keep writes every variant's alerts JSON there for a closer look. --tile N stands for a bank N times
 * larger: N disjoint copies of the file (accounts, transactions and planted groups renumbered) as one
 * case, so a detector whose discount for chance grows with the case shows it (the data that judges
 * detection has about ten times the accounts). --amounts F multiplies every amount by F (another amount
 * scale, as in the issue's third AMLSim run): structural detection must give the same alerts. --times-of-day
 * gives every transfer of every variant (noise included) a time between 08:00 and 18:00 on its date, as a bank's
 * export has and AMLSim's day-resolution dates do not (the order within a day changes with it). --why prints,
 * for each planted fan, cycle and walk, how many as strong groups the traffic nobody planted holds in the
 * same file (bench/foreignWhy.ts): the data's own measure of why a group stays missed.
 *
 * READS ../shared/ (the developers' shared folder, absent from a user's clone):
 * ../shared/data/amlsim-small/transactions.csv and labels.csv, and the tools
 * ../shared/tools/score-amlsim.mjs (the metric), naive-fan.mjs (the baseline)
 * and add-benign-noise.mjs (the benign traffic banks have and AMLSim lacks).
 *
 * For each variant of the file (as shipped, then with benign noise for every
 * seed) it strips the two label columns, imports the rest through the real
 * import engine with the saved mapping below, runs detection under every
 * built-in profile, writes the alerts as `caudal analyze --format json` does
 * and scores them with score-amlsim.mjs: per-pattern recall, per-typology
 * precision, overall alert recall, precision, average precision and precision
 * at k, plus import and detection time and peak memory. The naive baseline
 * is scored on the same files. Last, it runs the own-generator benchmark
 * (bench/detect.ts) at --own transactions so a regression there shows in the
 * same run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDetection } from '../shared/detect';
import { SENSITIVITIES, isSensitivity, type Sensitivity } from '../shared/detect/sensitivity';
import { hashSource, importCsv, type ByteSource, type MappingSpec } from '../shared/import';
import { emptyDataset, type Alert, type Transaction } from '../shared/model';
import { BUILTIN_PROFILES } from '../shared/profiles';
import { lookAlikes, parsePatterns, parseTransfers, type LookAlike } from './foreignWhy';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = resolve(repo, '..', 'shared');
const tools = join(shared, 'tools');

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}
/** Another AMLSim run (a folder with transactions.csv and labels.csv in the same layout) instead of amlsim-small. */
const data = resolve(argument('data', join(shared, 'data', 'amlsim-small')));
const dataName = data.split('/').pop() ?? 'amlsim';
const profileIds = argument('profiles', BUILTIN_PROFILES.map((profile) => profile.id).join(',')).split(',');
const seeds = argument('seeds', '5,11').split(',').filter(Boolean).map(Number);
const ownSize = Number(argument('own', '100000'));
const sensitivityArg = argument('sensitivity', 'balanced');
if (!isSensitivity(sensitivityArg)) throw new Error(`--sensitivity must be one of ${SENSITIVITIES.join(', ')}`);
const sensitivity: Sensitivity = sensitivityArg;
const verbose = process.argv.includes('--verbose');
const noiseMix = argument('noise', '').split(',').filter(Boolean).map(Number);
if (noiseMix.length > 0 && (noiseMix.length !== 3 || noiseMix.some((share) => !(share >= 0 && share < 1)))) throw new Error('--noise takes three shares: one-off,shops,firms (e.g. 0.3,0.03,0.02)');
const keepDir = argument('keep', '');
const amountFactor = Number(argument('amounts', '1'));
const timesOfDay = process.argv.includes('--times-of-day');
if (!(amountFactor > 0)) throw new Error('--amounts takes a positive factor');
const why = process.argv.includes('--why');
const tiles = Number(argument('tile', '1'));
if (!Number.isInteger(tiles) || tiles < 1) throw new Error('--tile takes a whole number of copies (1 or more)');

/**
 * The saved mapping an analyst would keep for AMLSim exports: tx_type is
 * mapped to the channel as a new user would (DEPOSIT reads as cash and
 * CREDIT as card), although the README says it carries no signal; the
 * detectors must cope with that.
 */
const AMLSIM_MAPPING: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'AMLSim transactions (labels stripped)',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: ',',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'auto',
  fields: {
    id: { column: 'tran_id' },
    fromAccount: { column: 'orig_acct' },
    toAccount: { column: 'bene_acct' },
    channel: { column: 'tx_type' },
    amount: { column: 'base_amt' },
    currency: { constant: 'USD' },
    timestamp: { column: 'tran_timestamp' },
  },
};

interface Score {
  labeledAlerts: number;
  predictedAlerts: number;
  recall: number;
  precision: number;
  averagePrecision: number;
  precisionAtK: number;
  ignoredAlerts: Record<string, number>;
  perPattern: Record<string, { labeled: number; found: number }>;
  perTypologyPred: Record<string, { alerts: number; tp: number }>;
}

let labelsPath = join(data, 'labels.csv');

function score(alertsPath: string): Score {
  const out = execFileSync('node', [join(tools, 'score-amlsim.mjs'), labelsPath, alertsPath, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as Score;
}

/** Account, transaction and group ids of copy k move by these offsets, far above any id in an AMLSim run of this size. */
const TILE_OFFSETS = { account: 100_000, transaction: 1_000_000, group: 1_000 };

/** N disjoint copies of an AMLSim run as one bank: transactions (date order kept) and labels renumbered per copy. */
function tile(copies: number, into: string): { transactions: string; labels: string } {
  const [header, ...rows] = readFileSync(join(data, 'transactions.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const tiled: string[][] = [];
  for (let k = 0; k < copies; k++) {
    for (const row of rows) {
      const f = row.split(',');
      const group = f[7] === '-1' || f[7] === undefined ? f[7] : String(Number(f[7]) + k * TILE_OFFSETS.group);
      tiled.push([String(Number(f[0]) + k * TILE_OFFSETS.transaction), String(Number(f[1]) + k * TILE_OFFSETS.account), String(Number(f[2]) + k * TILE_OFFSETS.account), ...f.slice(3, 7), ...(group === undefined ? [] : [group])]);
    }
  }
  tiled.sort((a, b) => (a[5] as string).localeCompare(b[5] as string) || Number(a[0]) - Number(b[0]));
  const transactions = join(into, `tiled-${copies}.csv`);
  writeFileSync(transactions, [header, ...tiled.map((row) => row.join(','))].join('\r\n') + '\r\n');
  const [labelHeader, ...labelRows] = readFileSync(join(data, 'labels.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const labels = join(into, `tiled-${copies}-labels.csv`);
  const out: string[] = [labelHeader as string];
  for (let k = 0; k < copies; k++) {
    for (const row of labelRows) {
      const f = row.split(',');
      f[1] = String(Number(f[1]) + k * (f[0] === 'account' ? TILE_OFFSETS.account : TILE_OFFSETS.transaction));
      f[2] = String(Number(f[2]) + k * TILE_OFFSETS.group);
      out.push(f.join(','));
    }
  }
  writeFileSync(labels, out.join('\n') + '\n');
  return { transactions, labels };
}

/** A copy of an AMLSim file whose every transfer gets a time between 08:00 and 18:00 on its own date (seeded, so every run gets the same). */
function withTimesOfDay(input: string, output: string): string {
  let state = 7;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const [header, ...rows] = readFileSync(input, 'utf8').split(/\r?\n/).filter(Boolean);
  const timed = rows.map((row) =>
    row
      .split(',')
      .map((cell, column) => (column === 5 ? new Date(Date.parse(cell.slice(0, 10)) + Math.floor((8 + 10 * next()) * 3_600_000)).toISOString().replace('.000Z', 'Z') : cell))
      .join(','),
  );
  writeFileSync(output, [header, ...timed].join('\r\n') + '\r\n');
  return output;
}

/** Keeps the first six columns (drops is_sar and alert_id), as the README says to before giving the file to the app. */
function stripLabels(input: string, output: string): void {
  const lines = readFileSync(input, 'utf8').split(/\r?\n/);
  writeFileSync(output, lines.map((line) => line.split(',').slice(0, 6).join(',')).join('\r\n'));
}

async function importTransactions(path: string): Promise<{ transactions: Transaction[]; seconds: number; quarantined: number }> {
  const started = performance.now();
  const source: ByteSource = { name: path.split('/').pop() ?? path, size: statSync(path).size, stream: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
  const sha256 = await hashSource(source);
  const transactions: Transaction[] = [];
  const outcome = await importCsv(source, { spec: AMLSIM_MAPPING, sha256, onBatch: (batch) => void transactions.push(...(batch as Transaction[])) });
  return { transactions, seconds: (performance.now() - started) / 1000, quarantined: outcome.counts.quarantined };
}

const f2 = (value: number) => value.toFixed(2);
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const PATTERNS = ['fan-in', 'fan-out', 'cycle', 'scatter-gather', 'gather-scatter', 'random'];

function patternCells(result: Score): string {
  return PATTERNS.map((pattern) => {
    const entry = result.perPattern[pattern];
    return entry ? `${entry.found}/${entry.labeled}` : '–';
  }).join(' | ');
}

function typologyPrecision(result: Score): string {
  return Object.entries(result.perTypologyPred)
    .sort((a, b) => b[1].alerts - a[1].alerts)
    .map(([typology, entry]) => `${typology} ${entry.tp}/${entry.alerts}`)
    .join(', ');
}

const work = mkdtempSync(join(os.tmpdir(), 'caudal-foreign-'));
try {
  if (!existsSync(join(data, 'transactions.csv'))) throw new Error(`bench:foreign reads ${data}/transactions.csv, which is not there (it lives in ../shared/, beside the repository)`);
  console.log(`# Caudal detection on foreign data (IBM AMLSim) — ${new Date().toISOString()}`);
  console.log(`Reads ../shared/ (${shared}): data/amlsim-small/{transactions,labels}.csv and tools/{score-amlsim,naive-fan,add-benign-noise}.mjs.`);
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; sensitivity ${sensitivity}`);

  let source = join(data, 'transactions.csv');
  let baseName = dataName;
  if (tiles > 1) {
    const tiled = tile(tiles, work);
    source = tiled.transactions;
    labelsPath = tiled.labels;
    baseName = `${dataName} ×${tiles} (disjoint copies)`;
  }
  if (amountFactor !== 1) {
    const [header, ...rows] = readFileSync(source, 'utf8').split(/\r?\n/).filter(Boolean);
    const scaled = join(work, 'scaled.csv');
    writeFileSync(scaled, [header, ...rows.map((row) => row.split(',').map((cell, column) => (column === 4 ? (Number(cell) * amountFactor).toFixed(2) : cell)).join(','))].join('\r\n') + '\r\n');
    source = scaled;
    baseName = `${baseName}, amounts ×${amountFactor}`;
  }
  const variants: { name: string; labelled: string }[] = [{ name: baseName, labelled: source }];
  for (const seed of seeds) {
    const noisy = join(work, `noisy-${seed}.csv`);
    const mix = noiseMix.length === 3 ? ['--one-off', String(noiseMix[0]), '--shops', String(noiseMix[1]), '--firms', String(noiseMix[2])] : [];
    execFileSync('node', [join(tools, 'add-benign-noise.mjs'), source, noisy, '--seed', String(seed), ...mix], { stdio: ['ignore', 'ignore', 'ignore'] });
    variants.push({ name: `${baseName} + benign noise (seed ${seed}${mix.length > 0 ? `, mix ${noiseMix.join('/')}` : ''})`, labelled: noisy });
  }

  const summary: string[] = [];
  summary.push(`| data | profile | alerts | ${PATTERNS.join(' | ')} | recall | precision | AP | P@k | import s | detect s wall (CPU) | peak RSS |`);
  summary.push(`|---|---|---:|${PATTERNS.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|---:|`);
  if (timesOfDay) for (const variant of variants) variant.name = `${variant.name}, times of day`;
  for (const variant of variants) {
    if (timesOfDay) variant.labelled = withTimesOfDay(variant.labelled, join(work, 'timed.csv'));
    const stripped = join(work, 'stripped.csv');
    stripLabels(variant.labelled, stripped);
    const naivePath = join(work, 'naive.json');
    writeFileSync(naivePath, execFileSync('node', [join(tools, 'naive-fan.mjs'), stripped], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    const naive = score(naivePath);
    summary.push(`| ${variant.name} | naive-fan.mjs (baseline) | ${naive.predictedAlerts} | ${patternCells(naive)} | ${f2(naive.recall)} | ${f2(naive.precision)} | ${f2(naive.averagePrecision)} | ${f2(naive.precisionAtK)} | – | – | – |`);
    const imported = await importTransactions(stripped);
    console.log(`\n## ${variant.name}: ${imported.transactions.length.toLocaleString('en-US')} transactions imported in ${imported.seconds.toFixed(2)} s (${imported.quarantined} quarantined)`);
    for (const profileId of profileIds) {
      const base = BUILTIN_PROFILES.find((profile) => profile.id === profileId);
      if (!base) throw new Error(`unknown profile ${profileId}`);
      const profile = { ...base, sensitivity };
      const dataset = emptyDataset();
      dataset.transactions = imported.transactions;
      let peak = process.memoryUsage().rss;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const alerts: Alert[] = runDetection(dataset, profile, {
        onProgress: () => {
          peak = Math.max(peak, process.memoryUsage().rss);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // On a shared, loaded machine wall time says more about the neighbours than about detection: report CPU too.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      peak = Math.max(peak, process.memoryUsage().rss);
      const alertsPath = join(work, `alerts-${profileId}.json`);
      writeFileSync(alertsPath, JSON.stringify({ alerts: alerts.map((alert) => ({ typology: alert.typology, score: alert.score, accounts: alert.accounts, shapes: alert.shapes })) }));
      const result = score(alertsPath);
      if (keepDir) {
        const slug = variant.name.replace(/[^a-z0-9]+/gi, '-');
        writeFileSync(join(keepDir, `${slug}-${profileId}.json`), JSON.stringify({ alerts: alerts.map((alert) => ({ typology: alert.typology, score: alert.score, accounts: alert.accounts, shapes: alert.shapes, explanation: alert.explanation.en })) }, null, 1));
        if (variant.labelled !== source) writeFileSync(join(keepDir, `${slug}.csv`), readFileSync(variant.labelled));
      }
      console.log(
        `${profileId}: ${result.predictedAlerts} scored alerts, recall ${f2(result.recall)}, precision ${f2(result.precision)}, AP ${f2(result.averagePrecision)}, P@${result.labeledAlerts} ${f2(result.precisionAtK)}; ` +
          `per pattern ${PATTERNS.map((pattern) => `${pattern} ${result.perPattern[pattern]?.found ?? 0}/${result.perPattern[pattern]?.labeled ?? 0}`).join(', ')}; ` +
          `precision per typology: ${typologyPrecision(result)}; not scored: ${JSON.stringify(result.ignoredAlerts)}; detection ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, peak RSS ${mb(peak)}`,
      );
      if (verbose) for (const alert of alerts.slice(0, 60)) console.log(`  ${alert.score} ${alert.typology} [${(alert.shapes ?? []).join('+')}] ${alert.accounts.length} accounts: ${alert.explanation.en}`);
      summary.push(`| ${variant.name} | ${profileId} | ${result.predictedAlerts} | ${patternCells(result)} | ${f2(result.recall)} | ${f2(result.precision)} | ${f2(result.averagePrecision)} | ${f2(result.precisionAtK)} | ${imported.seconds.toFixed(2)} | ${seconds.toFixed(2)} (${cpuSeconds.toFixed(2)} CPU) | ${mb(peak)} |`);
    }
  }
  console.log('\n## Summary (per-pattern cells: groups found / groups planted; precision counts network-shape typologies only)\n');
  for (const line of summary) console.log(line);

  if (why) {
    console.log('\n## Why (--why): for each planted fan, cycle and walk, as strong groups that nobody planted in the same file (bench/foreignWhy.ts)\n');
    const patterns = parsePatterns(readFileSync(labelsPath, 'utf8'));
    const columns = variants.map((variant) => lookAlikes(parseTransfers(readFileSync(variant.labelled, 'utf8')), patterns));
    console.log(`| group | pattern | ${variants.map((variant) => variant.name).join(' | ')} |`);
    console.log(`|---|---|${variants.map(() => '---').join('|')}|`);
    for (const [row, planted] of (columns[0] ?? []).entries()) {
      const cells = columns.map((column) => {
        const entry = column[row] as LookAlike;
        if (Number.isNaN(entry.lookAlikes)) return entry.shape;
        return `${entry.shape}: **${entry.lookAlikes}**${entry.bursts === undefined ? '' : ` (${entry.bursts} bursts)`}`;
      });
      console.log(`| #${planted.group} | ${planted.pattern} | ${cells.join(' | ')} |`);
    }
    console.log(
      '\nLook-alikes are groups nobody planted that match the planted one on both counts (as many counterparts, accounts or hops, and no more days): ' +
        'fans, accounts with as many one-off counterparts within the span (bursts: at most two more in the whole file); cycles, rings of as many ' +
        'accounts or more (up to 8) of unplanted one-off transfers within the span; walks, paths of as many unplanted one-off hops waiting no ' +
        'longer in all. A group strong in another way (a smaller ring in fewer days) is not counted: 0 means none dominates the planted group, ' +
        'not that none is as surprising.',
    );
  }

  if (ownSize > 0) {
    console.log(`\n## Own generator at ${ownSize.toLocaleString('en-US')} transactions (bench/detect.ts), so a regression there shows in this run\n`);
    const own = execFileSync('node', [join(repo, 'scripts', 'run-ts.mjs'), join(repo, 'bench', 'detect.ts'), '--sizes', String(ownSize)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    console.log(own.split('\n').slice(2).join('\n'));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
