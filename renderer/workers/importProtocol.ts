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
  /**
   * Hand each stored chunk, in clear packed form, to the page as the import runs (ChunkHandover), so that
   * once the analyst commits, the page builds the case's new rows from them instead of reading and
   * decrypting the import back from IndexedDB (renderer/db/importHandover.ts).
   */
  handover?: boolean;
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

/**
 * Chunks of the pending import, sent on the task's progress channel (so every chunk arrives before the
 * task's result) once they are stored: for each, the clear bytes sealing encrypted (shared/audit/sealCodec.ts
 * encodeSealable of the chunk's `{ index, packed }`), moved, not copied. The page decodes them as a read of
 * the chunk would after decrypting it.
 */
export interface ChunkHandover {
  /** Several chunks per message (HANDOVER_BATCH in importJob.ts): one postMessage per chunk cost the import worker ≈ 0.1 s per million rows. */
  handover: { importId: string; chunks: { index: number; sealable: Uint8Array }[] };
  /** Not progress: it announces no import id (the staged-import client reads that from progress alone). */
  importId?: undefined;
}

/** What the import worker's progress channel carries: progress, and chunks when the job asked for them. */
export type ImportUpdate = ImportProgress | ChunkHandover;

export const isChunkHandover = (update: ImportUpdate): update is ChunkHandover => 'handover' in update;

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
