import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { packRows, type PackedRows } from '../../../renderer/db/packedRows';
import { CaudalDatabase, type ChunkRow } from '../../../renderer/db/schema';
import { sha, sourceFile } from './helpers';

/*
 * Issue 10, schema v3: a database written by the previous version (v2) opens
 * in this one, and its chunks in every older form — row objects (partner
 * packages), 'columns/1' — are upgraded once to the one stored form.
 */

let counter = 0;
const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The schema exactly as v2 declared it (renderer/db/schema.ts before issue 10). */
function openVersion2(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    cases: 'id, updatedAt',
    imports: 'id, caseId, [caseId+status]',
    chunks: '++id, importId, [caseId+kind]',
    mappings: 'name, kind',
    profiles: 'id',
    alertRuns: 'caseId',
    triage: '[caseId+alertId], caseId',
    charts: 'id, caseId',
    packages: 'id, caseId',
    keyBook: 'id, kind',
    sharingPolicies: 'id, partner',
  });
  db.version(2).stores({ partyMerges: 'id, caseId' });
  return db;
}

const FILE = sha('c');
function transaction(index: number) {
  return { id: `T${index}`, timestamp: Date.UTC(2025, 0, 1 + (index % 28)), fromAccount: `A${index % 3}`, toAccount: 'B', amount: index + 0.5, currency: 'COP', channel: 'cash', source: { file: FILE, line: index + 2 } };
}

/** 'columns/1' as it was written before format 2: plain arrays, no dictionaries. */
function formatOne(rows: ReturnType<typeof transaction>[]): PackedRows {
  const keys = ['id', 'timestamp', 'fromAccount', 'toAccount', 'amount', 'currency', 'channel'] as const;
  return {
    format: 'columns/1',
    length: rows.length,
    keys: [...keys],
    columns: keys.map((key) => rows.map((row) => row[key])),
    sourceFile: FILE,
    sourceLines: rows.map((row) => row.source.line),
  };
}

describe('Dexie schema v3 (issue 10)', () => {
  it('opens a v2 database and upgrades row-object and columns/1 chunks once to columns/2, rows unchanged', async () => {
    counter += 1;
    const name = `caudal-migration-${process.pid}-${counter}`;
    names.push(name);
    const rows = Array.from({ length: 30 }, (_, index) => transaction(index));
    const old = openVersion2(name);
    await old.table('cases').put({ id: 'C1', number: 'UIAF-1', name: 'Caso', profileId: 'co-uiaf', analyst: '', classification: '', createdAt: 1, updatedAt: 1, notes: '' });
    await old.table('imports').put({ id: `C1:${FILE}`, caseId: 'C1', status: 'committed', file: sourceFile(FILE, { importedAt: 1 }), quarantine: [] });
    await old.table('chunks').bulkAdd([
      { caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 0, rows: rows.slice(0, 10) },
      { caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 1, packed: formatOne(rows.slice(10, 20)) },
      { caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 2, packed: packRows(rows.slice(20)) },
    ]);
    expect(old.verno).toBe(2);
    old.close();

    const db = new CaudalDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3); // later issues add v4–v10
    const chunks: ChunkRow[] = await db.chunks.toArray();
    expect(chunks.map((chunk) => [chunk.index, chunk.packed?.format, 'rows' in chunk])).toEqual([
      [0, 'columns/2', false],
      [1, 'columns/2', false],
      [2, 'columns/2', false],
    ]);
    const dataset = await loadRawCaseDataset(db, 'C1');
    expect(dataset.transactions).toEqual(rows);
    // Written after the upgrade in the old row form (as partner packages do): stored packed all the same.
    await db.chunks.add({ caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 3, rows: [transaction(30)] });
    const added = await db.chunks.where('importId').equals(`C1:${FILE}`).last();
    expect(added?.packed?.format).toBe('columns/2');
    expect(added && 'rows' in added).toBe(false);
    db.close();
  });
});
