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
  /** The pending import's id once it exists: the page discards it if the worker dies or must be terminated. */
  importId?: string;
}

/** Where the time of one import went, for the benchmark and the summary. */
export interface ImportTimings {
  hashMs: number;
  parseAndWriteMs: number;
  totalMs: number;
  chunks: number;
}

/** What the worker's task ends with (renderer/workers/task.ts); a cancel or a failure rejects instead. */
export type ImportResult =
  | { status: 'staged'; importId: string; file: SourceFile; quarantine: QuarantineEntry[]; timings: ImportTimings; encodingIssues?: EncodingIssues }
  | { status: 'already-imported'; previous: SourceFile };

/** Where a file-level ImportError happened (the task failure's detail), so the screen can say it in the analyst's language. */
export interface ImportFailureDetail {
  file: string;
  line?: number;
  column?: string;
  field?: string;
  params: Record<string, string | number>;
}
