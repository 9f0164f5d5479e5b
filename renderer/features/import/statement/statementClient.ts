import type { StatementMapping } from '../../../../shared/import/statement';
import { database } from '../../../db/database';
import { sweepOnce } from '../../../db/startup';
import type { FromStatementWorker, StatementFileJob, StatementFileResult, StatementInspection, ToStatementWorker } from './statementProtocol';

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
 * the signal stops after the file being written is discarded.
 */
export async function importInWorker(
  caseId: string,
  files: { file: StatementFileJob; mapping: StatementMapping | undefined }[],
  defaultCurrency: string,
  options: { onProgress?(done: number, total: number, current: string): void; onFile?(result: StatementFileResult): void; signal?: AbortSignal } = {},
): Promise<StatementFileResult[]> {
  await sweepOnce(database());
  const worker = startWorker();
  return new Promise((resolve, reject) => {
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies ToStatementWorker);
    options.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<FromStatementWorker>) => {
      const message = event.data;
      if (message.type === 'progress') options.onProgress?.(message.done, message.total, message.current);
      else if (message.type === 'file-done') options.onFile?.(message.result);
      else if (message.type === 'finished') {
        options.signal?.removeEventListener('abort', onAbort);
        worker.terminate();
        resolve(message.results);
      }
    };
    worker.onerror = (event) => {
      options.signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      reject(new Error(event.message || 'The statement worker failed.'));
    };
    worker.postMessage({ type: 'import', caseId, files, defaultCurrency } satisfies ToStatementWorker);
  });
}
