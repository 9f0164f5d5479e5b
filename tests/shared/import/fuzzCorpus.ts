/** The seeded corpus of corrupted bank exports shared by the fuzz test and `npm run bench:hostile`. */
import type { MappingSpec } from '../../../shared/import';

/** mulberry32: small, fast, seeded, so a failing case can be replayed from its index. */
export function prng(seed: number) {
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
export type Random = ReturnType<typeof prng>;

const HEADER = ['Nro. Operación', 'Fecha', 'Monto', 'Moneda', 'Cuenta Origen', 'Cuenta Destino', 'Ordenante', 'Canal'];
const NAMES = ['José Muñoz', 'Peña', 'Núñez & Cía. S.A.S.', 'Smith, John', 'O"Brien', 'Ana\nMaría'];
const GARBAGE = ['', 'abc', '1.2.3,4,5', '--7', '31/02/2025', '99/99/9999', '(', '"', 'NaN', 'Infinity', '1e309', '\u0000', '%%', '١٢٣'];

function quote(value: string, delimiter: string): string {
  return /["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function baseCsv(random: Random, delimiter: string): string {
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

export function corrupt(random: Random, bytes: Uint8Array): Uint8Array {
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

export function encode(random: Random, text: string): Uint8Array {
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

export const FIXED_SPEC: MappingSpec = {
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

