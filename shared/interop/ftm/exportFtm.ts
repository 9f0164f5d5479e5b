import type { Account, CaseDataset, Party, Transaction } from '../../model/records';
import type { Relationship } from '../relationships';
import { caudalEntityId } from './ids';
import { CHANNEL_SUMMARY, DERIVED_KEYWORD, type FtmEntity } from './schema';

/**
 * A case (or a chart's subset of it) as FtM entities: parties as Person or
 * Company, accounts as BankAccount, transactions as Payment, account holders
 * as Ownership, directors as Directorship, signatories as Representation.
 * Transactions name their parties and banks as the source wrote them; where
 * that wording differs from the party or account record, a LegalEntity or
 * BankAccount marked `caudal:derived` carries it, so nothing is rewritten.
 */
type Props = Record<string, string[]>;

function entity(id: string, schema: string, properties: Props): FtmEntity {
  const clean: Props = {};
  for (const [key, values] of Object.entries(properties)) {
    const kept = values.filter((value) => value !== '');
    if (kept.length > 0) clean[key] = kept;
  }
  return { id, schema, properties: clean };
}

const some = (value: string | undefined): string[] => (value === undefined ? [] : [value]);
const day = (timestamp: number | undefined): string[] => (timestamp === undefined ? [] : [new Date(timestamp).toISOString().slice(0, 10)]);
const country = (code: string | undefined): string[] => (code === undefined ? [] : [code.toLowerCase()]);

export interface FtmExportInput extends CaseDataset {
  relationships?: readonly Relationship[];
}

export function* ftmEntities(input: FtmExportInput): Generator<FtmEntity> {
  // Party records, and who is who by (name, ID number) for the payments.
  const partyByWording = new Map<string, string>();
  const partyEntityByKey = new Map<string, string>();
  for (const party of input.parties) {
    const id = caudalEntityId('party', party.id);
    if (partyEntityByKey.has(party.id)) continue;
    partyEntityByKey.set(party.id, id);
    partyByWording.set(`${party.name}\u0000${party.idNumber ?? ''}`, id);
    yield partyEntity(id, party);
    if (party.idType !== undefined && party.idNumber !== undefined) {
      yield entity(caudalEntityId('ident', party.id), 'Identification', { holder: [id], type: [party.idType], number: [party.idNumber], country: country(party.nationality) });
    }
  }

  const accountByWording = new Map<string, string>();
  const accountEntity = new Map<string, string>();
  for (const account of input.accounts) {
    if (accountEntity.has(account.id)) continue;
    const id = caudalEntityId('account', account.id);
    accountEntity.set(account.id, id);
    accountByWording.set(`${account.id}\u0000${account.institution ?? ''}\u0000${account.country ?? ''}`, id);
    yield entity(id, 'BankAccount', {
      accountNumber: [account.id],
      iban: some(account.iban),
      bankName: some(account.institution),
      currency: some(account.currency),
      country: country(account.country),
      openingDate: day(account.opened),
      closingDate: day(account.closed),
    });
    if (account.holderName !== undefined || account.holderId !== undefined) {
      // The holder as the account record words it; an Ownership marked derived unless a holder link states it too.
      const owner = yield* derivedParty(account.holderName ?? account.holderId ?? '', account.holderId, partyByWording);
      yield entity(caudalEntityId('derived', `holder\u0000${account.id}`), 'Ownership', { owner: [owner], asset: [id], role: ['holder'], keywords: [DERIVED_KEYWORD] });
    }
  }

  for (const link of input.relationships ?? []) {
    const party = partyEntityByKey.get(link.partyId) ?? caudalEntityId('party', link.partyId);
    const target = link.targetKind === 'account' ? (accountEntity.get(link.targetId) ?? caudalEntityId('account', link.targetId)) : (partyEntityByKey.get(link.targetId) ?? caudalEntityId('party', link.targetId));
    const id = caudalEntityId('link', link.id);
    const role = some(link.role);
    const names = { summary: [link.partyName], description: some(link.targetName) };
    if (link.kind === 'holder') yield entity(id, 'Ownership', { owner: [party], asset: [target], role: role.length ? role : [], ...names });
    else if (link.kind === 'director') yield entity(id, 'Directorship', { director: [party], organization: [target], role, ...names });
    // A signatory acts for whoever holds the account: FtM's Representation (agent, client); the account itself rides in recordId.
    else yield entity(id, 'Representation', { agent: [party], client: [], role, recordId: [target], ...names });
  }

  for (const t of input.transactions) {
    const payer = yield* derivedParty(t.fromPartyName, t.fromPartyId, partyByWording);
    const beneficiary = yield* derivedParty(t.toPartyName, t.toPartyId, partyByWording);
    const payerAccount = yield* derivedAccount(t.fromAccount, t.fromBank, t.fromCountry, accountByWording);
    const beneficiaryAccount = yield* derivedAccount(t.toAccount, t.toBank, t.toCountry, accountByWording);
    yield paymentEntity(t, payer, beneficiary, payerAccount, beneficiaryAccount);
  }
}

function partyEntity(id: string, party: Party): FtmEntity {
  const common: Props = { name: [party.name], topics: party.pep ? ['role.pep'] : [] };
  if (party.kind === 'person') {
    return entity(id, 'Person', { ...common, idNumber: some(party.idNumber), nationality: country(party.nationality), birthDate: day(party.birthDate) });
  }
  return entity(id, 'Company', { ...common, registrationNumber: some(party.idNumber), jurisdiction: country(party.nationality) });
}

/** The entity that carries a payment side's party wording: the party record when it matches exactly, else a derived LegalEntity. */
function* derivedParty(name: string | undefined, idNumber: string | undefined, known: Map<string, string>): Generator<FtmEntity, string> {
  const wording = `${name ?? ''}\u0000${idNumber ?? ''}`;
  const found = known.get(wording);
  if (found) return found;
  const id = caudalEntityId('derived', `party\u0000${wording}`);
  known.set(wording, id);
  yield entity(id, 'LegalEntity', { name: some(name), idNumber: some(idNumber), keywords: [DERIVED_KEYWORD] });
  return id;
}

function* derivedAccount(accountId: string, bank: string | undefined, countryCode: string | undefined, known: Map<string, string>): Generator<FtmEntity, string> {
  const wording = `${accountId}\u0000${bank ?? ''}\u0000${countryCode ?? ''}`;
  const found = known.get(wording);
  if (found) return found;
  const id = caudalEntityId('derived', `account\u0000${wording}`);
  known.set(wording, id);
  yield entity(id, 'BankAccount', { accountNumber: [accountId], bankName: some(bank), country: country(countryCode), keywords: [DERIVED_KEYWORD] });
  return id;
}

function paymentEntity(t: Transaction, payer: string, beneficiary: string, payerAccount: string, beneficiaryAccount: string): FtmEntity {
  return entity(caudalEntityId('tx', t.id), 'Payment', {
    transactionNumber: [t.id],
    date: [new Date(t.timestamp).toISOString().slice(0, 19)],
    amount: [String(t.amount)],
    currency: [t.currency],
    purpose: some(t.description),
    payer: [payer],
    payerAccount: [payerAccount],
    beneficiary: [beneficiary],
    beneficiaryAccount: [beneficiaryAccount],
    summary: [`${CHANNEL_SUMMARY}${t.channel}`],
  });
}

/** JSON lines, one entity per line, as `ftm` and Aleph read them. */
export function* ftmJsonLines(input: FtmExportInput): Generator<string> {
  for (const item of ftmEntities(input)) yield `${JSON.stringify(item)}\n`;
}

export type { Account };
