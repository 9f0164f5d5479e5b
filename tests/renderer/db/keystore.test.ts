// fake-indexeddb must be installed before Dexie loads.
import { custodyDatabases } from './custodyFixtures';
import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../main/bridge';
import type { SafeStorageLike } from '../../../main/ports';
import { WrongPassphraseError } from '../../../shared/audit';
import type { IpcChannel } from '../../../shared/ipc';
import { enrollAnalyst, lockSession, unlockAs } from '../../../renderer/db/analysts';
import { readAuditLog } from '../../../renderer/db/audit';
import { createCaseBackup, inspectBackup, restoreBackup } from '../../../renderer/db/backup';
import { createCase } from '../../../renderer/db/cases';
import { findAnalystKeystore, KeystoreError, type AnalystKeystore } from '../../../renderer/db/keystore';
import { fakeSafeStorage, mainWithHandlers } from '../../main/fakes';

/**
 * The renderer's side of the OS keystore, wired to the real main-process
 * handlers through the real preload bridge and a fake ipcMain: what the
 * desktop app does, with a fake safeStorage standing for one machine and
 * user account. `null` is the web build.
 */
const PASSPHRASE = 'correct horse battery';
const ITERATIONS = 1_000;

function desktop(safeStorage: SafeStorageLike = fakeSafeStorage().safeStorage): AnalystKeystore {
  const main = mainWithHandlers({ safeStorage });
  const bridge = createBridge((channel: IpcChannel, ...args: unknown[]) => main.invoke(channel, main.fromApp, ...args));
  const keystore = findAnalystKeystore({ caudal: bridge });
  if (!keystore) throw new Error('the bridge should offer the keystore');
  return keystore;
}

