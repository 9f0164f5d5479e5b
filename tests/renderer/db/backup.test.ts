// fake-indexeddb must be installed before Dexie loads.
import { custodyDatabases } from './custodyFixtures';
import { describe, expect, it } from 'vitest';
import { enrollAnalyst, lockSession } from '../../../renderer/db/analysts';
import { custodySession, readAuditLog, recordAudit } from '../../../renderer/db/audit';
import { createCaseBackup, inspectBackup, restoreBackup } from '../../../renderer/db/backup';
import { createCase } from '../../../renderer/db/cases';

const PASSPHRASE = 'correct horse battery';
const alert = { id: 'fan-in:1', typology: 'fan-in', score: 80, accounts: ['A1'], parties: [], transactions: ['T1', 'T2'], shipments: [], window: { from: 1, to: 2 }, totals: { COP: 10 }, explanation: { es: 'x', en: 'x' } };

describe('case backup and restore', () => {
  const database = custodyDatabases();

  async function workstationWithCase() {
    const db = database();
    const { analyst } = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: 1_000 }, null);
    const row = await createCase(db, { number: 'UIAF-9', name: 'Caso respaldado', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' });
    await db.chunks.add({ caseId: row.id, importId: `${row.id}:f`, kind: 'transaction', index: 0, packed: { format: 'columns/2', length: 1, keys: ['id', 'amount'], columns: [['T1'], new Float64Array([10])] } });
    await db.alertRuns.put({ caseId: row.id, profileId: 'co-uiaf', ranAt: 5, alerts: [alert] });
    await recordAudit(db, { action: 'triage.change', caseId: row.id, params: { alertId: 'fan-in:1', status: 'escalated' } });
    return { db, analyst, caseId: row.id };
  }

  it('restores a case into a fresh profile with the same alerts, records and an intact chain', async () => {
    const { db, analyst, caseId } = await workstationWithCase();
    const backup = await createCaseBackup(db, caseId, analyst);
    expect(inspectBackup(backup.fileName, backup.bytes)).toMatchObject({ caseNumber: 'UIAF-9', madeBy: { name: 'Ana Gómez' } });
    expect(Buffer.from(backup.bytes).includes(Buffer.from('Caso respaldado'))).toBe(true); // the header names the case …
    expect(Buffer.from(backup.bytes).includes(Buffer.from('fan-in:1'))).toBe(false); // … the content is ciphertext
    const entriesBefore = (await readAuditLog(db)).length;
    lockSession();

    const fresh = database();
    const restored = await restoreBackup(fresh, backup.fileName, backup.bytes, analyst.analyst.id, PASSPHRASE);
    expect(restored.caseId).toBe(caseId);
    // The backup holds the trail up to the moment it was made (its own backup.create entry stays on the source workstation), plus the restore.
    expect(restored.chain).toMatchObject({ ok: true, count: entriesBefore });
    expect((await fresh.alertRuns.get(caseId))?.alerts).toEqual([alert]);
    const [chunk] = await fresh.chunks.toArray();
    expect(chunk?.packed?.columns[1]).toEqual(new Float64Array([10]));
    expect((await readAuditLog(fresh)).at(-1)).toMatchObject({ action: 'backup.restore', analyst: { name: 'Ana Gómez' } });
    expect(custodySession.get()?.analyst.id).toBe(analyst.analyst.id);
  });

  it('refuses an altered file, a wrong passphrase and a profile that already has analysts', async () => {
    const { db, analyst, caseId } = await workstationWithCase();
    const backup = await createCaseBackup(db, caseId, analyst);
    lockSession();
    const fresh = database();
    const altered = Uint8Array.from(backup.bytes);
    altered[altered.length - 200] = (altered[altered.length - 200] ?? 0) ^ 1;
    await expect(restoreBackup(fresh, 'x.caudal-backup', altered, analyst.analyst.id, PASSPHRASE)).rejects.toThrow(/x\.caudal-backup: the signature by Ana Gómez does not match/);
    await expect(restoreBackup(fresh, 'x.caudal-backup', backup.bytes, analyst.analyst.id, 'wrong horse battery')).rejects.toThrow(/wrong passphrase/);
    expect(await fresh.cases.count()).toBe(0);
    await expect(restoreBackup(db, 'x.caudal-backup', backup.bytes, analyst.analyst.id, PASSPHRASE)).rejects.toThrow(/fresh profile/);
  });
});
