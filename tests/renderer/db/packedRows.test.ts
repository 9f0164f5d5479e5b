import { describe, expect, it } from 'vitest';
import { sha, sourceFile, transaction, useFreshDatabase } from './helpers';
import { packRows, SharedStrings, unpackRows, unpackRowsInto } from '../../../renderer/db/packedRows';
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

  it('an attacker-named field (a partner package row keyed __proto__, constructor) is kept as data and pollutes nothing', () => {
    const hostile = JSON.parse('{"id":"t1","__proto__":{"polluted":true},"constructor":"x","toString":"y","amount":1}') as Record<string, unknown>;
    const rows = [hostile, { id: 't2', amount: 2 }];
    const back = unpackRows(packRows(rows)) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back[0], '__proto__')?.value).toEqual({ polluted: true });
    expect(back[0]).toMatchObject({ id: 't1', constructor: 'x', toString: 'y', amount: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(back[1] as object)).toEqual(['id', 'amount']);
  });

  it('packs rows whose fields come in different orders and sets, in one pass, exactly', () => {
    const rows = [
      { id: 'a', amount: 1, currency: 'COP' },
      { currency: 'USD', id: 'b', amount: 2, description: 'x' },
      { id: 'c' },
      { description: undefined, id: 'd', amount: Number.NaN },
    ];
    const back = unpackRows(packRows(rows)) as Record<string, unknown>[];
    // Values equal; a present-but-undefined field reads back as absent, as before.
    expect(back.map((row) => ({ ...row }))).toEqual([rows[0], rows[1], rows[2], { id: 'd', amount: Number.NaN }]);
  });

  it('keeps per-row provenance when rows come from different files', () => {
    const rows = [transaction('t1', sha('a'), 4), transaction('t2', sha('b'), 5)];
    const packed = packRows(rows);
    expect(packed.sourceFile).toBeUndefined();
    expect(unpackRows(packed)).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it('stores numbers as Float64Array and repeated strings as codes, and rebuilds rows identical to the originals', () => {
    const rows = Array.from({ length: 300 }, (_, index) => ({
      ...transaction(`t${index}`, sha('a'), index + 4),
      amount: index === 7 ? -0 : index * 1.5 + 0.01,
      currency: index % 3 === 0 ? 'USD' : 'COP',
      ...(index % 5 === 0 ? { description: 'Abono nómina' } : {}),
    }));
    const packed = packRows(rows);
    const column = (key: string) => packed.keys.indexOf(key);
    expect(packed.columns[column('amount')]).toBeInstanceOf(Float64Array);
    expect(packed.columns[column('currency')]).toBeInstanceOf(Uint8Array);
    expect(packed.dictionaries?.[column('currency')]).toEqual(['USD', 'COP']);
    expect(packed.dictionaries?.[column('description')]).toEqual(['Abono nómina', undefined]);
    // Ids never repeat, so coding them would only add a dictionary as large as the column.
    expect(packed.dictionaries?.[column('id')]).toBeNull();
    const back = unpackRows(structuredClone(packed));
    expect(back).toEqual(rows);
    expect(Object.is((back[7] as { amount: number }).amount, -0)).toBe(true);
    expect(Object.keys(back[1] as object)).not.toContain('description');
  });

  it('reads chunks stored in the first format (plain arrays, no dictionaries)', () => {
    const rows = [transaction('t1', sha('a'), 4), { ...transaction('t2', sha('a'), 5), description: 'Pago' }];
    const legacy = {
      format: 'columns/1' as const,
      length: 2,
      keys: Object.keys(rows[1] as object).filter((key) => key !== 'source'),
      columns: Object.keys(rows[1] as object)
        .filter((key) => key !== 'source')
        .map((key) => rows.map((row) => (row as Record<string, unknown>)[key])),
      sourceFile: sha('a'),
      sourceLines: [4, 5],
    };
    expect(unpackRows(legacy)).toEqual(rows);
  });

  it('gives back every stored line number exactly, whether or not it is stored as a small integer (round 8)', () => {
    // Lines are stored as small integers when they are whole and in range; a crafted chunk's other values must not be rounded or folded.
    const lines = [1, 2, 1_073_741_823, 1_073_741_824, 2 ** 31 + 5, 2.5, -3, -0, 0, Number.MAX_SAFE_INTEGER];
    const rows = lines.map((line, index) => transaction(`t${index}`, sha('a'), line));
    const packed = structuredClone(packRows(rows));
    const back = unpackRows(packed) as { source: { line: number } }[];
    expect(back.map((row) => row.source.line)).toEqual(lines);
    for (const [index, line] of lines.entries()) expect(Object.is(back[index]?.source.line, line)).toBe(true);
  });
});

