/**
 * The import worker's CPU path in Node, stage by stage, on the same 1M-row file
 * bench/import.ts drives through the app (.bench/transactions-<rows>.csv,
 * written by that bench): decode + chunk + convert (importCsv with the mapping
 * the app suggests, writing columns as the import worker does), pack each
 * batch into its stored chunk form (packColumns),
 * encode it for sealing (encodeSealable) and encrypt it (AES-GCM). IndexedDB
 * itself is not in Node; bench/import.ts measures the whole path in Chromium.
 * Figures are CPU time of this process (process.cpuUsage), which the machine's
 * load changes far less than wall time. Run with --cpu-prof to see which functions cost:
 *   node scripts/run-ts.mjs bench/import-pipeline.ts [rows] [runs] [batch rows]
 * CAUDAL_FILE_CODES=0 packs each chunk on its own (format 2 behaviour) instead of with the import's
 * file-wide dictionaries (format 3, what the import worker does).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import { importCsv, sniffCsv, suggestMapping, type ByteSource } from '../shared/import';
import { encodeSealable } from '../shared/audit/sealCodec';
import { FileCodes, packColumns } from '../renderer/db/packedRows';
import { CHUNK_ROWS } from '../renderer/db/schema';
import { writeTransactionsCsv } from './import';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 2);
/** Rows per batch (= per stored chunk); the app uses CHUNK_ROWS. */
const batchSize = Number(process.argv[4] ?? CHUNK_ROWS);
const FILE_CODES = process.env.CAUDAL_FILE_CODES !== '0';
const csvPath = join(resolve(import.meta.dirname, '..'), '.bench', `transactions-${rows}.csv`);
if (!existsSync(csvPath)) await writeTransactionsCsv(csvPath, rows);
const size = statSync(csvPath).size;
console.log(`Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; ${csvPath} ${(size / 1e6).toFixed(0)} MB`);

const head = new Uint8Array(readFileSync(csvPath).subarray(0, 64 * 1024));
const suggested = suggestMapping('transaction', sniffCsv(head));
const spec = { ...suggested.spec, dateOrder: 'DMY' as const };
const source: ByteSource = { name: 'transactions.csv', size, stream: () => createReadStream(csvPath, { highWaterMark: 64 * 1024 }) };
const key = await webcrypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);

/** CPU milliseconds (user + system) this process has used so far. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Time spent in garbage collection (every kind), summed from the runtime's own GC entries. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

for (let run = 1; run <= runs; run += 1) {
  const gcBefore = gcMs;
  let packMs = 0;
  let encodeMs = 0;
  let sealMs = 0;
  let storedBytes = 0;
  const fileCodes = FILE_CODES ? new FileCodes() : undefined;
  const started = cpuMs();
  const wallStarted = performance.now();
  const outcome = await importCsv(source, {
    spec,
    sha256: 'a'.repeat(64),
    batchSize,
    onColumns: async (columns) => {
      let at = cpuMs();
      const packed = packColumns(columns, fileCodes);
      packMs += cpuMs() - at;
      at = cpuMs();
      const plain = encodeSealable({ packed });
      encodeMs += cpuMs() - at;
      at = cpuMs();
      const sealed = await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, plain);
      sealMs += cpuMs() - at;
      storedBytes += sealed.byteLength;
    },
  });
  const totalMs = cpuMs() - started;
  await new Promise((resolveWait) => setImmediate(resolveWait)); // GC entries are delivered asynchronously.
  const parseMs = totalMs - packMs - encodeMs - sealMs;
  console.log(
    `run ${run}: CPU ${totalMs.toFixed(0)} ms (wall ${(performance.now() - wallStarted).toFixed(0)} ms) = decode+chunk+convert ${parseMs.toFixed(0)} + pack ${packMs.toFixed(0)} + encode ${encodeMs.toFixed(0)} + encrypt ${sealMs.toFixed(0)}; ` +
      `${outcome.counts.imported} imported in batches of ${batchSize}${fileCodes ? ' with file-wide dictionaries' : ''}, ${(storedBytes / 1e6).toFixed(1)} MB sealed; GC ${(gcMs - gcBefore).toFixed(0)} ms (wall, inside the CPU time)`,
  );
}
