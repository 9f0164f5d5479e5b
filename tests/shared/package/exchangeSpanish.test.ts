import { ristretto255 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { errorTextIn, type Party } from '../../../shared/model';
import {
  answerPsiRequest,
  createPsiRequest,
  exportPublicCard,
  finishPsi,
  generateUnitKeyPair,
  importPublicCard,
  protectKeyPair,
  publicKeysOf,
  toHex,
  unprotectKeyPair,
} from '../../../shared/package';
import { expectSpanishMessage } from './spanishDetail';

const source = { file: 'cd'.repeat(32), line: 1 };
const party = (id: string, name: string, idNumber: string): Party => ({ id, name, kind: 'person', pep: false, source, nationality: 'CO', idNumber, idType: 'CC' });
const requester = { parties: [party('A1', 'José Ramírez Peñaloza', '10.234.567'), party('A2', 'Lucía Torres', '52.111.222')], accounts: [] };
const responder = { parties: [party('B1', 'Jose Ramirez Penaloza', '10234567')], accounts: [] };
const selection = { parties: ['A1', 'A2'], accounts: [] };

/** What the call threw (it must throw). */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

async function rejectionOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}

describe('the partner exchange speaks Spanish too', () => {
  it('words every refused match request and reply in both languages', () => {
    const { request, state } = createPsiRequest(requester, selection);
    const reply = answerPsiRequest(request, responder, { maxRequestElements: 10 });
    const errors = [
      thrownBy(() => createPsiRequest(requester, { parties: [], accounts: [] })),
      thrownBy(() => answerPsiRequest(request, responder, { maxRequestElements: 1 })),
      thrownBy(() => answerPsiRequest({ ...request, elements: [request.elements[0] as string, request.elements[0] as string] }, responder, { maxRequestElements: 10 })),
      thrownBy(() => answerPsiRequest({ ...request, elements: [toHex(ristretto255.Point.ZERO.toBytes())] }, responder, { maxRequestElements: 10 })),
      thrownBy(() => answerPsiRequest({ ...request, elements: ['ff'.repeat(32)] }, responder, { maxRequestElements: 10 })),
      thrownBy(() => finishPsi(state, request, { ...reply, exchangeId: '00'.repeat(16) })),
      thrownBy(() => finishPsi(state, request, { ...reply, reblinded: reply.reblinded.slice(1) })),
    ];
    const spanish = errors.map((error) => expectSpanishMessage(error).messageEs);
    expect(spanish).toContain('la solicitud lleva 2 identificadores, más que su límite de 1: pida a la unidad solicitante que la acote');
    expect(spanish).toContain('esta respuesta contesta otra solicitud de cotejo');
    expect(spanish).toContain('la respuesta vuelve a cegar 1 elementos y la solicitud envió 2');
  });

  it('words a refused key card and a wrong key passphrase in both languages', async () => {
    const pair = generateUnitKeyPair('UAFE Ecuador', 1_700_000_000_000);
    const other = exportPublicCard(generateUnitKeyPair('UAF Panamá', 1_700_000_000_000));
    const card = exportPublicCard(pair);
    const errors = [
      thrownBy(() => importPublicCard({ hello: 'world' })),
      thrownBy(() => importPublicCard({ ...card, signingKey: other.signingKey })),
      thrownBy(() => importPublicCard({ ...card, unit: 'UAF Panamá' })),
      await rejectionOf(async () => unprotectKeyPair('UAFE Ecuador', await protectKeyPair(pair, 'clave de la unidad 2026'), 'clave de la unidad 2027')),
    ];
    for (const error of errors) expectSpanishMessage(error);
    expect(errorTextIn('es', errors[3])).toBe('la frase de paso de la llave es incorrecta');
    expect(errorTextIn('en', errors[3])).toBe('wrong key passphrase');
    expect(publicKeysOf(pair).fingerprint).toBe(card.fingerprint);
  });

  it('reads any other error as it was written, in either language', () => {
    expect(errorTextIn('es', new Error('disk full'))).toBe('disk full');
    expect(errorTextIn('es', 'plain text')).toBe('plain text');
  });
});
