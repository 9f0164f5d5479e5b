import type { z } from 'zod';
import type { QuarantineEntry, RecordKind, SourceFile } from '../model';
import { RECORD_SCHEMAS } from '../model/records';
import { FIELD_DEFINITIONS } from './fields';
import { cleanHeaders, isBlankRow, sniffHead, type Newline } from './sniff';
import { MappingSpecError, parseMappingSpec, type Delimiter, type MappingSpec } from './spec';
import { StreamingDecoder, concatBytes, looksBadlyDecoded } from './text';
import { compileValuesCheck, type ValuesCheck } from './validate';
import type { QuarantineReason } from './reasons';
import { recordBuilder, SeenIds, type RecordBuilder } from './build';
import { ColumnWriter, recordsOfColumns, type RecordColumns } from './columns';
import { abortError, ImportError, type ByteSource, type ImportOptions, type EncodingIssues, type ImportOutcome, type LineCounts } from './types';
import { MAX_LINE_CHARS, RecordChunker, type BrokenLine, type ChunkItem } from './chunker';
import { checkSpecFields, completeParty, FAIL, failure, FieldCompiler, schemaReason, type CompiledField } from './converters';

/*
 * The row pipeline, per file:
 *   bytes ─ StreamingDecoder (encoding, BOM, 1252 fallback) ─ text
 *   text ─ RecordChunker (chunker.ts) ─ records and broken lines, each with its physical lines
 *   row ─ compiled readers/converters (converters.ts, once per file) ─ values in FIELD_DEFINITIONS slots
 *   values ─ check compiled from the zod schema (else zod.safeParse) ─ record + provenance
 *   record ─ duplicate? ─ batch ─ onBatch
 * Anything wrong with one row becomes a quarantine entry; only file-level
 * problems (encoding, header, mapping, ambiguous dates) throw ImportError.
 * Every physical line ends up in exactly one of the LineCounts buckets.
 */

/** Bytes looked at before the layout is settled (encoding, delimiter, preamble). */
const HEAD_BYTES = 64 * 1024;
/** Rows held back while a date column's day/month order is still open. */
const DEFER_ROWS = 100_000;
const DEFAULT_BATCH = 20_000;
const DEFAULT_QUARANTINE_LIMIT = 100_000;
/** Decoded characters given to the chunker at a time (see ImportRun.push). */
const CHUNKER_PIECE_CHARS = 64 * 1024;
/** Lines shown in an encoding warning. */
const ENCODING_LINES = 5;

const enum RowOutcome {
  Blank,
  Imported,
  Quarantined,
  Duplicate,
}

interface Layout {
  delimiter: Delimiter;
  newline: Newline;
  lineBreak: '\n' | '\r';
  skipLines: number;
}

