import type { z } from 'zod';
import type { IdType, QuarantineEntry, RecordByKind, RecordKind, SourceFile } from '../model';
import { RECORD_SCHEMAS } from '../model/records';
import { idTypeFromShape, normaliseIdNumber } from '../resolve/ids';
import { foldName, isCompanyName } from '../resolve/names';
import { FIELD_DEFINITIONS, type FieldDefinition } from './fields';
import { foldKey, headerKey } from './normalize';
import { cleanHeaders, isBlankRow, parseRows, skipPhysicalLines, sniffHead, type Newline } from './sniff';
import { MappingSpecError, parseMappingSpec, type DateOrder, type DecimalSeparator, type Delimiter, type FieldSource, type MappingSpec } from './spec';
import { StreamingDecoder, concatBytes } from './text';
import { compileValuesCheck, type ValuesCheck } from './validate';
import type { QuarantineCode, QuarantineReason } from './reasons';
import { recordBuilder, SeenIds, type RecordBuilder } from './build';
import { abortError, ImportError, type ByteSource, type ImportOptions, type ImportOutcome } from './types';
import {
  datePatternLabel,
  detectDateOrder,
  detectDecimalSeparator,
  orderFromPattern,
  parseAmount,
  parseBoolean,
  parseChannel,
  parseCountry,
  parseCurrency,
  parseDate,
  parseHsCode,
  parseIdType,
  parsePartyKind,
  type Parsed,
} from './values';

/*
 * The pipeline, per file:
 *   bytes ─ StreamingDecoder (encoding, BOM, 1252 fallback) ─ text
 *   text ─ cut after the last complete record (quote-aware) ─ ~256 KB chunks
 *   chunk ─ PapaParse ─ rows, each given the physical line it starts on
 *   row ─ compiled readers/converters (once per file) ─ values in FIELD_DEFINITIONS slots
 *   values ─ check compiled from the zod schema (else zod.safeParse) ─ record + provenance
 *   record ─ duplicate? ─ batch ─ onBatch
 * Anything wrong with one row becomes a quarantine entry; only file-level
 * problems (encoding, header, mapping, ambiguous dates) throw ImportError.
 */

/** Bytes looked at before the layout is settled (encoding, delimiter, preamble). */
const HEAD_BYTES = 64 * 1024;
/** Decoded text handed to PapaParse at once: big enough to amortise the call, small enough to stay responsive. */
const TEXT_CHUNK = 1 << 18;
/** An open quote running this far is a stray quote, not a field: cut at a line break anyway. */
const RUNAWAY_QUOTE = 8 << 20;
/** Rows used to detect per-column decimal separators and date orders. */
const DETECTION_ROWS = 100_000;
/** Rows held back while a date column's day/month order is still open. */
const DEFER_ROWS = 100_000;
const DEFAULT_BATCH = 20_000;
const DEFAULT_QUARANTINE_LIMIT = 100_000;
const CACHE_LIMIT = 10_000;

/** A converter's verdict for a bad value; the reason is left in `failure`. */
const FAIL = Symbol('fail');
type Converted = unknown;

interface CompiledField {
  definition: FieldDefinition;
  /** Index in FIELD_DEFINITIONS[kind], the builder's layout. */
  slot: number;
  /** Header(s) named in quarantine entries. */
  column: string;
  read(row: readonly string[]): string;
  convert(raw: string): Converted;
  /** A fused read + convert for the hot loop, when one exists; same result as convert(read(row)). */
  readConvert?: (row: readonly string[]) => Converted;
}

let failure: QuarantineReason = { code: 'invalid-value', params: {}, reason: '' };
const WHITESPACE = /\s/;
const WHITESPACE_ALL = /\s+/g;
const PLAIN_ID = /^[0-9A-Z]+$/;

function fail(code: QuarantineCode, params: Record<string, string | number>, reason: string): typeof FAIL {
  failure = { code, params, reason };
  return FAIL;
}

/** Distinct values remembered in the small cache before the Map takes over. */
const RECENT = 16;