describe('reading chunks in either form', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

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

describe('re-reading a case after one more import', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  async function commitFile(caseId: string, seed: string, ids: string[], at: number) {
    const importId = await beginImport(db, caseId, sourceFile(sha(seed)));
    await appendChunk(db, importId, caseId, 'transaction', 0, ids.map((id, index) => transaction(id, sha(seed), index + 2)));
    await finishImport(db, importId, sourceFile(sha(seed)), []);
    await commitImport(db, importId, at);
  }

  it('reads only the new import, gives the same result as a full read, and is immune to callers mutating what they got', async () => {
    const caseRow = await createCase(db, { number: 'R-1', name: 'Incremental', profileId: 'co-uiaf', analyst: '', classification: '' });
    await commitFile(caseRow.id, 'a', ['t1', 't2'], 1000);
    const first = await loadCaseDataset(db, caseRow.id);
    first.transactions.push(first.transactions[0] as (typeof first.transactions)[number]);
    first.transactions.reverse();

    await commitFile(caseRow.id, 'b', ['t3'], 2000);
    let reads = 0;
    const original = db.chunks.bulkGet.bind(db.chunks);
    db.chunks.bulkGet = ((keys: number[]) => {
      reads += keys.length;
      return original(keys);
    }) as typeof db.chunks.bulkGet;
    const second = await loadCaseDataset(db, caseRow.id);
    db.chunks.bulkGet = original;
    expect(reads).toBe(1);
    expect(second.transactions.map((row) => row.id)).toEqual(['t1', 't2', 't3']);

    // A partner package committed with an older date sorts first: the case is read whole again.
    await db.imports.put({ id: 'pkg:old', caseId: caseRow.id, status: 'committed', file: sourceFile(sha('c'), { importedAt: 500 }), quarantine: [] });
    await db.chunks.add({ caseId: caseRow.id, importId: 'pkg:old', kind: 'transaction', index: 0, rows: [transaction('p0', sha('c'), 2)] });
    const third = await loadCaseDataset(db, caseRow.id);
    expect(third.transactions.map((row) => row.id)).toEqual(['p0', 't1', 't2', 't3']);

    // After deleting an import the cache is not trusted either.
    await db.chunks.where('importId').equals('pkg:old').delete();
    await db.imports.delete('pkg:old');
    expect((await loadCaseDataset(db, caseRow.id)).transactions.map((row) => row.id)).toEqual(['t1', 't2', 't3']);
  });
});

describe('one string per repeated value across the chunks of a load', () => {
  const accounts = Array.from({ length: 3000 }, (_, index) => `00${String(1_000_000 + index * 7919).padStart(8, '0')}`);
  /** Chunks of `size` rows as IndexedDB hands them back: every string a fresh copy (structured clone). */
  function chunksOf(rows: Record<string, unknown>[], size: number) {
    const chunks = [];
    for (let start = 0; start < rows.length; start += size) chunks.push(structuredClone(packRows(rows.slice(start, start + size))));
    return chunks;
  }

  it('rebuilds the same rows, keeps looking up a repeating column and gives up on a column of unique references', () => {
    const rows = Array.from({ length: 30_000 }, (_, index) => ({
      ...transaction(`TX${String(index).padStart(8, '0')}`, sha('a'), index + 2),
      fromAccount: accounts[(index * 7) % accounts.length] as string,
      toAccount: accounts[(index * 13) % accounts.length] as string,
      // A column mixing strings, numbers and gaps is left as it is where it is not a string.
      ...(index % 3 === 0 ? { description: index % 2 ? `nota ${index % 40}` : undefined } : {}),
    }));
    const shared = new SharedStrings();
    const target: unknown[] = [];
    const chunks = chunksOf(rows, 5000);
    // 3,000 accounts in 5,000 rows repeat too little to be coded within a chunk: the case of the 1M-row bench.
    expect(chunks[0]?.dictionaries?.[chunks[0].keys.indexOf('fromAccount')]).toBeNull();
    for (const chunk of chunks) unpackRowsInto(chunk, target, 0, chunk.length, shared);
    expect(target).toEqual(rows.map((row) => JSON.parse(JSON.stringify(row)) as unknown));
    expect(shared.isSharing('fromAccount')).toBe(true);
    expect(shared.isSharing('toAccount')).toBe(true);
    expect(shared.isSharing('id')).toBe(false);
  });

  it('a value that is not a string (a partner row\'s object or number in a text column) is never swapped or shared', () => {
    const odd = { nested: true };
    const rows = [
      { id: 'a', fromAccount: '001', note: odd },
      { id: 'b', fromAccount: 7, note: 'x' },
      { id: 'c', fromAccount: '001', note: odd },
    ];
    const target: Record<string, unknown>[] = [];
    const chunk = packRows(rows);
    unpackRowsInto(chunk, target, 0, chunk.length, new SharedStrings());
    expect(target).toEqual(rows);
    expect(target[0]?.note).toBe(odd);
    expect(target[1]?.fromAccount).toBe(7);
  });

  it('values built to collide (every one on the same slot) are rebuilt intact and cost a bounded walk each, not one through every value before', () => {
    const colliding = Array.from({ length: 6000 }, (_, index) => ({ id: `t${index}`, fromAccount: `acct-${index % 3000}` }));
    const everyValueOnOneSlot = new SharedStrings(() => 7);
    const target: unknown[] = [];
    for (const chunk of chunksOf(colliding, 1000)) unpackRowsInto(chunk, target, 0, chunk.length, everyValueOnOneSlot);
    expect(target).toEqual(colliding);
    // Only the values that found a place within the bounded walk are held; the rest pass through unshared.
    expect(everyValueOnOneSlot.size).toBeLessThanOrEqual(32);
    // With a real hash the 3,000 accounts (and the ids of the trial) are all held.
    const spread = new SharedStrings();
    for (const chunk of chunksOf(colliding, 1000)) unpackRowsInto(chunk, [], 0, chunk.length, spread);
    expect(spread.size).toBe(3000 + 6000);
  });

  it('only rows [from, to) of a chunk are looked up and rebuilt', () => {
    const rows = accounts.slice(0, 10).map((account, index) => ({ id: `t${index}`, fromAccount: account }));
    const target: unknown[] = [];
    const chunk = structuredClone(packRows(rows));
    unpackRowsInto(chunk, target, 3, 6, new SharedStrings());
    expect(target).toEqual(rows.slice(3, 6));
  });
});
