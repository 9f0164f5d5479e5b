// fake-indexeddb must be installed before Dexie loads.
import { chunk, custodyDatabases, rawRows } from './custodyFixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollAnalyst, lockSession, unlockAs } from '../../../renderer/db/analysts';
import { RESEAL_PROGRESS_KEY, resealPlaintextRows, resealTables, type ResealProgress } from '../../../renderer/db/reseal';
import { SEALED_FIELD, setSealingOffInWorker } from '../../../renderer/db/sealing';
import type { CaudalDatabase } from '../../../renderer/db/schema';

const PASSPHRASE = 'correct horse battery';
const SECRETS = ['Juan Pérez', '1098765432', 'Solicitar extractos', 'Cuenta fachada'];

/** Every row of every sealed table as IndexedDB holds it, bypassing Caudal: what a copied profile gives away. */
async function rawDump(db: CaudalDatabase): Promise<{ rows: Record<string, unknown>[]; text: string }> {
  const rows: Record<string, unknown>[] = [];
  for (const name of resealTables(db)) rows.push(...(await rawRows(db, name)));
  // Bytes too (typed arrays, the sealed envelope): a name in plain text inside them would count.
  const text = rows
    .map((row) =>
      JSON.stringify(row, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1') : value)),
    )
    .join('\n');
  return { rows, text: Buffer.from(text, 'latin1').toString('utf8') + text };
}

describe('re-encrypting rows written before sealing', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let analystId = '';
  beforeEach(async () => {
    db = database();
    analystId = (await enrollAnalyst(db, { name: 'Ana', passphrase: PASSPHRASE, iterations: 1_000 }, null)).analyst.analyst.id;
    // Rows from before sealing: written with it switched off.
    setSealingOffInWorker(true);
    for (let index = 0; index < 7; index++) await db.chunks.add(chunk('c1', index));
    await db.triage.put({ caseId: 'c1', alertId: 'a1', status: 'escalated', notes: [{ at: 1, text: 'Solicitar extractos de Juan Pérez' }], updatedAt: 1 });
    await db.packages.put({ id: 'sent:p1', caseId: 'c1', importedAt: 1, manifest: { direction: 'sent', reidentification: [{ pseudonym: 'P-1', value: '1098765432' }] } });
    await db.partyMerges.put({ id: 'm1', caseId: 'c1', decision: 'merged', keepId: 'p1', mergedIds: ['p2'], reason: 'manual', records: [{ partyId: 'p2', name: 'Juan Pérez', source: { file: 'f', line: 2 } }], confirmedAt: 1 });
    await db.alertRuns.put({ caseId: 'c1', profileId: 'co-uiaf', ranAt: 1, alerts: [{ id: 'x', typology: 'fan-in', score: 1, accounts: ['A1'], parties: [], transactions: [], shipments: [], window: { from: 1, to: 2 }, totals: {}, explanation: { es: 'Cuenta fachada', en: 'Front account' } }] });
    setSealingOffInWorker(false);
    // And one row written after sealing came on: it must stay as it is.
    await db.triage.put({ caseId: 'c1', alertId: 'a2', status: 'new', notes: [], updatedAt: 2 });
  });
  afterEach(() => setSealingOffInWorker(false));

  it('leaves no plain text in raw IndexedDB, and every row reads back exactly', async () => {
    const before = await dumpThroughCaudal(db);
    const exposed = await rawDump(db);
    for (const secret of SECRETS) expect(exposed.text).toContain(secret);

    const progress: ResealProgress[] = [];
    const outcome = await resealPlaintextRows(db, { scanBatch: 3, writeBatch: 2, onProgress: (step) => progress.push(step) });
    expect(outcome).toMatchObject({ kind: 'finished', resealed: 11, scanned: 12 });
    // Progress is reported batch by batch, table by table, and only grows.
    expect(progress.length).toBeGreaterThan(4);
    expect(progress.map((step) => step.scanned)).toEqual([...progress.map((step) => step.scanned)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ tableIndex: progress.at(-1)?.tables, scanned: 12, resealed: 11 });

    const after = await rawDump(db);
    expect(after.rows).toHaveLength(exposed.rows.length);
    expect(after.rows.every((row) => row[SEALED_FIELD] instanceof Uint8Array)).toBe(true);
    for (const secret of SECRETS) expect(after.text).not.toContain(secret);
    expect(await dumpThroughCaudal(db)).toEqual(before);

    // Locked and unlocked again: the rows open with the key, as any sealed row.
    lockSession();
    await unlockAs(db, analystId, PASSPHRASE);
    expect(await dumpThroughCaudal(db)).toEqual(before);
    // A finished pass is not run again.
    await expect(resealPlaintextRows(db)).resolves.toMatchObject({ kind: 'finished', resealed: 11 });
  });

  it('resumes where it was stopped, without redoing or skipping rows', async () => {
    const controller = new AbortController();
    const first = await resealPlaintextRows(db, {
      scanBatch: 2,
      writeBatch: 1,
      signal: controller.signal,
      onProgress: (step) => {
        if (step.scanned >= 4) controller.abort();
      },
    });
    expect(first).toMatchObject({ kind: 'paused' });
    const stored = (await db.custody.get(RESEAL_PROGRESS_KEY))?.value as { scanned: number; resealed: number; lastKey: unknown };
    expect(stored.scanned).toBeGreaterThanOrEqual(4);
    expect(stored.scanned).toBeLessThan(12);
    const stillPlain = (await rawDump(db)).rows.filter((row) => !(row[SEALED_FIELD] instanceof Uint8Array)).length;
    expect(stillPlain).toBe(11 - stored.resealed);
    expect(stillPlain).toBeGreaterThan(0);

    const second = await resealPlaintextRows(db, { scanBatch: 2, writeBatch: 1 });
    expect(second).toMatchObject({ kind: 'finished', scanned: 12, resealed: 11 });
    expect((await rawDump(db)).rows.every((row) => row[SEALED_FIELD] instanceof Uint8Array)).toBe(true);
  });

  it('keeps a change the analyst made during the pass', async () => {
    let changed = false;
    await resealPlaintextRows(db, {
      scanBatch: 1,
      writeBatch: 1,
      onProgress: (step) => {
        if (step.table !== 'alertRuns' || changed) return;
        changed = true;
        void db.triage.put({ caseId: 'c1', alertId: 'a1', status: 'dismissed', notes: [{ at: 3, text: 'Descartada' }], updatedAt: 3 });
      },
    });
    expect((await db.triage.get(['c1', 'a1']))?.status).toBe('dismissed');
    expect((await rawDump(db)).rows.every((row) => row[SEALED_FIELD] instanceof Uint8Array)).toBe(true);
  });

  it('refuses to run locked, or with sealing switched off, and writes nothing', async () => {
    lockSession();
    await expect(resealPlaintextRows(db)).resolves.toEqual({ kind: 'locked' });
    await unlockAs(db, analystId, PASSPHRASE);
    setSealingOffInWorker(true);
    await expect(resealPlaintextRows(db)).resolves.toEqual({ kind: 'sealing-off' });
    setSealingOffInWorker(false);
    expect(await db.custody.get(RESEAL_PROGRESS_KEY)).toBeUndefined();
  });
});

async function dumpThroughCaudal(db: CaudalDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of resealTables(db)) out[name] = await db.table(name).toArray();
  return out;
}
