/**
 * A generated bank export imported through the real import worker into a sealed case, and the records the engine
 * alone makes of the same bytes: what the sealed-storage tests compare against.
 * Import custodyFixtures first in the test file: fake-indexeddb must be installed before Dexie loads.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { bytesSource, hashSource, importCsv, sniffCsv, suggestMapping } from '../../../shared/import';
import type { Transaction } from '../../../shared/model';
import { writeTransactionsCsv } from '../../../bench/import';
import { enrollAnalyst } from '../../../renderer/db/analysts';
import { createCase } from '../../../renderer/db/cases';
import { commitImport } from '../../../renderer/db/imports';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { runImportJob } from '../../../renderer/workers/importJob';

export interface GeneratedExport {
  name: string;
  bytes: Uint8Array;
}

/** Writes `rows` generated transfers to a scratch file before the suite and removes it after; read it inside tests. */
export function useGeneratedExport(name: string, rows: number, seed: number): () => GeneratedExport {
  let scratch = '';
  let bytes = new Uint8Array();
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'caudal-sealed-import-'));
    await writeTransactionsCsv(join(scratch, name), rows, seed);
    bytes = readFileSync(join(scratch, name));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  return () => ({ name, bytes });
}

/** An enrolled analyst and a new case; the case id. */
export async function enrolledCase(db: CaudalDatabase, number: string): Promise<string> {
  await enrollAnalyst(db, { name: 'Ana', passphrase: 'correct horse battery', iterations: 1_000 }, null);
  return (await createCase(db, { number, name: 'Sellado', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
}

function mappingOf(file: GeneratedExport) {
  return suggestMapping('transaction', sniffCsv(file.bytes.subarray(0, 64 * 1024)), 'Banco Andino').spec;
}

/** Imports the file through the import worker and commits it; the import id. */
export async function importCommitted(db: CaudalDatabase, caseId: string, file: GeneratedExport): Promise<string> {
  const spec = mappingOf(file);
  const result = await runImportJob(
    db,
    { caseId, kind: 'transaction', blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>]), name: file.name, size: file.bytes.byteLength, spec, mappingName: spec.name },
    { signal: new AbortController().signal, progress: () => undefined },
  );
  if (result.status !== 'staged') throw new Error(`${file.name}: not staged (${result.status})`);
  await commitImport(db, result.importId);
  return result.importId;
}

/** The records the import engine alone makes of the file, with the same mapping. */
export async function engineRecords(file: GeneratedExport): Promise<Transaction[]> {
  const records: Transaction[] = [];
  const source = bytesSource(file.name, file.bytes);
  await importCsv<'transaction'>(source, { spec: mappingOf(file), sha256: await hashSource(source), onBatch: (batch) => void records.push(...batch) });
  return records;
}