describe('analysts\' keys under the OS keystore', () => {
  const database = custodyDatabases();

  it('finds the keystore only on a bridge that has both calls', () => {
    expect(findAnalystKeystore({})).toBeNull();
    expect(findAnalystKeystore({ caudal: { appInfo: () => undefined } })).toBeNull();
    expect(findAnalystKeystore({ caudal: { wrapAnalystKey: () => undefined } })).toBeNull();
    expect(findAnalystKeystore({ caudal: { wrapAnalystKey: () => undefined, unwrapAnalystKey: () => undefined } })).not.toBeNull();
  });

  it('stores the desktop analyst\'s record wrapped by the OS, and unlocks it with the passphrase', async () => {
    const db = database();
    const keystore = desktop();
    const enrolled = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: ITERATIONS }, null, Date.now(), keystore);
    const dataKey = Uint8Array.from(enrolled.analyst.dataKey); // locking wipes the keys in memory
    const stored = await db.analysts.get(enrolled.analyst.analyst.id);
    expect(stored?.sealed).toBe('');
    expect(stored?.keystore).toMatchObject({ name: 'electron-safeStorage', backend: 'os' });
    expect((await readAuditLog(db))[0]).toMatchObject({ action: 'analyst.create', params: { keyProtection: 'passphrase+os-keystore' } });
    lockSession();

    await expect(unlockAs(db, enrolled.analyst.analyst.id, 'wrong horse battery', Date.now(), keystore)).rejects.toBeInstanceOf(WrongPassphraseError);
    const unlocked = await unlockAs(db, enrolled.analyst.analyst.id, PASSPHRASE, Date.now(), keystore);
    expect(unlocked.analyst.dataKey).toEqual(dataKey);
    expect(unlocked.chain.ok).toBe(true);
  });

  it('a database copied to another machine or account does not open, even with the right passphrase', async () => {
    const db = database();
    const enrolled = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: ITERATIONS }, null, Date.now(), desktop());
    lockSession();
    const id = enrolled.analyst.analyst.id;
    await expect(unlockAs(db, id, PASSPHRASE, Date.now(), desktop())).rejects.toThrow(/Ana Gómez's key cannot be opened: the operating system keystore of this computer and user account cannot open it/);
    // The web build (no keystore) says where the record can be opened.
    await expect(unlockAs(db, id, PASSPHRASE, Date.now(), null)).rejects.toThrow(KeystoreError);
    await expect(unlockAs(db, id, PASSPHRASE, Date.now(), null)).rejects.toThrow(/open it in the Caudal desktop app there/);
  });

  it('a wrapping copied onto another analyst\'s record is refused', async () => {
    const db = database();
    const keystore = desktop();
    const ana = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: ITERATIONS }, null, Date.now(), keystore);
    const luis = await enrollAnalyst(db, { name: 'Luis Pérez', passphrase: 'otra frase secreta', iterations: ITERATIONS }, ana.analyst, Date.now(), keystore);
    lockSession();
    const anaRow = await db.analysts.get(ana.analyst.analyst.id);
    const luisRow = await db.analysts.get(luis.analyst.analyst.id);
    if (!anaRow?.keystore || !luisRow?.keystore) throw new Error('both records should be wrapped');
    await db.analysts.put({ ...luisRow, keystore: anaRow.keystore });
    await expect(unlockAs(db, luisRow.id, PASSPHRASE, Date.now(), keystore)).rejects.toThrow(/belongs to another analyst/);
  });

  it('falls back to the passphrase when the keystore is unavailable, logs why, and adds the OS layer on a later unlock', async () => {
    const db = database();
    const machine = fakeSafeStorage();
    const enrolled = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: ITERATIONS }, null, Date.now(), desktop({ ...machine.safeStorage, isEncryptionAvailable: () => false }));
    const id = enrolled.analyst.analyst.id;
    expect((await db.analysts.get(id))?.keystore).toBeUndefined();
    expect((await readAuditLog(db))[0]?.params).toMatchObject({ keyProtection: 'passphrase', keystoreRefused: 'the operating system keystore is not available' });
    lockSession();

    // A wrong passphrase must not upgrade anything.
    await expect(unlockAs(db, id, 'wrong horse battery', Date.now(), desktop(machine.safeStorage))).rejects.toBeInstanceOf(WrongPassphraseError);
    expect((await db.analysts.get(id))?.keystore).toBeUndefined();
    await unlockAs(db, id, PASSPHRASE, Date.now(), desktop(machine.safeStorage));
    expect((await db.analysts.get(id))?.sealed).toBe('');
    expect((await readAuditLog(db)).at(-1)).toMatchObject({ action: 'session.unlock', params: { keyProtection: 'passphrase+os-keystore', keystoreAdded: true } });
    lockSession();
    await expect(unlockAs(db, id, PASSPHRASE, Date.now(), desktop(machine.safeStorage))).resolves.toMatchObject({ chain: { ok: true } });
  });

  it('a desktop backup carries passphrase-sealed records and restores on another machine, which wraps them with its own keystore', async () => {
    const db = database();
    const here = desktop();
    const enrolled = await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: PASSPHRASE, iterations: ITERATIONS }, null, Date.now(), here);
    const id = enrolled.analyst.analyst.id;
    const caseRow = await createCase(db, { number: 'UIAF-7', name: 'Caso', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' });
    const backup = await createCaseBackup(db, caseRow.id, enrolled.analyst, Date.now(), here);
    const header = inspectBackup(backup.fileName, backup.bytes);
    expect(header.analysts[0]?.sealed).toMatch(/^[0-9a-f]{160}$/);
    // Without the OS layer's keystore the backup cannot be made (it would carry a record nobody elsewhere can open).
    await expect(createCaseBackup(db, caseRow.id, enrolled.analyst, Date.now(), desktop())).rejects.toThrow(/cannot be opened/);
    lockSession();

    const elsewhere = fakeSafeStorage();
    const fresh = database();
    const restored = await restoreBackup(fresh, backup.fileName, backup.bytes, id, PASSPHRASE, Date.now(), desktop(elsewhere.safeStorage));
    expect(restored.chain.ok).toBe(true);
    expect((await fresh.analysts.get(id))?.keystore?.name).toBe('electron-safeStorage');
    lockSession();
    await expect(unlockAs(fresh, id, PASSPHRASE, Date.now(), desktop(elsewhere.safeStorage))).resolves.toMatchObject({ chain: { ok: true } });
    lockSession();

    // And into the web build, where the passphrase alone protects it.
    const web = database();
    await restoreBackup(web, backup.fileName, backup.bytes, id, PASSPHRASE, Date.now(), null);
    expect((await web.analysts.get(id))?.keystore).toBeUndefined();
  });
});
