import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv, ImportError, sniffCsv, suggestMapping, type MappingSpec } from '../../../shared/import';
import { TransactionSchema, type Transaction } from '../../../shared/model';
import { expectEveryLineAccounted } from './helpers';

/** mulberry32: small, fast, seeded, so a failing case can be replayed from its index. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const HEADER = ['Nro. Operación', 'Fecha', 'Monto', 'Moneda', 'Cuenta Origen', 'Cuenta Destino', 'Ordenante', 'Canal'];
const NAMES = ['José Muñoz', 'Peña', 'Núñez & Cía. S.A.S.', 'Smith, John', 'O"Brien', 'Ana\nMaría'];
const GARBAGE = ['', 'abc', '1.2.3,4,5', '--7', '31/02/2025', '99/99/9999', '(', '"', 'NaN', 'Infinity', '1e309', '\u0000', '%%', '١٢٣'];

function quote(value: string, delimiter: string): string {
  return /["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

function baseCsv(random: Random, delimiter: string): string {
  const lines: string[] = [];
  if (random.next() < 0.3) lines.push('BANCO DE PRUEBA S.A.', 'Reporte de operaciones');
  lines.push(HEADER.map((header) => quote(header, delimiter)).join(delimiter));
  const rows = 5 + random.int(25);
  for (let i = 0; i < rows; i++) {
    const day = 1 + random.int(28);
    const amount = (random.int(10_000_000) / 100).toFixed(2);
    const cells = [
      `OP-${random.int(40)}`,
      `${String(day).padStart(2, '0')}/${String(1 + random.int(12)).padStart(2, '0')}/2025`,
      delimiter === ',' ? amount : amount.replace('.', ','),
      random.pick(['COP', 'USD', 'usd', 'XYZ', 'US$']),
      `C-${random.int(9)}`,
      `C-${random.int(9)}`,
      random.pick(NAMES),
      random.pick(['EFECTIVO', 'Transferencia', 'giro', 'otro']),
    ];
    if (random.next() < 0.15) cells[random.int(cells.length)] = random.pick(GARBAGE);
    lines.push(cells.map((cell) => quote(cell, delimiter)).join(delimiter));
  }
  return lines.join(random.pick(['\n', '\r\n'])) + (random.next() < 0.8 ? '\n' : '');
}

function corrupt(random: Random, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  const operations = 1 + random.int(6);
  for (let op = 0; op < operations && out.length > 0; op++) {
    const at = random.int(out.length);
    switch (random.int(8)) {
      case 0: // byte flip
        out[at] = (out[at] as number) ^ (1 << random.int(8));
        break;
      case 1: // truncate the file
        out.length = at;
        break;
      case 2: // stray quote, often at the start of a cell where it opens a quoted field
        if (random.next() < 0.5) {
          const cellStart = out.indexOf(random.pick([0x2c, 0x3b, 0x09, 0x7c]), at);
          out.splice(cellStart < 0 ? at : cellStart + 1, 0, 0x22);
        } else out.splice(at, 0, 0x22);
        break;
      case 3: // wrong delimiter from here on
        for (let i = at; i < out.length; i++) if (out[i] === 0x3b) out[i] = 0x2c;
        break;
      case 4: // drop a line break (two rows glued) or add one (row cut in two)
        if (out[at] === 0x0a) out.splice(at, 1);
        else out.splice(at, 0, 0x0a);
        break;
      case 5: // random bytes, including invalid UTF-8 and NUL
        out.splice(at, 0, ...Array.from({ length: 1 + random.int(4) }, () => random.int(256)));
        break;
      case 6: // delete a run
        out.splice(at, 1 + random.int(20));
        break;
      case 7: // duplicate a slice (repeated rows, repeated ids)
        out.splice(at, 0, ...out.slice(random.int(out.length), random.int(out.length)));
        break;
    }
  }
  return new Uint8Array(out);
}

function encode(random: Random, text: string): Uint8Array {
  const choice = random.int(10);
  if (choice < 6) return new TextEncoder().encode(text);
  if (choice < 8) {
    // Windows-1252 for the Latin-1 range our text uses.
    return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f));
  }
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

const FIXED_SPEC: MappingSpec = {
  schema: 'caudal.mapping/1',
  name: 'fuzz',
  kind: 'transaction',
  encoding: 'auto',
  delimiter: 'auto',
  skipLines: 'auto',
  decimalSeparator: 'auto',
  dateOrder: 'DMY',
  fields: {
    id: { column: 'Nro. Operación' },
    timestamp: { column: 'Fecha' },
    amount: { column: 'Monto' },
    currency: { column: 'Moneda' },
    fromAccount: { column: 'Cuenta Origen' },
    toAccount: { column: 'Cuenta Destino' },
    fromPartyName: { column: 'Ordenante' },
    channel: { column: 'Canal' },
  },
};

export const FUZZ_CASES = Number(process.env.CAUDAL_FUZZ_CASES ?? 2000);

describe('fuzz: corrupted CSVs never crash the importer', () => {
  it(`${FUZZ_CASES.toLocaleString('en')} seeded corruptions end in an outcome whose records and physical lines reconcile, or in an ImportError`, async () => {
    const random = prng(20250131);
    let outcomes = 0;
    let importErrors = 0;
    let quarantined = 0;
    for (let caseIndex = 0; caseIndex < FUZZ_CASES; caseIndex++) {
      const delimiter = random.pick([';', ',', '\t', '|']);
      const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
      let spec = FIXED_SPEC;
      try {
        if (random.next() < 0.3) spec = { ...suggestMapping('transaction', sniffCsv(bytes), 'fuzz').spec, dateOrder: 'DMY' };
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`case ${caseIndex}: sniff/suggest threw ${String(error)}`, { cause: error });
      }
      const records: Transaction[] = [];
      try {
        const outcome = await importCsv<'transaction'>(bytesSource(`case-${caseIndex}.csv`, bytes, 1 + random.int(64)), {
          spec,
          sha256: 'f'.repeat(64),
          batchSize: 1 + random.int(10),
          onBatch: (batch) => void records.push(...batch),
        });
        outcomes++;
        const { counts } = outcome;
        expect(counts.read, `case ${caseIndex}`).toBe(counts.imported + counts.quarantined + counts.duplicates);
        // The physical-line identity, against a count made without the importer.
        expectEveryLineAccounted(outcome, undefined, new TextDecoder(outcome.file.encoding).decode(bytes));
        expect(records.length, `case ${caseIndex}`).toBe(counts.imported);
        expect(outcome.quarantine.length, `case ${caseIndex}`).toBe(counts.quarantined);
        expect(new Set(records.map((record) => record.id)).size, `case ${caseIndex}`).toBe(records.length);
        let previousLine = 0;
        for (const record of records) {
          TransactionSchema.parse(record);
          expect(record.source.line, `case ${caseIndex}`).toBeGreaterThan(previousLine);
          previousLine = record.source.line;
        }
        quarantined += counts.quarantined;
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`case ${caseIndex}: importCsv threw ${String(error)}`, { cause: error });
        importErrors++;
      }
    }
    // The corpus really exercises both paths and the quarantine.
    expect(outcomes).toBeGreaterThan(600);
    expect(importErrors).toBeGreaterThan(0);
    expect(quarantined).toBeGreaterThan(500);
  });
});
