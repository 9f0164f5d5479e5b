/**
 * npm run bench:import-sealed — the import benchmark (bench/import.ts) with
 * sealing at rest on and off, alternating in one session so both see the same
 * machine load: off, on, off, on … (CAUDAL_BENCH_PAIRS pairs, default 2).
 * Every other bench:import variable (CAUDAL_BENCH_ROWS …) passes through.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PAIRS = Number(process.env.CAUDAL_BENCH_PAIRS ?? 2);
const figures: Record<'off' | 'on', { importS: number[]; reopenS: number[] }> = { off: { importS: [], reopenS: [] }, on: { importS: [], reopenS: [] } };

for (let pair = 1; pair <= PAIRS; pair++) {
  for (const sealing of ['off', 'on'] as const) {
    console.log(`pair ${pair}/${PAIRS}, sealing ${sealing}, load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), join(ROOT, 'bench/import.ts')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CAUDAL_BENCH_SEALING: sealing } });
    process.stdout.write(run.stdout);
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      throw new Error(`bench/import.ts failed with sealing ${sealing}`);
    }
    const importS = /import total: ([\d.]+) s/.exec(run.stdout)?.[1];
    const reopenS = /re-open: ([\d.]+) s/.exec(run.stdout)?.[1];
    if (importS) figures[sealing].importS.push(Number(importS));
    if (reopenS) figures[sealing].reopenS.push(Number(reopenS));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
for (const measure of ['importS', 'reopenS'] as const) {
  const off = median(figures.off[measure]);
  const on = median(figures.on[measure]);
  console.log(`${measure === 'importS' ? 'import total' : 're-open'}: off ${figures.off[measure].join(', ')} s; on ${figures.on[measure].join(', ')} s; median ${off.toFixed(2)} → ${on.toFixed(2)} s (${(((on - off) / off) * 100).toFixed(1)} %)`);
}
