import { z } from 'zod';

/**
 * zod 4 probes `new Function` on its first object parse to decide whether to
 * JIT-compile validators. Under the app's CSP (no 'unsafe-eval') that probe is
 * reported as a violation on the console even though zod recovers; jitless
 * parsing never probes. Imported first by the page and by every worker, since
 * each worker is its own global scope with its own zod configuration.
 */
z.config({ jitless: true });
