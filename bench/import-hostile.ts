/**
 * Hostile-file benchmark (issue 10): files a bank or an adversary could
 * produce, through the same engine the app and the CLI run.
 *
 *   1. stray quote at line 2 of a 300,000-row file → every good row imported, the bad line quarantined
 *   2. one 64 MiB (and one 200 MiB) line, alone → refused with a named error, time measured
 *   3. a header, 1,000 rows, one 64 MiB data line, 1,000 rows → the long line quarantined, time measured
 *   4. 16 MiB, 64 MiB lines inside an open quote → linear time (no rescanning of the pending text)
 *   5. 10,000 fuzzed files (tests/shared/import/fuzzCorpus.ts) → the physical-line identity holds for every one
 *   6. (round 12) hostile workbooks, goAML, statements, FtM, lists and packages: bench/hostile-non-csv.ts, each
 *      case in a child process of its own for its peak memory
 *
 * Usage: npm run bench:hostile [-- --fuzz N] [--only-non-csv | --skip-non-csv] [--non-csv-filter REGEX]
 */
import os from 'node:os';
import { bytesSource, importCsv, ImportError, sniffCsv, suggestMapping, type ByteSource, type ImportOutcome, type MappingSpec } from '../shared/import';
import { baseCsv, corrupt, encode, FIXED_SPEC, prng } from '../tests/shared/import/fuzzCorpus';
import { strayQuoteCsv } from '../tests/helpers/strayQuoteFile';
import { runNonCsvCases } from './hostile-non-csv';

const fuzzArgument = process.argv.indexOf('--fuzz');
const FUZZ = fuzzArgument > 0 ? Number(process.argv[fuzzArgument + 1]) : 10_000;
const SHA = 'a'.repeat(64);
const encoder = new TextEncoder();

console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);

const nonCsvFilterArgument = process.argv.indexOf('--non-csv-filter');
const nonCsvFilter = nonCsvFilterArgument > 0 ? new RegExp(process.argv[nonCsvFilterArgument + 1] as string, 'i') : undefined;
if (process.argv.includes('--only-non-csv')) {
  runNonCsvCases(nonCsvFilter);
  process.exit(0);
}

const SPEC: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'hostile',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: ',',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'YMD',
  fields: {
    id: { column: 'id' },
    timestamp: { column: 'fecha' },
    amount: { column: 'monto' },
    fromAccount: { column: 'cuenta origen' },
    toAccount: { column: 'cuenta destino' },
    currency: { column: 'moneda' },
  },
};

/** Streams `repeat` copies of `unit` between a head and a tail without building the whole file in memory. */
function repeatedSource(name: string, head: string, unit: string, repeat: number, tail: string): ByteSource {
  const headBytes = encoder.encode(head);
  const unitBytes = encoder.encode(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))));
  const unitsPerBlock = unitBytes.length / encoder.encode(unit).length;
  const tailBytes = encoder.encode(tail);
  const blocks = Math.ceil(repeat / unitsPerBlock);
  return {
    name,
    size: headBytes.length + blocks * unitBytes.length + tailBytes.length,
    async *stream() {
      yield headBytes;
      for (let i = 0; i < blocks; i++) yield unitBytes;
      yield tailBytes;
    },
  };
}

async function timed(label: string, source: ByteSource, spec: MappingSpec = SPEC): Promise<ImportOutcome | ImportError> {
  const started = performance.now();
  let imported = 0;
  let result: ImportOutcome | ImportError;
  try {
    result = await importCsv(source, { spec, sha256: SHA, onBatch: (batch) => void (imported += batch.length) });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    result = error;
  }
  const seconds = (performance.now() - started) / 1000;
  const size = `${(source.size / 2 ** 20).toFixed(1)} MiB`;
  if (result instanceof ImportError) console.log(`${label} (${size}): refused in ${seconds.toFixed(2)} s — ${result.code}: ${result.message}`);
  else {
    const { counts } = result;
    const quarantine = result.quarantine.slice(0, 2).map((entry) => `line ${entry.line} ${entry.code}${entry.truncated ? ' (cut)' : ''}`);
    console.log(
      `${label} (${size}): ${seconds.toFixed(2)} s — ${counts.imported.toLocaleString('en')} imported, ${counts.quarantined} quarantined [${quarantine.join('; ')}], ` +
        `lines ${JSON.stringify(counts.lines)}`,
    );
  }
  return result;
}

