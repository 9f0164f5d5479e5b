import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, deleteCase } from '../../../renderer/db/cases';
import { loadCaseDataset } from '../../../renderer/db/dataset';
import { abortImport, commitImport, sweepPendingImports } from '../../../renderer/db/imports';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { runGoamlJob } from '../../../renderer/features/import/goaml/goamlJob';
import { goamlPanelReducer, initialGoamlPanel, needsReview } from '../../../renderer/features/import/goaml/goamlPanel';
import type { FromGoamlWorker, GoamlJob, GoamlStaged } from '../../../renderer/features/import/goaml/goamlProtocol';
import { discardOrphanRelationships, linksOfParty, loadCaseRelationships } from '../../../renderer/features/interop/relationshipStore';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../fixtures/goaml/str-two-reports.xml'));
let counter = 0;

async function run(db: CaudalDatabase, job: GoamlJob, signal = new AbortController().signal): Promise<FromGoamlWorker[]> {
  const messages: FromGoamlWorker[] = [];
  await runGoamlJob(db, job, signal, (message) => messages.push(message));
  return messages;
}

describe('the goAML import job the worker runs', () => {
  let db: CaudalDatabase;
  let caseId: string;
  const job = (bytes: Uint8Array, name = 'ros.xml'): GoamlJob => ({ caseId, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), name, size: bytes.byteLength, defaultCurrency: 'DOP' });

  beforeEach(async () => {
    counter += 1;
    db = new CaudalDatabase(`caudal-goaml-${process.pid}-${counter}`);
    caseId = (await createCase(db, { number: 'G-1', name: 'goAML', profileId: 'do-uaf', analyst: '', classification: 'RESERVADO' })).id;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('stages transactions, parties, accounts and links invisibly, and shows them once committed', async () => {
    const messages = await run(db, job(FIXTURE));
    const staged = messages.find((m) => m.type === 'staged') as Extract<FromGoamlWorker, { type: 'staged' }>;
    expect(staged.file.counts).toEqual({ read: 5, imported: 5, quarantined: 0, duplicates: 0 });
    expect(staged.written).toMatchObject({ transactions: 3, relationships: 5 });
    // Pending: nothing visible yet.
    expect((await loadCaseDataset(db, caseId)).transactions).toHaveLength(0);
    expect(await loadCaseRelationships(db, caseId)).toHaveLength(0);

    await commitImport(db, staged.importId);
    const dataset = await loadCaseDataset(db, caseId);
    expect(dataset.transactions.map((t) => t.id)).toEqual(['TX-1001', 'TX-1002', 'TX-1003']);
    expect(dataset.transactions[0]?.source).toMatchObject({ line: 14, path: '/reportdata[1]/report[1]/transaction[1]' });
    expect(dataset.parties.map((p) => p.name)).toEqual(expect.arrayContaining(['Ramón Peña Castillo', 'Luis Almonte', 'Marisol Reyes', 'Ana Méndez']));
    expect(dataset.accounts.map((a) => a.id)).toEqual(expect.arrayContaining(['9600112233', 'PA-7788-01', '9600445566']));
    const links = await loadCaseRelationships(db, caseId);
    expect(links).toHaveLength(5);
    // The company's view shows its director and the signatory of the account it holds.
    const company = linksOfParty(links, new Set(['OTHER:131555551']));
    expect(company.map((l) => `${l.kind}:${l.partyName}`).sort()).toEqual(['director:Ana Méndez', 'holder:Importadora Quisqueya SRL', 'signatory:Luis Almonte']);
  });

  it('leaves no link behind when the case is deleted, or when an interrupted import is swept', async () => {
    const staged = (await run(db, job(FIXTURE))).find((m) => m.type === 'staged') as { importId: string };
    // A crash before commit: the start-up sweep drops the import, the links go at the next sweep of orphans.
    await sweepPendingImports(db);
    expect(await db.relationships.count()).toBeGreaterThan(0);
    expect(await discardOrphanRelationships(db)).toBe(1);
    expect(await db.relationships.count()).toBe(0);
    await abortImport(db, staged.importId);

    const again = (await run(db, job(FIXTURE))).find((m) => m.type === 'staged') as { importId: string };
    await commitImport(db, again.importId);
    expect(await db.relationships.count()).toBeGreaterThan(0);
    expect(await discardOrphanRelationships(db)).toBe(0);
    await deleteCase(db, caseId);
    expect(await db.relationships.count()).toBe(0);
  });

  it('refuses the same bytes a second time, by SHA-256', async () => {
    const first = await run(db, job(FIXTURE));
    await commitImport(db, (first.find((m) => m.type === 'staged') as { importId: string }).importId);
    const second = await run(db, job(FIXTURE, 'otra-copia.xml'));
    expect(second.at(-1)).toMatchObject({ type: 'already-imported', previous: { name: 'ros.xml' } });
  });

  it('leaves the case as it was when the XML is malformed, naming line and column', async () => {
    const broken = new TextEncoder().encode(FIXTURE.toString('utf8').replace('</amount_local>', '</amount>'));
    const messages = await run(db, job(broken));
    expect(messages.at(-1)).toMatchObject({ type: 'failed', code: 'xml' });
    expect((messages.at(-1) as { message: string }).message).toMatch(/ros\.xml, line \d+, column \d+/);
    expect(await db.imports.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    expect(await db.relationships.count()).toBe(0);
  });

  it('discards everything written when cancelled', async () => {
    const controller = new AbortController();
    const messages: FromGoamlWorker[] = [];
    await runGoamlJob(db, job(FIXTURE), controller.signal, (message) => {
      messages.push(message);
      if (message.type === 'begun') controller.abort();
    });
    expect(messages.at(-1)).toEqual({ type: 'cancelled' });
    expect(await db.imports.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    expect(await db.relationships.count()).toBe(0);
  });
});

describe('the goAML panel state', () => {
  const staged = (quarantined: number, unknown: number): GoamlStaged => ({
    importId: 'x',
    file: { sha256: 'a'.repeat(64), name: 'r.xml', size: 1, kind: 'transaction', importedAt: 0, mappingName: 'goAML', mapping: {}, encoding: 'UTF-8', delimiter: '', counts: { read: 1, imported: 1 - quarantined, quarantined, duplicates: 0 } },
    quarantine: quarantined ? [{ file: 'r.xml', line: 3, column: '/report[1]/transaction[1]/amount_local', field: 'amount_local', value: '', reason: 'missing' }] : [],
    reports: [],
    unknownCodes: unknown ? [{ list: 'transmode', code: 'ZZ', count: 1, firstPath: '/x', firstLine: 1 }] : [],
    written: { transactions: 1, parties: 0, accounts: 0, relationships: 0 },
    timings: { hashMs: 0, parseAndWriteMs: 0, totalMs: 0 },
  });

  it('runs, reviews and records results in order', () => {
    let state = goamlPanelReducer(initialGoamlPanel, { type: 'start', name: 'a.xml' });
    state = goamlPanelReducer(state, { type: 'progress', progress: { phase: 'reading', bytes: 5, totalBytes: 10, units: 3, elapsedMs: 1 } });
    expect(state).toMatchObject({ step: 'running', progress: { units: 3 } });
    state = goamlPanelReducer(state, { type: 'review', staged: staged(1, 0) });
    expect(state.step).toBe('review');
    // Progress arriving late does not leave the review.
    expect(goamlPanelReducer(state, { type: 'progress', progress: { phase: 'reading', bytes: 1, totalBytes: 1, units: 1, elapsedMs: 1 } })).toBe(state);
    state = goamlPanelReducer(state, { type: 'result', result: { status: 'discarded', name: 'a.xml' } });
    expect(state).toEqual({ step: 'idle', results: [{ status: 'discarded', name: 'a.xml' }] });
  });

  it('asks the analyst only when units were quarantined or codes are unknown', () => {
    expect(needsReview(staged(0, 0))).toBe(false);
    expect(needsReview(staged(1, 0))).toBe(true);
    expect(needsReview(staged(0, 1))).toBe(true);
  });
});
