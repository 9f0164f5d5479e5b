import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinProfile, type UnitProfile } from '../../../shared/profiles';
import type { CaudalDatabase, ImportRow } from '../../../renderer/db/schema';
import { detectionInputKey, hasCommittedData } from '../../../renderer/features/alerts/runKey';
import { freshDatabase } from './helpers';

function importRow(caseId: string, sha: string, status: ImportRow['status']): ImportRow {
  return {
    id: `${caseId}:${sha}`,
    caseId,
    status,
    quarantine: [],
    file: { sha256: sha, name: 'x.csv', size: 1, kind: 'transaction', importedAt: 1, mappingName: 'm', mapping: {}, encoding: 'utf-8', delimiter: ';', counts: { read: 1, imported: 1, quarantined: 0, duplicates: 0 } },
  };
}

describe('detection input key', () => {
  let db: CaudalDatabase;
  let colombia: UnitProfile;
  beforeEach(() => {
    db = freshDatabase();
    const profile = builtinProfile('co-uiaf');
    if (!profile) throw new Error('co-uiaf missing');
    colombia = profile;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('changes when committed data or the profile content changes, and only then', async () => {
    await db.imports.put(importRow('c1', 'a'.repeat(64), 'committed'));
    const base = await detectionInputKey(db, 'c1', colombia);
    expect(await detectionInputKey(db, 'c1', structuredClone(colombia))).toBe(base);

    // An import still pending (or another case's) is invisible to detection, so it must not force a re-run.
    await db.imports.put(importRow('c1', 'b'.repeat(64), 'pending'));
    await db.imports.put(importRow('c2', 'c'.repeat(64), 'committed'));
    expect(await detectionInputKey(db, 'c1', colombia)).toBe(base);

    await db.imports.put(importRow('c1', 'b'.repeat(64), 'committed'));
    const withMoreData = await detectionInputKey(db, 'c1', colombia);
    expect(withMoreData).not.toBe(base);

    const editedThreshold = { ...colombia, cashThreshold: { ...colombia.cashThreshold, amount: 12_000_000 } };
    expect(await detectionInputKey(db, 'c1', editedThreshold)).not.toBe(withMoreData);
    const ecuador = builtinProfile('ec-uafe') as UnitProfile;
    expect(await detectionInputKey(db, 'c1', ecuador)).not.toBe(withMoreData);
  });

  it('tells a case with data from one without', async () => {
    expect(await hasCommittedData(db, 'c1')).toBe(false);
    await db.imports.put(importRow('c1', 'a'.repeat(64), 'pending'));
    expect(await hasCommittedData(db, 'c1')).toBe(false);
    await db.imports.put(importRow('c1', 'a'.repeat(64), 'committed'));
    expect(await hasCommittedData(db, 'c1')).toBe(true);
  });
});