/**
 * Memoises a parser of low-cardinality columns (currency, country, channel).
 * Every row brings new string objects, so a Map hashes each one; comparing
 * with the last few distinct values first is cheaper, and a column of
 * "COP"/"USD" never reaches the Map.
 */
function cached<T>(parse: (raw: string) => Parsed<T>): (raw: string) => Converted {
  const recentKeys: string[] = [];
  const recentResults: Parsed<T>[] = [];
  const cache = new Map<string, Parsed<T>>();
  return (raw) => {
    let result: Parsed<T> | undefined;
    for (let i = 0; i < recentKeys.length; i++) {
      if (recentKeys[i] === raw) {
        result = recentResults[i];
        break;
      }
    }
    if (result === undefined) {
      result = cache.get(raw);
      if (result === undefined) {
        result = parse(raw);
        if (cache.size < CACHE_LIMIT) cache.set(raw, result);
      }
      if (recentKeys.length < RECENT) {
        recentKeys.push(raw);
        recentResults.push(result);
      }
    }
    return result.ok ? result.value : fail(result.code, result.params, result.reason);
  };
}

/**
 * A record zod refused, as a reason code: the converters catch almost every
 * bad value first, so what is left is an empty text, a non-positive number,
 * an over-long text or a value outside an enumeration.
 */
function schemaReason(issue: z.core.$ZodIssue | undefined, field: string, value: string): QuarantineReason {
  const reason = issue?.message ?? 'invalid record';
  if (issue?.code === 'too_small') {
    if (issue.origin === 'number') return { code: 'not-positive', params: { field, value }, reason };
    return { code: 'missing-value', params: { field }, reason };
  }
  if (issue?.code === 'too_big' && issue.origin === 'string') return { code: 'too-long', params: { field, maximum: Number(issue.maximum) }, reason };
  return { code: 'invalid-value', params: { field, value }, reason };
}

function columnLabel(source: FieldSource): string {
  if ('column' in source) return source.column;
  if ('columns' in source) return source.columns.join(' + ');
  return '(constant)';
}

function positiveNumberField(kind: RecordKind, field: string): boolean {
  return (kind === 'transaction' && field === 'amount') || (kind === 'shipment' && (field === 'declaredValue' || field === 'quantity'));
}

/** Counts physical line breaks: '\n' (also ending '\r\n'), or '\r' in old Mac files. */
function countBreaks(text: string, lineBreak: string): number {
  let count = 0;
  let position = text.indexOf(lineBreak);
  while (position !== -1) {
    count++;
    position = text.indexOf(lineBreak, position + 1);
  }
  return count;
}

/**
 * Index just past the last line break that ends a record (outside quotes),
 * following PapaParse's rules: a quote opens a field only at its start and
 * closes only before a delimiter or line break. -1 when the text holds no
 * complete record yet.
 */
function lastRecordEnd(text: string, delimiter: string, lineBreak: string, hasQuote: boolean): number {
  if (!hasQuote) {
    const last = text.lastIndexOf(lineBreak);
    return last < 0 ? -1 : last + 1;
  }
  let cut = -1;
  let position = 0;
  let inQuotes = false;
  for (;;) {
    const quote = text.indexOf('"', position);
    if (!inQuotes) {
      const end = quote < 0 ? text.length : quote;
      const lastBreak = text.lastIndexOf(lineBreak, end - 1);
      if (lastBreak >= position) cut = lastBreak + 1;
      if (quote < 0) return cut;
      const before = quote === 0 ? lineBreak : text[quote - 1];
      if (before === delimiter || before === '\n' || before === '\r') inQuotes = true;
      position = quote + 1;
    } else {
      if (quote < 0 || quote === text.length - 1) return cut;
      const after = text[quote + 1];
      if (after === '"') {
        position = quote + 2;
        continue;
      }
      if (after === delimiter || after === '\n' || after === '\r') inQuotes = false;
      position = quote + 1;
    }
  }
}

