/**
 * Import engine benchmark: writes a 1M-row (~100 MB) transaction CSV to a
 * temp dir, then times hashSource and importCsv over a file stream in Node.
 * Usage: node scripts/run-ts.mjs bench/import-engine.ts [rows] [runs]
 *        (or npx tsx bench/import-engine.ts)
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSource, importCsv, type ByteSource, type MappingSpec } from '../shared/import';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);

/** Deterministic, realistic-looking rows: Spanish headers, ';' delimiter, comma decimals, DD/MM/YYYY dates. */
function generate(path: string): void {
  const names = ['José Muñoz', 'María Peña', 'Núñez & Cía. S.A.S.', 'Inversiones El Dorado Ltda.', 'Ana Gómez', 'Carlos Pérez'];
  const channels = ['EFECTIVO', 'TRANSFERENCIA', 'CHEQUE', 'GIRO', 'TARJETA'];
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff);
  const parts: string[] = ['Nro. Operación;Fecha;Hora;Cuenta Origen;Cuenta Destino;Monto;Moneda;Canal;Nombre Ordenante;NIT Ordenante;Beneficiario\n'];
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const day = (next() % 28) + 1;
    const month = (next() % 12) + 1;
    const amount = (next() % 100_000_000) / 100;
    const amountText = amount.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    block.push(
      `OP${String(i).padStart(9, '0')};${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2025;${String(next() % 24).padStart(2, '0')}:${String(next() % 60).padStart(2, '0')};` +
        `${10_000_000 + (next() % 50_000)};${20_000_000 + (next() % 50_000)};${amountText};COP;${channels[next() % channels.length]};` +
        `${names[next() % names.length]};${800_000_000 + (next() % 100_000)};${names[next() % names.length]}\n`,
    );
    if (block.length === 10_000) {
      parts.push(block.join(''));
      block = [];
    }
  }
  parts.push(block.join(''));
  writeFileSync(path, parts.join(''));
}

const spec: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'bench',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: 'auto',
  skipLines: 'auto',
  decimalSeparator: 'auto',
  dateOrder: 'auto',
  fields: {
    id: { column: 'Nro. Operación' },
    timestamp: { columns: ['Fecha', 'Hora'] },
    fromAccount: { column: 'Cuenta Origen' },
    toAccount: { column: 'Cuenta Destino' },
    amount: { column: 'Monto' },
    currency: { column: 'Moneda' },
    channel: { column: 'Canal' },
    fromPartyName: { column: 'Nombre Ordenante' },
    fromPartyId: { column: 'NIT Ordenante' },
    toPartyName: { column: 'Beneficiario' },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'caudal-bench-'));
const path = join(dir, 'transactions.csv');
try {
  let started = performance.now();
  generate(path);
  const size = statSync(path).size;
  console.log(`generated ${rows.toLocaleString('en')} rows, ${(size / 1e6).toFixed(1)} MB in ${(performance.now() - started).toFixed(0)} ms`);
  const source: ByteSource = { name: 'transactions.csv', size, stream: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
  for (let run = 1; run <= runs; run++) {
    started = performance.now();
    let cpu = process.cpuUsage();
    const sha256 = await hashSource(source);
    const hashMs = performance.now() - started;
    const hashCpu = process.cpuUsage(cpu);
    started = performance.now();
    cpu = process.cpuUsage();
    let batches = 0;
    const outcome = await importCsv(source, {
      spec,
      sha256,
      onBatch: () => {
        batches++;
      },
    });
    const importMs = performance.now() - started;
    const importCpu = process.cpuUsage(cpu);
    const cpuMs = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000).toFixed(0);
    const { counts } = outcome;
    if (counts.read !== counts.imported + counts.quarantined + counts.duplicates) throw new Error('counts do not reconcile');
    console.log(
      `run ${run}: hash ${hashMs.toFixed(0)} ms (cpu ${cpuMs(hashCpu)} ms, ${(size / 1e6 / (hashMs / 1000)).toFixed(0)} MB/s), import ${importMs.toFixed(0)} ms (cpu ${cpuMs(importCpu)} ms) ` +
        `(${Math.round(counts.read / (importMs / 1000)).toLocaleString('en')} rows/s), total ${(hashMs + importMs).toFixed(0)} ms; ` +
        `imported ${counts.imported}, quarantined ${counts.quarantined}, duplicates ${counts.duplicates}, batches ${batches}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
