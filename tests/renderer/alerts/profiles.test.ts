import { describe, expect, it } from 'vitest';
import { builtinProfile, ProfileError, profileToJson, type UnitProfile } from '../../../shared/profiles';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import {
  assignProfileToCase,
  copyOfProfile,
  deleteCustomProfile,
  freeProfileId,
  getProfile,
  importProfileJson,
  listProfiles,
  ProfileRepositoryError,
  saveCustomProfile,
  unconfirmedFigures,
} from '../../../renderer/features/profiles/repository';
import { useFreshDatabase } from './helpers';

function colombia(): UnitProfile {
  const profile = builtinProfile('co-uiaf');
  if (!profile) throw new Error('co-uiaf is not shipped');
  return profile;
}

async function issuesOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProfileError);
  return (error as ProfileError).issues;
}

describe('profile repository', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('lists the six built-in profiles first, then the unit’s own', async () => {
    await saveCustomProfile(db, copyOfProfile(colombia(), 'co-uiaf-medellin', 'UIAF Medellín'), 'create');
    const ids = (await listProfiles(db)).map((entry) => `${entry.profile.id}:${entry.builtIn}`);
    expect(ids).toEqual(['co-uiaf:true', 'ec-uafe:true', 'pa-uaf:true', 'hn-uif:true', 'mx-uif:true', 'do-uaf:true', 'co-uiaf-medellin:false']);
  });

  it('creates a custom profile from a built-in one and never touches the built-in', async () => {
    const id = await freeProfileId(db, 'co-uiaf');
    expect(id).toBe('co-uiaf-2');
    const copy = copyOfProfile(colombia(), id, 'Colombia (copia)');
    copy.cashThreshold = { ...copy.cashThreshold, amount: 12_000_000, confirmed: true, note: 'Resolución 2026' };
    await saveCustomProfile(db, copy, 'create');
    expect((await getProfile(db, id))?.cashThreshold).toMatchObject({ amount: 12_000_000, confirmed: true });
    expect(colombia().cashThreshold.amount).toBe(10_000_000);
    expect(unconfirmedFigures((await getProfile(db, id)) as UnitProfile)).toEqual(['aggregateThreshold', 'fxPerUsd']);
    await expect(saveCustomProfile(db, copy, 'create')).rejects.toMatchObject({ code: 'id_taken' });
  });

  it('refuses to overwrite or delete a built-in profile', async () => {
    await expect(saveCustomProfile(db, { ...colombia(), name: 'Cambiado' }, 'update')).rejects.toMatchObject({ code: 'builtin_readonly' });
    await expect(deleteCustomProfile(db, 'co-uiaf')).rejects.toBeInstanceOf(ProfileRepositoryError);
    expect(await db.profiles.count()).toBe(0);
  });

  it('names the bad field when a profile is invalid, including a typology parameter', async () => {
    const badAmount = { ...copyOfProfile(colombia(), 'co-x', 'X'), cashThreshold: { ...colombia().cashThreshold, amount: -5 } };
    expect(await issuesOf(saveCustomProfile(db, badAmount, 'create'))).toEqual([expect.stringMatching(/^cashThreshold\.amount: /)]);

    const badParam = { ...copyOfProfile(colombia(), 'co-y', 'Y'), typologyParams: { structuring: { windowDays: 400 } } };
    expect(await issuesOf(saveCustomProfile(db, badParam, 'create'))).toEqual([expect.stringMatching(/^typologyParams\.structuring\.windowDays: /)]);

    const unknownParam = { ...copyOfProfile(colombia(), 'co-z', 'Z'), typologyParams: { structuring: { windowDais: 5 } } };
    expect((await issuesOf(saveCustomProfile(db, unknownParam, 'create')))[0]).toMatch(/windowDais/);
    expect(await db.profiles.count()).toBe(0);
  });

  it('imports profile JSON, refusing malformed files with the field named and replacing a same-id custom profile', async () => {
    const copy = copyOfProfile(colombia(), 'co-import', 'Importado');
    const first = await importProfileJson(db, profileToJson(copy));
    expect(first).toMatchObject({ replaced: false, profile: { id: 'co-import', builtIn: false } });
    const second = await importProfileJson(db, profileToJson({ ...copy, name: 'Importado v2' }));
    expect(second.replaced).toBe(true);
    expect((await getProfile(db, 'co-import'))?.name).toBe('Importado v2');

    await expect(importProfileJson(db, '{"id": "co-bad",')).rejects.toThrow(/not valid JSON/);
    const broken = JSON.parse(profileToJson(copyOfProfile(colombia(), 'co-broken', 'Roto'))) as Record<string, unknown>;
    broken.currency = 'pesos';
    expect(await issuesOf(importProfileJson(db, JSON.stringify(broken)))).toEqual([expect.stringMatching(/^currency: /)]);
    // A file carrying a built-in id would silently shadow what ships with Caudal.
    await expect(importProfileJson(db, profileToJson(colombia()))).rejects.toMatchObject({ code: 'builtin_readonly' });
  });

  it('refuses to delete a profile a case still uses, naming the case', async () => {
    await saveCustomProfile(db, copyOfProfile(colombia(), 'co-used', 'En uso'), 'create');
    await db.cases.add({ id: 'c1', number: 'UIAF-2026-0042', name: 'Operación Cauce', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO', createdAt: 1, updatedAt: 1, notes: '' });
    await assignProfileToCase(db, 'c1', 'co-used', 5);
    expect(await db.cases.get('c1')).toMatchObject({ profileId: 'co-used', updatedAt: 5 });
    await expect(deleteCustomProfile(db, 'co-used')).rejects.toMatchObject({ code: 'in_use', params: { cases: 'UIAF-2026-0042' } });
    await assignProfileToCase(db, 'c1', 'ec-uafe');
    await deleteCustomProfile(db, 'co-used');
    expect(await getProfile(db, 'co-used')).toBeUndefined();
    await expect(assignProfileToCase(db, 'c1', 'no-such-profile')).rejects.toMatchObject({ code: 'not_found' });
    expect((await db.cases.get('c1'))?.profileId).toBe('ec-uafe');
  });
});
