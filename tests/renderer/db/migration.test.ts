import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRawCaseDataset } from '../../../renderer/db/dataset';
import { packRows, STORED_CHUNK_FORMAT, type PackedRows } from '../../../renderer/db/packedRows';
import { CaudalDatabase, type ChunkRow } from '../../../renderer/db/schema';
import { withCustody } from '../../../renderer/db/database';
import { lockSession } from '../../../renderer/db/analysts';
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
  it('opens a v2 database and upgrades row-object and columns/1 chunks once to the stored form, rows unchanged', async () => {
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
    // v3 made them 'columns/2'; v12 (below) carries them on to the current form.
    expect(chunks.map((chunk) => [chunk.index, chunk.packed?.format, 'rows' in chunk])).toEqual([
      [0, STORED_CHUNK_FORMAT, false],
      [1, STORED_CHUNK_FORMAT, false],
      [2, STORED_CHUNK_FORMAT, false],
    ]);
    const dataset = await loadRawCaseDataset(db, 'C1');
    expect(dataset.transactions).toEqual(rows);
    // Written after the upgrade in the old row form (as partner packages do): stored packed all the same.
    await db.chunks.add({ caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 3, rows: [transaction(30)] });
    const added = await db.chunks.where('importId').equals(`C1:${FILE}`).last();
    expect(added?.packed?.format).toBe(STORED_CHUNK_FORMAT);
    expect(added && 'rows' in added).toBe(false);
    db.close();
  });
});

/** The schema exactly as v11 declared it (renderer/db/schema.ts before issue 10's v12). */
function openVersion11(name: string): Dexie {
  const db = openVersion2(name);
  db.version(3).stores({ chunks: '++id, importId, [caseId+kind]' });
  db.version(4).stores({ auditLog: 'seq, caseId, action', analysts: 'id', custody: 'key' });
  db.version(5).stores({ suppressionRules: 'id, caseId, profileId' });
  db.version(6).stores({ keyVerifications: 'fingerprint', matchExchanges: 'id, caseId' });
  db.version(7).stores({ relationships: '++id, importId, caseId' });
  db.version(8).stores({ screeningLists: 'id, name, importedAt', screeningEntryChunks: '++id, listId', screeningRuns: 'caseId', screeningDecisions: 'id, caseId' });
  db.version(9).stores({ styleRules: 'caseId', styleTemplates: 'id, name', sourceGrades: '[caseId+file], caseId' });
  db.version(10).stores({ statements: 'id, caseId', statementMappings: 'name', statementSettings: 'caseId' });
  db.version(11).stores({ analysisManifests: 'id, caseId, sha256' });
  return db;
}

/** A chunk as v3–v11 wrote it: 'columns/2' (the same columns packRows makes now, under the old label). */
function formatTwo(rows: ReturnType<typeof transaction>[]): PackedRows {
  return { ...packRows(rows), format: 'columns/2' };
}

describe('Dexie schema v12 (issue 10): chunk format 3', () => {
  afterEach(() => lockSession());

  async function writeVersion11(name: string, rows: ReturnType<typeof transaction>[]): Promise<Uint8Array> {
    const old = openVersion11(name);
    await old.table('cases').put({ id: 'C1', number: 'UIAF-1', name: 'Caso', profileId: 'co-uiaf', analyst: '', classification: '', createdAt: 1, updatedAt: 1, notes: '' });
    await old.table('imports').put({ id: `C1:${FILE}`, caseId: 'C1', status: 'committed', file: sourceFile(FILE, { importedAt: 1 }), quarantine: [] });
    const ciphertext = Uint8Array.from({ length: 64 }, (_, index) => (index * 37) & 0xff);
    await old.table('chunks').bulkAdd([
      { caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 0, packed: formatTwo(rows.slice(0, 15)) },
      { caseId: 'C1', importId: `C1:${FILE}`, kind: 'transaction', index: 1, packed: formatTwo(rows.slice(15)) },
      // A sealed chunk of another case, as the sealing middleware stores it: clear fields and a ciphertext.
      { caseId: 'C2', importId: `C2:${FILE}`, kind: 'transaction', index: 0, $sealed: ciphertext },
    ]);
    expect(old.verno).toBe(11);
    old.close();
    return ciphertext;
  }

  it('opens a v11 database, brings its readable chunks to columns/3 once and reads the same rows; a sealed chunk is left byte for byte', async () => {
    counter += 1;
    const name = `caudal-migration-${process.pid}-${counter}`;
    names.push(name);
    const rows = Array.from({ length: 30 }, (_, index) => transaction(index));
    const ciphertext = await writeVersion11(name, rows);

    const db = new CaudalDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(12);
    const chunks = (await db.chunks.toArray()) as (ChunkRow & { $sealed?: Uint8Array })[];
    expect(chunks.map((chunk) => [chunk.caseId, chunk.index, chunk.packed?.format ?? null])).toEqual([
      ['C1', 0, 'columns/3'],
      ['C1', 1, 'columns/3'],
      ['C2', 0, null],
    ]);
    expect(chunks[2]?.$sealed).toEqual(ciphertext);
    expect((await loadRawCaseDataset(db, 'C1')).transactions).toEqual(rows);
    db.close();
  });

  it('upgrades while the workstation is locked (no data key): the sealing layer is not asked to open a sealed chunk', async () => {
    counter += 1;
    const name = `caudal-migration-${process.pid}-${counter}`;
    names.push(name);
    const ciphertext = await writeVersion11(name, Array.from({ length: 30 }, (_, index) => transaction(index)));
    lockSession();
    const db = withCustody(new CaudalDatabase(name));
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(12);
    db.close();
    const raw = new Dexie(name);
    await raw.open();
    const sealed = (await raw.table('chunks').where('[caseId+kind]').equals(['C2', 'transaction']).toArray()) as { $sealed?: Uint8Array }[];
    expect(sealed.map((row) => row.$sealed)).toEqual([ciphertext]);
    raw.close();
  });
});
