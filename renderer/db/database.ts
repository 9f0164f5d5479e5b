import type { DBCore, DbCoreTransactionOptions, Middleware } from 'dexie';
import { CaudalDatabase } from './schema';
import { inWorker, receiveDataKeyFromPage, serveDataKeyToWorkers } from './custodyChannel';
import { sealingMiddleware } from './sealing';

let instance: CaudalDatabase | null = null;

/**
 * Tables whose writes must survive a power cut: the audit trail, the analysts'
 * sealed keys and custody facts, unit keys, and the import table (the commit
 * of an import flips its row in one small transaction). Everything else keeps
 * Chromium's default `relaxed` durability, which the 1M-row import relies on.
 */
export const STRICT_TABLES: ReadonlySet<string> = new Set(['auditLog', 'analysts', 'custody', 'keyBook', 'imports', 'analysisManifests']);

export const strictDurability: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'caudal-strict-durability',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const strict = mode === 'readwrite' && stores.some((store) => STRICT_TABLES.has(store));
        const next: DbCoreTransactionOptions | undefined = strict ? { ...options, durability: 'strict' } : options;
        return down.transaction(stores, mode, next);
      },
    };
  },
};

/** Strict durability where it matters, and case content sealed at rest (sealing.ts). */
export function withCustody(db: CaudalDatabase): CaudalDatabase {
  db.use(strictDurability);
  db.use(sealingMiddleware);
  if (inWorker()) db.on('ready', () => receiveDataKeyFromPage());
  else serveDataKeyToWorkers();
  return db;
}

/** One connection per page or worker; tests pass their own name for isolation. */
export function database(): CaudalDatabase {
  instance ??= withCustody(new CaudalDatabase());
  return instance;
}

export function useDatabaseForTests(db: CaudalDatabase): void {
  instance = db;
}