function brokenReason(broken: BrokenLine, expected: number): QuarantineReason {
  if (broken.code === 'line-too-long') {
    return {
      code: 'line-too-long',
      params: { length: broken.length, maximum: MAX_LINE_CHARS },
      reason: `the line is ${broken.length.toLocaleString('en')} characters long, more than the ${MAX_LINE_CHARS.toLocaleString('en')} a row may have; it was skipped`,
    };
  }
  return {
    code: 'unclosed-quote',
    params: { fields: broken.cells.length, expected },
    reason: 'a quote opened on this line is never closed where the row should end (stray quote); the following lines were read as rows of their own',
  };
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
  private held: ChunkItem[] = [];
  private nextSettleAt = 0;

  layout: Layout | undefined;
  private chunker: RecordChunker | undefined;
  private headers: string[] | undefined;
  private headerLine = 0;
  private fields: CompiledField[] | undefined;
  /** Valid records of the current batch, column by column (no object per record). */
  private readonly batch: ColumnWriter<K>;
  /** Slot of each field name, for a record zod had to parse (its output is an object). */
  private readonly slotOf: ReadonlyMap<string, number>;

  readonly quarantine: QuarantineEntry[] = [];
  quarantineTruncated = false;
  read = 0;
  imported = 0;
  quarantined = 0;
  duplicates = 0;
  readonly lines: LineCounts = { total: 0, header: 0, blank: 0, imported: 0, quarantined: 0, duplicates: 0 };
  readonly encodingIssues: EncodingIssues = { count: 0, lines: [] };
  private pendingSuspect = false;

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
    this.batch = new ColumnWriter(this.kind, this.batchSize);
    this.slotOf = new Map(FIELD_DEFINITIONS[spec.kind].map((definition, slot) => [definition.name, slot]));
  }

  setLayout(layout: Layout): void {
    this.layout = layout;
    this.chunker = new RecordChunker({ delimiter: layout.delimiter, lineBreak: layout.lineBreak, skipLines: layout.skipLines });
  }

  /** Takes decoded text; handles whatever complete records it now holds. */
  async push(text: string, final: boolean): Promise<void> {
    const chunker = this.chunker as RecordChunker;
    // One native scan per decoded chunk; the rows are looked at only when it finds something.
    const textSuspect = looksBadlyDecoded(text);
    // The chunker splits the text a piece at a time, and a piece's rows are handled before the next piece is split.
    // Chromium streams a picked file in chunks of up to 2 MB: split all at once, the cells of ≈ 17,000 rows were
    // still alive at the import worker's young-generation collections and were promoted (round 10).
    for (let from = 0; ; from += CHUNKER_PIECE_CHARS) {
      const piece = from === 0 && text.length <= CHUNKER_PIECE_CHARS ? text : text.slice(from, from + CHUNKER_PIECE_CHARS);
      const suspect = this.pendingSuspect || textSuspect;
      const items = chunker.push(piece);
      this.pendingSuspect = suspect && items.length === 0;
      if (suspect) this.noteEncodingIssues(items);
      await this.take(items);
      if (from + CHUNKER_PIECE_CHARS >= text.length) break;
    }
    if (final) {
      const last = chunker.finish();
      if (this.pendingSuspect) this.noteEncodingIssues(last);
      await this.take(last);
      this.lines.total = chunker.linesSeen;
      this.lines.header += chunker.preambleLines;
    }
  }

  /** Lines whose text did not decode cleanly (first ENCODING_LINES kept, all counted). */
  private noteEncodingIssues(items: ChunkItem[]): void {
    const delimiter = (this.layout as Layout).delimiter;
    for (const item of items) {
      const text = item.fields ? item.fields.join(delimiter) : (item.broken as BrokenLine).text;
      if (!looksBadlyDecoded(text)) continue;
      this.encodingIssues.count++;
      if (this.encodingIssues.lines.length < ENCODING_LINES) this.encodingIssues.lines.push({ line: item.line, text: text.length > 200 ? `${text.slice(0, 200)}…` : text });
    }
  }

  private async take(items: ChunkItem[]): Promise<void> {
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as ChunkItem;
      const row = item.fields;
      if (!this.headers) {
        if (row === null) {
          const broken = item.broken as BrokenLine;
          if (broken.code === 'line-too-long') {
            throw new ImportError('line-too-long', `the line is longer than ${MAX_LINE_CHARS.toLocaleString('en')} characters before any header was found; this is not a CSV export`, { file: this.fileName, line: item.line }, { maximum: MAX_LINE_CHARS });
          }
          // A stray quote in the header itself: its cells, read literally, are still the best header there is.
          this.headers = cleanHeaders(broken.cells);
          this.headerLine = item.line;
          this.lines.header += item.span;
          continue;
        }
        if (isBlankRow(row)) {
          this.lines.blank += item.span;
          continue;
        }
        this.headers = cleanHeaders(row);
        this.headerLine = item.line;
        this.lines.header += item.span;
        continue;
      }
      if (!this.fields) {
        // Items wait here until the 'auto' settings are decided (see settle).
        if (row !== null && row.length === 1 && row[0] === '') this.lines.blank += item.span;
        else this.held.push(item);
        continue;
      }
      this.handleItem(item, this.fields);
      if (this.batch.length >= this.batchSize) await this.flushBatch();
    }
    if (!this.fields && this.held.length > 0) await this.settle(false);
    this.onChunkParsed();
  }

  private handleItem(item: ChunkItem, fields: CompiledField[]): void {
    let outcome: RowOutcome;
    if (item.fields === null) {
      const broken = item.broken as BrokenLine;
      this.addQuarantine(item.line, '', '', broken.text, brokenReason(broken, (this.headers as string[]).length), broken.truncated);
      outcome = RowOutcome.Quarantined;
    } else outcome = this.handleRow(item.fields, item.line, fields);
    const lines = this.lines;
    switch (outcome) {
      case RowOutcome.Blank:
        lines.blank += item.span;
        break;
      case RowOutcome.Imported:
        lines.imported += item.span;
        break;
      case RowOutcome.Quarantined:
        lines.quarantined += item.span;
        break;
      case RowOutcome.Duplicate:
        lines.duplicates += item.span;
        break;
    }
  }

  /**
   * Compiles the converters from the rows held so far. A date column whose
   * first rows all fit both DD/MM and MM/DD (a file sorted by date that opens
   * with the 1st–12th) keeps rows waiting for evidence, up to DEFER_ROWS or
   * the end of the file; only then is the order reported as ambiguous.
   */
  async settle(final: boolean): Promise<void> {
    if (this.fields || this.held.length === 0) return;
    // Retry only when the held rows have doubled: detection over them stays linear overall.
    if (!final && this.held.length < this.nextSettleAt) return;
    this.nextSettleAt = this.held.length * 2;
    let fields: CompiledField[];
    const layout = this.layout as Layout;
    try {
      const rows: string[][] = [];
      for (const item of this.held) if (item.fields !== null) rows.push(item.fields);
      fields = new FieldCompiler(this.spec, this.kind, this.fileName, this.headers as string[], this.headerLine, layout.delimiter).compile(rows);
    } catch (error) {
      if (!final && error instanceof ImportError && error.code === 'ambiguous-date-order' && this.held.length < DEFER_ROWS) return;
      throw error;
    }
    this.fields = fields;
    const mapped = new Set(fields.map((field) => field.slot));
    this.unmappedSlots = FIELD_DEFINITIONS[this.kind].map((_, slot) => slot).filter((slot) => !mapped.has(slot));
    const held = this.held;
    this.held = [];
    for (const item of held) {
      this.handleItem(item, fields);
      if (this.batch.length >= this.batchSize) await this.flushBatch();
    }
  }

  onChunkParsed: () => void = () => undefined;

  progress(bytesRead: number) {
    return { bytesRead, totalBytes: 0, rowsRead: this.read, imported: this.imported, quarantined: this.quarantined, duplicates: this.duplicates };
  }

  async flushBatch(): Promise<void> {
    if (this.batch.length === 0) return;
    const columns: RecordColumns<K> = this.batch.take(this.options.sha256);
    const options = this.options;
    if (options.onColumns !== undefined) await options.onColumns(columns);
    else await options.onBatch(recordsOfColumns(columns));
    const signal = this.options.signal;
    if (signal?.aborted) throw abortError(signal);
  }

  requireHeader(): void {
    if (!this.headers) {
      throw new ImportError('empty-file', 'no header row found (the file is empty or holds only preamble lines)', { file: this.fileName });
    }
  }

  private addQuarantine(line: number, column: string, field: string, value: string, why: QuarantineReason, truncated = false): void {
    this.read++;
    this.quarantined++;
    if (this.quarantine.length < this.quarantineLimit) {
      const entry: QuarantineEntry = { file: this.fileName, line, column, field, value, reason: why.reason, code: why.code, params: why.params };
      if (truncated) entry.truncated = true;
      this.quarantine.push(entry);
    } else this.quarantineTruncated = true;
  }

  private handleRow(row: string[], line: number, fields: CompiledField[]): RowOutcome {
    const headers = this.headers as string[];
    if (row.length !== headers.length) {
      let extraIsEmpty = row.length > headers.length;
      for (let i = headers.length; extraIsEmpty && i < row.length; i++) if ((row[i] as string).trim() !== '') extraIsEmpty = false;
      if (!extraIsEmpty) {
        if (isBlankRow(row)) return RowOutcome.Blank;
        const layout = this.layout as Layout;
        const shown = row.join(layout.delimiter);
        const cut = shown.length > 200;
        this.addQuarantine(
          line,
          '',
          '',
          cut ? `${shown.slice(0, 200)}…` : shown,
          {
            code: 'row-width',
            params: { fields: row.length, expected: headers.length },
            reason: `the row has ${row.length} field${row.length === 1 ? '' : 's'} but the header has ${headers.length} (truncated row, stray quote or wrong delimiter)`,
          },
          cut,
        );
        return RowOutcome.Quarantined;
      }
    }
    if ((row[0] as string).trim() === '' && isBlankRow(row)) return RowOutcome.Blank;
    const values = this.values;
    // Unmapped slots may hold the last row's derived party id or a zod default.
    const unmapped = this.unmappedSlots;
    for (let i = 0; i < unmapped.length; i++) values[unmapped[i] as number] = undefined;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as CompiledField;
      const value = field.readConvert !== undefined ? field.readConvert(row) : field.convert(field.read(row));
      if (value === FAIL) {
        this.addQuarantine(line, field.column, field.definition.name, field.read(row), failure);
        return RowOutcome.Quarantined;
      }
      if (value === undefined && field.definition.required) {
        const name = field.definition.name;
        this.addQuarantine(line, field.column, name, field.read(row), { code: 'missing-value', params: { field: name }, reason: `missing value: ${name} is required` });
        return RowOutcome.Quarantined;
      }
      values[field.slot] = value;
    }
    if (this.kind === 'party') completeParty(values);
    if (this.quickCheck?.(values) !== true) {
      const record = this.build(values);
      const result = this.schema.safeParse(record);
      if (!result.success) {
        const issue = result.error.issues[0];
        const fieldName = issue && issue.path.length > 0 ? String(issue.path[0]) : '';
        const field = fields.find((candidate) => candidate.definition.name === fieldName);
        const raw = field ? field.read(row) : String(record[fieldName] ?? '');
        this.addQuarantine(line, field?.column ?? '', fieldName, raw, schemaReason(issue, fieldName, raw));
        return RowOutcome.Quarantined;
      }
      // What zod made of the record (defaults, trims) is what is stored.
      values.fill(undefined);
      for (const [name, value] of Object.entries(result.data as Record<string, unknown>)) {
        const slot = this.slotOf.get(name);
        if (slot !== undefined) values[slot] = value;
      }
    }
    const id = values[0] as string;
    this.read++;
    if (this.existing.has(id) || !this.seen.add(id)) {
      this.duplicates++;
      return RowOutcome.Duplicate;
    }
    this.imported++;
    this.batch.add(values, line);
    return RowOutcome.Imported;
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
  const counts = { read: run.read, imported: run.imported, quarantined: run.quarantined, duplicates: run.duplicates, lines: { ...run.lines } };
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
  const outcome: ImportOutcome = { file, quarantine: run.quarantine, counts, quarantineTruncated: run.quarantineTruncated };
  if (run.encodingIssues.count > 0) outcome.encodingIssues = { ...run.encodingIssues, encoding: file.encoding };
  return outcome;
}
