import type { Account, Channel, IdType, Party, Provenance, Transaction } from '../../model/records';
import { foldName, idTypeFromShape, normaliseIdNumber } from '../../resolve';
import { relationshipId, type Relationship } from '../relationships';
import type { CodeBook } from './codes';
import type { GoamlAccount, GoamlEntity, GoamlForeignCurrency, GoamlFromSide, GoamlInvolvedParty, GoamlPerson, GoamlReportParty, GoamlToSide, GoamlTransaction } from './schema';

/**
 * goAML elements (validated by schema.ts) to Caudal's records. Every record's
 * provenance is the file hash plus the element's path and line; a value that
 * cannot be converted is a violation naming its element, and the whole
 * transaction goes to the quarantine with it.
 */

/** Where an element sits: its path with ordinals and the line of its start tag. */
export interface Place {
  path: string;
  line: number;
}
/** Resolves a path of element names (and indexes among repeated siblings) below the unit to its place. */
export type Locate = (steps: readonly PropertyKey[]) => Place;

export class Violation extends Error {
  constructor(
    readonly place: Place,
    readonly field: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
    this.name = 'Violation';
  }
}

/** What one unit yields besides its transaction. */
export interface Yield {
  parties: Party[];
  accounts: Account[];
  relationships: Relationship[];
}

export interface ConvertContext {
  sha256: string;
  codes: CodeBook;
  /** The report's currency_code_local, else the unit profile's currency. */
  localCurrency: string;
  locate: Locate;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** goAML dates are xs:dateTime ("2025-03-01T14:05:00"); local times are stored as written, at UTC, as CSV dates are. */
export function parseGoamlDate(text: string): number | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (!zone || zone === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[^\d]/g, '');
  const zoneHours = Number(digits.slice(0, 2));
  const zoneMinutes = Number(digits.slice(2));
  // Real offsets run from -12:00 to +14:00; '+99:99' would shift the time by four days without a word.
  if (zoneHours > 14 || zoneMinutes > 59) return undefined;
  return ms - sign * (zoneHours * 60 + zoneMinutes) * 60_000;
}

/**
 * Largest amount taken: 10^15 (a quadrillion in any currency). Past it a
 * double no longer holds cents exactly, and 400 nines would become Infinity.
 */
export const MAX_GOAML_AMOUNT = 1e15;

/** xs:decimal: digits with an optional '.' fraction; no thousands separators; below MAX_GOAML_AMOUNT. */
export function parseGoamlAmount(text: string): number | undefined {
  const value = text.trim();
  if (!/^[+]?\d+(\.\d+)?$/.test(value)) return undefined;
  // Judged on the digits: 999999999999999.99 rounds to 10^15 as a double, yet is a fine amount.
  const integerDigits = (value.replace(/^\+/, '').split('.')[0] as string).replace(/^0+/, '');
  if (integerDigits.length > Math.log10(MAX_GOAML_AMOUNT)) return undefined;
  return Number(value);
}

function provenance(context: ConvertContext, place: Place): Provenance {
  return { file: context.sha256, line: place.line, path: place.path };
}

/** `place` is only worked out when the code is unknown: locating elements costs, and most codes are fine. */
function country(code: string | undefined, context: ConvertContext, place: () => Place): string | undefined {
  if (code === undefined) return undefined;
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return upper;
  context.codes.note('country', code, place());
  return undefined;
}

function currency(code: string, place: () => Place, field: string): string {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(upper)) return upper;
  throw new Violation(place(), field, code, `'${code}' is not a three-letter ISO 4217 currency code`);
}

function optionalDate(text: string | undefined, place: () => Place, field: string): number | undefined {
  if (text === undefined) return undefined;
  const value = parseGoamlDate(text);
  if (value === undefined) throw new Violation(place(), field, text, `'${text}' is not a date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)`);
  return value;
}

/** A party record plus the ID number transactions carry (fromPartyId/toPartyId are ID numbers, as in CSV). */
interface PartyOut {
  party: Party;
  idNumber?: string;
}

function partyIdOf(name: string, idType: IdType | undefined, idNumber: string | undefined): string {
  if (idNumber !== undefined) return `${idType ?? 'OTHER'}:${idNumber}`;
  return `NAME:${foldName(name) || name.trim().toUpperCase()}`;
}

function personName(person: GoamlPerson): string | undefined {
  // mothers_name holds the second (maternal) surname in the Latin-American units' usage.
  const parts = [person.first_name, person.middle_name, person.last_name, person.mothers_name].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : person.alias;
}

