/// <reference lib="webworker" />
import { buildChartPdf, type ChartPdfInput } from '../../../shared/export';
import { serveTask, type TaskScope } from '../../workers/task';

/**
 * The prosecutor's PDF off the UI thread: the chart pages and an annex row for every transaction under the drawn
 * lines are jsPDF work of about a second for a whole case (4,000 rows), which on the page froze the window.
 * One synchronous build per worker, so a cancel ends the worker (the task protocol's rule).
 */
serveTask(self as unknown as TaskScope<ChartPdfInput, never, Uint8Array>, async (input) => buildChartPdf(input));
