// fake-indexeddb must be installed before Dexie loads.
import { freshDatabase } from './helpers';
import { Dexie } from 'dexie';
import { afterEach } from 'vitest';
import { lockSession } from '../../../renderer/db/analysts';
import { withCustody } from '../../../renderer/db/database';
import type { CaudalDatabase, ChunkRow } from '../../../renderer/db/schema';

/**
 * Issue 12's tests share one way to get a workstation database (sealing and
 * strict-durability middleware on, a database of its own) and to put it away:
 * after every test of the calling file the session is locked (keys wiped) and
 * every database it handed out is closed and deleted.
 */
export function custodyDatabases(): () => CaudalDatabase {
  const open: CaudalDatabase[] = [];
  afterEach(async () => {
    lockSession();
    for (const db of open.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return () => {
    const db = withCustody(freshDatabase());
    open.push(db);
    return db;
  };
}

/** The same IndexedDB database seen without Caudal's middleware: what someone copying the profile gets. */
async function withRawDatabase<T>(db: CaudalDatabase, work: (raw: Dexie) => Promise<T>): Promise<T> {
  const raw = new Dexie(db.name);
  await raw.open();
  try {
    return await work(raw);
  } finally {
    raw.close();
  }
}

/** A table's rows as stored (ciphertext where sealed). */
export const rawRows = (db: CaudalDatabase, table: string): Promise<Record<string, unknown>[]> => withRawDatabase(db, async (raw) => (await raw.table(table).toArray()) as Record<string, unknown>[]);

/** Writes a row past the middleware, as an attacker editing the profile would. */
export const rawPut = (db: CaudalDatabase, table: string, row: Record<string, unknown>): Promise<void> =>
  withRawDatabase(db, async (raw) => {
    await raw.table(table).put(row);
  });

/** A record chunk holding a name, amounts and ids (distinct per index) that must never show in plain text at rest. */
export function chunk(caseId: string, index: number): ChunkRow {
  return {
    caseId,
    importId: `${caseId}:file`,
    kind: 'transaction',
    index,
    packed: { format: 'columns/3', length: 2, keys: ['id', 'amount', 'counterpart'], columns: [[`t${index}a`, `t${index}b`], new Float64Array([1250.5, index]), ['Juan Pérez', undefined]], sourceFile: 'a'.repeat(64), sourceLines: new Float64Array([2, 3]) },
  };
}