interface Layout {
  delimiter: Delimiter;
  newline: Newline;
  lineBreak: string;
  skipLines: number;
}

class ImportRun<K extends RecordKind> {
  readonly kind: K;
  readonly fileName: string;
  private readonly schema: z.ZodType;
  private readonly quickCheck: ValuesCheck | undefined;
  private readonly batchSize: number;
  private readonly quarantineLimit: number;
  private readonly existing: ReadonlySet<string>;
  private readonly seen = new SeenIds();
  private readonly build: RecordBuilder;
  /** Converted values of the current row, indexed like FIELD_DEFINITIONS; unmapped slots stay undefined. */
  private readonly values: unknown[];
  private unmappedSlots: number[] = [];
  private heldRows: string[][] = [];
  private heldLines: number[] = [];
  private nextSettleAt = 0;
  /** Set by makeConverter for a date field: the order it settled on. */
  private dateOrder: DateOrder | undefined;

  layout: Layout | undefined;
  private pending = '';
  /** 1-based physical line of pending[0]. */
  private lineBase = 1;
  private preambleLeft = 0;
  private headers: string[] | undefined;
  private headerLine = 0;
  private fields: CompiledField[] | undefined;
  private batch: RecordByKind[K][] = [];

  readonly quarantine: QuarantineEntry[] = [];
  quarantineTruncated = false;
  read = 0;
  imported = 0;
  quarantined = 0;
  duplicates = 0;

  constructor(
    readonly spec: MappingSpec,
    private readonly options: ImportOptions<K>,
    source: ByteSource,
  ) {
    this.kind = spec.kind as K;
    this.fileName = source.name;
    // Provenance is the same file hash on every row (checked once against ProvenanceSchema's
    // rule in importCsv) and a line number the parser counts, so rows are parsed without it.
    this.schema = (RECORD_SCHEMAS[spec.kind] as unknown as z.ZodObject).omit({ source: true }) as unknown as z.ZodType;
    this.quickCheck = compileValuesCheck(this.schema, FIELD_DEFINITIONS[spec.kind].map((definition) => definition.name));
    this.build = recordBuilder(spec.kind);
    this.values = new Array<unknown>(FIELD_DEFINITIONS[spec.kind].length).fill(undefined);
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    this.quarantineLimit = options.quarantineLimit ?? DEFAULT_QUARANTINE_LIMIT;
    this.existing = options.existingIds ?? new Set();
  }

  setLayout(layout: Layout): void {
    this.layout = layout;
    this.preambleLeft = layout.skipLines;
  }

  /** Takes decoded text; parses whatever complete records it now holds. */
  async push(text: string, final: boolean): Promise<void> {
    this.pending += text;
    const layout = this.layout as Layout;
    if (this.preambleLeft > 0) {
      const start = skipPhysicalLines(this.pending, this.preambleLeft, layout.newline);
      if (start < 0) {
        if (!final) return;
        this.pending = '';
        return;
      }
      this.pending = this.pending.slice(start);
      this.lineBase += this.preambleLeft;
      this.preambleLeft = 0;
    }
    while (this.pending.length > 0) {
      if (!final && this.pending.length < TEXT_CHUNK) return;
      // One scan for quotes serves the cut, the line count and PapaParse's fast mode.
      const pendingHasQuote = this.pending.includes('"');
      let cut = final ? this.pending.length : lastRecordEnd(this.pending, layout.delimiter, layout.lineBreak, pendingHasQuote);
      if (cut <= 0) {
        if (this.pending.length < RUNAWAY_QUOTE) return;
        cut = this.pending.lastIndexOf(layout.lineBreak) + 1;
        if (cut <= 0) return;
      }
      const chunk = this.pending.slice(0, cut);
      this.pending = this.pending.slice(cut);
      await this.parseChunk(chunk, pendingHasQuote && chunk.includes('"'));
      if (!final) return;
    }
  }

