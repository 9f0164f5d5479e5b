import type { z } from 'zod';
import { CHANNELS, ID_TYPES, type Account, type Channel, type IdType, type Party, type QuarantineEntry, type Transaction } from '../../model';
import { foldName, normaliseIdNumber } from '../../resolve';
import { relationshipId, type Relationship, type RelationshipKind } from '../relationships';
import { parseGoamlDate } from '../goaml/convert';
import { caudalKeyOf } from './ids';
import { MAX_LINE_CHARS } from '../../import/chunker';
import { CHANNEL_SUMMARY, DERIVED_KEYWORD, FTM_PARTY_SCHEMATA, FtmEntitySchema, type FtmEntity } from './schema';

/**
 * FtM JSON lines into Caudal's records. Entities may point at entities later
 * in the file, so the file's entities are read first and joined after; an FtM
 * export of a case is a few hundred MB at most, unlike a bank's bulk file.
 * Ids Caudal wrote are decoded back to its keys (a round trip keeps every key);
 * anyone else's entities get keys the way CSV import makes them.
 */
export interface FtmImportOutcome {
  parties: Party[];
  accounts: Account[];
  transactions: Transaction[];
  relationships: Relationship[];
  quarantine: QuarantineEntry[];
  counts: { read: number; imported: number; quarantined: number; ignored: number };
}

interface Located {
  entity: FtmEntity;
  line: number;
}

const first = (entity: FtmEntity, property: string): string | undefined => entity.properties[property]?.find((value) => value.trim() !== '')?.trim();
const isDerived = (entity: FtmEntity) => (entity.properties.keywords ?? []).includes(DERIVED_KEYWORD);
const upperCountry = (value: string | undefined) => (value !== undefined && /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : undefined);
const isIdType = (value: string | undefined): value is IdType => value !== undefined && (ID_TYPES as readonly string[]).includes(value);

/** Longest property value taken: the CSV engine's line cap (a name or number of a megabyte is not one). */
const MAX_FTM_VALUE_CHARS = MAX_LINE_CHARS;

class Skip extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An FtM file is read whole (entities point forward); past this size it is
 * refused before being read: a few hundred MB is a large case export, and a
 * string of 512 MB is past what the JavaScript engine can hold at all.
 */
export const MAX_FTM_FILE_BYTES = 256 * 1024 * 1024;

/** The refusal for an FtM file too large to read whole, in English and Spanish; undefined when it fits. */
export function ftmFileTooLarge(fileName: string, size: number): { en: string; es: string } | undefined {
  if (size <= MAX_FTM_FILE_BYTES) return undefined;
  const mb = (size / 1048576).toFixed(0);
  const limit = MAX_FTM_FILE_BYTES / 1048576;
  return {
    en: `${fileName}: an FtM file is read whole and this one is ${mb} MB (limit ${limit} MB); split it (one file per case or per schema) and import the parts`,
    es: `${fileName}: un archivo FtM se lee entero y este pesa ${mb} MB (límite ${limit} MB); divídalo (un archivo por caso o por esquema) e importe las partes`,
  };
}