const HEADER = 'id,fecha,monto,cuenta origen,cuenta destino,moneda\n';
const rows = (from: number, count: number) => {
  let text = '';
  for (let i = from; i < from + count; i++) text += `R${i},2025-07-01,${i}.5,A${i % 50},B${i % 70},USD\n`;
  return text;
};

// 1. The stray quote.
const stray = encoder.encode(strayQuoteCsv());
const strayOutcome = await timed('stray quote at line 2 of 300,000 rows', bytesSource('stray.csv', stray, 1 << 16));
if (strayOutcome instanceof ImportError || strayOutcome.counts.imported !== 300_000 || strayOutcome.counts.quarantined !== 1) throw new Error('stray-quote file: not every good row imported');

// 2. One enormous line, alone.
for (const mib of [64, 200]) {
  const result = await timed(`one ${mib} MiB line`, repeatedSource(`line-${mib}.csv`, '', 'abcdefgh,', (mib << 20) / 9, ''));
  if (!(result instanceof ImportError)) throw new Error('a single-line file was not refused');
}

// 3. One 64 MiB data line between good rows; 4. 16 and 64 MiB inside an open quote.
await timed('1,000 rows + one 64 MiB line + 1,000 rows', repeatedSource('long-row.csv', HEADER + rows(1, 1000) + 'R0,2025-07-01,1,', 'x', 64 << 20, `,B,USD\n${rows(1001, 1000)}`));
for (const mib of [16, 64]) {
  await timed(`1,000 rows + a ${mib} MiB quoted field with line breaks + 1,000 rows`, repeatedSource(`quote-${mib}.csv`, HEADER + rows(1, 1000) + 'R0,2025-07-01,1,"', 'texto sin cerrar, más texto\n', (mib << 20) / 28, rows(1001, 1000)));
}

// 4b. Every line opens a quote it never closes (the worst case for re-synchronisation).
await timed('500,000 lines that all open a quote', repeatedSource('all-open.csv', HEADER, 'R1,2025-07-01,1,"Pago sin cerrar,USD\n', 500_000, ''));

// 5. The fuzzed corpus: the physical-line identity on every file.
const random = prng(7_770_001);
let outcomes = 0;
let refused = 0;
const fuzzStarted = performance.now();
for (let index = 0; index < FUZZ; index++) {
  const delimiter = random.pick([';', ',', '\t', '|']);
  const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
  let spec = FIXED_SPEC;
  try {
    if (random.next() < 0.3) spec = { ...suggestMapping('transaction', sniffCsv(bytes), 'fuzz').spec, dateOrder: 'DMY' };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
  }
  try {
    const outcome = await importCsv(bytesSource(`fuzz-${index}.csv`, bytes, 1 + random.int(64)), { spec, sha256: SHA, onBatch: () => undefined });
    const { lines } = outcome.counts;
    const text = new TextDecoder(outcome.file.encoding).decode(bytes).replace(/^\uFEFF/, '');
    const lineBreak = text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
    const physical = text.length === 0 ? 0 : text.split(lineBreak).length - (text.endsWith(lineBreak) ? 1 : 0);
    const sum = lines.header + lines.blank + lines.imported + lines.quarantined + lines.duplicates;
    if (sum !== lines.total || physical !== lines.total) throw new Error(`fuzz case ${index}: ${physical} physical lines, counted ${JSON.stringify(lines)}`);
    outcomes++;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    refused++;
  }
}
console.log(
  `${FUZZ.toLocaleString('en')} fuzzed files in ${((performance.now() - fuzzStarted) / 1000).toFixed(1)} s: physical-line identity held for all ${outcomes.toLocaleString('en')} imported; ${refused} refused with an ImportError`,
);

// 6. The importers that are not the CSV engine (round 12).
if (!process.argv.includes('--skip-non-csv')) runNonCsvCases(nonCsvFilter);
