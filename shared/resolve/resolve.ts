import type { Account, CaseDataset, Party, Transaction } from '../model/records';
import { normaliseId, normaliseIdNumber, type CheckDigitStatus } from './ids';
import { coreNameTokens, foldName } from './names';
import { nameSimilarity } from './similarity';
import { screeningNameMatches } from './screeningNames';

const CHECK_RANK: Record<CheckDigitStatus, number> = { valid: 0, unchecked: 1, 'no-scheme': 1, invalid: 2 };

function identityKey(party: Party): { key: string; checkDigit: CheckDigitStatus } | undefined {
  if (!party.idNumber) return undefined;
  const id = normaliseId(party.idNumber, party.idType);
  return { key: id.key, checkDigit: id.checkDigit };
}

/** Deterministic order: a verified, typed ID first, then the earliest source (file hash, line), then id. */
function preferred(a: Party, b: Party): number {
  const ka = identityKey(a);
  const kb = identityKey(b);
  const check = CHECK_RANK[ka?.checkDigit ?? 'unchecked'] - CHECK_RANK[kb?.checkDigit ?? 'unchecked'];
  if (check !== 0) return check;
  const typed = Number(!a.idType || a.idType === 'OTHER') - Number(!b.idType || b.idType === 'OTHER');
  if (typed !== 0) return typed;
  if (a.source.file !== b.source.file) return a.source.file < b.source.file ? -1 : 1;
  if (a.source.line !== b.source.line) return a.source.line - b.source.line;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One party from several records of it: the kept record's values first, gaps filled from the others. */
function combine(keep: Party, others: readonly Party[]): Party {
  const merged: Party = { ...keep };
  for (const other of others) {
    if (merged.idType === undefined || merged.idType === 'OTHER') {
      if (other.idType !== undefined && other.idType !== 'OTHER') merged.idType = other.idType;
    }
    if (merged.idNumber === undefined && other.idNumber !== undefined) merged.idNumber = other.idNumber;
    if (merged.nationality === undefined && other.nationality !== undefined) merged.nationality = other.nationality;
    if (merged.birthDate === undefined && other.birthDate !== undefined) merged.birthDate = other.birthDate;
    if (other.pep) merged.pep = true;
    if (other.kind === 'company') merged.kind = 'company';
  }
  return merged;
}

export interface ResolvedParties {
  /** One record per real party, in first-seen order of each group's kept record. */
  parties: Party[];
  /** Every merged-away party id → the id kept for it. */
  aliases: Record<string, string>;
}

/**
 * Merges records of the same party across files: same normalised ID number
 * (dots, dashes, NIT check digit and ID type aside), so "NIT 900.123.456-7"
 * from one bank and "OTHER 900123456" from another become one party. The
 * result does not depend on input order. Parties without an ID are never
 * merged here; `proposeDuplicates` suggests those for the analyst.
 */
export function resolveParties(parties: readonly Party[]): ResolvedParties {
  const groups = new Map<string, Party[]>();
  const order: string[] = [];
  for (const party of [...parties].sort(preferred)) {
    const identity = identityKey(party);
    const groupKey = identity ? `id:${identity.key}` : `party:${party.id}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = [];
      groups.set(groupKey, group);
      order.push(groupKey);
    }
    group.push(party);
  }
  const resolved: Party[] = [];
  const aliases: Record<string, string> = {};
  for (const groupKey of order) {
    const group = groups.get(groupKey) as Party[];
    const [keep, ...others] = group as [Party, ...Party[]];
    resolved.push(combine(keep, others));
    for (const other of others) if (other.id !== keep.id) aliases[other.id] = keep.id;
  }
  return { parties: resolved, aliases };
}

export type DuplicateReason = 'same-id-number' | 'similar-name' | 'shared-account';

export interface DuplicateProposal {
  /** The party to keep (the better-documented record). */
  keepId: string;
  mergeIds: string[];
  reason: DuplicateReason;
  /** 0..1, higher is more likely the same party. */
  score: number;
  /** Human explanation, e.g. "names 'José Muñoz' and 'JOSE MUNOZ' match 100%". */
  detail: string;
}

const NAME_THRESHOLD = 0.85;
/** Tokens this common ("maria", "sas") block nothing useful and would compare everyone with everyone. */
const MAX_BLOCK = 300;

function proposal(a: Party, b: Party, reason: DuplicateReason, score: number, detail: string): DuplicateProposal {
  const [keep, merge] = preferred(a, b) <= 0 ? [a, b] : [b, a];
  return { keepId: keep.id, mergeIds: [merge.id], reason, score: Math.round(score * 1000) / 1000, detail };
}

/**
 * Likely duplicates for the analyst to confirm, each with its reason: the
 * same ID number written differently, similar names (token similarity), or
 * one account held by two party records. Nothing is merged here. Sorted by
 * score, then ids, so the list is stable.
 */
export function proposeDuplicates(parties: readonly Party[], accounts: readonly Account[], transactions: readonly Transaction[]): DuplicateProposal[] {
  const proposals = new Map<string, DuplicateProposal>();
  const add = (candidate: DuplicateProposal) => {
    const pairKey = [candidate.keepId, ...candidate.mergeIds].sort().join('\u0000');
    const existing = proposals.get(pairKey);
    if (!existing || existing.score < candidate.score) proposals.set(pairKey, candidate);
  };
  const byId = new Map(parties.map((party) => [party.id, party]));

  // 1. Same ID number, different records (formatting, type or check digit aside).
  const byKey = new Map<string, Party[]>();
  for (const party of parties) {
    const identity = identityKey(party);
    if (!identity) continue;
    const list = byKey.get(identity.key) ?? [];
    list.push(party);
    byKey.set(identity.key, list);
  }
  for (const [key, group] of byKey) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as Party;
        const b = group[j] as Party;
        if (a.id === b.id) continue;
        add(proposal(a, b, 'same-id-number', 1, `both carry ID number ${key} ('${a.idNumber}' and '${b.idNumber}')`));
      }
    }
  }

  // 2. Similar names, blocked by shared name tokens.
  const tokensOf = new Map(parties.map((party) => [party.id, coreNameTokens(party.name)]));
  const blocks = new Map<string, Party[]>();
  for (const party of parties) {
    for (const token of new Set(tokensOf.get(party.id))) {
      if (token.length < 3) continue;
      const block = blocks.get(token) ?? [];
      block.push(party);
      blocks.set(token, block);
    }
  }
  const compared = new Set<string>();
  for (const block of blocks.values()) {
    if (block.length > MAX_BLOCK) continue;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i] as Party;
        const b = block[j] as Party;
        if (a.id === b.id) continue;
        const pairKey = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
        if (compared.has(pairKey)) continue;
        compared.add(pairKey);
        if (a.kind !== b.kind) continue;
        const ka = identityKey(a);
        const kb = identityKey(b);
        // Two different verified registrations are two parties, however alike their names.
        if (ka && kb && ka.key !== kb.key) continue;
        const score = nameSimilarity(a.name, b.name);
        if (score >= NAME_THRESHOLD) {
          add(proposal(a, b, 'similar-name', score * 0.9, `names '${a.name}' and '${b.name}' match ${Math.round(score * 100)}% (${foldName(a.name)} / ${foldName(b.name)})`));
        }
      }
    }
  }

  for (const [a, b, score, detail] of screeningNameMatches(parties)) add(proposal(a, b, 'similar-name', score, detail));

  // 3. One account, several holders: from the accounts file and from who moves money through it.
  const partyByKey = new Map<string, Party>();
  const partyByName = new Map<string, Party>();
  for (const party of [...parties].sort(preferred)) {
    const identity = identityKey(party);
    if (identity && !partyByKey.has(identity.key)) partyByKey.set(identity.key, party);
    const folded = foldName(party.name);
    if (!partyByName.has(folded)) partyByName.set(folded, party);
  }
  const partyFor = (idNumber: string | undefined, name: string | undefined): Party | undefined => {
    if (idNumber) {
      const party = partyByKey.get(normaliseId(idNumber).key) ?? partyByKey.get(normaliseIdNumber(idNumber));
      if (party) return party;
    }
    return name ? partyByName.get(foldName(name)) : undefined;
  };
  const holders = new Map<string, Set<string>>();
  const hold = (account: string, party: Party | undefined) => {
    if (!party) return;
    const set = holders.get(account) ?? new Set<string>();
    set.add(party.id);
    holders.set(account, set);
  };
  for (const account of accounts) hold(account.id, partyFor(account.holderId, account.holderName));
  for (const transaction of transactions) {
    hold(transaction.fromAccount, partyFor(transaction.fromPartyId, transaction.fromPartyName));
    hold(transaction.toAccount, partyFor(transaction.toPartyId, transaction.toPartyName));
  }
  for (const [account, ids] of holders) {
    if (ids.size < 2 || ids.size > 5) continue;
    const list = [...ids].sort();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = byId.get(list[i] as string) as Party;
        const b = byId.get(list[j] as string) as Party;
        const similarity = nameSimilarity(a.name, b.name);
        add(proposal(a, b, 'shared-account', 0.5 + 0.4 * similarity, `both appear as holder of account ${account}`));
      }
    }
  }

  return [...proposals.values()].sort((x, y) => y.score - x.score || x.keepId.localeCompare(y.keepId) || (x.mergeIds[0] ?? '').localeCompare(y.mergeIds[0] ?? ''));
}

/**
 * Applies a merge the analyst confirmed: the kept party absorbs the others'
 * missing details, and every transaction, account and shipment that named a
 * merged party's ID number now names the kept one's. Returns a new dataset;
 * the input is not modified.
 */
export function mergeParties(dataset: CaseDataset, keepId: string, mergeIds: readonly string[]): CaseDataset {
  const keep = dataset.parties.find((party) => party.id === keepId);
  if (!keep) throw new Error(`Cannot merge: party ${keepId} is not in the case.`);
  const merging = dataset.parties.filter((party) => mergeIds.includes(party.id) && party.id !== keepId);
  if (merging.length === 0) return dataset;
  const merged = combine(keep, merging);
  const keepNumber = merged.idNumber;
  const renamed = new Set<string>();
  for (const party of merging) {
    if (party.idNumber) renamed.add(normaliseIdNumber(party.idNumber));
  }
  const rename = (value: string | undefined): string | undefined => (value !== undefined && keepNumber !== undefined && renamed.has(normaliseIdNumber(value)) ? keepNumber : value);
  const mergedIds = new Set(merging.map((party) => party.id));

  const transactions = dataset.transactions.map((transaction) => {
    const fromPartyId = rename(transaction.fromPartyId);
    const toPartyId = rename(transaction.toPartyId);
    if (fromPartyId === transaction.fromPartyId && toPartyId === transaction.toPartyId) return transaction;
    const updated: Transaction = { ...transaction };
    if (fromPartyId !== undefined) updated.fromPartyId = fromPartyId;
    if (toPartyId !== undefined) updated.toPartyId = toPartyId;
    return updated;
  });
  const accounts = dataset.accounts.map((account) => {
    const holderId = rename(account.holderId);
    return holderId === account.holderId || holderId === undefined ? account : { ...account, holderId };
  });
  const shipments = dataset.shipments.map((shipment) => {
    const exporterId = rename(shipment.exporterId);
    const importerId = rename(shipment.importerId);
    if (exporterId === shipment.exporterId && importerId === shipment.importerId) return shipment;
    return { ...shipment, ...(exporterId !== undefined ? { exporterId } : {}), ...(importerId !== undefined ? { importerId } : {}) };
  });
  const parties = dataset.parties.filter((party) => !mergedIds.has(party.id)).map((party) => (party.id === keepId ? merged : party));
  return { transactions, parties, accounts, shipments };
}

