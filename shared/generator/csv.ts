import type { Account, Channel, Party, RecordByKind, RecordKind, Shipment, Transaction } from '../model';
import { MAPPING_SCHEMA_TAG, type FieldSource, type MappingSpec } from '../import/spec';

/**
 * The two CSV layouts the generator writes:
 * - `bank-es`: what a Colombian bank's Excel export looks like — `;` delimiter,
 *   Spanish headers, DD/MM/YYYY dates, decimal comma with dot thousands
 *   (1.234.567,89), CRLF line ends and a two-line preamble before the header.
 * - `plain`: comma, English snake_case headers, ISO 8601 dates, dot decimals.
 * Every record is exactly one physical line (no embedded newlines), so the
 * provenance line of record i is `firstDataLine(layout) + i`.
 */
export const CSV_LAYOUTS = ['bank-es', 'plain'] as const;
export type CsvLayout = (typeof CSV_LAYOUTS)[number];

export const PREAMBLE_LINES: Record<CsvLayout, number> = { 'bank-es': 2, plain: 0 };

/** 1-based line of the first data row: after the preamble and the header line. */
export function firstDataLine(layout: CsvLayout): number {
  return PREAMBLE_LINES[layout] + 2;
}

export const CHANNEL_LABEL_ES: Record<Channel, string> = {
  cash: 'Efectivo',
  wire: 'Transferencia internacional',
  transfer: 'Transferencia',
  check: 'Cheque',
  card: 'Tarjeta',
  crypto: 'Criptoactivo',
  other: 'Otro',
};

const REPORT_TITLE: Record<RecordKind, string> = {
  transaction: 'BANCOLOMBIA S.A. — Reporte de movimientos',
  account: 'BANCOLOMBIA S.A. — Reporte de productos vinculados',
  party: 'BANCOLOMBIA S.A. — Reporte de clientes y contrapartes',
  shipment: 'DIAN — Reporte de declaraciones de comercio exterior',
};

type Cell = string | number | boolean | undefined;

interface Column<T> {
  /** The record field this column fills (date and time columns both feed `timestamp`). */
  field: string;
  es: string;
  plain: string;
  type: 'text' | 'amount' | 'quantity' | 'date' | 'time' | 'datetime' | 'bool' | 'channel' | 'partyKind';
  get(record: T): Cell;
}

const TRANSACTION_COLUMNS: Column<Transaction>[] = [
  { field: 'timestamp', es: 'Fecha', plain: 'date', type: 'date', get: (t) => t.timestamp },
  { field: 'timestamp', es: 'Hora', plain: 'time', type: 'time', get: (t) => t.timestamp },
  { field: 'id', es: 'Referencia', plain: 'reference', type: 'text', get: (t) => t.id },
  { field: 'fromAccount', es: 'Cuenta origen', plain: 'from_account', type: 'text', get: (t) => t.fromAccount },
  { field: 'fromPartyName', es: 'Ordenante', plain: 'from_name', type: 'text', get: (t) => t.fromPartyName },
  { field: 'fromPartyId', es: 'Id ordenante', plain: 'from_id', type: 'text', get: (t) => t.fromPartyId },
  { field: 'fromBank', es: 'Banco origen', plain: 'from_bank', type: 'text', get: (t) => t.fromBank },
  { field: 'fromCountry', es: 'País origen', plain: 'from_country', type: 'text', get: (t) => t.fromCountry },
  { field: 'toAccount', es: 'Cuenta destino', plain: 'to_account', type: 'text', get: (t) => t.toAccount },
  { field: 'toPartyName', es: 'Beneficiario', plain: 'to_name', type: 'text', get: (t) => t.toPartyName },
  { field: 'toPartyId', es: 'Id beneficiario', plain: 'to_id', type: 'text', get: (t) => t.toPartyId },
  { field: 'toBank', es: 'Banco destino', plain: 'to_bank', type: 'text', get: (t) => t.toBank },
  { field: 'toCountry', es: 'País destino', plain: 'to_country', type: 'text', get: (t) => t.toCountry },
  { field: 'amount', es: 'Monto', plain: 'amount', type: 'amount', get: (t) => t.amount },
  { field: 'currency', es: 'Moneda', plain: 'currency', type: 'text', get: (t) => t.currency },
  { field: 'channel', es: 'Canal', plain: 'channel', type: 'channel', get: (t) => t.channel },
  { field: 'description', es: 'Descripción', plain: 'description', type: 'text', get: (t) => t.description },
];