function personId(person: GoamlPerson, context: ConvertContext, steps: readonly PropertyKey[]): { idType?: IdType; idNumber?: string } {
  if (person.id_number !== undefined) {
    const idNumber = normaliseIdNumber(person.id_number);
    if (idNumber !== '') return withType(idTypeFromShape(idNumber), idNumber);
  }
  const identifications = [...(person.identifications?.identification ?? []).map((item, index) => ({ item, at: [...steps, 'identifications', 'identification', index] })), ...(person.identification ?? []).map((item, index) => ({ item, at: [...steps, 'identification', index] }))];
  for (const { item, at } of identifications) {
    if (item.number === undefined) continue;
    const idNumber = normaliseIdNumber(item.number);
    if (idNumber === '') continue;
    const type = context.codes.idType(item.type, () => context.locate([...at, 'type']));
    return withType(type ?? idTypeFromShape(idNumber), idNumber);
  }
  if (person.tax_number !== undefined && normaliseIdNumber(person.tax_number) !== '') {
    const idNumber = normaliseIdNumber(person.tax_number);
    return withType(idTypeFromShape(idNumber), idNumber);
  }
  if (person.passport_number !== undefined && normaliseIdNumber(person.passport_number) !== '') return { idType: 'PASSPORT', idNumber: normaliseIdNumber(person.passport_number) };
  if (person.ssn !== undefined && normaliseIdNumber(person.ssn) !== '') return { idType: 'SSN', idNumber: normaliseIdNumber(person.ssn) };
  return {};
}

function withType(idType: IdType | undefined, idNumber: string): { idType?: IdType; idNumber: string } {
  return idType === undefined ? { idNumber } : { idType, idNumber };
}

export function personParty(person: GoamlPerson, context: ConvertContext, steps: readonly PropertyKey[]): PartyOut | undefined {
  const place = context.locate(steps);
  const { idType, idNumber } = personId(person, context, steps);
  const name = personName(person) ?? idNumber;
  if (name === undefined) return undefined;
  const party: Party = { id: partyIdOf(name, idType, idNumber), name, kind: 'person', pep: false, source: provenance(context, place) };
  if (idType !== undefined) party.idType = idType;
  if (idNumber !== undefined) party.idNumber = idNumber;
  const nationality = country(person.nationality1, context, () => context.locate([...steps, 'nationality1']));
  if (nationality !== undefined) party.nationality = nationality;
  const birthDate = optionalDate(person.birthdate, () => context.locate([...steps, 'birthdate']), 'birthdate');
  if (birthDate !== undefined) party.birthDate = birthDate;
  return idNumber === undefined ? { party } : { party, idNumber };
}

export function entityParty(entity: GoamlEntity, context: ConvertContext, steps: readonly PropertyKey[], out: Yield): PartyOut | undefined {
  const place = context.locate(steps);
  const rawId = entity.tax_number ?? entity.incorporation_number;
  const idNumber = rawId === undefined ? undefined : normaliseIdNumber(rawId) || undefined;
  const name = entity.name ?? entity.commercial_name ?? idNumber;
  if (name === undefined) return undefined;
  const idType = idNumber === undefined ? undefined : idTypeFromShape(idNumber);
  const party: Party = { id: partyIdOf(name, idType, idNumber), name, kind: 'company', pep: false, source: provenance(context, place) };
  if (idType !== undefined) party.idType = idType;
  if (idNumber !== undefined) party.idNumber = idNumber;
  const incorporated = country(entity.incorporation_country_code, context, () => context.locate([...steps, 'incorporation_country_code']));
  if (incorporated !== undefined) party.nationality = incorporated;
  out.parties.push(party);
  (entity.director_id ?? []).forEach((director, index) => {
    const at = [...steps, 'director_id', index];
    const person = personParty(director, context, at);
    if (!person) return;
    out.parties.push(person.party);
    const link: Relationship = {
      id: relationshipId('director', person.party.id, party.id),
      kind: 'director',
      partyId: person.party.id,
      partyName: person.party.name,
      targetKind: 'party',
      targetId: party.id,
      targetName: party.name,
      source: provenance(context, context.locate(at)),
    };
    if (director.role !== undefined) link.role = director.role;
    out.relationships.push(link);
  });
  return idNumber === undefined ? { party } : { party, idNumber };
}

const TRUE_WORDS = new Set(['1', 'TRUE', 'Y', 'YES', 'S', 'SI', 'SÍ']);

