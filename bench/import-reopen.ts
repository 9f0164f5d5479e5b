/**
 * The page's side of re-opening a case, in Node: the 1M-row bench file
 * (.bench/transactions-<rows>.csv, written by bench/import.ts) imported and
 * packed into stored chunks as the import worker does, each chunk then passed
 * through V8's structured serialiser (as IndexedDB hands it back: every string
 * a fresh copy) and rebuilt into rows. Prints CPU time of the rebuild and
 * the heap the rebuilt rows keep after a full GC: what a re-open costs the
 * page per row, to judge changes to the stored form or the rebuild.
 * Rows are rebuilt with SharedStrings (one string per repeated account across
 * chunks, as the analysis worker loads a case) unless CAUDAL_SHARE=0 (as the
 * page loads it): round 6, heap kept 297 → 238 MB, rebuild CPU +0.1–0.2 s in
 * Node (the page pays more in Chromium: docs/BENCHMARKS.md "Import round 6").
 *   node --expose-gc scripts/run-ts.mjs bench/import-reopen.ts [rows] [runs]
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { importCsv, sniffCsv, suggestMapping, type ByteSource } from '../shared/import';
import { packColumns, SharedStrings, unpackRowsInto } from '../renderer/db/packedRows';
import { resolveCaseDataset } from '../shared/resolve';
import { emptyDataset, type Transaction } from '../shared/model';
import { CHUNK_ROWS } from '../renderer/db/schema';
import { writeTransactionsCsv } from './import';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const csvPath = join(resolve(import.meta.dirname, '..'), '.bench', `transactions-${rows}.csv`);
if (!existsSync(csvPath)) await writeTransactionsCsv(csvPath, rows);
const size = statSync(csvPath).size;
console.log(`Node ${process.version}, load ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; ${csvPath}`);

const head = new Uint8Array(readFileSync(csvPath).subarray(0, 64 * 1024));
const spec = { ...suggestMapping('transaction', sniffCsv(head)).spec, dateOrder: 'DMY' as const };
const source: ByteSource = { name: 'transactions.csv', size, stream: () => createReadStream(csvPath, { highWaterMark: 64 * 1024 }) };
/** Stored chunks as bytes, the way IndexedDB keeps them. */
const stored: Buffer[] = [];
await importCsv(source, { spec, sha256: 'a'.repeat(64), batchSize: CHUNK_ROWS, onColumns: async (columns) => void stored.push(serialize(packColumns(columns))) });

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function rebuild(): { cpu: number; heapMb: number; rows: unknown[] } {
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  const started = cpuMs();
  const target: unknown[] = [];
  const shared = process.env.CAUDAL_SHARE === '0' ? undefined : new SharedStrings();
  for (const bytes of stored) {
    const packed = deserialize(bytes);
    unpackRowsInto(packed, target, 0, packed.length, shared);
  }
  const cpu = cpuMs() - started;
  gc?.();
  return { cpu, heapMb: (process.memoryUsage().heapUsed - baseline) / 1024 / 1024, rows: target };
}

for (let run = 1; run <= runs; run += 1) {
  const result = rebuild();
  const resolving = cpuMs();
  resolveCaseDataset({ ...emptyDataset(), transactions: result.rows as Transaction[] }, []);
  const resolveMs = cpuMs() - resolving;
  console.log(`run ${run}: ${result.rows.length} rows rebuilt, CPU ${result.cpu.toFixed(0)} ms (incl. deserialise), heap kept ${result.heapMb.toFixed(0)} MB; then entity resolution (what loadCaseDataset runs next, in one task) ${resolveMs.toFixed(0)} ms`);
}