const PARTY_COLUMNS: Column<Party>[] = [
  { field: 'id', es: 'Identificador', plain: 'id', type: 'text', get: (p) => p.id },
  { field: 'name', es: 'Nombre o razón social', plain: 'name', type: 'text', get: (p) => p.name },
  { field: 'kind', es: 'Tipo de persona', plain: 'kind', type: 'partyKind', get: (p) => p.kind },
  { field: 'idType', es: 'Tipo documento', plain: 'id_type', type: 'text', get: (p) => p.idType },
  { field: 'idNumber', es: 'Número documento', plain: 'id_number', type: 'text', get: (p) => p.idNumber },
  { field: 'nationality', es: 'Nacionalidad', plain: 'nationality', type: 'text', get: (p) => p.nationality },
  { field: 'birthDate', es: 'Fecha nacimiento', plain: 'birth_date', type: 'date', get: (p) => p.birthDate },
  { field: 'pep', es: 'PEP', plain: 'pep', type: 'bool', get: (p) => p.pep },
];

const ACCOUNT_COLUMNS: Column<Account>[] = [
  { field: 'id', es: 'Número de cuenta', plain: 'account', type: 'text', get: (a) => a.id },
  { field: 'institution', es: 'Entidad', plain: 'institution', type: 'text', get: (a) => a.institution },
  { field: 'iban', es: 'IBAN', plain: 'iban', type: 'text', get: (a) => a.iban },
  { field: 'currency', es: 'Moneda', plain: 'currency', type: 'text', get: (a) => a.currency },
  { field: 'holderId', es: 'Id titular', plain: 'holder_id', type: 'text', get: (a) => a.holderId },
  { field: 'holderName', es: 'Titular', plain: 'holder_name', type: 'text', get: (a) => a.holderName },
  { field: 'country', es: 'País', plain: 'country', type: 'text', get: (a) => a.country },
  { field: 'opened', es: 'Fecha apertura', plain: 'opened', type: 'date', get: (a) => a.opened },
  { field: 'closed', es: 'Fecha cierre', plain: 'closed', type: 'date', get: (a) => a.closed },
];

const SHIPMENT_COLUMNS: Column<Shipment>[] = [
  { field: 'id', es: 'Número declaración', plain: 'declaration', type: 'text', get: (s) => s.id },
  { field: 'date', es: 'Fecha', plain: 'date', type: 'date', get: (s) => s.date },
  { field: 'exporter', es: 'Exportador', plain: 'exporter', type: 'text', get: (s) => s.exporter },
  { field: 'exporterId', es: 'Id exportador', plain: 'exporter_id', type: 'text', get: (s) => s.exporterId },
  { field: 'importer', es: 'Importador', plain: 'importer', type: 'text', get: (s) => s.importer },
  { field: 'importerId', es: 'Id importador', plain: 'importer_id', type: 'text', get: (s) => s.importerId },
  { field: 'originCountry', es: 'País origen', plain: 'origin_country', type: 'text', get: (s) => s.originCountry },
  { field: 'originPort', es: 'Puerto origen', plain: 'origin_port', type: 'text', get: (s) => s.originPort },
  { field: 'destinationCountry', es: 'País destino', plain: 'destination_country', type: 'text', get: (s) => s.destinationCountry },
  { field: 'destinationPort', es: 'Puerto destino', plain: 'destination_port', type: 'text', get: (s) => s.destinationPort },
  { field: 'hsCode', es: 'Subpartida arancelaria', plain: 'hs_code', type: 'text', get: (s) => s.hsCode },
  { field: 'goods', es: 'Descripción mercancía', plain: 'goods', type: 'text', get: (s) => s.goods },
  { field: 'quantity', es: 'Cantidad', plain: 'quantity', type: 'quantity', get: (s) => s.quantity },
  { field: 'unit', es: 'Unidad', plain: 'unit', type: 'text', get: (s) => s.unit },
  { field: 'declaredValue', es: 'Valor declarado', plain: 'declared_value', type: 'amount', get: (s) => s.declaredValue },
  { field: 'currency', es: 'Moneda', plain: 'currency', type: 'text', get: (s) => s.currency },
];

