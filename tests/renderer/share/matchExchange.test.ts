import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerPsiRequest, buildPackage, defaultPolicy, generateUnitKeyPair, psiContent, publicKeysOf, type PackageHeader } from '../../../shared/package';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { buildMatchAnswer, buildMatchRequest, openMatchFile } from '../../../renderer/features/share/matchExchange';
import { freshDatabase } from '../db/helpers';
import { expectSpanishMessage } from '../../shared/package/spanishDetail';

const source = { file: 'ab'.repeat(32), line: 1 };
const party = (id: string, idNumber: string) => ({ id, name: `Persona ${id}`, kind: 'person' as const, idType: 'CC' as const, idNumber, nationality: 'CO', pep: false, source });
const requesterData = { parties: [party('A1', '10234567'), party('A2', '80111222')], accounts: [], transactions: [], shipments: [] };
const responderData = { parties: [party('B1', '10.234.567'), party('B2', '55666777')], accounts: [], transactions: [], shipments: [] };
const header = (from: string, to: string): Omit<PackageHeader, 'packageId'> => ({
  originatingUnit: from, recipientUnit: to, reference: 'MATCH-1', purpose: 'Round-tripping scheme', legalBasis: 'MoU 2014', classification: 'RESERVADO',
  caveat: { en: 'x', es: 'y' }, expiresAt: Date.now() + 86_400_000, contact: from, createdAt: Date.now(),
});
const caseRow = (id: string, partnerPackageId?: string) => ({ id, number: id, name: id, profileId: 'p', analyst: 'a', classification: 'c', createdAt: 1, updatedAt: 1, notes: '', ...(partnerPackageId ? { partnerPackageId } : {}) });

describe('match exchanges through the share store', () => {
  let requesterDb: CaudalDatabase;
  let responderDb: CaudalDatabase;
  const colombia = generateUnitKeyPair('UIAF Colombia', 1);
  const panama = generateUnitKeyPair('UAF Panamá', 1);
  const honduras = generateUnitKeyPair('UIF Honduras', 1);
  beforeEach(async () => {
    requesterDb = freshDatabase();
    responderDb = freshDatabase();
    await requesterDb.cases.bulkAdd([caseRow('local'), caseRow('partner', 'received:x')]);
    await responderDb.cases.add(caseRow('local'));
  });
  afterEach(async () => {
    for (const db of [requesterDb, responderDb]) {
      db.close();
      await db.delete();
    }
  });

  it('runs request → answer → overlap, keeping the scalar only on the requester’s side, and binds the reply to the partner asked', async () => {
    const request = await buildMatchRequest(requesterDb, requesterData, { caseId: 'local', selection: { parties: ['A1', 'A2'], accounts: [] }, header: header('UIAF Colombia', 'UAF Panamá'), sender: colombia, recipient: publicKeysOf(panama) }, () => {});
    expect(request.fileName).toMatch(/^match-request-[0-9a-f]{8}\.caudal$/);
    expect(await requesterDb.matchExchanges.count()).toBe(1);
    const keyBookAtPanama = [{ ...publicKeysOf(colombia), verified: true }];
    const openedAtPanama = await openMatchFile(responderDb, request.bytes, { keyBook: keyBookAtPanama, ownKeys: [panama], now: Date.now() });
    expect(openedAtPanama.result).toMatchObject({ kind: 'request', identifiers: 2 });
    await expect(buildMatchAnswer(responderDb, responderData, openedAtPanama.opened, { caseId: 'local', maxRequestElements: 1, header: header('UAF Panamá', 'UIAF Colombia'), sender: panama }, () => {})).rejects.toThrow(/above your limit of 1/);
    const reply = await buildMatchAnswer(responderDb, responderData, openedAtPanama.opened, { caseId: 'local', maxRequestElements: 10, header: header('UAF Panamá', 'UIAF Colombia'), sender: panama }, () => {});
    // The responder stores nothing of the exchange.
    expect(await responderDb.matchExchanges.count()).toBe(0);
    const keyBookAtColombia = [{ ...publicKeysOf(panama), verified: true }, { ...publicKeysOf(honduras), verified: true }];
    // Honduras, also in Colombia's key book, answers the same exchange: refused, the request went to Panama.
    const message = openedAtPanama.opened.content.psi[0];
    if (message?.kind !== 'psi-request') throw new Error('expected a request');
    const forged = await buildPackage({ header: header('UIF Honduras', 'UIAF Colombia'), content: psiContent(answerPsiRequest(message, responderData, { maxRequestElements: 10 })), policy: defaultPolicy(), sender: honduras, recipients: [publicKeysOf(colombia)] });
    const wrongSigner = await openMatchFile(requesterDb, forged.bytes, { keyBook: keyBookAtColombia, ownKeys: [colombia], now: Date.now() }).catch((error: unknown) => error);
    expect(String(wrongSigner)).toMatch(/not by UAF Panamá/);
    expect(expectSpanishMessage(wrongSigner).messageEs).toBe('esta respuesta la firma UIF Honduras, no UAF Panamá, a quien se envió la solicitud');
    const result = await openMatchFile(requesterDb, reply.bytes, { keyBook: keyBookAtColombia, ownKeys: [colombia], now: Date.now() });
    expect(result.result).toMatchObject({ kind: 'reply', matches: [{ kind: 'party', recordId: 'A1', type: 'id' }], requestSize: 2 });
    expect((await requesterDb.matchExchanges.toArray())[0]?.result?.matches).toHaveLength(1);
  });

  it('refuses to turn a partner case into a match request without the originating unit’s consent reference, and records it', async () => {
    const build = (consentReference?: string) =>
      buildMatchRequest(requesterDb, requesterData, { caseId: 'partner', selection: { parties: ['A1'], accounts: [] }, header: header('UIAF Colombia', 'UAF Panamá'), sender: colombia, recipient: publicKeysOf(panama), ...(consentReference === undefined ? {} : { consentReference }) }, () => {});
    await expect(build()).rejects.toThrow(/consent reference/);
    await expect(build('   ')).rejects.toThrow(/consent reference/);
    expectSpanishMessage(await build().catch((error: unknown) => error));
    expect(await requesterDb.matchExchanges.count()).toBe(0);
    await build('UAF-CONSENT-2026-17');
    expect((await requesterDb.matchExchanges.toArray())[0]?.consentReference).toBe('UAF-CONSENT-2026-17');
  });
});
