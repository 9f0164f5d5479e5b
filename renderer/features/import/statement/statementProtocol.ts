import type { QuarantineEntry } from '../../../../shared/model';
import type { PatternPreview, StatementDetection, StatementMapping, StatementSummary } from '../../../../shared/import/statement';

/** One file handed to the statement worker (the Blob is passed by reference, never copied). */
export interface StatementFileJob {
  name: string;
  blob: Blob;
}

/** What the analyst sees before importing a file: the detected layout, the sheets and a preview. */
export interface StatementInspection {
  name: string;
  sheets?: string[];
  sheet?: string;
  detection?: StatementDetection;
  /** The first rows below the header, as text, for the preview table. */
  sampleRows: string[][];
  /** Each counterparty pattern of the mapping and what it captures in this file. */
  patterns: PatternPreview[];
  /** A file-level problem (not a workbook, a zip bomb, no table): shown instead of the layout. */
  error?: { code?: string; message: string; messageEs?: string };
}

export interface StatementFileResult {
  name: string;
  status: 'imported' | 'already-imported' | 'failed' | 'cancelled';
  importId?: string;
  summary?: StatementSummary;
  quarantine?: QuarantineEntry[];
  error?: { code?: string; message: string; messageEs?: string };
}

/** One import of several statements: the statement worker's task (renderer/workers/task.ts). */
export interface StatementImportRequest {
  caseId: string;
  files: { file: StatementFileJob; mapping: StatementMapping | undefined }[];
  defaultCurrency: string;
}

/** Besides the task's commands, the long-lived inspector worker takes inspections. */
export type ToStatementWorker = { type: 'inspect'; key: number; file: StatementFileJob; mapping?: StatementMapping; sheet?: string };

export type FromStatementWorker =
  | { type: 'inspected'; key: number; inspection: StatementInspection }
  | { type: 'progress'; done: number; total: number; current: string }
  | { type: 'file-done'; result: StatementFileResult };

/** What the import task reports while it runs; it ends with every file's result (cancelled files say so). */
export type StatementImportProgress = Extract<FromStatementWorker, { type: 'progress' | 'file-done' }>;
