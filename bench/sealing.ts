/**
 * npm run bench:sealing — the CPU cost of sealing at rest on the 1M-row bench
 * file, isolated from the browser and from machine noise that swamps the
 * end-to-end comparison (bench:import-sealed): the shared import engine turns
 * bench/import.ts's CSV into records, packRows packs them in 5,000-row chunks
 * exactly as the import worker stores them, then each chunk is encoded and
 * encrypted (AES-256-GCM, WebCrypto) as renderer/db/sealing.ts does on write,
 * and decrypted and decoded as it does on re-open. Prints seconds per phase.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { hashSource, importCsv, sniffCsv, suggestMapping, type ByteSource } from '../shared/import';
import { decodeSealable, encodeSealable } from '../shared/audit/sealCodec';
import { packRows, type PackedRows } from '../renderer/db/packedRows';
import { writeTransactionsCsv } from './import';

const ROWS = Number(process.env.CAUDAL_BENCH_ROWS ?? 1_000_000);
const CHUNK_ROWS = 5_000;
const BENCH_DIR = resolve(import.meta.dirname, '../.bench');

async function main(): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const csvPath = join(BENCH_DIR, `transactions-${ROWS}.csv`);
  if (!existsSync(csvPath)) await writeTransactionsCsv(csvPath, ROWS);
  const source: ByteSource = { name: 'bench.csv', size: statSync(csvPath).size, stream: () => createReadStream(csvPath) as AsyncIterable<Uint8Array> };
  const head = new Uint8Array(await (await import('node:fs/promises')).readFile(csvPath).then((buffer) => buffer.subarray(0, 65_536)));
  const spec = suggestMapping('transaction', sniffCsv(head), 'bench').spec;
  spec.dateOrder = 'DMY';
  console.log(`file ${ROWS.toLocaleString('en-US')} rows; load ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);

  let started = performance.now();
  const sha256 = await hashSource(source);
  const chunks: PackedRows[] = [];
  let pending: unknown[] = [];
  await importCsv(source, {
    spec,
    sha256,
    onBatch: (batch) => {
      for (const record of batch) {
        pending.push(record);
        if (pending.length === CHUNK_ROWS) {
          chunks.push(packRows(pending));
          pending = [];
        }
      }
    },
  });
  if (pending.length > 0) chunks.push(packRows(pending));
  const importSeconds = (performance.now() - started) / 1000;

  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const additionalData = new TextEncoder().encode('caudal-sealed-row-v1\nchunks\n{}');
  started = performance.now();
  const encoded = chunks.map((chunk) => encodeSealable({ packed: chunk }));
  const encodeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }[] = [];
  for (const bytes of encoded) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    sealed.push({ iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData, tagLength: 128 }, key, bytes as Uint8Array<ArrayBuffer>) });
  }
  const encryptSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const opened: Uint8Array[] = [];
  for (const { iv, data } of sealed) opened.push(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData, tagLength: 128 }, key, data)));
  const decryptSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const bytes of opened) decodeSealable(bytes);
  const decodeSeconds = (performance.now() - started) / 1000;
  const megabytes = encoded.reduce((sum, bytes) => sum + bytes.byteLength, 0) / 1024 / 1024;
  console.log(`  import engine + packRows (the work sealing is added to): ${importSeconds.toFixed(2)} s, ${chunks.length} chunks, ${megabytes.toFixed(0)} MB encoded`);
  console.log(`  write side: encode ${encodeSeconds.toFixed(2)} s + encrypt ${encryptSeconds.toFixed(2)} s = ${(encodeSeconds + encryptSeconds).toFixed(2)} s (${(((encodeSeconds + encryptSeconds) / importSeconds) * 100).toFixed(1)} % of the engine)`);
  console.log(`  read side (re-open): decrypt ${decryptSeconds.toFixed(2)} s + decode ${decodeSeconds.toFixed(2)} s = ${(decryptSeconds + decodeSeconds).toFixed(2)} s`);
}

await main();