const COLUMNS: { [K in RecordKind]: Column<RecordByKind[K]>[] } = {
  transaction: TRANSACTION_COLUMNS,
  party: PARTY_COLUMNS,
  account: ACCOUNT_COLUMNS,
  shipment: SHIPMENT_COLUMNS,
};

/** Header names per kind and layout, in column order (used by saved mappings and tests). */
export function csvHeaders(kind: RecordKind, layout: CsvLayout): string[] {
  return COLUMNS[kind].map((c) => (layout === 'bank-es' ? c.es : c.plain));
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

const DAY_MS = 86_400_000;

/** Rows are mostly in date order, so the last day's text is reused: a million rows, a few hundred Date objects. */
function dayFormatter(format: (d: Date) => string): (ms: number) => string {
  let lastDay = Number.NaN;
  let lastText = '';
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== lastDay) {
      lastDay = day;
      lastText = format(new Date(day * DAY_MS));
    }
    return lastText;
  };
}

const isoDate = dayFormatter((d) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`);
const esDate = dayFormatter((d) => `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);

function clock(ms: number): string {
  const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

/** 1234567.891 → "1.234.567,89" (always two decimals, as Excel exports money). */
export function formatSpanishAmount(value: number): string {
  const fixed = value.toFixed(2);
  const negative = fixed.startsWith('-');
  const [intPart, decimals] = (negative ? fixed.slice(1) : fixed).split('.') as [string, string];
  let grouped = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) grouped += '.';
    grouped += intPart[i];
  }
  return `${negative ? '-' : ''}${grouped},${decimals}`;
}

function formatQuantitySpanish(value: number): string {
  if (Number.isInteger(value)) return formatSpanishAmount(value).slice(0, -3);
  return formatSpanishAmount(value);
}

const NEEDS_QUOTES: Record<string, RegExp> = { ';': /[;"\r\n]/, ',': /[,"\r\n]/ };

