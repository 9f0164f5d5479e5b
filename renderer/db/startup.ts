import type { CaudalDatabase } from './schema';
import { sweepPendingImports } from './imports';

let sweep: Promise<number> | null = null;

/**
 * The start-up sweep, run once per page: the first caller starts it and every
 * import waits for it, so it can never discard an import this page is running.
 */
export function sweepOnce(db: CaudalDatabase): Promise<number> {
  sweep ??= sweepPendingImports(db).catch((error: unknown) => {
    console.error('Could not discard interrupted imports', error);
    return 0;
  });
  return sweep;
}
