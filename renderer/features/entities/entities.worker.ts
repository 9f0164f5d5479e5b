import { database } from '../../db/database';
import type { EntitiesRequest, EntitiesResponse } from './entitiesClient';
import { buildSnapshot } from './snapshot';

/**
 * Entity resolution, counts and duplicate proposals off the UI thread. Like
 * the analysis worker it reads the case from IndexedDB itself, so the
 * movements never cross threads; only parties and proposals come back.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<EntitiesRequest>) => void) | null;
  postMessage(message: EntitiesResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { caseId } = event.data;
  buildSnapshot(database(), caseId, (phase) => scope.postMessage({ type: 'phase', phase }))
    .then((snapshot) => scope.postMessage({ type: 'done', snapshot }))
    .catch((error: unknown) => scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
};
