// fake-indexeddb must be installed before Dexie loads (custodyFixtures does it first).
import { custodyDatabases } from '../db/custodyFixtures';
import { serialize } from 'node:v8';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeSealable } from '../../../shared/audit/sealCodec';
import { sniffCsv, suggestMapping } from '../../../shared/import';
import type { CaseDataset } from '../../../shared/model';
import { createCase } from '../../../renderer/db/cases';
import { withCustody } from '../../../renderer/db/database';
import { lastHandoverOutcome, loadRawCaseDataset } from '../../../renderer/db/dataset';
import { handoverWaiting, ImportHandover, offerHandover } from '../../../renderer/db/importHandover';
import { commitImport, listImports } from '../../../renderer/db/imports';
import type { PackedRows } from '../../../renderer/db/packedRows';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { runImportJob } from '../../../renderer/workers/importJob';
import { runImportOn } from '../../../renderer/workers/importClient';
import type { ImportJob, ImportResult, ImportUpdate } from '../../../renderer/workers/importProtocol';
import { serveTask, type TaskWorker } from '../../../renderer/workers/task';
import { inProcessTask } from '../../helpers/inProcessTask';
import { freshDatabase } from '../db/helpers';
import { enrolledCase, useGeneratedExport } from '../db/sealedImport';

/*
 * Issue 10, round 9: the import worker hands each stored chunk to the page in clear packed form, and the
 * page builds the committed import's rows from those instead of reading and decrypting IndexedDB. Whatever
 * the hand-over holds, the case in memory must be exactly what a plain read of IndexedDB gives.
 */

const generated = useGeneratedExport('handover.csv', 12_345, 9);

/**
 * The generated export with what a bank file also has: two rows the engine quarantines (an amount and a date
 * that do not read) and a quoted description over two physical lines, so line numbers are not row numbers.
 */
function bankExport(): Uint8Array {
  const lines = new TextDecoder().decode(generated().bytes).split('\r\n');
  const sample = (lines[10] as string).split(';');
  const quoted = [...sample];
  quoted[2] = `${quoted[2] as string}-MULTI`;
  quoted[10] = '"Pago\r\nmensual"';
  const badAmount = [...sample];
  badAmount[2] = `${badAmount[2] as string}-BAD`;
  badAmount[7] = 'doce';
  const badDate = [...sample];
  badDate[2] = `${badDate[2] as string}-FECHA`;
  badDate[0] = '31/02/20x5';
  lines.splice(400, 0, badAmount.join(';'));
  lines.splice(6_000, 0, quoted.join(';'));
  lines.splice(9_000, 0, badDate.join(';'));
  return new TextEncoder().encode(lines.join('\r\n'));
}

/** The worker and the page in one process, every worker → page message structured-cloned (its buffers moved) as postMessage does. */
function inProcessImportWorker(db: CaudalDatabase): TaskWorker<ImportJob, ImportUpdate, ImportResult> & { terminated: boolean } {
  const { worker, scope } = inProcessTask<ImportJob, ImportUpdate, ImportResult>({ clone: true });
  serveTask(scope, (job, context) => runImportJob(db, job, context));
  return worker;
}

function jobFor(caseId: string, bytes: Uint8Array, name = 'handover.csv'): ImportJob {
  const spec = suggestMapping('transaction', sniffCsv(bytes.subarray(0, 64 * 1024)), 'Banco Andino').spec;
  return { caseId, kind: 'transaction', blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), name, size: bytes.byteLength, spec, mappingName: spec.name };
}

/** The case as a fresh page reads it from IndexedDB alone (another connection: no hand-over, nothing reused from an earlier load). */
async function plainReload(db: CaudalDatabase, caseId: string): Promise<CaseDataset> {
  const other = withCustody(new CaudalDatabase(db.name));
  try {
    return await loadRawCaseDataset(other, caseId);
  } finally {
    other.close();
  }
}

/**
 * Byte for byte: V8's own serialisation, which tells a small-integer line from a double one, keeps key order and
 * tells an absent field from an undefined one. Only the strings are written as their UTF-16 code units first:
 * V8 keeps a string one byte a character or two depending on where it came from (JSON.parse, a decoded file),
 * which its serialisation shows although the characters are the same; and arrays are copied into one form.
 */