/** The account, its holder (t_entity, else the primary signatory) and the signatory links. */
export function accountRecord(account: GoamlAccount, context: ConvertContext, steps: readonly PropertyKey[], out: Yield): { account: Account; holder?: PartyOut } {
  const place = context.locate(steps);
  const rawId = account.account ?? account.iban;
  const id = rawId?.replace(/\s+/g, '');
  if (!id) throw new Violation(place, 'account', '', `<${String(steps.at(-1))}> has neither <account> nor <iban>`);
  const record: Account = { id, source: provenance(context, place) };
  const institution = account.institution_name ?? account.institution_code ?? account.swift;
  if (institution !== undefined) record.institution = institution;
  if (account.iban !== undefined) record.iban = account.iban.replace(/\s+/g, '');
  if (account.currency_code !== undefined) record.currency = currency(account.currency_code, () => context.locate([...steps, 'currency_code']), 'currency_code');
  const opened = optionalDate(account.opened, () => context.locate([...steps, 'opened']), 'opened');
  if (opened !== undefined) record.opened = opened;
  const closed = optionalDate(account.closed, () => context.locate([...steps, 'closed']), 'closed');
  if (closed !== undefined) record.closed = closed;

  let holder: PartyOut | undefined;
  if (account.t_entity) {
    holder = entityParty(account.t_entity, context, [...steps, 't_entity'], out);
    if (holder) {
      out.relationships.push({
        id: relationshipId('holder', holder.party.id, id),
        kind: 'holder',
        partyId: holder.party.id,
        partyName: holder.party.name,
        targetKind: 'account',
        targetId: id,
        source: provenance(context, context.locate([...steps, 't_entity'])),
      });
    }
  }
  const signatories = account.signatory ?? [];
  let primary: PartyOut | undefined;
  let primaryMarked = false;
  signatories.forEach((signatory, index) => {
    if (!signatory.t_person) return;
    const at = [...steps, 'signatory', index];
    const person = personParty(signatory.t_person, context, [...at, 't_person']);
    if (!person) return;
    out.parties.push(person.party);
    const isPrimary = signatory.is_primary !== undefined && TRUE_WORDS.has(signatory.is_primary.toUpperCase());
    // The first signatory marked primary holds the account; without one, the first signatory.
    if (isPrimary && !primaryMarked) {
      primary = person;
      primaryMarked = true;
    } else if (primary === undefined) primary = person;
    const link: Relationship = {
      id: relationshipId('signatory', person.party.id, id),
      kind: 'signatory',
      partyId: person.party.id,
      partyName: person.party.name,
      targetKind: 'account',
      targetId: id,
      source: provenance(context, context.locate(at)),
    };
    if (signatory.role !== undefined) link.role = signatory.role;
    out.relationships.push(link);
  });
  holder ??= primary;
  if (holder) {
    record.holderName = holder.party.name;
    if (holder.idNumber !== undefined) record.holderId = holder.idNumber;
  }
  out.accounts.push(record);
  return holder ? { account: record, holder } : { account: record };
}

/** One side of a payment as the transaction model needs it. */
interface Endpoint {
  account: string;
  partyName?: string;
  partyId?: string;
  bank?: string;
  country?: string;
  fundsChannel?: Channel;
  foreign?: GoamlForeignCurrency;
  foreignAt?: readonly PropertyKey[];
}

type Subject = { kind: 'account'; value: GoamlAccount; at: PropertyKey[] } | { kind: 'person'; value: GoamlPerson; at: PropertyKey[] } | { kind: 'entity'; value: GoamlEntity; at: PropertyKey[] };

/**
 * An endpoint from whatever stands on that side. A person or company paying
 * or paid without an account (cash at the counter) gets the account id
 * `PARTY:<party id>`, so the payment still has two ends on the chart.
 */
function endpoint(subject: Subject, conductor: { value: GoamlPerson; at: PropertyKey[] } | undefined, context: ConvertContext, out: Yield): Endpoint {
  if (subject.kind === 'account') {
    const { account, holder } = accountRecord(subject.value, context, subject.at, out);
    const who = holder ?? (conductor ? personParty(conductor.value, context, conductor.at) : undefined);
    if (conductor && who && who !== holder) out.parties.push(who.party);
    const result: Endpoint = { account: account.id };
    if (who) {
      result.partyName = who.party.name;
      if (who.idNumber !== undefined) result.partyId = who.idNumber;
    }
    if (account.institution !== undefined) result.bank = account.institution;
    return result;
  }
  const who = subject.kind === 'person' ? personParty(subject.value, context, subject.at) : entityParty(subject.value, context, subject.at, out);
  if (!who) throw new Violation(context.locate(subject.at), subject.kind, '', `the ${subject.kind} has no name and no identification`);
  if (subject.kind === 'person') out.parties.push(who.party);
  const result: Endpoint = { account: `PARTY:${who.party.id}`, partyName: who.party.name };
  if (who.idNumber !== undefined) result.partyId = who.idNumber;
  return result;
}

