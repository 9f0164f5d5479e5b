// fake-indexeddb must be installed before Dexie loads.
import { freshDatabase } from './helpers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, custodySession, readAuditLog, recordAudit, verifyStoredChain } from '../../../renderer/db/audit';
import { enrollAnalyst, lockSession, unlockAs } from '../../../renderer/db/analysts';
import { createCase, deleteCase } from '../../../renderer/db/cases';
import type { CaudalDatabase } from '../../../renderer/db/schema';

const ITERATIONS = 1_000;

describe('audit trail in the database', () => {
  let db: CaudalDatabase;
  beforeEach(() => {
    db = freshDatabase();
  });
  afterEach(async () => {
    lockSession();
    db.close();
    await db.delete();
  });

  it('logs each step under the unlocked analyst and verifies the chain on the next unlock', async () => {
    const { analyst, chain } = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    expect(chain.ok).toBe(true);
    const row = await createCase(db, { number: 'UIAF-1', name: 'Caso', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' });
    await recordAudit(db, { action: 'triage.change', caseId: row.id, params: { alertId: 'a1', status: 'escalated' } });
    lockSession();
    expect(await recordAudit(db, { action: 'triage.change', caseId: row.id })).toBeNull();

    const reopened = await unlockAs(db, analyst.analyst.id, 'correct horse battery');
    expect(reopened.chain).toMatchObject({ ok: true, count: 4 });
    const log = await readAuditLog(db);
    expect(log.map((entry) => entry.action)).toEqual(['analyst.create', 'session.unlock', 'case.create', 'triage.change', 'session.unlock']);
    expect(new Set(log.map((entry) => entry.analyst.name))).toEqual(new Set(['Ana Gómez']));
    await expect(unlockAs(db, analyst.analyst.id, 'wrong horse battery')).rejects.toThrow(/wrong passphrase/);
  });

  it('detects an entry edited in the database, and shows it on the next unlock instead of repairing it', async () => {
    const { analyst } = await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    await recordAudit(db, { action: 'export.chart', caseId: 'c1', params: { format: 'pdf' }, outputs: ['f'.repeat(64)] });
    await recordAudit(db, { action: 'triage.change', caseId: 'c1', params: { status: 'dismissed', reason: 'sin mérito' } });
    const stored = (await db.auditLog.get(3))!;
    await db.auditLog.put({ ...stored, params: { ...stored.params, format: 'png' } });
    lockSession();
    const { chain } = await unlockAs(db, analyst.analyst.id, 'correct horse battery');
    expect(chain.ok).toBe(false);
    expect(chain.problem).toMatchObject({ seq: 3, reason: 'altered' });
    // Not repaired: the edited entry is still there, and the unlock itself records that the chain was broken.
    expect((await db.auditLog.get(3))!.params).toMatchObject({ format: 'png' });
    expect((await readAuditLog(db)).at(-1)!.params).toMatchObject({ chainIntact: false });
  });

  it('detects a deleted entry, a swapped analyst key and a cut-off tail', async () => {
    const { analyst } = await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    for (let step = 0; step < 3; step++) await recordAudit(db, { action: 'triage.change', caseId: 'c1', params: { step } });
    const head = (await readAuditLog(db)).at(-1)!;
    expect((await verifyStoredChain(db, { seq: head.seq, hash: head.hash })).ok).toBe(true);

    await db.auditLog.delete(head.seq);
    expect((await verifyStoredChain(db, { seq: head.seq, hash: head.hash })).problem).toMatchObject({ reason: 'truncated', seq: head.seq });

    await db.auditLog.delete(3);
    expect((await verifyStoredChain(db, null)).problem).toMatchObject({ reason: 'gap', seq: 3 });

    const record = (await db.analysts.get(analyst.analyst.id))!;
    await db.analysts.put({ ...record, publicKey: 'ab'.repeat(32) });
    expect((await verifyStoredChain(db, null)).problem).toMatchObject({ reason: 'unknown-analyst', seq: 1 });
  });

  it('keeps the log and the records of packages sent when a case is deleted', async () => {
    await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    const row = await createCase(db, { number: 'UIAF-2', name: 'Caso', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' });
    await db.packages.bulkPut([
      { id: 'sent:p1', caseId: row.id, importedAt: 1, manifest: { direction: 'sent', reidentification: [{ pseudonym: 'P-1', value: '123' }] } },
      { id: 'received:p2', caseId: row.id, importedAt: 1, manifest: {} },
    ]);
    await deleteCase(db, row.id);
    expect(await db.cases.get(row.id)).toBeUndefined();
    expect((await db.packages.toArray()).map((pkg) => pkg.id)).toEqual(['sent:p1']);
    const actions = (await readAuditLog(db)).filter((entry) => entry.caseId === row.id).map((entry) => entry.action);
    expect(actions).toEqual(['case.create', 'case.delete']);
  });

  it('enrols a second analyst only through an unlocked one, with the same data key', async () => {
    const first = await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    lockSession();
    await expect(enrollAnalyst(db, { name: 'Luis', passphrase: 'another long phrase', iterations: ITERATIONS }, null)).rejects.toThrow(/enrolled by an analyst/);
    // Locking wiped the keys held in memory: enrolling needs a fresh unlock.
    expect(first.analyst.secretKey.every((byte) => byte === 0)).toBe(true);
    const ana = await unlockAs(db, first.analyst.analyst.id, 'correct horse battery');
    const second = await enrollAnalyst(db, { name: 'Luis', passphrase: 'another long phrase', iterations: ITERATIONS }, ana.analyst);
    expect(second.analyst.dataKey).toEqual(ana.analyst.dataKey);
    const luis = await unlockAs(db, second.analyst.analyst.id, 'another long phrase');
    expect(luis.chain.ok).toBe(true);
    expect(custodySession.get()?.analyst.name).toBe('Luis');
  });

  it('never gives two writers the same sequence number', async () => {
    const { analyst } = await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: ITERATIONS }, null);
    await Promise.all(Array.from({ length: 8 }, (_, step) => appendAuditEntry(db, analyst, { action: 'triage.change', params: { step } })));
    const log = await readAuditLog(db);
    expect(log.map((entry) => entry.seq)).toEqual(Array.from({ length: log.length }, (_, index) => index + 1));
    expect((await verifyStoredChain(db, null)).ok).toBe(true);
  });
});
