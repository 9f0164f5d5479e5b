import type { QuarantineEntry, SourceFile } from '../../../../shared/model';
import type { GoamlImportOutcome } from '../../../../shared/interop/goaml';

/** One goAML file for the worker. The Blob is passed by reference, never copied. */
export interface GoamlJob {
  caseId: string;
  blob: Blob;
  name: string;
  size: number;
  /** The unit profile's goAML code tables (profile.goamlCodes) and currency. */
  codes?: unknown;
  defaultCurrency: string;
  /** goAML XML (default) or FollowTheMoney JSON lines: both land as one import of the case. */
  format?: 'goaml' | 'ftm';
}

export interface GoamlJobProgress {
  phase: 'hashing' | 'reading' | 'finishing';
  bytes: number;
  totalBytes: number;
  units: number;
  elapsedMs: number;
  /** The pending import's id once begun: the page discards it if the worker dies or must be terminated. */
  importId?: string;
}

export interface GoamlStaged {
  importId: string;
  file: SourceFile;
  quarantine: QuarantineEntry[];
  reports: GoamlImportOutcome['reports'];
  unknownCodes: GoamlImportOutcome['unknownCodes'];
  written: GoamlImportOutcome['written'];
  timings: { hashMs: number; parseAndWriteMs: number; totalMs: number };
}

/** What the worker's task (renderer/workers/task.ts) ends with; a cancel or a failure rejects instead. */
export type GoamlResult = ({ status: 'staged' } & GoamlStaged) | { status: 'already-imported'; previous: SourceFile };

export type FromGoamlWorker =
  | { type: 'begun'; importId: string }
  | { type: 'progress'; progress: GoamlJobProgress }
  | { type: 'already-imported'; previous: SourceFile }
  | ({ type: 'staged' } & GoamlStaged)
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; code?: string; messageEs?: string };
