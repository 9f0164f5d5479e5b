// fake-indexeddb must be installed before Dexie loads.
import { chunk, custodyDatabases, rawPut, rawRows } from './custodyFixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrollAnalyst, lockSession, unlockAs } from '../../../renderer/db/analysts';
import { SEALED_FIELD } from '../../../renderer/db/sealing';
import type { CaudalDatabase } from '../../../renderer/db/schema';

const ITERATIONS = 1_000;
const PASSPHRASE = 'correct horse battery';

describe('case data sealed at rest', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let analystId = '';
  beforeEach(async () => {
    db = database();
    analystId = (await enrollAnalyst(db, { name: 'Ana', passphrase: PASSPHRASE, iterations: ITERATIONS }, null)).analyst.analyst.id;
  });

  it('stores record chunks, triage notes and re-identification tables as ciphertext, and reads them back exactly', async () => {
    await db.chunks.add(chunk('c1', 0));
    await db.triage.put({ caseId: 'c1', alertId: 'a1', status: 'escalated', notes: [{ at: 1, text: 'Solicitar extractos de Juan Pérez' }], updatedAt: 1 });
    await db.packages.put({ id: 'sent:p1', caseId: 'c1', importedAt: 1, manifest: { direction: 'sent', reidentification: [{ pseudonym: 'P-1', value: '1098765432' }] } });

    const stored = await rawRows(db, 'chunks');
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!).sort()).toEqual([SEALED_FIELD, 'caseId', 'id', 'importId', 'kind'].sort());
    const everything = JSON.stringify([stored, await rawRows(db, 'triage'), await rawRows(db, 'packages')], (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value));
    for (const secret of ['Juan Pérez', 'Solicitar', '1098765432', '1250.5']) expect(everything).not.toContain(secret);

    const [back] = await db.chunks.where('[caseId+kind]').equals(['c1', 'transaction']).toArray();
    expect(back).toEqual({ ...chunk('c1', 0), id: back!.id });
    expect(back!.packed!.columns[1]).toBeInstanceOf(Float64Array);
    expect((await db.triage.get(['c1', 'a1']))?.notes[0]?.text).toBe('Solicitar extractos de Juan Pérez');
    // Cursor reads (each, filter, modify) open rows too.
    const viaCursor: number[] = [];
    await db.chunks.where('importId').equals('c1:file').each((row) => void viaCursor.push(row.index));
    expect(viaCursor).toEqual([0]);
    await db.triage.where('caseId').equals('c1').modify({ status: 'dismissed', reason: 'sin mérito' });
    expect(await db.triage.get(['c1', 'a1'])).toMatchObject({ status: 'dismissed', reason: 'sin mérito', notes: [{ text: 'Solicitar extractos de Juan Pérez' }] });
  });

  it('refuses a row whose ciphertext was edited, or moved to another case', async () => {
    await db.chunks.bulkAdd([chunk('c1', 0), chunk('c2', 0)]);
    const [first, second] = await rawRows(db, 'chunks');
    const flipped = Uint8Array.from(first![SEALED_FIELD] as Uint8Array);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await rawPut(db, 'chunks', { ...first, [SEALED_FIELD]: flipped });
    await expect(db.chunks.get(first!.id as number)).rejects.toThrow(/cannot be opened/);
    // c2's ciphertext under c1's clear fields: the additional data no longer matches.
    await rawPut(db, 'chunks', { ...second, caseId: 'c1' });
    await expect(db.chunks.get(second!.id as number)).rejects.toThrow(/cannot be opened/);
  });

  it('needs the unlocked key to read, and opens again after unlocking', async () => {
    await db.alertRuns.put({ caseId: 'c1', profileId: 'co-uiaf', ranAt: 1, alerts: [] });
    lockSession();
    await expect(db.alertRuns.get('c1')).rejects.toThrow(/locked/);
    await unlockAs(db, analystId, PASSPHRASE);
    expect(await db.alertRuns.get('c1')).toEqual({ caseId: 'c1', profileId: 'co-uiaf', ranAt: 1, alerts: [] });
  });

  it('reads rows stored before sealing existed as they are', async () => {
    await rawPut(db, 'charts', { id: 'chart-1', caseId: 'c1', name: 'old', view: 'accounts', nodes: [], createdAt: 1, updatedAt: 1, state: {} });
    expect((await db.charts.get('chart-1'))?.name).toBe('old');
  });
});
