import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, sha, sourceFile, transaction } from './helpers';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { createCase } from '../../../renderer/db/cases';
import { loadRawCaseDataset, prefetchPendingImport } from '../../../renderer/db/dataset';
import { abortImport, appendChunk, beginImport, commitImport, finishImport } from '../../../renderer/db/imports';

/*
 * The page rebuilds a pending import's rows while the worker still writes it
 * (dataset.ts prefetchPendingImport). The read after the commit must give
 * exactly what a read from scratch gives, use what was rebuilt early, and a
 * discarded import's rows must never come back.
 */

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('rows of a pending import rebuilt while it is written', () => {
  let db: CaudalDatabase;
  beforeEach(() => {
    db = freshDatabase();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  const rows = (seed: string, from: number, count: number) => Array.from({ length: count }, (_, offset) => transaction(`${seed}${from + offset}`, sha(seed), from + offset + 2));

  function countChunkReads(): { reads: number; restore(): void } {
    const original = db.chunks.bulkGet.bind(db.chunks);
    const counter = {
      reads: 0,
      restore: () => {
        db.chunks.bulkGet = original;
      },
    };
    db.chunks.bulkGet = ((keys: number[]) => {
      counter.reads += keys.length;
      return original(keys);
    }) as typeof db.chunks.bulkGet;
    return counter;
  }

  it('the read after the commit uses the chunks rebuilt early, reads only the rest, and equals a read from scratch', async () => {
    const caseRow = await createCase(db, { number: 'F-1', name: 'Prefetch', profileId: 'co-uiaf', analyst: '', classification: '' });
    expect((await loadRawCaseDataset(db, caseRow.id)).transactions).toEqual([]);
    const importId = await beginImport(db, caseRow.id, sourceFile(sha('a')));
    const prefetch = prefetchPendingImport(db, importId);
    await appendChunk(db, importId, caseRow.id, 'transaction', 0, rows('a', 0, 300));
    await appendChunk(db, importId, caseRow.id, 'transaction', 1, rows('a', 300, 300));
    prefetch.poll();
    await settle();
    // Written after the prefetch's last pass, and out of order: index 3 before index 2.
    await appendChunk(db, importId, caseRow.id, 'transaction', 3, rows('a', 900, 50));
    await appendChunk(db, importId, caseRow.id, 'transaction', 2, rows('a', 600, 300));
    await finishImport(db, importId, sourceFile(sha('a')), []);
    await commitImport(db, importId, 1000);

    const counter = countChunkReads();
    const { transactions } = await loadRawCaseDataset(db, caseRow.id);
    counter.restore();
    expect(counter.reads).toBe(2);
    expect(transactions).toEqual(rows('a', 0, 950));

    const fresh = new CaudalDatabase(db.name);
    try {
      expect((await loadRawCaseDataset(fresh, caseRow.id)).transactions).toEqual(transactions);
    } finally {
      fresh.close();
    }
  });

  it('rows rebuilt for an import that was then discarded never reach the case, not even when the same file is imported again', async () => {
    const caseRow = await createCase(db, { number: 'F-2', name: 'Descartado', profileId: 'co-uiaf', analyst: '', classification: '' });
    await loadRawCaseDataset(db, caseRow.id);
    const importId = await beginImport(db, caseRow.id, sourceFile(sha('b')));
    const prefetch = prefetchPendingImport(db, importId);
    await appendChunk(db, importId, caseRow.id, 'transaction', 0, rows('wrong', 0, 40));
    prefetch.poll();
    await settle();
    await abortImport(db, importId);

    // Same bytes (same import id), another mapping: other rows.
    const again = await beginImport(db, caseRow.id, sourceFile(sha('b')));
    expect(again).toBe(importId);
    await appendChunk(db, again, caseRow.id, 'transaction', 0, rows('right', 0, 25));
    await finishImport(db, again, sourceFile(sha('b')), []);
    await commitImport(db, again, 2000);
    const { transactions } = await loadRawCaseDataset(db, caseRow.id);
    expect(transactions.map((row) => row.id)).toEqual(rows('right', 0, 25).map((row) => row.id));
  });
});