function quote(text: string, delimiter: string): string {
  if ((NEEDS_QUOTES[delimiter] as RegExp).test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

function cell(column: Column<never>['type'], value: Cell, layout: CsvLayout, delimiter: string): string {
  if (value === undefined) return '';
  const es = layout === 'bank-es';
  switch (column) {
    case 'date':
      return es ? esDate(value as number) : isoDate(value as number);
    case 'time':
      return clock(value as number);
    case 'datetime':
      return es ? `${esDate(value as number)} ${clock(value as number)}` : new Date(value as number).toISOString();
    case 'amount':
      return es ? formatSpanishAmount(value as number) : (value as number).toFixed(2);
    case 'quantity':
      return es ? formatQuantitySpanish(value as number) : String(value);
    case 'bool':
      return es ? (value ? 'Sí' : 'No') : value ? 'true' : 'false';
    case 'channel':
      return es ? CHANNEL_LABEL_ES[value as Channel] : String(value);
    case 'partyKind':
      return es ? (value === 'company' ? 'Jurídica' : 'Natural') : String(value);
    default:
      return quote(String(value), delimiter);
  }
}

function preamble(kind: RecordKind, timestamps: number[]): string[] {
  let from = Infinity;
  let to = -Infinity;
  for (const t of timestamps) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const period = Number.isFinite(from) ? `Período: ${esDate(from)} - ${esDate(to)}` : 'Período: sin registros';
  return [REPORT_TITLE[kind], `${period} — Registros: ${formatQuantitySpanish(timestamps.length)}`];
}

function recordTime(kind: RecordKind, record: RecordByKind[RecordKind]): number | undefined {
  if (kind === 'transaction') return (record as Transaction).timestamp;
  if (kind === 'shipment') return (record as Shipment).date;
  if (kind === 'account') return (record as Account).opened;
  return undefined;
}

/**
 * Yields the CSV text in chunks of about `rowsPerChunk` rows so a million rows
 * can be streamed to disk without building one huge string.
 */
export function* csvChunks<K extends RecordKind>(kind: K, records: readonly RecordByKind[K][], layout: CsvLayout, rowsPerChunk = 20_000): Generator<string> {
  const es = layout === 'bank-es';
  const delimiter = es ? ';' : ',';
  const eol = es ? '\r\n' : '\n';
  const columns = COLUMNS[kind] as Column<RecordByKind[K]>[];
  const head: string[] = [];
  if (es) {
    const times: number[] = [];
    for (const r of records) {
      const t = recordTime(kind, r);
      if (t !== undefined) times.push(t);
    }
    head.push(...preamble(kind, kind === 'party' ? [] : times));
    if (kind === 'party') head[1] = `Registros: ${formatQuantitySpanish(records.length)}`;
  }
  head.push(columns.map((c) => quote(es ? c.es : c.plain, delimiter)).join(delimiter));
  yield head.join(eol) + eol;
  let lines: string[] = [];
  const cells: string[] = new Array<string>(columns.length);
  for (const record of records) {
    // Joining an array yields one flat string per row instead of a chain of partial ones.
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as Column<RecordByKind[K]>;
      cells[i] = cell(column.type, column.get(record), layout, delimiter);
    }
    lines.push(cells.join(delimiter));
    if (lines.length >= rowsPerChunk) {
      yield lines.join(eol) + eol;
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join(eol) + eol;
}

/** The whole CSV text (no byte-order mark: writers add one where Excel would). */
export function toCsv<K extends RecordKind>(kind: K, records: readonly RecordByKind[K][], layout: CsvLayout): string {
  let out = '';
  for (const chunk of csvChunks(kind, records, layout)) out += chunk;
  return out;
}

const MAPPING_NAMES: Record<RecordKind, Record<CsvLayout, string>> = {
  transaction: { 'bank-es': 'Bancolombia — movimientos', plain: 'Caudal generator — transactions' },
  account: { 'bank-es': 'Bancolombia — productos vinculados', plain: 'Caudal generator — accounts' },
  party: { 'bank-es': 'Bancolombia — clientes', plain: 'Registro — personas y empresas' },
  shipment: { 'bank-es': 'DIAN — declaraciones (es)', plain: 'DIAN — declaraciones de comercio exterior' },
};

/**
 * The saved column mapping (shared/import MappingSpec) that reads back what
 * `toCsv` writes for this kind and layout: shipped with the demo and written
 * next to the CSVs by `caudal generate`, so partners import them in one step.
 */
export function mappingSpecFor(kind: RecordKind, layout: CsvLayout, name = MAPPING_NAMES[kind][layout]): MappingSpec {
  const es = layout === 'bank-es';
  const fields: Record<string, FieldSource> = {};
  const columns = COLUMNS[kind] as Column<unknown>[];
  for (const column of columns) {
    const header = es ? column.es : column.plain;
    if (column.type === 'time') continue;
    if (column.field === 'timestamp') {
      const time = columns.find((c) => c.type === 'time') as Column<unknown>;
      fields.timestamp = { columns: [header, es ? time.es : time.plain], datePattern: es ? 'DD/MM/YYYY HH:mm:ss' : 'YYYY-MM-DD HH:mm:ss' };
    } else if (column.type === 'date') {
      fields[column.field] = { column: header, datePattern: es ? 'DD/MM/YYYY' : 'YYYY-MM-DD' };
    } else if (column.type === 'channel' && es) {
      const valueMap: Record<string, string> = {};
      for (const [channel, label] of Object.entries(CHANNEL_LABEL_ES)) valueMap[label] = channel;
      fields[column.field] = { column: header, valueMap };
    } else {
      fields[column.field] = { column: header };
    }
  }
  return {
    schema: MAPPING_SCHEMA_TAG,
    name,
    kind,
    encoding: 'utf-8',
    delimiter: es ? ';' : ',',
    skipLines: PREAMBLE_LINES[layout],
    decimalSeparator: es ? ',' : '.',
    dateOrder: es ? 'DMY' : 'YMD',
    fields,
  };
}
