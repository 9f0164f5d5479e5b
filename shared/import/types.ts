import type { QuarantineEntry, RecordByKind, RecordKind, SourceFile } from '../model';
import type { DateOrder, DecimalSeparator, Delimiter, EncodingChoice, MappingSpec, ResolvedEncoding } from './spec';
import type { RecordColumns } from './columns';

/**
 * The bytes of one file. Browser: wrap `Blob.stream()`; Node: wrap
 * `fs.createReadStream(path)`. `stream()` may be called more than once (hash
 * first, then import), each call starting from the first byte.
 */
export interface ByteSource {
  name: string;
  size: number;
  stream(): AsyncIterable<Uint8Array>;
}

/**
 * The part of the DOM/Node AbortSignal the engine uses; `shared/` is compiled
 * without DOM types, and a real AbortSignal satisfies this structurally.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export type DateOrderGuess = DateOrder | 'ambiguous';

export interface CsvSniff {
  encoding: ResolvedEncoding;
  /** The encoding as the spec should state it: 'auto' unless the analyst pinned one (auto re-detects per file). */
  encodingChoice?: EncodingChoice;
  /** Bytes of byte-order mark at the start of the file (0 when none). */
  bomLength: number;
  delimiter: Delimiter;
  /** Line break of the file, as PapaParse wants it. */
  newline: '\r\n' | '\n' | '\r';
  /** Physical lines before the header row. */
  skipLines: number;
  headers: string[];
  /** Up to 50 data rows from the head, for preview and detection. */
  sampleRows: string[][];
  /** The file's likely decimal separator, judged from the number-like columns. */
  decimalSeparator: DecimalSeparator;
  /** Per header of a date-like column: the day/month order its sample values allow. */
  dateOrders: Record<string, DateOrderGuess>;
  /** Lines of the head (1-based physical lines) that did not decode cleanly, at most 5. */
  encodingIssueLines: number[];
}

export interface SuggestedMapping {
  spec: MappingSpec;
  /** Record fields the kind requires but no header matched: the UI asks the analyst. */
  missingRequired: string[];
  /** Headers of mapped date columns whose sample values fit both DD/MM and MM/DD. */
  ambiguousDateColumns: string[];
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  imported: number;
  quarantined: number;
  duplicates: number;
}

export interface ImportSettings {
  spec: MappingSpec;
  /** SHA-256 hex of the file (from `hashSource`): every record's provenance points at it. */
  sha256: string;
  importedAt?: number;
  /** Ids of records of this kind already in the case: rows with these ids count as duplicates. */
  existingIds?: ReadonlySet<string>;
  /** Records per `onBatch` / `onColumns` call; default 20000. */
  batchSize?: number;
  onProgress?(progress: ImportProgress): void;
  /** Aborting rejects the import with an AbortError and stops reading promptly. */
  signal?: AbortSignalLike;
  /** Quarantine entries kept in the outcome (counts stay exact beyond it); default 100000. */
  quarantineLimit?: number;
}

/**
 * Where the valid records go, in file order, streamed so the caller can
 * persist chunks while parsing: as record objects (`onBatch`), or column by
 * column (`onColumns`, no object per record: what the app stores).
 */
export type ImportOptions<K extends RecordKind = RecordKind> = ImportSettings &
  (
    | { onBatch(records: RecordByKind[K][]): void | Promise<void>; onColumns?: undefined }
    | { onColumns(columns: RecordColumns<K>): void | Promise<void>; onBatch?: undefined }
  );

/**
 * Where every physical line of the file went: total is always
 * header + blank + imported + quarantined + duplicates. A record whose quoted
 * field spans lines counts all of them to its bucket.
 */
export interface LineCounts {
  /** Physical lines in the file (line breaks, plus a last line without one). */
  total: number;
  /** Preamble above the header, and the header itself. */
  header: number;
  /** Blank lines (and rows of empty cells). */
  blank: number;
  imported: number;
  quarantined: number;
  duplicates: number;
}

export interface ImportCounts {
  /** Data rows read (blank rows are not rows): always imported + quarantined + duplicates. */
  read: number;
  imported: number;
  quarantined: number;
  duplicates: number;
  /** The same file counted in physical lines. */
  lines: LineCounts;
}

/** Lines whose bytes did not decode cleanly in the file's encoding: a mixed file, or the wrong encoding chosen. */
export interface EncodingIssues {
  /** Lines affected in all. */
  count: number;
  /** The first few, with their text as decoded. */
  lines: { line: number; text: string }[];
  /** The encoding they were read with (set on the outcome). */
  encoding?: string;
}

export interface ImportOutcome {
  file: SourceFile;
  /** One entry per quarantined row (its first problem), in file order. */
  quarantine: QuarantineEntry[];
  counts: ImportCounts;
  /** True when more rows were quarantined than `quarantineLimit` entries kept. */
  quarantineTruncated: boolean;
  /** Present when some lines did not decode cleanly: the analyst should look, and may pick another encoding. */
  encodingIssues?: EncodingIssues;
}

/** Every file-level failure the importer reports; the UI says each one in the analyst's language (IMPORT_ERROR_MESSAGES). */
export const IMPORT_ERROR_CODES = ['spec', 'encoding', 'empty-file', 'missing-column', 'ambiguous-date-order', 'line-too-long'] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export function isImportErrorCode(code: unknown): code is ImportErrorCode {
  return typeof code === 'string' && (IMPORT_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A file-level failure: undecodable bytes, a mapped column missing from the
 * header, an ambiguous date order. The message names the file, and the line,
 * column and field when known.
 */
export class ImportError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
  readonly field?: string;
  readonly code: ImportErrorCode;
  /** Extra values the localised message needs (e.g. the byte offset of bad encoding). */
  readonly params: Record<string, string | number>;

  constructor(
    code: ImportErrorCode,
    message: string,
    where: { file: string; line?: number; column?: string; field?: string },
    params: Record<string, string | number> = {},
  ) {
    const parts = [where.file];
    if (where.line !== undefined) parts.push(`line ${where.line}`);
    if (where.column !== undefined) parts.push(`column '${where.column}'`);
    if (where.field !== undefined) parts.push(`field ${where.field}`);
    super(`${parts.join(', ')}: ${message}`);
    this.name = 'ImportError';
    this.code = code;
    this.params = params;
    this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.field !== undefined) this.field = where.field;
  }
}

/** The error an aborted hash or import rejects with (name 'AbortError', like fetch's). */
export function abortError(signal: AbortSignalLike): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The import was cancelled.');
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
