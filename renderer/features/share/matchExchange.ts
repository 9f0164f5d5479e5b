import { z } from 'zod';
import {
  ExchangeError,
  PSI_MAX_ELEMENTS,
  answerPsiRequest,
  buildPackage,
  createPsiRequest,
  defaultPolicy,
  deserialisePublicKeys,
  finishPsi,
  openPackage,
  psiContent,
  type BuiltPackage,
  type OpenPackageOptions,
  type OpenedPackage,
  type PsiRequest,
  type PsiRequesterState,
} from '../../../shared/package';
import type { CaseDataset } from '../../../shared/model';
import type { CaudalDatabase, MatchExchangeRow } from '../../db/schema';
import type { MatchAnswerBuild, MatchOpened, MatchRequestBuild } from './packageProtocol';

/**
 * The share feature's side of private set intersection (shared/package/psi.ts):
 * requests and replies travel as ordinary signed, encrypted packages whose
 * only part is the PSI message; the requester's secret scalar waits in the
 * matchExchanges table for the reply, the responder's is never stored.
 */

const PsiRequesterStateSchema = z.object({
  exchangeId: z.string().regex(/^[0-9a-f]{32}$/),
  scalar: z.string().regex(/^[0-9a-f]{64}$/),
  sources: z.array(z.object({ element: z.string(), type: z.enum(['id', 'name-dob', 'account']), kind: z.enum(['party', 'account']), recordId: z.string() })),
});

/** Onward use of partner data needs the originating unit's consent reference. */
export async function requireConsentForPartnerCase(db: CaudalDatabase, caseId: string, consentReference: string | undefined): Promise<void> {
  const caseRow = await db.cases.get(caseId);
  if (caseRow?.partnerPackageId && !consentReference?.trim()) {
    throw new ExchangeError({
      en: 'this case holds a partner unit’s intelligence: enter the originating unit’s consent reference for this use',
      es: 'este caso contiene inteligencia de una unidad contraparte: anote la referencia del consentimiento de la unidad de origen para este uso',
    });
  }
}

/** Step 1: blind the explicit selection, keep the scalar here, and build the request package to the partner. */
export async function buildMatchRequest(db: CaudalDatabase, dataset: CaseDataset, request: MatchRequestBuild, onProgress: (done: number, total: number) => void): Promise<BuiltPackage> {
  await requireConsentForPartnerCase(db, request.caseId, request.consentReference);
  const { request: message, state } = createPsiRequest(dataset, request.selection, onProgress);
  const built = await buildPackage({ header: request.header, content: psiContent(message), policy: defaultPolicy(), sender: request.sender, recipients: [request.recipient] });
  const row: MatchExchangeRow = {
    id: state.exchangeId,
    caseId: request.caseId,
    partnerFingerprint: request.recipient.fingerprint,
    partnerUnit: request.recipient.unit,
    createdAt: request.header.createdAt,
    elements: message.elements,
    state,
    ...(request.consentReference?.trim() ? { consentReference: request.consentReference.trim() } : {}),
  };
  await db.matchExchanges.put(row);
  return { ...built, fileName: `match-request-${state.exchangeId.slice(0, 8)}.caudal` };
}

/** Opens a match file: a request is kept for the analyst to read and answer; a reply is resolved at once against our stored exchange. */
export async function openMatchFile(db: CaudalDatabase, bytes: Uint8Array, options: OpenPackageOptions): Promise<{ opened: OpenedPackage; result: MatchOpened }> {
  const opened = await openPackage(bytes, options);
  const message = opened.content.psi[0];
  const summary = { manifest: opened.manifest, signer: opened.signer, packageSha256: opened.packageSha256 };
  if (!message) throw new ExchangeError({ en: 'this package is not a match request or reply: open it in the Import tab', es: 'este paquete no es una solicitud ni una respuesta de cotejo: ábralo en la pestaña Importar' });
  if (message.kind === 'psi-request') return { opened, result: { kind: 'request', summary, identifiers: message.elements.length } };
  const row = await db.matchExchanges.get(message.exchangeId);
  if (!row) throw new ExchangeError({ en: 'this reply answers a match request this profile did not send', es: 'esta respuesta contesta una solicitud de cotejo que este perfil no envió' });
  if (row.partnerFingerprint !== opened.signer.fingerprint) throw new ExchangeError({
      en: `this reply is signed by ${opened.signer.unit}, not by ${row.partnerUnit}, to whom the request went`,
      es: `esta respuesta la firma ${opened.signer.unit}, no ${row.partnerUnit}, a quien se envió la solicitud`,
    });
  const state: PsiRequesterState = PsiRequesterStateSchema.parse(row.state);
  const { matches, responderSetSize } = finishPsi(state, { elements: row.elements }, message);
  await db.matchExchanges.update(row.id, { result: { readAt: Date.now(), matches, responderSetSize } });
  return { opened, result: { kind: 'reply', summary, caseId: row.caseId, matches, responderSetSize, requestSize: row.elements.length } };
}

/** Step 2 on the responder's side: answer a verified request from the open case, to the requester's key. */
export async function buildMatchAnswer(db: CaudalDatabase, dataset: CaseDataset, opened: OpenedPackage, answer: MatchAnswerBuild, onProgress: (done: number, total: number) => void): Promise<BuiltPackage> {
  await requireConsentForPartnerCase(db, answer.caseId, answer.consentReference);
  const message = opened.content.psi[0];
  if (message?.kind !== 'psi-request') throw new ExchangeError({ en: 'no match request is open', es: 'no hay ninguna solicitud de cotejo abierta' });
  const reply = answerPsiRequest(message as PsiRequest, dataset, { maxRequestElements: Math.min(answer.maxRequestElements, PSI_MAX_ELEMENTS), onProgress });
  const requester = deserialisePublicKeys(opened.signer.unit, { signingPublicKey: opened.manifest.sender.signingKey, agreementPublicKey: opened.manifest.sender.agreementKey });
  const built = await buildPackage({ header: answer.header, content: psiContent(reply), policy: defaultPolicy(), sender: answer.sender, recipients: [requester] });
  return { ...built, fileName: `match-reply-${message.exchangeId.slice(0, 8)}.caudal` };
}