function fromSide(side: GoamlFromSide, at: PropertyKey[], context: ConvertContext, out: Yield): Endpoint {
  const subject: Subject = side.from_account
    ? { kind: 'account', value: side.from_account, at: [...at, 'from_account'] }
    : side.from_person
      ? { kind: 'person', value: side.from_person, at: [...at, 'from_person'] }
      : { kind: 'entity', value: side.from_entity as GoamlEntity, at: [...at, 'from_entity'] };
  const result = endpoint(subject, side.t_conductor ? { value: side.t_conductor, at: [...at, 't_conductor'] } : undefined, context, out);
  const place = country(side.from_country, context, () => context.locate([...at, 'from_country']));
  if (place !== undefined) result.country = place;
  const funds = context.codes.channel('funds', side.from_funds_code, () => context.locate([...at, 'from_funds_code']));
  if (funds !== undefined) result.fundsChannel = funds;
  if (side.from_foreign_currency) {
    result.foreign = side.from_foreign_currency;
    result.foreignAt = [...at, 'from_foreign_currency'];
  }
  return result;
}

function toSide(side: GoamlToSide, at: PropertyKey[], context: ConvertContext, out: Yield): Endpoint {
  const subject: Subject = side.to_account
    ? { kind: 'account', value: side.to_account, at: [...at, 'to_account'] }
    : side.to_person
      ? { kind: 'person', value: side.to_person, at: [...at, 'to_person'] }
      : { kind: 'entity', value: side.to_entity as GoamlEntity, at: [...at, 'to_entity'] };
  const result = endpoint(subject, undefined, context, out);
  const place = country(side.to_country, context, () => context.locate([...at, 'to_country']));
  if (place !== undefined) result.country = place;
  const funds = context.codes.channel('funds', side.to_funds_code, () => context.locate([...at, 'to_funds_code']));
  if (funds !== undefined) result.fundsChannel = funds;
  if (side.to_foreign_currency) {
    result.foreign = side.to_foreign_currency;
    result.foreignAt = [...at, 'to_foreign_currency'];
  }
  return result;
}

type SubjectHolder = Pick<GoamlInvolvedParty, 'person' | 'person_my_client' | 'account' | 'account_my_client' | 'entity' | 'entity_my_client'>;

function subjectOf(holder: SubjectHolder, at: PropertyKey[]): Subject {
  if (holder.account_my_client) return { kind: 'account', value: holder.account_my_client, at: [...at, 'account_my_client'] };
  if (holder.account) return { kind: 'account', value: holder.account, at: [...at, 'account'] };
  if (holder.person_my_client) return { kind: 'person', value: holder.person_my_client, at: [...at, 'person_my_client'] };
  if (holder.person) return { kind: 'person', value: holder.person, at: [...at, 'person'] };
  if (holder.entity_my_client) return { kind: 'entity', value: holder.entity_my_client, at: [...at, 'entity_my_client'] };
  return { kind: 'entity', value: holder.entity as GoamlEntity, at: [...at, 'entity'] };
}

function involvedSides(transaction: GoamlTransaction, context: ConvertContext, out: Yield): { from: Endpoint; to: Endpoint } {
  const parties = transaction.involved_parties?.party ?? [];
  let from: Endpoint | undefined;
  let to: Endpoint | undefined;
  parties.forEach((party, index) => {
    const at: PropertyKey[] = ['involved_parties', 'party', index];
    const role = context.codes.role(party.role, () => context.locate([...at, 'role']));
    const result = endpoint(subjectOf(party, at), undefined, context, out);
    const place = country(party.country, context, () => context.locate([...at, 'country']));
    if (place !== undefined) result.country = place;
    const funds = context.codes.channel('funds', party.funds_code, () => context.locate([...at, 'funds_code']));
    if (funds !== undefined) result.fundsChannel = funds;
    if (party.foreign_currency) {
      result.foreign = party.foreign_currency;
      result.foreignAt = [...at, 'foreign_currency'];
    }
    if (role === 'from') {
      if (from) throw new Violation(context.locate([...at, 'role']), 'role', party.role, 'more than one party stands on the sending side');
      from = result;
    } else if (role === 'to') {
      if (to) throw new Violation(context.locate([...at, 'role']), 'role', party.role, 'more than one party stands on the receiving side');
      to = result;
    }
  });
  const place = context.locate(['involved_parties']);
  if (!from) throw new Violation(place, 'role', '', 'no involved party has a sending role (the unit profile maps role codes to sides)');
  if (!to) throw new Violation(place, 'role', '', 'no involved party has a receiving role (the unit profile maps role codes to sides)');
  return { from, to };
}

