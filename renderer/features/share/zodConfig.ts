import { z } from 'zod';

/**
 * zod 4 probes `new Function` on its first object parse to decide whether to
 * JIT-compile validators; under the app's CSP (no 'unsafe-eval') that probe is
 * reported as a violation on the console. Jitless parsing never probes. This
 * module is imported for its side effect at start-up (it belongs in
 * renderer/main.tsx; see the share feature's report to the lead).
 */
z.config({ jitless: true });
