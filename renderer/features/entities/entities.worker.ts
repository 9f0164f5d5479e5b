import { database } from '../../db/database';
import { serveTask, type TaskScope } from '../../workers/task';
import type { EntitiesRequest } from './entitiesClient';
import { buildSnapshot, type EntitiesSnapshot, type SnapshotPhase } from './snapshot';

/**
 * Entity resolution, counts and duplicate proposals off the UI thread. Like
 * the analysis worker it reads the case from IndexedDB itself, so the
 * movements never cross threads; only parties and proposals come back.
 * Messages, progress and cancel follow the shared task helper (workers/task.ts).
 */
serveTask(self as unknown as TaskScope<EntitiesRequest, SnapshotPhase, EntitiesSnapshot>, ({ caseId }, { progress }) => buildSnapshot(database(), caseId, progress));