function bytesOf(dataset: CaseDataset): Buffer {
  const canonical = (value: unknown): unknown => {
    if (typeof value === 'string') return Buffer.from(value, 'utf16le');
    if (Array.isArray(value)) {
      // Pushed, so always a packed array (map() may give a holey one, which V8 writes in another form).
      const copy: unknown[] = [];
      for (let index = 0; index < value.length; index += 1) copy.push(index in value ? canonical(value[index]) : { hole: true });
      return copy;
    }
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = canonical((value as Record<string, unknown>)[key]);
    return copy;
  };
  return serialize(canonical(dataset));
}

describe('the page builds a committed import from the chunks its worker handed over', () => {
  const database = custodyDatabases();
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    db = database();
    caseId = await enrolledCase(db, 'T-HO');
  });

  /** Imports through the in-process worker; the staged import's id. The hand-over is waiting afterwards. */
  async function stage(bytes = bankExport()): Promise<string> {
    const outcome = await runImportOn(inProcessImportWorker(db), db, jobFor(caseId, bytes));
    if (outcome.status !== 'staged') throw new Error(`not staged: ${outcome.status}`);
    return outcome.importId;
  }

  it('gives exactly the rows a plain IndexedDB reload gives: line numbers, provenance, quarantine, key order', async () => {
    const importId = await stage();
    const waiting = handoverWaiting(db);
    expect(waiting?.importId).toBe(importId);
    expect(waiting?.size).toBe(3); // 12,346 rows in 5,000-row chunks.
    await commitImport(db, importId);

    const handedOver = await loadRawCaseDataset(db, caseId);
    expect(lastHandoverOutcome.get(db)).toEqual({ importId, used: true });
    expect(handoverWaiting(db)).toBeUndefined();
    const reloaded = await plainReload(db, caseId);

    expect(handedOver.transactions).toHaveLength(12_346);
    expect(bytesOf(handedOver).equals(bytesOf(reloaded))).toBe(true);
    // What the comparison covers: the quoted row starts on its own line and the next row two lines later, the file's hash in every row.
    const [entry] = await listImports(db, caseId);
    expect(entry?.file.counts).toMatchObject({ imported: 12_346, quarantined: 2 });
    expect(entry?.quarantine.map((row) => row.line)).toEqual([401, 9_002]);
    const multi = handedOver.transactions.findIndex((row) => row.id.endsWith('-MULTI'));
    expect(handedOver.transactions[multi]?.source).toEqual({ file: entry?.file.sha256, line: 6_001 });
    expect(handedOver.transactions[multi + 1]?.source.line).toBe(6_003);
    expect(new Set(handedOver.transactions.map((row) => row.source.file))).toEqual(new Set([entry?.file.sha256]));
  });

  it('leaves nothing handed over when the import is cancelled, fails or was imported before', async () => {
    // Cancelled once the first chunk has crossed.
    const controller = new AbortController();
    const worker = inProcessImportWorker(db);
    const seen = worker as { onmessage: TaskWorker<ImportJob, ImportUpdate, ImportResult>['onmessage'] };
    const cancelled = runImportOn(worker, db, jobFor(caseId, bankExport()), { signal: controller.signal });
    const listening = seen.onmessage;
    seen.onmessage = (event) => {
      listening?.(event);
      if (event.data.type === 'progress' && 'handover' in event.data.progress) controller.abort();
    };
    expect((await cancelled).status).toBe('cancelled');
    expect(handoverWaiting(db)).toBeUndefined();

    // A file-level failure (no header at all).
    const failed = runImportOn(inProcessImportWorker(db), db, jobFor(caseId, new TextEncoder().encode('\r\n\r\n')));
    await expect(failed).rejects.toThrow();
    expect(handoverWaiting(db)).toBeUndefined();

    // The same bytes again, once committed: nothing is staged, the committed import's hand-over is not replaced by one of nothing.
    const importId = await stage();
    await commitImport(db, importId);
    await loadRawCaseDataset(db, caseId);
    expect((await runImportOn(inProcessImportWorker(db), db, jobFor(caseId, bankExport()))).status).toBe('already-imported');
    expect(handoverWaiting(db)).toBeUndefined();
  });

  /** The chunks the worker hands over for the file, captured (each test tampers with its own copy). */
  async function capturedChunks(): Promise<{ importId: string; chunks: PackedRows[] }> {
    const importId = await stage();
    const waiting = handoverWaiting(db) as ImportHandover;
    // The real hand-over is verified against the commit below; its chunks are decoded here through verify() on a committed-looking entry.
    const entry = (await db.imports.get(importId))!;
    const verdict = waiting.verify({ ...entry, status: 'committed' }, waiting.size);
    if (!('chunks' in verdict)) throw new Error(verdict.refused);
    const chunks: PackedRows[] = [];
    for (let index = 0; index < verdict.chunks.length; index += 1) {
      const opened = verdict.chunks.open();
      if ('refused' in opened) throw new Error(opened.refused);
      chunks.push(opened.packed);
    }
    expect(verdict.chunks.finish()).toBeNull();
    return { importId, chunks: structuredClone(chunks) };
  }

  type Attack = (chunks: PackedRows[], importId: string) => ImportHandover;

  const handoverOf = (importId: string, chunks: readonly PackedRows[], caseOf = ''): ImportHandover => {
    const handover = new ImportHandover(caseOf, 'transaction');
    chunks.forEach((packed, index) => handover.take(importId, index, packed));
    return handover.complete(importId);
  };

  const attacks: [string, string, (caseId: string) => Attack][] = [
    ['a chunk missing', '2 chunks handed over, 3 stored', (c) => (chunks, id) => handoverOf(id, chunks.slice(0, 2), c)],
    ['one chunk extra', '4 chunks handed over, 3 stored', (c) => (chunks, id) => handoverOf(id, [...chunks, structuredClone(chunks[2] as PackedRows)], c)],
    [
      'a chunk whose row count is cut, its columns left whole',
      'chunk 1: column',
      (c) => (chunks, id) => {
        (chunks[1] as PackedRows).length = 4_000;
        (chunks[1] as PackedRows).sourceLines = (chunks[1] as PackedRows).sourceLines?.slice(0, 4_000);
        return handoverOf(id, chunks, c);
      },
    ],
    [
      'a chunk cut consistently (columns, lines and count): fewer rows than the import counted',
      '12345 rows handed over, 12346 imported',
      (c) => (chunks, id) => {
        const last = chunks[2] as PackedRows;
        last.length -= 1;
        last.columns = last.columns.map((column) => column.slice(0, last.length));
        last.sourceLines = last.sourceLines?.slice(0, last.length);
        return handoverOf(id, chunks, c);
      },
    ],
    [
      'a code outside its dictionary',
      'outside its dictionary',
      (c) => (chunks, id) => {
        const first = chunks[0] as PackedRows;
        // The column with the smallest dictionary (currency: a handful of values), its 18th row given a code past it.
        const sizes = (first.dictionaries ?? []).map((dictionary) => dictionary?.length ?? Infinity);
        const column = sizes.indexOf(Math.min(...sizes));
        (first.columns[column] as Uint8Array)[17] = (sizes[column] as number) + 3;
        return handoverOf(id, chunks, c);
      },
    ],
    [
      'a file-coded column that does not continue the dictionary',
      'dictionary continues at',
      (c) => (chunks, id) => {
        const second = chunks[1] as PackedRows;
        const coded = second.fileCoded?.find((column) => column !== null);
        if (!coded) throw new Error('the file has no file-coded column');
        coded.base += 1;
        return handoverOf(id, chunks, c);
      },
    ],
    [
      'rows of another file',
      'another file',
      (c) => (chunks, id) => {
        (chunks[0] as PackedRows).sourceFile = 'f'.repeat(64);
        return handoverOf(id, chunks, c);
      },
    ],
    [
      'a chunk given twice under one number',
      'chunk 1 twice',
      (c) => (chunks, id) => {
        const handover = new ImportHandover(c, 'transaction');
        chunks.forEach((packed, index) => handover.take(id, index, packed));
        handover.take(id, 1, structuredClone(chunks[1] as PackedRows));
        return handover.complete(id);
      },
    ],
    [
      'a chunk of another import slipped in',
      'another import',
      (c) => (chunks, id) => {
        const handover = new ImportHandover(c, 'transaction');
        chunks.forEach((packed, index) => handover.take(index === 1 ? `${c}:${'e'.repeat(64)}` : id, index, packed));
        return handover.complete(id);
      },
    ],
    [
      'bytes that do not decode',
      'chunk 1 does not decode',
      (c) => (chunks, id) => {
        const handover = new ImportHandover(c, 'transaction');
        chunks.forEach((packed, index) => (index === 1 ? handover.receive(id, index, new TextEncoder().encode('{"index":1}')) : handover.take(id, index, packed)));
        return handover.complete(id);
      },
    ],
    [
      'the bytes of one chunk given as another',
      'chunk 2 decodes to something else',
      (c) => (chunks, id) => {
        const handover = new ImportHandover(c, 'transaction');
        chunks.forEach((packed, index) => (index === 2 ? handover.receive(id, 2, encodeSealable({ index: 0, packed: chunks[0] })) : handover.take(id, index, packed)));
        return handover.complete(id);
      },
    ],
    ['records of another kind', 'holds party records', (c) => (chunks, id) => {
      const handover = new ImportHandover(c, 'party');
      chunks.forEach((packed, index) => handover.take(id, index, packed));
      return handover.complete(id);
    }],
    [
      'a column shorter than the chunk',
      'does not have one value per row',
      (c) => (chunks, id) => {
        const first = chunks[0] as PackedRows;
        first.columns[0] = first.columns[0]?.slice(0, 10) as PackedRows['columns'][number];
        return handoverOf(id, chunks, c);
      },
    ],
  ];

  for (const [name, reason, attack] of attacks) {
    it(`refuses a hand-over with ${name} and reads IndexedDB instead`, async () => {
      const { importId, chunks } = await capturedChunks();
      await commitImport(db, importId);
      // A second connection (no earlier load to reuse), offered the crafted hand-over.
      const page = withCustody(new CaudalDatabase(db.name));
      try {
        offerHandover(page, attack(caseId)(chunks, importId));
        const loaded = await loadRawCaseDataset(page, caseId);
        const outcome = lastHandoverOutcome.get(page);
        expect(outcome?.used).toBe(false);
        expect(outcome && !outcome.used ? outcome.refused : '').toContain(reason);
        expect(handoverWaiting(page)).toBeUndefined();
        expect(bytesOf(loaded).equals(bytesOf(await plainReload(db, caseId)))).toBe(true);
      } finally {
        page.close();
      }
    });
  }

  it('drops a waiting hand-over when another case is loaded, and never uses it for another import', async () => {
    const importId = await stage();
    const other = await createCase(db, { number: 'T-OTRO', name: 'Otro', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' });
    expect(handoverWaiting(db)).toBeDefined();
    await loadRawCaseDataset(db, other.id);
    expect(handoverWaiting(db)).toBeUndefined();
    await commitImport(db, importId);
    await loadRawCaseDataset(db, caseId);
    expect(lastHandoverOutcome.get(db)).toBeUndefined();
  });
});

describe('with sealing off (no data key), the worker encodes the chunks it hands over itself', () => {
  it('gives the same rows as a plain IndexedDB reload', async () => {
    const db = freshDatabase();
    try {
      const { id: caseId } = await createCase(db, { number: 'T-CLARO', name: 'Sin sellar', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' });
      const outcome = await runImportOn(inProcessImportWorker(db), db, jobFor(caseId, bankExport()));
      if (outcome.status !== 'staged') throw new Error(outcome.status);
      await commitImport(db, outcome.importId);
      const handedOver = await loadRawCaseDataset(db, caseId);
      expect(lastHandoverOutcome.get(db)).toEqual({ importId: outcome.importId, used: true });
      const other = new CaudalDatabase(db.name);
      try {
        expect(bytesOf(handedOver).equals(bytesOf(await loadRawCaseDataset(other, caseId)))).toBe(true);
      } finally {
        other.close();
      }
    } finally {
      db.close();
      await db.delete();
    }
  });
});
