import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportPublicCard, generateUnitKeyPair } from '../../../shared/package';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { KeyReplacementRequired, addPartnerCard, confirmPartnerKey, listPartnerKeys, removePartnerKey, trustedKeys } from '../../../renderer/features/share/store';
import { useFreshDatabase } from '../db/helpers';

describe('key book: unverified until confirmed, replacement only on purpose', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('keeps an imported card unverified until its fingerprint is confirmed with someone, and records who and when', async () => {
    const panama = generateUnitKeyPair('UAF Panamá', 1);
    const keys = await addPartnerCard(db, exportPublicCard(panama), { now: 10 });
    expect((await trustedKeys(db)).find((entry) => entry.fingerprint === keys.fingerprint)?.verified).toBe(false);
    await expect(confirmPartnerKey(db, keys.fingerprint, '   ')).rejects.toThrow(/with whom/);
    await confirmPartnerKey(db, keys.fingerprint, 'R. Díaz, UAF Panamá, by phone', 20);
    expect((await listPartnerKeys(db))[0]?.verification).toEqual({ fingerprint: keys.fingerprint, confirmedWith: 'R. Díaz, UAF Panamá, by phone', confirmedAt: 20 });
    expect((await trustedKeys(db)).find((entry) => entry.fingerprint === keys.fingerprint)?.verified).toBe(true);
    // Re-importing the same card keeps the confirmation; deleting the key drops it.
    await addPartnerCard(db, exportPublicCard(panama), { now: 30 });
    expect((await trustedKeys(db))[0]?.verified).toBe(true);
    await removePartnerKey(db, `partner:${keys.fingerprint}`);
    expect(await db.keyVerifications.count()).toBe(0);
  });

  it('refuses a second key for a unit already in the book unless the old fingerprint is named, then drops the old key and its confirmation', async () => {
    const first = generateUnitKeyPair('UAF Panamá', 1);
    const second = generateUnitKeyPair('uaf  PANAMÁ', 2);
    const old = await addPartnerCard(db, exportPublicCard(first));
    await confirmPartnerKey(db, old.fingerprint, 'R. Díaz');
    const refused = await addPartnerCard(db, exportPublicCard(second)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyReplacementRequired);
    expect((refused as KeyReplacementRequired).oldFingerprint).toBe(old.fingerprint);
    expect((await listPartnerKeys(db)).map((row) => row.fingerprint)).toEqual([old.fingerprint]);
    await expect(addPartnerCard(db, exportPublicCard(second), { replaceFingerprint: 'f'.repeat(40) })).rejects.toBeInstanceOf(KeyReplacementRequired);
    const replaced = await addPartnerCard(db, exportPublicCard(second), { replaceFingerprint: old.fingerprint });
    const rows = await listPartnerKeys(db);
    expect(rows.map((row) => [row.fingerprint, row.verification])).toEqual([[replaced.fingerprint, null]]);
  });
});
