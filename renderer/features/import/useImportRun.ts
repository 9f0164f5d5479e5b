import { useEffect, useRef, useState } from 'react';
import { describeImportError, type MappingSpec } from '../../../shared/import';
import type { RecordKind } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { auditImportCommitted } from '../../db/auditEvents';
import { database } from '../../db/database';
import { dropHandover } from '../../db/importHandover';
import { abortImport, commitImport } from '../../db/imports';
import { useI18n } from '../../i18n/I18nProvider';
import type { PickedFile } from '../../platform';
import { ImportFailedError, runImport, type ImportProgress } from '../../workers/importClient';
import type { FileResult, Staged } from './ImportResults';

/** Where a run of files stands: being set up, one file in the worker, one file waiting for the analyst, finished. */
export type ImportStage =
  | { step: 'configure' }
  | { step: 'running'; fileIndex: number; progress: ImportProgress | null; cancelling: boolean }
  | { step: 'review'; fileIndex: number; staged: Staged }
  | { step: 'done' };

export interface ImportRunJob {
  caseId: string;
  kind: RecordKind;
  files: PickedFile[];
  spec: MappingSpec;
}

/**
 * Imports the chosen files one after another through the import worker. A file with quarantined rows or lines that
 * did not decode cleanly waits for the analyst's decision; a clean one is committed at once. A cancelled or failed
 * file ends the run (what was committed before it stays).
 */
export function useImportRun(saveGrade: (caseId: string, fileSha256: string) => Promise<unknown>) {
  const { t, language } = useI18n();
  const { refreshCase } = useWorkspace();
  const [stage, setStage] = useState<ImportStage>({ step: 'configure' });
  const [results, setResults] = useState<FileResult[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const decisionRef = useRef<((commit: boolean) => void) | null>(null);

  // Leaving the screen mid-import: a clean file still goes in, but a file waiting for the analyst's
  // decision on its quarantine is discarded rather than left pending with nobody to decide.
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      decisionRef.current?.(false);
      decisionRef.current = null;
    };
  }, []);

  const importOne = async (job: ImportRunJob, file: PickedFile, fileIndex: number, signal: AbortSignal): Promise<FileResult> => {
    try {
      performance.mark('caudal:import:start');
      const outcome = await runImport(
        { caseId: job.caseId, kind: job.kind, blob: file.blob, name: file.name, size: file.size, spec: job.spec, mappingName: job.spec.name },
        { signal, onProgress: (progress) => setStage((current) => (current.step === 'running' ? { ...current, progress } : current)) },
      );
      if (outcome.status === 'cancelled') return { status: 'cancelled', name: file.name };
      if (outcome.status === 'already-imported') return { status: 'already', name: file.name, previous: outcome.previous };
      // Marks on the page's timeline let a profile (and bench/import.ts) split the import into its phases.
      performance.mark('caudal:import:staged');
      // Bad rows, or lines that did not decode cleanly: the analyst decides whether the good ones go in.
      const needsReview = outcome.file.counts.quarantined > 0 || outcome.encodingIssues !== undefined;
      const commit = !needsReview
        ? true
        : mountedRef.current &&
          (await new Promise<boolean>((resolve) => {
            decisionRef.current = resolve;
            setStage({ step: 'review', fileIndex, staged: outcome });
          }));
      if (!commit) {
        dropHandover(database(), outcome.importId);
        await abortImport(database(), outcome.importId);
        return { status: 'discarded', name: file.name };
      }
      const committed = await commitImport(database(), outcome.importId);
      await auditImportCommitted(database(), committed.caseId, committed.file);
      await saveGrade(committed.caseId, committed.file.sha256);
      performance.mark('caudal:import:committed');
      await refreshCase();
      performance.mark('caudal:import:ready');
      return { status: 'committed', name: file.name, file: committed.file, timings: outcome.timings };
    } catch (error) {
      // A commit that failed leaves no hand-over waiting for a load that will not use it.
      dropHandover(database());
      let message = error instanceof Error ? error.message : String(error);
      // File-level errors come with a code: said in the analyst's language, not the engine's English.
      if (error instanceof ImportFailedError && error.detail) {
        message = describeImportError({ code: error.code, message, ...error.detail }, language, (field) => t(`import.field.${field}`));
      }
      return { status: 'failed', name: file.name, message };
    }
  };

  const run = async (job: ImportRunJob) => {
    const controller = new AbortController();
    abortRef.current = controller;
    const collected: FileResult[] = [];
    setResults([]);
    for (const [fileIndex, file] of job.files.entries()) {
      setStage({ step: 'running', fileIndex, progress: null, cancelling: false });
      const result = await importOne(job, file, fileIndex, controller.signal);
      collected.push(result);
      setResults([...collected]);
      if (result.status === 'cancelled' || result.status === 'failed') break;
    }
    abortRef.current = null;
    setStage({ step: 'done' });
  };

  const cancel = () => {
    abortRef.current?.abort();
    setStage((current) => (current.step === 'running' ? { ...current, cancelling: true } : current));
  };

  const decide = (commit: boolean) => {
    decisionRef.current?.(commit);
    decisionRef.current = null;
  };

  /** Back to setting up a new run: the last run's results are cleared. */
  const reset = () => {
    setResults([]);
    setStage({ step: 'configure' });
  };

  return { stage, results, run, cancel, decide, reset };
}
