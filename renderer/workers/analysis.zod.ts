import { z } from 'zod';

/**
 * zod 4 probes `new Function` on its first object parse to decide whether to
 * JIT-compile validators. In Electron the worker script is served with the
 * app's CSP (no 'unsafe-eval'), which reports that probe as a violation even
 * though zod swallows the error; jitless parsing never probes. Imported first
 * by the analysis worker, which validates every typology's parameters.
 */
z.config({ jitless: true });
