import type { RunContext } from './types';

/** Thrown when the analyst cancels a run; the caller keeps whatever it had before. */
export class DetectionCancelledError extends Error {
  constructor() {
    super('Detection cancelled');
    this.name = 'DetectionCancelledError';
  }
}

/**
 * Called inside long loops: checks the cancel flag every `every` steps and
 * reports progress, so a cancelled run stops within milliseconds.
 */
export function makeCheckpoint(context: RunContext, total: number, every = 2048): (step: number) => void {
  let next = every;
  return (step: number) => {
    if (step < next) return;
    next = step + every;
    if (context.isCancelled?.()) throw new DetectionCancelledError();
    context.onProgress?.(total > 0 ? Math.min(1, step / total) : 1);
  };
}

export function throwIfCancelled(context: Pick<RunContext, 'isCancelled'>): void {
  if (context.isCancelled?.()) throw new DetectionCancelledError();
}
