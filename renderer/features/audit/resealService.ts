import { resealPlaintextRows, type ResealOutcome, type ResealProgress } from '../../db/reseal';
import type { CaudalDatabase } from '../../db/schema';

/**
 * Runs the re-encryption pass (renderer/db/reseal.ts) in the background after
 * each unlock and tells the Audit view how far it is. Locking stops it; the
 * next unlock resumes from the stored position.
 */
export type ResealState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ResealProgress | null }
  | { phase: 'done'; outcome: ResealOutcome }
  | { phase: 'failed'; message: string };

let state: ResealState = { phase: 'idle' };
let controller: AbortController | null = null;
const listeners = new Set<() => void>();

function set(next: ResealState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const resealStatus = {
  get: (): ResealState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Starts the pass unless one is running; resolves when it stops (finished, paused, or refused). */
export async function startReseal(db: CaudalDatabase, options: { restart?: boolean } = {}): Promise<void> {
  if (controller) return;
  const own = new AbortController();
  controller = own;
  set({ phase: 'running', progress: null });
  try {
    const outcome = await resealPlaintextRows(db, { signal: own.signal, onProgress: (progress) => set({ phase: 'running', progress }), ...(options.restart ? { restart: true } : {}) });
    set({ phase: 'done', outcome });
  } catch (error) {
    set({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    if (controller === own) controller = null;
  }
}

/** Stops the pass after the batch in hand; its position is already stored. */
export function stopReseal(): void {
  controller?.abort();
}