  private async parseChunk(text: string, quoted: boolean): Promise<void> {
    const layout = this.layout as Layout;
    const rows = parseRows(text, layout.delimiter, layout.newline, quoted);
    const lineBreak = layout.lineBreak;
    let line = this.lineBase;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index] as string[];
      const rowLine = line;
      line++;
      if (quoted) {
        for (let column = 0; column < row.length; column++) {
          const value = row[column] as string;
          if (value.includes(lineBreak)) line += countBreaks(value, lineBreak);
        }
      }
      if (row.length === 1 && row[0] === '') continue;
      if (!this.headers) {
        if (isBlankRow(row)) continue;
        this.headers = cleanHeaders(row);
        this.headerLine = rowLine;
        continue;
      }
      if (!this.fields) {
        // Rows wait here until the 'auto' settings are decided (see settle).
        this.heldRows.push(row);
        this.heldLines.push(rowLine);
        continue;
      }
      this.handleRow(row, rowLine, this.fields);
      if (this.batch.length >= this.batchSize) await this.flushBatch();
    }
    // Without quotes every row is one line: Papa split on exactly these breaks.
    this.lineBase += quoted || layout.newline === '\r\n' ? countBreaks(text, lineBreak) : rows.length - 1;
    if (!this.fields && this.heldRows.length > 0) await this.settle(false);
    this.onChunkParsed();
  }

  /**
   * Compiles the converters from the rows held so far. A date column whose
   * first rows all fit both DD/MM and MM/DD (a file sorted by date that opens
   * with the 1st–12th) keeps rows waiting for evidence, up to DEFER_ROWS or
   * the end of the file; only then is the order reported as ambiguous.
   */
  async settle(final: boolean): Promise<void> {
    if (this.fields || this.heldRows.length === 0) return;
    // Retry only when the held rows have doubled: detection over them stays linear overall.
    if (!final && this.heldRows.length < this.nextSettleAt) return;
    this.nextSettleAt = this.heldRows.length * 2;
    let fields: CompiledField[];
    try {
      fields = this.compile(this.heldRows);
    } catch (error) {
      if (!final && error instanceof ImportError && error.code === 'ambiguous-date-order' && this.heldRows.length < DEFER_ROWS) return;
      throw error;
    }
    this.fields = fields;
    const mapped = new Set(fields.map((field) => field.slot));
    this.unmappedSlots = FIELD_DEFINITIONS[this.kind].map((_, slot) => slot).filter((slot) => !mapped.has(slot));
    const rows = this.heldRows;
    const lines = this.heldLines;
    this.heldRows = [];
    this.heldLines = [];
    for (let i = 0; i < rows.length; i++) {
      this.handleRow(rows[i] as string[], lines[i] as number, fields);
      if (this.batch.length >= this.batchSize) await this.flushBatch();
    }
  }

  onChunkParsed: () => void = () => undefined;

  progress(bytesRead: number) {
    return { bytesRead, totalBytes: 0, rowsRead: this.read, imported: this.imported, quarantined: this.quarantined, duplicates: this.duplicates };
  }

  async flushBatch(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.options.onBatch(batch);
    const signal = this.options.signal;
    if (signal?.aborted) throw abortError(signal);
  }

  requireHeader(): void {
    if (!this.headers) {
      throw new ImportError('empty-file', 'no header row found (the file is empty or holds only preamble lines)', { file: this.fileName });
    }
  }

  private addQuarantine(line: number, column: string, field: string, value: string, why: QuarantineReason): void {
    this.read++;
    this.quarantined++;
    if (this.quarantine.length < this.quarantineLimit) {
      this.quarantine.push({ file: this.fileName, line, column, field, value, reason: why.reason, code: why.code, params: why.params });
    }
    else this.quarantineTruncated = true;
  }

  private handleRow(row: string[], line: number, fields: CompiledField[]): void {
    const headers = this.headers as string[];
    if (row.length !== headers.length) {
      let extraIsEmpty = row.length > headers.length;
      for (let i = headers.length; extraIsEmpty && i < row.length; i++) if ((row[i] as string).trim() !== '') extraIsEmpty = false;
      if (!extraIsEmpty) {
        if (isBlankRow(row)) return;
        const layout = this.layout as Layout;
        const shown = row.join(layout.delimiter);
        this.addQuarantine(
          line,
          '',
          '',
          shown.length > 200 ? `${shown.slice(0, 200)}…` : shown,
          {
            code: 'row-width',
            params: { fields: row.length, expected: headers.length },
            reason: `the row has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${headers.length} (truncated row, stray quote or wrong delimiter)`,
          },
        );
        return;
      }
    }
    if ((row[0] as string).trim() === '' && isBlankRow(row)) return;
    const values = this.values;
    // Unmapped slots may hold the last row's derived party id or a zod default.
    const unmapped = this.unmappedSlots;
    for (let i = 0; i < unmapped.length; i++) values[unmapped[i] as number] = undefined;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as CompiledField;
      const value = field.readConvert !== undefined ? field.readConvert(row) : field.convert(field.read(row));
      if (value === FAIL) {
        this.addQuarantine(line, field.column, field.definition.name, field.read(row), failure);
        return;
      }
      if (value === undefined && field.definition.required) {
        const name = field.definition.name;
        this.addQuarantine(line, field.column, name, field.read(row), { code: 'missing-value', params: { field: name }, reason: `missing value: ${name} is required` });
        return;
      }
      values[field.slot] = value;
    }
    if (this.kind === 'party') completeParty(values);
    const valid = this.quickCheck?.(values) === true;
    const record = this.build(values);
    let parsed: RecordByKind[K];
    if (valid) parsed = record as unknown as RecordByKind[K];
    else {
      const result = this.schema.safeParse(record);
      if (!result.success) {
        const issue = result.error.issues[0];
        const fieldName = issue && issue.path.length > 0 ? String(issue.path[0]) : '';
        const field = fields.find((candidate) => candidate.definition.name === fieldName);
        const raw = field ? field.read(row) : String(record[fieldName] ?? '');
        this.addQuarantine(line, field?.column ?? '', fieldName, raw, schemaReason(issue, fieldName, raw));
        return;
      }
      parsed = result.data as RecordByKind[K];
    }
    parsed.source = { file: this.options.sha256, line };
    const id = (parsed as { id: string }).id;
    this.read++;
    if (this.existing.has(id) || !this.seen.add(id)) {
      this.duplicates++;
      return;
    }
    this.imported++;
    this.batch.push(parsed);
  }

  /** Builds the per-field readers and converters once per file, detecting 'auto' settings from the first rows. */
  private compile(rows: string[][]): CompiledField[] {
    const headers = this.headers as string[];
    const sample = rows.length > DETECTION_ROWS ? rows.slice(0, DETECTION_ROWS) : rows;
    const byFoldedHeader = new Map<string, number>();
    headers.forEach((header, index) => {
      const key = headerKey(header);
      if (!byFoldedHeader.has(key)) byFoldedHeader.set(key, index);
    });
    const columnIndex = (column: string, field: string): number => {
      const exact = headers.indexOf(column);
      if (exact >= 0) return exact;
      const folded = byFoldedHeader.get(headerKey(column));
      if (folded !== undefined) return folded;
      throw new ImportError('missing-column', `the mapped column is not in the header (found: ${headers.join(', ')})`, {
        file: this.fileName,
        line: this.headerLine,
        column,
        field,
      });
    };

    const compiled: CompiledField[] = [];
    for (const [slot, definition] of FIELD_DEFINITIONS[this.kind].entries()) {
      const source = this.spec.fields[definition.name];
      if (!source) continue;
      const read = makeReader(source, (column) => columnIndex(column, definition.name));
      const sampleValues = () => sample.map((row) => read(row)).filter((value) => value.trim() !== '');
      const sampleCount = sample.length;
      const column = columnLabel(source);
      this.dateOrder = undefined;
      const convert = this.makeConverter(definition, source, column, sampleValues, sampleCount);
      const field: CompiledField = { definition, slot, column, read, convert };
      const dateOrder = this.dateOrder as DateOrder | undefined;
      if (dateOrder !== undefined && 'columns' in source && source.columns.length === 2 && !source.valueMap && (source.separator ?? ' ') === ' ') {
        field.readConvert = dateTimeReader(columnIndex(source.columns[0] as string, definition.name), columnIndex(source.columns[1] as string, definition.name), dateOrder, (row) => convert(read(row)));
      }
      compiled.push(field);
    }
    return compiled;
  }

  private makeConverter(definition: FieldDefinition, source: FieldSource, column: string, sampleValues: () => string[], sampleCount: number): (raw: string) => Converted {
    const spec = this.spec;
    switch (definition.type) {
      case 'text':
      case 'recordId':
        return (raw) => {
          const value = raw.trim();
          return value === '' ? undefined : value;
        };
      case 'account':
        return (raw) => {
          const value = WHITESPACE.test(raw) ? raw.replace(WHITESPACE_ALL, '') : raw;
          return value === '' ? undefined : value;
        };
      case 'partyIdNumber':
        return (raw) => {
          const value = PLAIN_ID.test(raw) ? raw : normaliseIdNumber(raw);
          return value === '' ? undefined : value;
        };
      case 'amount': {
        const decimal: DecimalSeparator =
          source.decimalSeparator ??
          (spec.decimalSeparator !== 'auto' ? spec.decimalSeparator : (detectDecimalSeparator(sampleValues()) ?? (this.layout?.delimiter === ';' ? ',' : '.')));
        const example = decimal === ',' ? '1.234.567,89' : '1,234,567.89';
        const mustBePositive = positiveNumberField(this.kind, definition.name);
        return (raw) => {
          if (raw.trim() === '') return undefined;
          const value = parseAmount(raw, decimal);
          if (Number.isNaN(value)) return fail('invalid-number', { value: raw, decimal, example }, `'${raw}' is not a valid number (decimal separator '${decimal}', e.g. ${example})`);
          if (mustBePositive && value <= 0) return fail('not-positive', { field: definition.name, value: raw }, `${definition.name} must be positive, got '${raw}'`);
          return value;
        };
      }
      case 'date': {
        let order: DateOrder;
        let label: string;
        if (source.datePattern) {
          order = orderFromPattern(source.datePattern);
          label = source.datePattern;
        } else {
          const detected = spec.dateOrder === 'auto' ? detectDateOrder(sampleValues()) : spec.dateOrder;
          if (detected === 'ambiguous') {
            throw new ImportError(
              'ambiguous-date-order',
              `the dates fit both DD/MM/YYYY and MM/DD/YYYY (no day above 12 in the ${sampleCount.toLocaleString('en')} rows read); choose the date order (DMY or MDY) in the mapping`,
              { file: this.fileName, line: this.headerLine, column, field: definition.name },
            );
          } else order = detected ?? 'DMY';
          label = datePatternLabel(order) + ('columns' in source ? ' HH:mm[:ss]' : '');
        }
        this.dateOrder = order;
        return (raw) => {
          if (raw.trim() === '') return undefined;
          const value = parseDate(raw, order);
          return Number.isNaN(value) ? fail('invalid-date', { value: raw, format: label }, `'${raw}' is not a valid date (${label})`) : value;
        };
      }
      case 'currency': {
        const parse = cached(parseCurrency);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'country': {
        const parse = cached(parseCountry);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'channel': {
        const parse = cached((raw) => ({ ok: true, value: parseChannel(raw) }));
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'boolean': {
        const parse = cached(parseBoolean);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'idType': {
        const parse = cached((raw) => ({ ok: true, value: parseIdType(raw) }));
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'partyKind':
        // Unrecognised wording is inferred later from the ID and name rather than losing the row.
        return (raw) => parsePartyKind(raw);
      case 'hsCode': {
        const parse = cached(parseHsCode);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
    }
  }

}

const digitAt = (text: string, index: number): number => {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : -100;
};

/** ms since midnight of 'HH:mm' or 'HH:mm:ss', or -1. */
function timeOfDay(text: string): number {
  const length = text.length;
  if ((length !== 5 && length !== 8) || text.charCodeAt(2) !== 58 || (length === 8 && text.charCodeAt(5) !== 58)) return -1;
  const hours = digitAt(text, 0) * 10 + digitAt(text, 1);
  const minutes = digitAt(text, 3) * 10 + digitAt(text, 4);
  const seconds = length === 8 ? digitAt(text, 6) * 10 + digitAt(text, 7) : 0;
  if (hours < 0 || minutes < 0 || seconds < 0 || hours > 23 || minutes > 59 || seconds > 59) return -1;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Date and time in two columns, read without joining them into a new string
 * per row. Anything but the plain shapes (10-character date, HH:mm[:ss]) goes
 * the general way, so the result is always that of parsing "date time".
 */
function dateTimeReader(dateIndex: number, timeIndex: number, order: DateOrder, general: (row: readonly string[]) => Converted): (row: readonly string[]) => Converted {
  return (row) => {
    const datePart = row[dateIndex] ?? '';
    const timePart = row[timeIndex] ?? '';
    if (datePart.length === 10) {
      const time = timeOfDay(timePart);
      if (time >= 0) {
        const day = parseDate(datePart, order);
        if (!Number.isNaN(day) && day % 86_400_000 === 0) return day + time;
      }
    }
    return general(row);
  };
}

function makeReader(source: FieldSource, indexOf: (column: string) => number): (row: readonly string[]) => string {
  let read: (row: readonly string[]) => string;
  if ('constant' in source) {
    const constant = source.constant;
    read = () => constant;
  } else if ('column' in source) {
    const index = indexOf(source.column);
    read = (row) => row[index] ?? '';
  } else {
    const indexes = source.columns.map(indexOf);
    const separator = source.separator ?? ' ';
    read = (row) => {
      let joined = '';
      for (const index of indexes) {
        const part = (row[index] ?? '').trim();
        if (part === '') continue;
        joined = joined === '' ? part : joined + separator + part;
      }
      return joined;
    };
  }
  const valueMap = source.valueMap;
  if (!valueMap) return read;
  const folded = new Map(Object.entries(valueMap).map(([from, to]) => [foldKey(from), to]));
  return (row) => {
    const raw = read(row);
    return folded.get(foldKey(raw)) ?? raw;
  };
}

const COMPANY_ID_TYPES: ReadonlySet<IdType> = new Set(['RNC', 'EIN']);

/** Slots of party fields in FIELD_DEFINITIONS.party (checked by recordBuilder's layout). */
const PARTY_ID = 0;
const PARTY_NAME = 1;
const PARTY_KIND = 2;
const PARTY_ID_TYPE = 3;
const PARTY_ID_NUMBER = 4;

/** Party id and kind when the file does not give them: from the ID number, else the folded name. */
function completeParty(values: unknown[]): void {
  const idNumber = values[PARTY_ID_NUMBER] as string | undefined;
  let idType = values[PARTY_ID_TYPE] as IdType | undefined;
  const name = typeof values[PARTY_NAME] === 'string' ? (values[PARTY_NAME] as string) : '';
  if (idNumber !== undefined && idType === undefined) {
    idType = idTypeFromShape(idNumber);
    if (idType) values[PARTY_ID_TYPE] = idType;
  }
  if (values[PARTY_ID] === undefined) {
    if (idNumber !== undefined) values[PARTY_ID] = `${idType ?? 'OTHER'}:${idNumber}`;
    else if (name.trim() !== '') values[PARTY_ID] = `NAME:${foldName(name) || name.trim().toUpperCase()}`;
  }
  if (values[PARTY_KIND] === undefined) {
    const companyById =
      (idType !== undefined && COMPANY_ID_TYPES.has(idType)) ||
      (idType === 'RFC' && idNumber?.length === 12) ||
      (idType === 'RUC' && (idNumber?.[2] === '6' || idNumber?.[2] === '9')) ||
      (idType === 'NIT' && /^[89]\d{8}/.test(idNumber ?? ''));
    values[PARTY_KIND] = companyById || isCompanyName(name) ? 'company' : 'person';
  }
}

function checkSpecFields(spec: MappingSpec, fileName: string): void {
  const definitions = FIELD_DEFINITIONS[spec.kind];
  for (const field of Object.keys(spec.fields)) {
    if (!definitions.some((definition) => definition.name === field)) {
      throw new ImportError('spec', `the mapping names a field ${spec.kind} records do not have (expected one of ${definitions.map((d) => d.name).join(', ')})`, {
        file: fileName,
        field,
      });
    }
  }
  for (const definition of definitions) {
    if (definition.required && spec.fields[definition.name] === undefined) {
      throw new ImportError('spec', `the required field is not mapped to any column`, { file: fileName, field: definition.name });
    }
  }
}

/**
 * Streams a CSV file into validated records. Valid records go to `onBatch`
 * in file order; bad rows go to the quarantine with line, column, value and
 * reason; duplicates (already in the case, or earlier in the file) are
 * counted and skipped. Rejects with ImportError for file-level problems and
 * with an AbortError when the signal aborts.
 */
export async function importCsv<K extends RecordKind>(source: ByteSource, options: ImportOptions<K>): Promise<ImportOutcome> {
  let spec: MappingSpec;
  try {
    spec = parseMappingSpec(options.spec);
  } catch (error) {
    if (error instanceof MappingSpecError) throw new ImportError('spec', error.message, { file: source.name, field: error.path || undefined });
    throw error;
  }
  if (!/^[0-9a-f]{64}$/.test(options.sha256)) {
    throw new ImportError('spec', 'sha256 must be the file hash from hashSource (64 lower-case hex digits)', { file: source.name });
  }
  checkSpecFields(spec, source.name);
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);

  const run = new ImportRun<K>(spec, options, source);
  let decoder: StreamingDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  let bytesRead = 0;
  const report = () => options.onProgress?.({ ...run.progress(bytesRead), totalBytes: source.size });
  run.onChunkParsed = report;

  const start = async (bytes: Uint8Array, final: boolean) => {
    const sniff = sniffHead(bytes, { encoding: spec.encoding, delimiter: spec.delimiter, skipLines: spec.skipLines }, source.name);
    decoder = new StreamingDecoder(spec.encoding, bytes, source.name);
    run.setLayout({ delimiter: sniff.delimiter, newline: sniff.newline, lineBreak: sniff.newline === '\r' ? '\r' : '\n', skipLines: sniff.skipLines });
    await run.push(decoder.decode(bytes), false);
    if (final) await run.push(decoder.flush(), true);
  };

  for await (const chunk of source.stream()) {
    if (signal?.aborted) throw abortError(signal);
    bytesRead += chunk.length;
    if (!decoder) {
      head = concatBytes(head, chunk);
      if (head.length < HEAD_BYTES) continue;
      await start(head, false);
    } else {
      await run.push(decoder.decode(chunk), false);
    }
  }
  if (signal?.aborted) throw abortError(signal);
  if (!decoder) await start(head, true);
  else await run.push((decoder as StreamingDecoder).flush(), true);
  run.requireHeader();
  await run.settle(true);
  await run.flushBatch();
  report();

  const layout = run.layout as Layout;
  const counts = { read: run.read, imported: run.imported, quarantined: run.quarantined, duplicates: run.duplicates };
  const file: SourceFile = {
    sha256: options.sha256,
    name: source.name,
    size: source.size,
    kind: spec.kind,
    importedAt: options.importedAt ?? Date.now(),
    mappingName: spec.name,
    mapping: spec,
    encoding: (decoder as StreamingDecoder | undefined)?.encoding ?? 'utf-8',
    delimiter: layout.delimiter,
    counts,
  };
  return { file, quarantine: run.quarantine, counts, quarantineTruncated: run.quarantineTruncated };
}
