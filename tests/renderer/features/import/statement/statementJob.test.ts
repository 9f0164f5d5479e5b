import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../../../renderer/db/cases';
import { loadCaseDataset } from '../../../../../renderer/db/dataset';
import { CaudalDatabase } from '../../../../../renderer/db/schema';
import { lastMatchSummary, listStatements, setMatchToleranceDays } from '../../../../../renderer/db/statements';
import { runStatementImport } from '../../../../../renderer/features/import/statement/statementJob';
import type { FromStatementWorker } from '../../../../../renderer/features/import/statement/statementProtocol';
import { transactionSources } from '../../../../../shared/import/statement';
import { makeXlsx } from '../../../../shared/import/workbook/makeXlsx';

const SENDER = ['Cuenta No.: 1001', 'Titular: Ana', 'Moneda: COP', 'Fecha;Referencia;Descripción;Débito;Crédito;Saldo', '21/01/2026;T1;TRANSF A CTA 2002;500,00;;500,00', '22/01/2026;T2;TRANSF A CTA 2002;100,00;;400,00'].join('\n');
const RECEIVER = ['Número de cuenta: 2002', 'Titular: Beto', 'Moneda: COP', 'Fecha;Referencia;Descripción;Débito;Crédito;Saldo', '21/01/2026;T1;TRANSF DE CTA 1001;;500,00;1.500,00', '23/01/2026;T2;TRANSF DE CTA 1001;;100,00;1.600,00'].join('\n');

const file = (name: string, content: string | Uint8Array) => ({ name, blob: new Blob([content as BlobPart]) });
let counter = 0;

describe('the statement import job', () => {
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    counter += 1;
    db = new CaudalDatabase(`caudal-statements-${process.pid}-${counter}`);
    caseId = (await createCase(db, { number: 'S-1', name: 'Extractos', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  const run = async (files: { name: string; blob: Blob }[], signal = new AbortController().signal) => {
    const messages: FromStatementWorker[] = [];
    const results = await runStatementImport(db, caseId, files.map((entry) => ({ file: entry, mapping: undefined })), 'COP', signal, (message) => messages.push(message));
    return { results, messages };
  };

  it('stores each statement, merges both sides on reading the case, and matches again when the other end arrives', async () => {
    const first = await run([file('ana.csv', SENDER)]);
    expect(first.results.map((result) => result.status)).toEqual(['imported']);
    let dataset = await loadCaseDataset(db, caseId);
    expect(dataset.transactions).toHaveLength(2);
    expect(lastMatchSummary(caseId)).toMatchObject({ merged: 0, unmatchedDebits: 2 });

    const second = await run([file('beto.xlsx', makeXlsx([{ name: 'Hoja1', rows: RECEIVER.split('\n').map((line) => line.split(';').map((cell) => cell || null)) }]))]);
    expect(second.results[0]?.status).toBe('imported');
    dataset = await loadCaseDataset(db, caseId);
    expect(dataset.transactions.map((t) => [t.id, t.fromAccount, t.toAccount, transactionSources(t).length])).toEqual([
      ['T1', '1001', '2002', 2],
      ['T2', '1001', '2002', 2],
    ]);
    expect((await listStatements(db, caseId)).map((entry) => entry.summary.ownerAccount)).toEqual(['1001', '2002']);

    // The analyst narrows the tolerance: T2 (booked a day later, same reference) still pairs by reference.
    await setMatchToleranceDays(db, caseId, 0);
    expect((await loadCaseDataset(db, caseId)).transactions).toHaveLength(2);
  });

  it('refuses the same statement twice, and a bad file fails alone, naming itself, with nothing of it stored', async () => {
    await run([file('ana.csv', SENDER)]);
    const { results } = await run([file('ana-copia.csv', SENDER), file('roto.xlsx', 'PK not a zip'), file('beto.csv', RECEIVER)]);
    expect(results.map((result) => result.status)).toEqual(['already-imported', 'failed', 'imported']);
    expect(results[1]?.error?.message).toMatch(/^roto\.xlsx: /);
    expect(await db.imports.count()).toBe(2);
    expect((await loadCaseDataset(db, caseId)).transactions).toHaveLength(2);
  });

  it('a cancel before the write leaves the case as it was', async () => {
    const controller = new AbortController();
    controller.abort();
    const { results } = await run([file('ana.csv', SENDER)], controller.signal);
    expect(results[0]?.status).toBe('cancelled');
    expect(await db.imports.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    expect(await db.statements.count()).toBe(0);
  });
});
