import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Party, Transaction } from '../../../shared/model';
import { proposeDuplicates, resolveParties } from '../../../shared/resolve';
import { createCase } from '../../../renderer/db/cases';
import { loadCaseDataset, loadRawCaseDataset } from '../../../renderer/db/dataset';
import { appendChunk, beginImport, commitImport } from '../../../renderer/db/imports';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { confirmMerge, listDecisions, openProposals, rejectProposal, undoDecision } from '../../../renderer/features/entities/decisions';
import { resolveCaseDataset } from '../../../shared/resolve';
import { buildSnapshot } from '../../../renderer/features/entities/snapshot';
import { freshDatabase, sha, sourceFile } from '../db/helpers';

const BANK = sha('a');
const REGISTRY = sha('b');

function party(id: string, name: string, idNumber: string | undefined, file: string, line: number, extra: Partial<Party> = {}): Party {
  return { id, name, kind: 'person', ...(idNumber ? { idType: 'CC' as const, idNumber } : {}), pep: false, source: { file, line }, ...extra };
}

function tx(id: string, from: string, to: string, fromPartyId?: string, fromPartyName?: string): Transaction {
  return { id, timestamp: Date.UTC(2026, 0, 2), fromAccount: from, toAccount: to, amount: 100, currency: 'COP', channel: 'wire', ...(fromPartyId ? { fromPartyId } : {}), ...(fromPartyName ? { fromPartyName } : {}), source: { file: BANK, line: 2 } };
}

async function importRows(db: CaudalDatabase, caseId: string, file: string, kind: 'party' | 'transaction' | 'account', rows: unknown[], importedAt: number): Promise<void> {
  const importId = await beginImport(db, caseId, sourceFile(file, { kind, importedAt, name: `${kind}-${file.slice(0, 1)}.csv` }));
  await appendChunk(db, importId, caseId, kind, 0, rows);
  await commitImport(db, importId);
}

