import type { StatementMapping } from '../../../../shared/import/statement';
import { database } from '../../../db/database';
import { sweepOnce } from '../../../db/startup';
import { runTask, type TaskWorker } from '../../../workers/task';
import type { FromStatementWorker, StatementFileJob, StatementFileResult, StatementImportProgress, StatementImportRequest, StatementInspection, ToStatementWorker } from './statementProtocol';

function startWorker(): Worker {
  return new Worker(new URL('./statement.worker.ts', import.meta.url), { type: 'module', name: 'caudal-statements' });
}

/**
 * Detects statement layouts in one long-lived worker (a workbook is unzipped
 * and parsed there, never on the UI thread), one file after another, so a
 * folder of 1,500 statements is one worker and a queue, not 1,500 workers.
 */
export class StatementInspector {
  private worker: Worker | null = null;
  constructor(private readonly onInspected: (key: number, inspection: StatementInspection) => void) {}

  inspect(key: number, file: StatementFileJob, mapping?: StatementMapping, sheet?: string): void {
    if (!this.worker) {
      const worker = startWorker();
      worker.onmessage = (event: MessageEvent<FromStatementWorker>) => {
        if (event.data.type === 'inspected') this.onInspected(event.data.key, event.data.inspection);
      };
      this.worker = worker;
    }
    const message: ToStatementWorker = { type: 'inspect', key, file, ...(mapping ? { mapping } : {}), ...(sheet ? { sheet } : {}) };
    this.worker.postMessage(message);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * Imports the statements, each file atomically, reporting progress; aborting
 * the signal stops after the file being written is discarded, and the result
 * still lists every file (those not imported as cancelled). One task on the
 * one task protocol (renderer/workers/task.ts).
 */
export async function importInWorker(
  caseId: string,
  files: { file: StatementFileJob; mapping: StatementMapping | undefined }[],
  defaultCurrency: string,
  options: { onProgress?(done: number, total: number, current: string): void; onFile?(result: StatementFileResult): void; signal?: AbortSignal } = {},
): Promise<StatementFileResult[]> {
  await sweepOnce(database());
  const worker = startWorker() as unknown as TaskWorker<StatementImportRequest, StatementImportProgress, StatementFileResult[]>;
  return runTask(worker, { caseId, files, defaultCurrency }, {
    ...(options.signal ? { signal: options.signal } : {}),
    resultAfterCancel: true,
    onProgress: (event) => (event.type === 'progress' ? options.onProgress?.(event.done, event.total, event.current) : options.onFile?.(event.result)),
  });
}
