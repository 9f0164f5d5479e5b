import { describe, expect, it } from 'vitest';
import { sha, sourceFile, transaction, useFreshDatabase } from './helpers';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { createCase } from '../../../renderer/db/cases';
import { loadCaseDataset } from '../../../renderer/db/dataset';
import {
  AlreadyImportedError,
  abortImport,
  appendChunk,
  beginImport,
  commitImport,
  existingRecordIds,
  findCommittedImport,
  finishImport,
  listImports,
  quarantineOf,
  sweepPendingImports,
} from '../../../renderer/db/imports';

async function newCase(db: CaudalDatabase) {
  return createCase(db, { number: 'UIAF-2026-0001', name: 'Red Andina', profileId: 'co-uiaf', analyst: 'M. Rojas', classification: 'RESERVADO' }, 1000);
}

/** Writes a whole import the way the worker does: begin, chunks, finish. */
async function stageImport(db: CaudalDatabase, caseId: string, fileSha: string, ids: string[][]) {
  const importId = await beginImport(db, caseId, sourceFile(fileSha));
  let line = 2;
  for (const [index, chunkIds] of ids.entries()) {
    await appendChunk(db, importId, caseId, 'transaction', index, chunkIds.map((id) => transaction(id, fileSha, line++)));
  }
  const imported = ids.flat().length;
  await finishImport(db, importId, sourceFile(fileSha, { counts: { read: imported + 1, imported, quarantined: 1, duplicates: 0 } }), [
    { file: 'extracto-octubre.csv', line: 7, column: 'Valor', field: 'amount', value: '12,3,4', reason: 'not a number' },
  ]);
  return importId;
}

describe('imports: pending → committed', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('keeps a staged import invisible until it is committed, then shows it in file order', async () => {
    const caseRow = await newCase(db);
    const importId = await stageImport(db, caseRow.id, sha('a'), [['t1', 't2'], ['t3']]);
    expect((await loadCaseDataset(db, caseRow.id)).transactions).toEqual([]);
    expect(await listImports(db, caseRow.id)).toEqual([]);

    const committed = await commitImport(db, importId, 5000);
    expect(committed.status).toBe('committed');
    const dataset = await loadCaseDataset(db, caseRow.id);
    expect(dataset.transactions.map((row) => row.id)).toEqual(['t1', 't2', 't3']);
    expect((await db.cases.get(caseRow.id))?.updatedAt).toBe(5000);
    expect((await listImports(db, caseRow.id)).map((row) => row.file.counts)).toEqual([{ read: 4, imported: 3, quarantined: 1, duplicates: 0 }]);
    expect((await quarantineOf(db, importId))[0]).toMatchObject({ line: 7, reason: 'not a number' });
  });

  it('abort removes the pending chunks and leaves the case exactly as before', async () => {
    const caseRow = await newCase(db);
    await commitImport(db, await stageImport(db, caseRow.id, sha('a'), [['t1']]), 2000);
    const before = await loadCaseDataset(db, caseRow.id);
    const chunksBefore = await db.chunks.count();

    const pending = await stageImport(db, caseRow.id, sha('b'), [['t9', 't10'], ['t11']]);
    expect(await abortImport(db, pending)).toBe(true);

    expect(await loadCaseDataset(db, caseRow.id)).toEqual(before);
    expect(await db.chunks.count()).toBe(chunksBefore);
    expect(await db.imports.get(pending)).toBeUndefined();
    expect((await db.cases.get(caseRow.id))?.updatedAt).toBe(2000);
  });

  it('never discards a committed import when asked to abort it', async () => {
    const caseRow = await newCase(db);
    const importId = await stageImport(db, caseRow.id, sha('a'), [['t1']]);
    await commitImport(db, importId);
    expect(await abortImport(db, importId)).toBe(false);
    expect((await loadCaseDataset(db, caseRow.id)).transactions).toHaveLength(1);
  });

  it('a crash midway (chunks written, never finished) is invisible and swept at start-up', async () => {
    const caseRow = await newCase(db);
    await commitImport(db, await stageImport(db, caseRow.id, sha('a'), [['t1']]));
    // The worker was killed after two chunks: no finish, no commit, no abort.
    const crashed = await beginImport(db, caseRow.id, sourceFile(sha('c')));
    await appendChunk(db, crashed, caseRow.id, 'transaction', 0, [transaction('x1', sha('c'), 2)]);
    await appendChunk(db, crashed, caseRow.id, 'transaction', 1, [transaction('x2', sha('c'), 3)]);

    expect((await loadCaseDataset(db, caseRow.id)).transactions.map((row) => row.id)).toEqual(['t1']);
    expect(await sweepPendingImports(db)).toBe(1);
    expect(await db.chunks.where('importId').equals(crashed).count()).toBe(0);
    expect(await db.imports.get(crashed)).toBeUndefined();
    expect(await sweepPendingImports(db)).toBe(0);
    expect((await loadCaseDataset(db, caseRow.id)).transactions.map((row) => row.id)).toEqual(['t1']);
  });

  it('restarting the same file after a crash discards the stale chunks instead of mixing them in', async () => {
    const caseRow = await newCase(db);
    const first = await beginImport(db, caseRow.id, sourceFile(sha('d')));
    await appendChunk(db, first, caseRow.id, 'transaction', 0, [transaction('stale', sha('d'), 2)]);
    const again = await stageImport(db, caseRow.id, sha('d'), [['fresh']]);
    expect(again).toBe(first);
    await commitImport(db, again);
    expect((await loadCaseDataset(db, caseRow.id)).transactions.map((row) => row.id)).toEqual(['fresh']);
  });

  it('detects a file already committed in the case before any work, naming when and as what', async () => {
    const caseRow = await newCase(db);
    await commitImport(db, await stageImport(db, caseRow.id, sha('e'), [['t1']]), Date.UTC(2026, 10, 3));
    const previous = await findCommittedImport(db, caseRow.id, sha('e'));
    expect(previous?.file.name).toBe('extracto-octubre.csv');
    await expect(beginImport(db, caseRow.id, sourceFile(sha('e'), { name: 'copia.csv' }))).rejects.toThrow(AlreadyImportedError);
    await expect(beginImport(db, caseRow.id, sourceFile(sha('e')))).rejects.toThrow(/2026-11-03 as extracto-octubre\.csv/);
    // The same bytes are welcome in another case.
    const other = await newCase(db);
    expect(await findCommittedImport(db, other.id, sha('e'))).toBeUndefined();
    await expect(beginImport(db, other.id, sourceFile(sha('e')))).resolves.toContain(other.id);
  });

  it('lists the ids already committed in the case for duplicate detection, ignoring pending ones', async () => {
    const caseRow = await newCase(db);
    await commitImport(db, await stageImport(db, caseRow.id, sha('a'), [['t1', 't2'], ['t3']]));
    await stageImport(db, caseRow.id, sha('b'), [['p1']]);
    const ids = await existingRecordIds(db, caseRow.id, 'transaction');
    expect([...ids].sort()).toEqual(['t1', 't2', 't3']);
    expect((await existingRecordIds(db, caseRow.id, 'party')).size).toBe(0);
  });

  it('refuses to record a summary for an import that was discarded meanwhile', async () => {
    const caseRow = await newCase(db);
    const importId = await beginImport(db, caseRow.id, sourceFile(sha('f')));
    await abortImport(db, importId);
    await expect(finishImport(db, importId, sourceFile(sha('f')), [])).rejects.toThrow(/no longer pending/);
    await expect(commitImport(db, importId)).rejects.toThrow(/discarded/);
  });
});
