import './analysis.zod';
import { runDetection } from '../../shared/detect';
import { database } from '../db/database';
import { loadCaseDataset } from '../db/dataset';
import type { AlertRunRow } from '../db/schema';
import type { AnalysisRequest, AnalysisResponse } from './analysisClient';

/**
 * Detection off the UI thread. The worker reads the case from IndexedDB
 * itself rather than receiving it from the page, so a million records are
 * never structured-cloned across threads, and it stores the run before
 * answering so a run that finished is never lost if the analyst navigates away.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse): void;
}

const scope = self as unknown as WorkerScope;

function reply(message: AnalysisResponse): void {
  scope.postMessage(message);
}

async function run(request: AnalysisRequest): Promise<void> {
  const db = database();
  reply({ type: 'phase', requestId: request.requestId, phase: 'loading' });
  const dataset = await loadCaseDataset(db, request.caseId);
  // Detectors report every few thousand steps; the page needs a whole percent or a new typology, no more.
  let lastPercent = -1;
  let lastTypology = '';
  const alerts = runDetection(dataset, request.profile, {
    onProgress: (fraction, typologyId) => {
      const percent = Math.floor(fraction * 100);
      if (percent === lastPercent && typologyId === lastTypology) return;
      lastPercent = percent;
      lastTypology = typologyId;
      reply({ type: 'progress', requestId: request.requestId, fraction, typologyId });
    },
  });
  reply({ type: 'phase', requestId: request.requestId, phase: 'saving' });
  const ranAt = Date.now();
  const row: AlertRunRow & { inputKey: string } = { caseId: request.caseId, profileId: request.profile.id, ranAt, alerts, inputKey: request.inputKey };
  await db.alertRuns.put(row);
  reply({ type: 'done', requestId: request.requestId, ranAt, alerts });
}

scope.onmessage = (event) => {
  const request = event.data;
  run(request).catch((error: unknown) => {
    reply({ type: 'failed', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
  });
};