/** The transaction and everything it names. Throws Violation when a value cannot be converted. */
export function convertTransaction(transaction: GoamlTransaction, context: ConvertContext): { transaction: Transaction; yielded: Yield } {
  const out: Yield = { parties: [], accounts: [], relationships: [] };
  const timestamp = parseGoamlDate(transaction.date_transaction);
  if (timestamp === undefined) throw new Violation(context.locate(['date_transaction']), 'date_transaction', transaction.date_transaction, `'${transaction.date_transaction}' is not a date (expected YYYY-MM-DDThh:mm:ss)`);
  const local = parseGoamlAmount(transaction.amount_local);
  if (local === undefined || local <= 0) throw new Violation(context.locate(['amount_local']), 'amount_local', transaction.amount_local, `'${transaction.amount_local}' is not a positive amount below 10^15 (expected digits with a '.' decimal point)`);

  let sides: { from: Endpoint; to: Endpoint };
  if (transaction.involved_parties) sides = involvedSides(transaction, context, out);
  else {
    const fromAt = transaction.t_from_my_client ? 't_from_my_client' : 't_from';
    const toAt = transaction.t_to_my_client ? 't_to_my_client' : 't_to';
    sides = {
      from: fromSide((transaction.t_from_my_client ?? transaction.t_from) as GoamlFromSide, [fromAt], context, out),
      to: toSide((transaction.t_to_my_client ?? transaction.t_to) as GoamlToSide, [toAt], context, out),
    };
  }
  const { from, to } = sides;

  // The amount as the customer moved it: the foreign currency when a side states one, else amount_local.
  let amount = local;
  let currencyCode = context.localCurrency;
  const foreign = from.foreign ?? to.foreign;
  const foreignAt = from.foreign ? from.foreignAt : to.foreignAt;
  if (foreign) {
    const foreignAmount = parseGoamlAmount(foreign.foreign_amount);
    if (foreignAmount === undefined || foreignAmount <= 0) throw new Violation(context.locate([...(foreignAt ?? []), 'foreign_amount']), 'foreign_amount', foreign.foreign_amount, `'${foreign.foreign_amount}' is not a positive amount below 10^15`);
    amount = foreignAmount;
    currencyCode = currency(foreign.foreign_currency_code, () => context.locate([...(foreignAt ?? []), 'foreign_currency_code']), 'foreign_currency_code');
  }

  const channel = context.codes.channel('transmode', transaction.transmode_code, () => context.locate(['transmode_code'])) ?? from.fundsChannel ?? to.fundsChannel ?? 'other';
  const record: Transaction = {
    id: transaction.transactionnumber,
    timestamp,
    fromAccount: from.account,
    toAccount: to.account,
    amount,
    currency: currencyCode,
    channel,
    source: provenance(context, context.locate([])),
  };
  if (transaction.transaction_description !== undefined) record.description = transaction.transaction_description;
  if (from.partyName !== undefined) record.fromPartyName = from.partyName;
  if (from.partyId !== undefined) record.fromPartyId = from.partyId;
  if (to.partyName !== undefined) record.toPartyName = to.partyName;
  if (to.partyId !== undefined) record.toPartyId = to.partyId;
  if (from.bank !== undefined) record.fromBank = from.bank;
  if (to.bank !== undefined) record.toBank = to.bank;
  if (from.country !== undefined) record.fromCountry = from.country;
  if (to.country !== undefined) record.toCountry = to.country;
  return { transaction: record, yielded: out };
}

/** A report party (activity reports): the subject enters the case with its accounts and links. */
export function convertReportParty(reportParty: GoamlReportParty, context: ConvertContext): Yield {
  const out: Yield = { parties: [], accounts: [], relationships: [] };
  const subject = subjectOf(reportParty, []);
  if (subject.kind === 'account') accountRecord(subject.value, context, subject.at, out);
  else if (subject.kind === 'entity') {
    if (!entityParty(subject.value, context, subject.at, out)) throw new Violation(context.locate(subject.at), 'entity', '', 'the entity has no name and no identification');
  } else {
    const person = personParty(subject.value, context, subject.at);
    if (!person) throw new Violation(context.locate(subject.at), 'person', '', 'the person has no name and no identification');
    out.parties.push(person.party);
  }
  return out;
}
