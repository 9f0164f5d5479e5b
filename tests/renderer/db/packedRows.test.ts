import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, sha, sourceFile, transaction } from './helpers';
import { packRows, unpackRows } from '../../../renderer/db/packedRows';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { createCase } from '../../../renderer/db/cases';
import { loadCaseDataset } from '../../../renderer/db/dataset';
import { appendChunk, beginImport, commitImport, existingRecordIds, finishImport } from '../../../renderer/db/imports';

describe('rows packed by column', () => {
  it('rebuilds every row exactly: absent fields stay absent, provenance is restored per line', () => {
    const rows = [
      { ...transaction('t1', sha('a'), 4), description: 'Pago' },
      transaction('t2', sha('a'), 5),
      { ...transaction('t3', sha('a'), 9), toCountry: 'PA', amount: 0.01 },
    ];
    const packed = packRows(rows);
    expect(packed.sourceFile).toBe(sha('a'));
    expect(packed.keys).not.toContain('source');
    const back = unpackRows(packed);
    expect(back).toEqual(rows);
    expect(Object.keys(back[1] as object)).not.toContain('description');
  });

  it('keeps per-row provenance when rows come from different files', () => {
    const rows = [transaction('t1', sha('a'), 4), transaction('t2', sha('b'), 5)];
    const packed = packRows(rows);
    expect(packed.sourceFile).toBeUndefined();
    expect(unpackRows(packed)).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});

describe('reading chunks in either form', () => {
  let db: CaudalDatabase;
  beforeEach(() => {
    db = freshDatabase();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('loads packed import chunks and row chunks (partner packages) alike, over several slices', async () => {
    const caseRow = await createCase(db, { number: 'P-1', name: 'Mixto', profileId: 'co-uiaf', analyst: '', classification: '' });
    const importId = await beginImport(db, caseRow.id, sourceFile(sha('a')));
    const many = Array.from({ length: 9001 }, (_, index) => transaction(`t${index}`, sha('a'), index + 2));
    await appendChunk(db, importId, caseRow.id, 'transaction', 0, many);
    await finishImport(db, importId, sourceFile(sha('a')), []);
    await commitImport(db, importId, 1000);
    // A partner package writes plain rows under its own committed import.
    await db.imports.put({ id: 'pkg:1', caseId: caseRow.id, status: 'committed', file: sourceFile(sha('b'), { importedAt: 2000 }), quarantine: [] });
    await db.chunks.add({ caseId: caseRow.id, importId: 'pkg:1', kind: 'transaction', index: 0, rows: [transaction('p1', sha('b'), 2)] });

    const { transactions } = await loadCaseDataset(db, caseRow.id);
    expect(transactions).toHaveLength(9002);
    expect(transactions[9000]).toEqual(many[9000]);
    expect(transactions.at(-1)?.id).toBe('p1');
    const ids = await existingRecordIds(db, caseRow.id, 'transaction');
    expect(ids.size).toBe(9002);
    expect(ids.has('t9000') && ids.has('p1')).toBe(true);
  });
});
