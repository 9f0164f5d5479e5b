import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffCsv, suggestMapping, type MappingSpec } from '../../../shared/import';
import { writeTransactionsCsv } from '../../../bench/import';
import { createCase } from '../../../renderer/db/cases';
import { loadCaseDataset } from '../../../renderer/db/dataset';
import { commitImport } from '../../../renderer/db/imports';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { runImportJob } from '../../../renderer/workers/importJob';
import type { ImportJob, ImportProgress, ImportResult } from '../../../renderer/workers/importProtocol';
import { isTaskCancelled, TaskFailedError } from '../../../renderer/workers/task';

/** What the worker's task reported, in order, as one list: progress, the pending import's id when announced, and how it ended. */
type JobEvent =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'begun'; importId: string }
  | ({ type: 'staged' } & Extract<ImportResult, { status: 'staged' }>)
  | { type: 'already-imported'; previous: Extract<ImportResult, { status: 'already-imported' }>['previous'] }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; code?: string };

let scratch: string;
let smallCsv: Uint8Array;
let largeCsv: Uint8Array;
let databaseCounter = 0;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'caudal-import-job-'));
  await writeTransactionsCsv(join(scratch, 'small.csv'), 120, 1);
  await writeTransactionsCsv(join(scratch, 'large.csv'), 65_000, 2);
  smallCsv = readFileSync(join(scratch, 'small.csv'));
  largeCsv = readFileSync(join(scratch, 'large.csv'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function specFor(bytes: Uint8Array): MappingSpec {
  const suggestion = suggestMapping('transaction', sniffCsv(bytes.subarray(0, 64 * 1024)), 'Banco Andino');
  expect(suggestion.missingRequired).toEqual([]);
  return suggestion.spec;
}

async function run(db: CaudalDatabase, job: ImportJob, signal = new AbortController().signal): Promise<JobEvent[]> {
  const messages: JobEvent[] = [];
  let announced: string | undefined;
  const progress = (update: ImportProgress) => {
    if (update.importId && update.importId !== announced) messages.push({ type: 'begun', importId: (announced = update.importId) });
    messages.push({ type: 'progress', progress: update });
  };
  try {
    const result = await runImportJob(db, job, { signal, progress });
    messages.push(result.status === 'staged' ? { type: 'staged', ...result } : { type: 'already-imported', previous: result.previous });
  } catch (error) {
    if (isTaskCancelled(error)) messages.push({ type: 'cancelled' });
    else if (error instanceof TaskFailedError) messages.push({ type: 'failed', message: error.message, ...(error.code ? { code: error.code } : {}) });
    else throw error;
  }
  return messages;
}

describe('the import job the worker runs', () => {
  let db: CaudalDatabase;
  let caseId: string;
  const job = (name: string, bytes: Uint8Array, spec = specFor(bytes)): ImportJob => ({
    caseId,
    kind: 'transaction',
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    name,
    size: bytes.byteLength,
    spec,
    mappingName: spec.name,
  });

  beforeEach(async () => {
    databaseCounter += 1;
    db = new CaudalDatabase(`caudal-job-${process.pid}-${databaseCounter}`);
    caseId = (await createCase(db, { number: 'T-1', name: 'Prueba', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('stages a file as a pending import that becomes visible only when committed', async () => {
    const messages = await run(db, job('octubre.csv', smallCsv));
    const staged = messages.find((message) => message.type === 'staged');
    if (staged?.type !== 'staged') throw new Error(`not staged: ${JSON.stringify(messages.at(-1))}`);
    expect(messages[0]?.type).toBe('progress');
    expect(messages.some((message) => message.type === 'begun')).toBe(true);
    expect(staged.file.counts).toMatchObject({ read: 120, imported: 120, quarantined: 0, duplicates: 0 });
    expect(staged.file.mappingName).toBe('Banco Andino');
    expect((await loadCaseDataset(db, caseId)).transactions).toHaveLength(0);

    await commitImport(db, staged.importId);
    const { transactions } = await loadCaseDataset(db, caseId);
    expect(transactions).toHaveLength(120);
    expect(transactions[0]?.id).toBe('TX00000001');
    // Provenance: the file's SHA-256 and the physical line (two preamble lines, then the header).
    expect(transactions[0]?.source).toEqual({ file: staged.file.sha256, line: 4 });
  });

  it('refuses the same bytes a second time before writing anything, naming the earlier import', async () => {
    const first = (await run(db, job('octubre.csv', smallCsv))).find((message) => message.type === 'staged');
    if (first?.type !== 'staged') throw new Error('first import not staged');
    await commitImport(db, first.importId);
    const chunksBefore = await db.chunks.count();

    const again = await run(db, job('copia-de-octubre.csv', smallCsv));
    // Parsing may start while the file is hashed, but no pending import is begun for bytes already in the case.
    expect(again.some((message) => message.type === 'begun')).toBe(false);
    const refusal = again.at(-1);
    if (refusal?.type !== 'already-imported') throw new Error('not refused');
    expect(refusal.previous.name).toBe('octubre.csv');
    expect(await db.chunks.count()).toBe(chunksBefore);
    expect(await db.imports.count()).toBe(1);
  });

  it('a file of many chunks parsed ahead of its hash is still refused the second time with nothing written', async () => {
    // 65,000 rows = 13 chunks: all of them may be parsed and packed before the hash is known, none may be stored.
    const first = (await run(db, job('grande.csv', largeCsv))).find((message) => message.type === 'staged');
    if (first?.type !== 'staged') throw new Error('first import not staged');
    expect(first.timings.chunks).toBe(13);
    await commitImport(db, first.importId);
    const chunksBefore = await db.chunks.count();
    const again = await run(db, job('grande-copia.csv', largeCsv));
    expect(again.some((message) => message.type === 'begun')).toBe(false);
    expect(again.at(-1)?.type).toBe('already-imported');
    expect(await db.chunks.count()).toBe(chunksBefore);
    expect(await db.imports.count()).toBe(1);
    expect((await loadCaseDataset(db, caseId)).transactions).toHaveLength(65_000);
  });

  it('refuses the same bytes as already imported even when another mapping fails on them before the hash is known', async () => {
    const first = (await run(db, job('octubre.csv', smallCsv))).find((message) => message.type === 'staged');
    if (first?.type !== 'staged') throw new Error('first import not staged');
    await commitImport(db, first.importId);
    const spec = specFor(smallCsv);
    const broken: MappingSpec = { ...spec, fields: { ...spec.fields, fromAccount: { column: 'Cuenta que no existe' } } };
    const again = await run(db, job('copia.csv', smallCsv, broken));
    expect(again.at(-1)).toMatchObject({ type: 'already-imported', previous: { name: 'octubre.csv' } });
    expect(await db.imports.count()).toBe(1);
  });

  it('cancelled after its first chunk is written, it leaves the case exactly as before', async () => {
    const first = (await run(db, job('octubre.csv', smallCsv))).find((message) => message.type === 'staged');
    if (first?.type !== 'staged') throw new Error('first import not staged');
    await commitImport(db, first.importId);
    const before = { dataset: await loadCaseDataset(db, caseId), chunks: await db.chunks.count(), imports: await db.imports.toArray() };

    const controller = new AbortController();
    db.chunks.hook('creating', function cancelOnFirstChunk(_key, chunk) {
      if (chunk.caseId === caseId && chunk.importId !== first.importId) controller.abort();
    });
    const messages = await run(db, job('grande.csv', largeCsv), controller.signal);
    expect(messages.at(-1)?.type).toBe('cancelled');
    expect(messages.some((message) => message.type === 'begun')).toBe(true);

    expect(await db.chunks.count()).toBe(before.chunks);
    expect(await db.imports.toArray()).toEqual(before.imports);
    expect(await loadCaseDataset(db, caseId)).toEqual(before.dataset);
  });

  it('a file-level failure names the problem and leaves nothing pending', async () => {
    const spec = specFor(smallCsv);
    const broken: MappingSpec = { ...spec, fields: { ...spec.fields, fromAccount: { column: 'Cuenta que no existe' } } };
    const messages = await run(db, job('octubre.csv', smallCsv, broken));
    const failure = messages.at(-1);
    if (failure?.type !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(failure)}`);
    expect(failure.message).toContain('Cuenta que no existe');
    expect(await db.imports.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
  });
});