export function importFtmLines(text: string, options: { sha256: string; fileName: string }): FtmImportOutcome {
  const { sha256, fileName } = options;
  const quarantine: QuarantineEntry[] = [];
  const counts = { read: 0, imported: 0, quarantined: 0, ignored: 0 };
  const skip = (line: number, id: string, field: string, value: string, reason: string) => {
    counts.quarantined += 1;
    quarantine.push({ file: fileName, line, column: id, field, value, reason, code: 'ftm' });
  };

  const byId = new Map<string, Located>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    counts.read += 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      return skip(line, '', 'json', raw.slice(0, 80), `not a JSON object: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = FtmEntitySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as z.core.$ZodIssue;
      return skip(line, '', issue.path.join('.') || 'entity', '', `${issue.path.join('.') || 'entity'} ${issue.message}`);
    }
    // Property names come from the file: a null-prototype record makes "__proto__" or "constructor" plain keys
    // (on an ordinary object "__proto__" read back the prototype and crashed the merge below, with no line named).
    const properties: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const [key, values] of Object.entries(parsed.data.properties)) {
      const long = values.find((value) => value.length > MAX_FTM_VALUE_CHARS);
      if (long !== undefined) return skip(line, parsed.data.id, `properties.${key}`, long.slice(0, 80), `properties.${key} holds a value of ${long.length.toLocaleString('en')} characters; the limit is ${MAX_FTM_VALUE_CHARS.toLocaleString('en')}`);
      properties[key] = values;
    }
    // The same id twice: FtM fragments of one entity; their properties are merged, appending in place
    // (copying the list at each fragment made 80,000 fragments of one id take 40 s).
    const existing = byId.get(parsed.data.id);
    if (existing) {
      for (const [key, values] of Object.entries(properties)) {
        const merged = (existing.entity.properties[key] ??= []);
        for (const value of values) merged.push(value);
      }
      counts.read -= 1;
      return;
    }
    byId.set(parsed.data.id, { entity: { ...parsed.data, properties }, line });
  });

  const provenance = (line: number) => ({ file: sha256, line });
  const typeOfHolder = new Map<string, IdType>();
  for (const { entity } of byId.values()) {
    if (entity.schema !== 'Identification') continue;
    const holder = first(entity, 'holder');
    const type = first(entity, 'type')?.toUpperCase();
    if (holder && isIdType(type)) typeOfHolder.set(holder, type);
  }

  const idNumberOf = (entity: FtmEntity) => first(entity, 'idNumber') ?? first(entity, 'registrationNumber') ?? first(entity, 'taxNumber') ?? first(entity, 'passportNumber');
  const partyKeys = new Map<string, string>();
  /** The Caudal key of a party entity: decoded when Caudal wrote it, else built as CSV import builds it. */
  const partyKey = (entity: FtmEntity): string => {
    const known = partyKeys.get(entity.id);
    if (known) return known;
    let key = caudalKeyOf(entity.id, 'party');
    if (key === undefined) {
      const raw = idNumberOf(entity);
      const idNumber = raw === undefined ? '' : normaliseIdNumber(raw);
      const name = first(entity, 'name') ?? '';
      key = idNumber !== '' ? `${typeOfHolder.get(entity.id) ?? 'OTHER'}:${idNumber}` : `NAME:${foldName(name) || name.toUpperCase()}`;
    }
    partyKeys.set(entity.id, key);
    return key;
  };
  const accountKey = (entity: FtmEntity): string | undefined => caudalKeyOf(entity.id, 'account') ?? first(entity, 'accountNumber')?.replace(/\s+/g, '') ?? first(entity, 'iban')?.replace(/\s+/g, '');
  const date = (value: string | undefined, field: string): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = parseGoamlDate(value);
    if (parsed === undefined) throw new Skip(field, value, `'${value}' is not an ISO date`);
    return parsed;
  };

  const parties: Party[] = [];
  const accounts: Account[] = [];
  const transactions: Transaction[] = [];
  const relationships: Relationship[] = [];
  // Account holders: Caudal's own (derived) Ownership first, else anyone's Ownership of the account.
  const derivedHolder = new Map<string, FtmEntity>();
  const statedOwner = new Map<string, FtmEntity>();
  for (const { entity } of byId.values()) {
    if (entity.schema !== 'Ownership') continue;
    const asset = first(entity, 'asset');
    const owner = byId.get(first(entity, 'owner') ?? '')?.entity;
    if (!asset || !owner) continue;
    if (isDerived(entity)) derivedHolder.set(asset, owner);
    else if (!statedOwner.has(asset)) statedOwner.set(asset, owner);
  }

  for (const { entity, line } of byId.values()) {
    try {
      if (FTM_PARTY_SCHEMATA.has(entity.schema)) {
        if (isDerived(entity)) {
          counts.ignored += 1;
          continue;
        }
        const name = first(entity, 'name');
        if (name === undefined) throw new Skip('name', '', `${entity.schema} without a name`);
        const rawId = idNumberOf(entity);
        const party: Party = { id: partyKey(entity), name, kind: entity.schema === 'Person' ? 'person' : 'company', pep: (entity.properties.topics ?? []).some((topic) => topic.startsWith('role.pep')), source: provenance(line) };
        const idType = typeOfHolder.get(entity.id);
        if (idType) party.idType = idType;
        if (rawId !== undefined) party.idNumber = caudalKeyOf(entity.id, 'party') !== undefined ? rawId : normaliseIdNumber(rawId);
        const nationality = upperCountry(first(entity, 'nationality') ?? first(entity, 'jurisdiction') ?? first(entity, 'country'));
        if (nationality) party.nationality = nationality;
        const birthDate = date(first(entity, 'birthDate'), 'birthDate');
        if (birthDate !== undefined) party.birthDate = birthDate;
        parties.push(party);
      } else if (entity.schema === 'BankAccount') {
        if (isDerived(entity)) {
          counts.ignored += 1;
          continue;
        }
        const id = accountKey(entity);
        if (id === undefined) throw new Skip('accountNumber', '', 'BankAccount without accountNumber or iban');
        const account: Account = { id, source: provenance(line) };
        const bank = first(entity, 'bankName');
        if (bank) account.institution = bank;
        const iban = first(entity, 'iban');
        if (iban) account.iban = iban.replace(/\s+/g, '');
        const currency = first(entity, 'currency')?.toUpperCase();
        if (currency && /^[A-Z]{3}$/.test(currency)) account.currency = currency;
        const country = upperCountry(first(entity, 'country'));
        if (country) account.country = country;
        const opened = date(first(entity, 'openingDate'), 'openingDate');
        if (opened !== undefined) account.opened = opened;
        const closed = date(first(entity, 'closingDate'), 'closingDate');
        if (closed !== undefined) account.closed = closed;
        const holder = derivedHolder.get(entity.id) ?? statedOwner.get(entity.id);
        if (holder) {
          const holderName = first(holder, 'name');
          const holderId = idNumberOf(holder);
          if (holderName) account.holderName = holderName;
          if (holderId) account.holderId = holderId;
        }
        accounts.push(account);
      } else if (entity.schema === 'Payment') {
        transactions.push(payment(entity, line));
      } else if (entity.schema === 'Ownership' || entity.schema === 'Directorship' || entity.schema === 'Representation') {
        if (isDerived(entity)) {
          counts.ignored += 1;
          continue;
        }
        relationships.push(link(entity, line));
      } else {
        counts.ignored += 1;
        continue;
      }
      counts.imported += 1;
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      skip(line, entity.id, error.field, error.value, `${entity.schema} ${entity.id}: ${error.message}`);
    }
  }
  return { parties, accounts, transactions, relationships, quarantine, counts };

  function side(entity: FtmEntity, partyProperty: string, accountProperty: string) {
    const party = byId.get(first(entity, partyProperty) ?? '')?.entity;
    const account = byId.get(first(entity, accountProperty) ?? '')?.entity;
    const accountId = account ? accountKey(account) : undefined;
    if (accountId === undefined && party === undefined) throw new Skip(partyProperty, '', `neither ${partyProperty} nor ${accountProperty} names an entity in the file`);
    return {
      account: accountId ?? `PARTY:${partyKey(party as FtmEntity)}`,
      partyName: party ? first(party, 'name') : undefined,
      partyId: party ? idNumberOf(party) : undefined,
      bank: account ? first(account, 'bankName') : undefined,
      country: account ? upperCountry(first(account, 'country')) : undefined,
    };
  }

  function payment(entity: FtmEntity, line: number): Transaction {
    const amountText = first(entity, 'amount');
    const amount = amountText === undefined ? NaN : Number(amountText);
    if (!(amount > 0) || !Number.isFinite(amount)) throw new Skip('amount', amountText ?? '', 'amount is missing or not a positive number');
    const currency = first(entity, 'currency')?.toUpperCase();
    if (!currency || !/^[A-Z]{3}$/.test(currency)) throw new Skip('currency', currency ?? '', 'currency is missing or not an ISO 4217 code');
    const timestamp = date(first(entity, 'date') ?? first(entity, 'startDate'), 'date');
    if (timestamp === undefined) throw new Skip('date', '', 'date is missing');
    const from = side(entity, 'payer', 'payerAccount');
    const to = side(entity, 'beneficiary', 'beneficiaryAccount');
    const channelText = (entity.properties.summary ?? []).find((value) => value.startsWith(CHANNEL_SUMMARY))?.slice(CHANNEL_SUMMARY.length);
    const channel: Channel = (CHANNELS as readonly string[]).includes(channelText ?? '') ? (channelText as Channel) : 'other';
    const t: Transaction = {
      id: first(entity, 'transactionNumber') ?? caudalKeyOf(entity.id, 'tx') ?? entity.id,
      timestamp,
      fromAccount: from.account,
      toAccount: to.account,
      amount,
      currency,
      channel,
      source: provenance(line),
    };
    const purpose = first(entity, 'purpose');
    if (purpose) t.description = purpose;
    if (from.partyName) t.fromPartyName = from.partyName;
    if (from.partyId) t.fromPartyId = from.partyId;
    if (to.partyName) t.toPartyName = to.partyName;
    if (to.partyId) t.toPartyId = to.partyId;
    if (from.bank) t.fromBank = from.bank;
    if (to.bank) t.toBank = to.bank;
    if (from.country) t.fromCountry = from.country;
    if (to.country) t.toCountry = to.country;
    return t;
  }

  function link(entity: FtmEntity, line: number): Relationship {
    const [kind, partyProperty, targetProperties]: [RelationshipKind, string, string[]] =
      entity.schema === 'Ownership' ? ['holder', 'owner', ['asset']] : entity.schema === 'Directorship' ? ['director', 'director', ['organization']] : ['signatory', 'agent', ['recordId', 'client']];
    const party = byId.get(first(entity, partyProperty) ?? '')?.entity;
    if (!party) throw new Skip(partyProperty, first(entity, partyProperty) ?? '', `${partyProperty} names no entity in the file`);
    const target = targetProperties.map((property) => byId.get(first(entity, property) ?? '')?.entity).find((found) => found !== undefined);
    if (!target) throw new Skip(targetProperties[0] as string, '', `${targetProperties.join(' or ')} names no entity in the file`);
    const targetIsAccount = target.schema === 'BankAccount';
    const partyId = partyKey(party);
    const targetId = targetIsAccount ? accountKey(target) : partyKey(target);
    if (targetId === undefined) throw new Skip(targetProperties[0] as string, target.id, 'the account has no number');
    const relationship: Relationship = {
      id: caudalKeyOf(entity.id, 'link') ?? relationshipId(kind, partyId, targetId),
      kind,
      partyId,
      partyName: first(entity, 'summary') ?? first(party, 'name') ?? partyId,
      targetKind: targetIsAccount ? 'account' : 'party',
      targetId,
      source: provenance(line),
    };
    const targetName = first(entity, 'description');
    if (targetName) relationship.targetName = targetName;
    const role = first(entity, 'role');
    if (role) relationship.role = role;
    return relationship;
  }
}
