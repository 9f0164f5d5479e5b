import type { CaseDataset, Party } from '../../../shared/model';
import { foldName, normaliseId, normaliseIdNumber, type CheckDigitStatus } from '../../../shared/resolve';

export interface PartyFacts {
  accounts: number;
  transactions: number;
}

/**
 * How many accounts each party holds and how many transactions it takes part
 * in. A transaction side belongs to a party by its ID number, else by the
 * folded name written on it, else through the account's holder; an account by
 * its holder's ID number or name. One pass over the case.
 */
export function partyFacts(dataset: CaseDataset): Map<string, PartyFacts> {
  const byNumber = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const party of dataset.parties) {
    if (party.idNumber && !byNumber.has(normaliseIdNumber(party.idNumber))) byNumber.set(normaliseIdNumber(party.idNumber), party.id);
    // Some files name a party by its party id ("CC:39439567") where others write the bare number.
    byNumber.set(party.id, party.id);
    const folded = foldName(party.name);
    if (folded && !byName.has(folded)) byName.set(folded, party.id);
  }
  const foldedCache = new Map<string, string>();
  const nameOwner = (name: string | undefined): string | undefined => {
    if (!name) return undefined;
    let folded = foldedCache.get(name);
    if (folded === undefined) {
      folded = foldName(name);
      foldedCache.set(name, folded);
    }
    return byName.get(folded);
  };
  const owner = (idNumber: string | undefined, name: string | undefined): string | undefined =>
    (idNumber ? (byNumber.get(idNumber) ?? byNumber.get(normaliseIdNumber(idNumber))) : undefined) ?? nameOwner(name);

  const accountsOf = new Map<string, Set<string>>();
  const transactionsOf = new Map<string, number>();
  const holderOf = new Map<string, string>();
  const holds = (partyId: string | undefined, account: string) => {
    if (!partyId) return;
    const set = accountsOf.get(partyId) ?? new Set<string>();
    set.add(account);
    accountsOf.set(partyId, set);
  };
  for (const account of dataset.accounts) {
    const partyId = owner(account.holderId, account.holderName);
    if (partyId) holderOf.set(account.id, partyId);
    holds(partyId, account.id);
  }
  for (const tx of dataset.transactions) {
    const from = owner(tx.fromPartyId, tx.fromPartyName) ?? holderOf.get(tx.fromAccount);
    const to = owner(tx.toPartyId, tx.toPartyName) ?? holderOf.get(tx.toAccount);
    holds(from, tx.fromAccount);
    holds(to, tx.toAccount);
    if (from) transactionsOf.set(from, (transactionsOf.get(from) ?? 0) + 1);
    if (to && to !== from) transactionsOf.set(to, (transactionsOf.get(to) ?? 0) + 1);
  }
  const facts = new Map<string, PartyFacts>();
  for (const party of dataset.parties) facts.set(party.id, { accounts: accountsOf.get(party.id)?.size ?? 0, transactions: transactionsOf.get(party.id) ?? 0 });
  return facts;
}

export interface IdDisplay {
  type?: string;
  number: string;
  checkDigit: CheckDigitStatus;
  note?: string;
}

export function idDisplay(party: Pick<Party, 'idNumber' | 'idType'>): IdDisplay | undefined {
  if (!party.idNumber) return undefined;
  const id = normaliseId(party.idNumber, party.idType);
  return { ...(id.type ? { type: id.type } : {}), number: id.number, checkDigit: id.checkDigit, ...(id.note ? { note: id.note } : {}) };
}

/** Search text of a party and its source records: folded names and bare ID numbers, so "munoz 1020" finds "MUÑOZ, José — 1.020.345.678". */
export function searchText(records: readonly Party[]): string {
  const parts: string[] = [];
  for (const record of records) {
    parts.push(foldName(record.name));
    if (record.idNumber) parts.push(normaliseIdNumber(record.idNumber).toLowerCase());
  }
  return parts.join(' ');
}

export function matchesSearch(text: string, query: string): boolean {
  const terms = query
    .split(/\s+/)
    .map((term) => (/\d/.test(term) ? normaliseIdNumber(term).toLowerCase() : foldName(term)))
    .filter((term) => term !== '');
  return terms.every((term) => text.includes(term));
}
