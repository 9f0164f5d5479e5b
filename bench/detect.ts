/**
 * Detection benchmark: generates synthetic cases with planted typologies
 * (shared/generator), runs every detector with the profile's default
 * parameters and prints, per typology, precision and recall against the
 * planted labels, wall time and peak memory.
 *
 *   npm run bench:detect -- --sizes 100000,1000000 --seed 7 --profile co-uiaf
 *
 * A planted pattern is found when an alert of its typology (or a scheme alert naming it among its shapes) covers at least
 * half of its accounts (its shipments when it names no account). Precision:
 * alerts that find some planted pattern of their typology / all alerts of
 * that typology.
 */
import os from 'node:os';
import { generateCase } from '../shared/generator';
import type { PlantedPattern } from '../shared/generator/labels';
import { TYPOLOGIES, runDetection } from '../shared/detect';
import { indexCase } from '../shared/detect/indexing';
import { builtinProfile } from '../shared/profiles';
import type { Alert } from '../shared/model';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

const sizes = argument('sizes', '100000,1000000')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isFinite(value) && value > 0);
const seed = Number(argument('seed', '7'));
const profileId = argument('profile', 'co-uiaf');
const profile = builtinProfile(profileId);
if (!profile) throw new Error(`Unknown profile ${profileId}`);

let peakRss = 0;
const sampleMemory = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
};

export function covers(alert: Alert, pattern: PlantedPattern): boolean {
  if (pattern.accounts.length > 0) {
    const accounts = new Set(alert.accounts);
    const inside = pattern.accounts.filter((account) => accounts.has(account)).length;
    return inside * 2 >= pattern.accounts.length;
  }
  const shipments = new Set(alert.shipments);
  const inside = pattern.shipments.filter((shipment) => shipments.has(shipment)).length;
  return pattern.shipments.length > 0 && inside * 2 >= pattern.shipments.length;
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const pct = (value: number) => (Number.isNaN(value) ? '  n/a' : value.toFixed(2).padStart(5));

console.log(`# Caudal detection benchmark — ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${os.platform()} ${os.release()}; profile ${profileId}; seed ${seed}`);

for (const size of sizes) {
  peakRss = 0;
  const generatedAt = performance.now();
  const generated = generateCase({ seed, transactions: size });
  const generateMs = performance.now() - generatedAt;
  sampleMemory();
  const { dataset, labels, benign } = generated;

  const loadBefore = os.loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  indexCase(dataset, profile);
  const indexMs = performance.now() - started;
  sampleMemory();
  const perTypology = new Map<string, number>();
  let current = '';
  let currentStart = performance.now();
  const alerts = runDetection(dataset, profile, {
    onProgress: (_fraction, typologyId) => {
      sampleMemory();
      if (typologyId !== current) {
        const now = performance.now();
        if (current) perTypology.set(current, (perTypology.get(current) ?? 0) + now - currentStart);
        current = typologyId;
        currentStart = now;
      }
    },
  });
  const now = performance.now();
  if (current) perTypology.set(current, (perTypology.get(current) ?? 0) + now - currentStart);
  const detectMs = now - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sampleMemory();

  console.log(`\n## ${size.toLocaleString('en-US')} transactions requested: ${dataset.transactions.length.toLocaleString('en-US')} transactions, ${dataset.accounts.length.toLocaleString('en-US')} accounts, ${dataset.shipments.length.toLocaleString('en-US')} shipments, ${labels.length} planted patterns`);
  console.log(
    `generation ${(generateMs / 1000).toFixed(1)} s (not counted); index ${(indexMs / 1000).toFixed(2)} s; all typologies incl. index ${(detectMs / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (load average ${loadBefore.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}); peak RSS ${mb(peakRss)}; ${alerts.length} alerts`,
  );
  console.log('');
  console.log('| typology | planted | alerts | recall | precision | time (s) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const benignAccounts = new Map<string, string>();
  for (const pattern of benign) for (const account of pattern.accounts) benignAccounts.set(account, pattern.kind);
  for (const typology of TYPOLOGIES) {
    const planted = labels.filter((pattern) => pattern.typology === typology.id);
    // Recall: a scheme alert finds a pattern of any shape it names. Precision: an alert counts under its own
    // (strongest) typology only, so a gather-scatter scheme that also names fan-in is not a fan-in false positive.
    const raised = alerts.filter((alert) => alert.typology === typology.id);
    const naming = alerts.filter((alert) => alert.typology === typology.id || (alert.shapes ?? []).includes(typology.id));
    const found = planted.filter((pattern) => naming.some((alert) => covers(alert, pattern))).length;
    // A scheme alert is right when it covers a planted pattern of any shape it names.
    const hits = raised.filter((alert) => labels.some((pattern) => (alert.shapes ?? [alert.typology]).includes(pattern.typology) && covers(alert, pattern))).length;
    const recall = planted.length ? found / planted.length : Number.NaN;
    const precision = raised.length ? hits / raised.length : Number.NaN;
    const seconds = ((perTypology.get(typology.id) ?? 0) / 1000).toFixed(2);
    console.log(`| ${typology.id} | ${planted.length} | ${raised.length} | ${pct(recall)} | ${pct(precision)} | ${seconds} |`);
  }
  if (process.argv.includes('--verbose')) {
    for (const typology of TYPOLOGIES) {
      const planted = labels.filter((pattern) => pattern.typology === typology.id);
      for (const alert of alerts.filter((a) => a.typology === typology.id && !labels.some((pattern) => (a.shapes ?? [a.typology]).includes(pattern.typology) && covers(a, pattern)))) {
        const benignKinds = [...new Set(alert.accounts.map((account) => benignAccounts.get(account)).filter(Boolean))];
        const otherPatterns = labels.filter((pattern) => pattern.typology !== typology.id && covers(alert, pattern)).map((pattern) => pattern.typology);
        console.log(`FP ${typology.id} score ${alert.score} benign=[${benignKinds.join(',')}] planted-other=[${otherPatterns.join(',')}] ${alert.explanation.en}`);
      }
      for (const pattern of planted.filter((p) => !alerts.some((alert) => (alert.typology === typology.id || (alert.shapes ?? []).includes(typology.id)) && covers(alert, p)))) {
        console.log(`MISS ${typology.id} ${pattern.id} accounts=${pattern.accounts.length} txs=${pattern.transactions.length} shipments=${pattern.shipments.length}`);
      }
    }
  }
}
