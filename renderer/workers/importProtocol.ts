import type { QuarantineEntry, RecordKind, SourceFile } from '../../shared/model';
import type { EncodingIssues, MappingSpec } from '../../shared/import';

/** Everything the import worker needs for one file. The Blob is passed by reference, never copied. */
export interface ImportJob {
  caseId: string;
  kind: RecordKind;
  blob: Blob;
  name: string;
  size: number;
  spec: MappingSpec;
  mappingName: string;
}

export type ImportPhase = 'hashing' | 'reading' | 'finishing';

export interface ImportProgress {
  phase: ImportPhase;
  rows: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
  rowsPerSecond: number;
  /** null until the rate is known. */
  secondsLeft: number | null;
}

/** Where the time of one import went, for the benchmark and the summary. */
export interface ImportTimings {
  hashMs: number;
  parseAndWriteMs: number;
  totalMs: number;
  chunks: number;
}

export type ToImportWorker = { type: 'start'; job: ImportJob } | { type: 'cancel' };

export type FromImportWorker =
  | { type: 'begun'; importId: string }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'already-imported'; previous: SourceFile }
  | { type: 'staged'; importId: string; file: SourceFile; quarantine: QuarantineEntry[]; timings: ImportTimings; encodingIssues?: EncodingIssues }
  | { type: 'cancelled' }
  /** A file-level failure: `line`/`field` when the importer could name them. */
  | { type: 'failed'; message: string; code?: string; detail?: ImportFailureDetail };

/** Where a file-level ImportError happened, so the screen can say it in the analyst's language. */
export interface ImportFailureDetail {
  file: string;
  line?: number;
  column?: string;
  field?: string;
  params: Record<string, string | number>;
}
