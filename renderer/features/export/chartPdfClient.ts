import type { ChartPdfInput } from '../../../shared/export';
import { runTask, type TaskWorker } from '../../workers/task';

/** Builds the chart PDF in a worker of its own; aborting the signal ends it and rejects with TaskCancelledError. */
export function buildChartPdfInWorker(input: ChartPdfInput, signal?: AbortSignal): Promise<Uint8Array> {
  const worker = new Worker(new URL('./chartPdf.worker.ts', import.meta.url), { type: 'module', name: 'caudal-chart-pdf' }) as unknown as TaskWorker<ChartPdfInput, never, Uint8Array>;
  return runTask(worker, input, signal ? { signal } : {});
}