describe('entity resolution applied to the case', () => {
  let db: CaudalDatabase;
  let caseId: string;
  beforeEach(async () => {
    db = freshDatabase();
    caseId = (await createCase(db, { number: 'UIAF-1', name: 'Resolución', profileId: 'co-uiaf', analyst: '', classification: '' })).id;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('makes the same person in two files, ID written "1.020.345.678" and "1020345678", one party with both sources', async () => {
    // The importer stores ID numbers without dots; the bank file had them, the registry did not, and types differ.
    await importRows(db, caseId, BANK, 'party', [party('CC:1020345678', 'JOSÉ MUÑOZ GÓMEZ', '1020345678', BANK, 7)], 1);
    await importRows(db, caseId, REGISTRY, 'party', [party('OTHER:1020345678', 'Jose Munoz Gomez', '1.020.345.678', REGISTRY, 3, { idType: 'OTHER', pep: true }), party('CC:55', 'Ana Ruiz', '55', REGISTRY, 4)], 2);
    const dataset = await loadCaseDataset(db, caseId);
    expect(dataset.parties.map((p) => p.id)).toEqual(['CC:1020345678', 'CC:55']);
    expect(dataset.parties[0]).toMatchObject({ idType: 'CC', pep: true });
    const resolved = resolveCaseDataset(await loadRawCaseDataset(db, caseId), []);
    expect(resolved.automaticallyMerged).toBe(1);
    expect(resolved.members.get('CC:1020345678')?.map((p) => `${p.source.file.slice(0, 1)}:${p.source.line}`)).toEqual(['a:7', 'b:3']);
  });

  it('renames a NIT written with its check digit on transactions and accounts to the kept party’s number', () => {
    const raw = {
      parties: [party('NIT:900123456', 'Primavera SAS', '900123456', BANK, 2, { idType: 'NIT', kind: 'company' }), party('NIT:9001234567', 'PRIMAVERA S.A.S.', '900.123.456-7', REGISTRY, 2, { idType: 'NIT', kind: 'company' })],
      accounts: [{ id: 'ACC1', holderId: '9001234567', source: { file: BANK, line: 3 } } as Account],
      transactions: [tx('T1', 'ACC1', 'ACC2', '9001234567')],
      shipments: [],
    };
    const { dataset } = resolveCaseDataset(raw, []);
    expect(dataset.parties).toHaveLength(1);
    const number = dataset.parties[0]?.idNumber;
    expect(dataset.accounts[0]?.holderId).toBe(number);
    expect(dataset.transactions[0]?.fromPartyId).toBe(number);
    expect(raw.accounts[0]?.holderId).toBe('9001234567');
  });

  it('merges a proposed duplicate only once confirmed, undo restores it, and the merge survives a reload', async () => {
    await importRows(db, caseId, BANK, 'party', [party('CC:79111222', 'Carlos Andrés Salazar Arango', '79111222', BANK, 2)], 1);
    await importRows(db, caseId, REGISTRY, 'party', [party('NAME:carlos andres salazar arango', 'CARLOS ANDRES SALAZAR ARANGO', undefined, REGISTRY, 9)], 2);
    await importRows(db, caseId, sha('c'), 'transaction', [tx('T1', 'ACC9', 'ACC2', undefined, 'Carlos Andres Salazar Arango')], 3);
    let dataset = await loadCaseDataset(db, caseId);
    expect(dataset.parties).toHaveLength(2);
    const proposals = proposeDuplicates(dataset.parties, dataset.accounts, dataset.transactions);
    expect(proposals).toHaveLength(1);
    const proposal = proposals[0]!;
    expect(proposal).toMatchObject({ reason: 'similar-name', keepId: 'CC:79111222', mergeIds: ['NAME:carlos andres salazar arango'] });

    const row = await confirmMerge(db, { caseId, proposal, keepId: proposal.keepId, mergedIds: proposal.mergeIds, records: dataset.parties });
    expect(row.records.map((r) => r.source.line)).toEqual([2, 9]);
    // A fresh connection: what a reload of the app sees.
    const reopened = new CaudalDatabase(db.name);
    dataset = await loadCaseDataset(reopened, caseId);
    expect(dataset.parties.map((p) => p.id)).toEqual(['CC:79111222']);
    // The transaction named the party by name only; it now carries the kept party's ID, so the chart joins them.
    expect(dataset.transactions[0]?.fromPartyId).toBe('79111222');
    expect(openProposals(proposeDuplicates(dataset.parties, dataset.accounts, dataset.transactions), await listDecisions(reopened, caseId), dataset.parties)).toEqual([]);
    reopened.close();

    await undoDecision(db, row.id);
    dataset = await loadCaseDataset(db, caseId);
    expect(dataset.parties).toHaveLength(2);
    expect(dataset.transactions[0]?.fromPartyId).toBeUndefined();
    expect(openProposals(proposeDuplicates(dataset.parties, dataset.accounts, dataset.transactions), await listDecisions(db, caseId), dataset.parties)).toHaveLength(1);
  });

  it('does not bring back a proposal the analyst rejected, even with the other record chosen to keep', async () => {
    await importRows(db, caseId, BANK, 'party', [party('NAME:maria lopez', 'María López', undefined, BANK, 2), party('NAME:maria lopes', 'MARIA LOPES', undefined, BANK, 3)], 1);
    let dataset = await loadCaseDataset(db, caseId);
    const [proposal] = proposeDuplicates(dataset.parties, dataset.accounts, dataset.transactions);
    expect(proposal).toBeDefined();
    await rejectProposal(db, { caseId, proposal: proposal!, keepId: proposal!.mergeIds[0]!, mergedIds: [proposal!.keepId], records: dataset.parties });
    dataset = await loadCaseDataset(db, caseId);
    expect(dataset.parties).toHaveLength(2);
    const reopened = new CaudalDatabase(db.name);
    const decisions = await listDecisions(reopened, caseId);
    reopened.close();
    expect(decisions.map((d) => d.decision)).toEqual(['rejected']);
    expect(openProposals(proposeDuplicates(dataset.parties, dataset.accounts, dataset.transactions), decisions, dataset.parties)).toEqual([]);
    // Confirming the same pair later replaces the rejection: one decision per pair.
    await confirmMerge(db, { caseId, proposal: proposal!, keepId: proposal!.keepId, mergedIds: proposal!.mergeIds, records: dataset.parties });
    expect((await listDecisions(db, caseId)).map((d) => d.decision)).toEqual(['merged']);
    expect((await loadCaseDataset(db, caseId)).parties).toHaveLength(1);
  });

  it('points transactions and accounts that name a merged party by its party id at the kept party', () => {
    const raw = {
      parties: [party('CC:39439567', 'Brayan Arango Moreno', '39439567', BANK, 2), party('OTHER:39439567', 'BRAYAN ARANGO', '39439567', REGISTRY, 5, { idType: 'OTHER' }), party('NAME:b arango', 'B. Arango', undefined, REGISTRY, 6)],
      accounts: [{ id: 'ACC1', holderId: 'OTHER:39439567', source: { file: BANK, line: 3 } } as Account],
      transactions: [tx('T1', 'ACC1', 'ACC2', 'NAME:b arango')],
      shipments: [],
    };
    const { dataset, members } = resolveCaseDataset(raw, [{ decision: 'merged', keepId: 'CC:39439567', mergedIds: ['NAME:b arango'], confirmedAt: 1 }]);
    expect(dataset.parties.map((p) => p.id)).toEqual(['CC:39439567']);
    expect(dataset.accounts[0]?.holderId).toBe('CC:39439567');
    expect(dataset.transactions[0]?.fromPartyId).toBe('CC:39439567');
    expect(members.get('CC:39439567')?.map((p) => p.source.line)).toEqual([2, 5, 6]);
  });

  it('does not propose two holders of one account who cannot be one party (person and company, or two registrations)', () => {
    const parties = [
      party('NIT:8003170566', 'Alimentos Quintero S.A.', '8003170566', BANK, 2, { idType: 'NIT', kind: 'company' }),
      party('CC:1042562035', 'Gustavo Quintero Rojas', '1042562035', BANK, 3),
      party('CC:52000111', 'Gustavo Quintero', '52000111', BANK, 4),
      party('NAME:g quintero rojas', 'G. Quintero Rojas', undefined, BANK, 5),
    ];
    const accounts = [{ id: 'CAJA-1', holderName: 'Alimentos Quintero S.A.', source: { file: BANK, line: 9 } } as Account];
    const transactions = [tx('T1', 'CAJA-1', 'X', '1042562035'), tx('T2', 'CAJA-1', 'X', '52000111'), tx('T3', 'CAJA-1', 'X', undefined, 'G. Quintero Rojas')];
    const all = proposeDuplicates(parties, accounts, transactions);
    expect(all.some((p) => p.reason === 'shared-account' && [p.keepId, ...p.mergeIds].includes('NIT:8003170566'))).toBe(true);
    const open = openProposals(all, [], parties).map((p) => [p.keepId, ...p.mergeIds].sort().join(' + '));
    expect(open).toContain('CC:1042562035 + NAME:g quintero rojas');
    expect(open.some((pair) => pair.includes('NIT:8003170566'))).toBe(false);
    expect(open).not.toContain('CC:1042562035 + CC:52000111');
  });

  it('gives the parties resolveParties gives, in file order, resolving only the records that share an ID', () => {
    const parties = [
      party('CC:55', 'Ana Ruiz', '55', BANK, 2),
      party('OTHER:9001234567', 'Primavera', '9001234567', BANK, 3, { idType: 'OTHER', kind: 'company' }),
      party('NIT:900123456', 'PRIMAVERA SAS', '900.123.456-7', REGISTRY, 2, { idType: 'NIT', kind: 'company' }),
      party('NAME:luis', 'Luis', undefined, BANK, 4),
      party('NAME:luis', 'LUIS', undefined, REGISTRY, 3, { pep: true }),
      party('OTHER:55', 'ANA RUIZ', '55', REGISTRY, 4, { idType: 'OTHER', nationality: 'CO' }),
    ];
    const expected = resolveParties(parties).parties;
    const { dataset } = resolveCaseDataset({ parties, accounts: [], transactions: [], shipments: [] }, []);
    const byId = (list: Party[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(dataset.parties)).toEqual(byId(expected));
    expect(dataset.parties.map((p) => p.id)).toEqual(['CC:55', 'OTHER:9001234567', 'NIT:900123456', 'NAME:luis']);
    expect(dataset.parties[0]).toMatchObject({ nationality: 'CO' });
  });

  it('builds what the view shows: parties with their sources and counts, open proposals, decisions and file names', async () => {
    await importRows(db, caseId, BANK, 'party', [party('CC:79111222', 'Carlos Andrés Salazar Arango', '79111222', BANK, 2), party('NAME:carlos andres salazar arango', 'CARLOS ANDRES SALAZAR ARANGO', undefined, BANK, 3)], 1);
    await importRows(db, caseId, REGISTRY, 'party', [party('OTHER:79111222', 'C. A. SALAZAR', '79.111.222', REGISTRY, 4, { idType: 'OTHER' })], 2);
    await importRows(db, caseId, sha('c'), 'account', [{ id: 'ACC1', holderId: '79111222', source: { file: sha('c'), line: 2 } }], 3);
    await importRows(db, caseId, sha('d'), 'transaction', [tx('T1', 'ACC1', 'ACC2'), tx('T2', 'ACC3', 'ACC1')], 4);
    let snapshot = await buildSnapshot(db, caseId);
    expect(snapshot.rawRecords).toBe(3);
    expect(snapshot.automaticallyMerged).toBe(1);
    const carlos = snapshot.entries.find((entry) => entry.party.id === 'CC:79111222');
    expect(carlos?.records.map((record) => record.source.line)).toEqual([2, 4]);
    expect(carlos?.facts).toEqual({ accounts: 1, transactions: 2 });
    expect(new Map(snapshot.files).get(REGISTRY)).toBe('party-b.csv');
    expect(snapshot.proposals.map((p) => p.reason)).toEqual(['similar-name']);
    const proposal = snapshot.proposals[0]!;
    await confirmMerge(db, { caseId, proposal, keepId: proposal.keepId, mergedIds: proposal.mergeIds, records: snapshot.entries.flatMap((entry) => entry.records) });
    snapshot = await buildSnapshot(db, caseId);
    expect(snapshot.entries.map((entry) => [entry.party.id, entry.records.length])).toEqual([['CC:79111222', 3]]);
    expect(snapshot.proposals).toEqual([]);
    expect(snapshot.decisions.map((d) => d.decision)).toEqual(['merged']);
  });

  it('ignores a confirmed merge whose records are no longer in the case', () => {
    const raw = { parties: [party('CC:1', 'Ana', '1', BANK, 2)], accounts: [], transactions: [], shipments: [] };
    const { dataset } = resolveCaseDataset(raw, [{ decision: 'merged', keepId: 'CC:1', mergedIds: ['CC:2'], confirmedAt: 1 }]);
    expect(dataset.parties).toHaveLength(1);
  });
});
