import type { Account, CaseDataset, Party, Shipment, Transaction } from '../model';
import { normaliseId, normaliseIdNumber } from './ids';
import { foldName } from './names';
import { mergeParties, resolveParties } from './resolve';

/*
 * Party resolution over a whole case: the one owner of the rule, run by the
 * app (renderer/db/dataset.ts, the entities view) and by the CLI alike, so
 * both detect on the same resolved parties. (Moved here from
 * renderer/features/entities/resolution.ts, issue 10.)
 */

/** What resolution needs of an analyst's decision (a PartyMergeRow, see renderer/db/schema.ts). */
export interface MergeDecision {
  decision: 'merged' | 'rejected';
  keepId: string;
  mergedIds: readonly string[];
  confirmedAt: number;
}

export interface ResolvedCase {
  dataset: CaseDataset;
  /** Resolved party id → every source record folded into it (itself included), in file order: provenance. */
  members: Map<string, Party[]>;
  /** Source party id → the resolved party id it now belongs to. */
  resolvedIdOf: Map<string, string>;
  /** Source records merged automatically because they carry the same ID number. */
  automaticallyMerged: number;
}

type IdRenames = Map<string, string>;

/** Characters normaliseIdNumber removes; the importer already stored most values without them. */
const ID_SEPARATOR = /[\s.\-/_,]/;

function renamer(renames: IdRenames): (value: string | undefined) => string | undefined {
  return (value) => {
    if (value === undefined) return value;
    const direct = renames.get(value);
    if (direct !== undefined) return direct;
    if (!ID_SEPARATOR.test(value)) return value.toUpperCase() === value ? value : (renames.get(value.toUpperCase()) ?? value);
    return renames.get(normaliseIdNumber(value)) ?? value;
  };
}

/** One pass over the case: every ID number of a merged-away record now reads as the kept party's. */
function renameIdNumbers(dataset: CaseDataset, renames: IdRenames): CaseDataset {
  if (renames.size === 0) return dataset;
  const rename = renamer(renames);
  const transactions = dataset.transactions.map((tx): Transaction => {
    const fromPartyId = rename(tx.fromPartyId);
    const toPartyId = rename(tx.toPartyId);
    if (fromPartyId === tx.fromPartyId && toPartyId === tx.toPartyId) return tx;
    return { ...tx, ...(fromPartyId !== undefined ? { fromPartyId } : {}), ...(toPartyId !== undefined ? { toPartyId } : {}) };
  });
  const accounts = dataset.accounts.map((account): Account => {
    const holderId = rename(account.holderId);
    return holderId === account.holderId || holderId === undefined ? account : { ...account, holderId };
  });
  const shipments = dataset.shipments.map((shipment): Shipment => {
    const exporterId = rename(shipment.exporterId);
    const importerId = rename(shipment.importerId);
    if (exporterId === shipment.exporterId && importerId === shipment.importerId) return shipment;
    return { ...shipment, ...(exporterId !== undefined ? { exporterId } : {}), ...(importerId !== undefined ? { importerId } : {}) };
  });
  return { ...dataset, transactions, accounts, shipments };
}

/**
 * Records the analyst merged that carry no ID number are named on transactions
 * and accounts by name only; once merged into a party that has an ID, those
 * sides name the party's ID too, so the chart draws one node for them.
 */
function attachNamedSides(dataset: CaseDataset, idByFoldedName: Map<string, string>): CaseDataset {
  if (idByFoldedName.size === 0) return dataset;
  const folded = new Map<string, string>();
  const idFor = (name: string | undefined): string | undefined => {
    if (name === undefined) return undefined;
    let key = folded.get(name);
    if (key === undefined) {
      key = foldName(name);
      folded.set(name, key);
    }
    return idByFoldedName.get(key);
  };
  const transactions = dataset.transactions.map((tx): Transaction => {
    const fromPartyId = tx.fromPartyId ?? idFor(tx.fromPartyName);
    const toPartyId = tx.toPartyId ?? idFor(tx.toPartyName);
    if (fromPartyId === tx.fromPartyId && toPartyId === tx.toPartyId) return tx;
    return { ...tx, ...(fromPartyId !== undefined ? { fromPartyId } : {}), ...(toPartyId !== undefined ? { toPartyId } : {}) };
  });
  const accounts = dataset.accounts.map((account): Account => {
    if (account.holderId !== undefined) return account;
    const holderId = idFor(account.holderName);
    return holderId === undefined ? account : { ...account, holderId };
  });
  return { ...dataset, transactions, accounts };
}

/**
 * resolveParties, run only over the records that share an identity with
 * another: it sorts every record it is given by a key it recomputes per
 * comparison (≈0.8 s for 22,000 parties), and a record alone in its group
 * comes out unchanged, so the result is the same. Grouping as resolveParties
 * does: normalised ID number, else the party id.
 */
function resolveSharedIdentities(parties: readonly Party[]): ReturnType<typeof resolveParties> {
  const groupOf = (party: Party) => (party.idNumber ? `id:${normaliseId(party.idNumber, party.idType).key}` : `party:${party.id}`);
  const sizes = new Map<string, number>();
  const keys = parties.map((party) => {
    const key = groupOf(party);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    return key;
  });
  const shared = parties.filter((_, index) => (sizes.get(keys[index] as string) ?? 0) > 1);
  if (shared.length === 0) return { parties: [...parties], aliases: {} };
  const resolved = resolveParties(shared);
  // By id, not by group key: the kept record may have taken a better ID type from the others, which can change its key.
  const resolvedById = new Map(resolved.parties.map((party) => [party.id, party]));
  const out: Party[] = [];
  const emitted = new Set<string>();
  parties.forEach((party, index) => {
    const key = keys[index] as string;
    if ((sizes.get(key) ?? 0) <= 1) out.push(party);
    else if (!emitted.has(key)) {
      emitted.add(key);
      const kept = resolvedById.get(resolved.aliases[party.id] ?? party.id);
      if (kept) out.push(kept);
    }
  });
  return { parties: out, aliases: resolved.aliases };
}

/**
 * The case as the analyst works on it: records of the same party across files
 * (same normalised ID number) become one party automatically, then the
 * analyst's confirmed merges apply in the order they were confirmed. Party
 * ids named on transactions, accounts and shipments follow, so the chart,
 * detectors and exports all see one party. Rejected decisions change nothing
 * here (they only silence proposals). Pure and deterministic: the same raw
 * case and decisions always give the same result, in the raw parties' order.
 */
export function resolveCaseDataset(raw: CaseDataset, decisions: readonly MergeDecision[]): ResolvedCase {
  const automatic = resolveSharedIdentities(raw.parties);
  const resolvedIdOf = new Map<string, string>();
  for (const party of raw.parties) resolvedIdOf.set(party.id, automatic.aliases[party.id] ?? party.id);

  const keptById = new Map(automatic.parties.map((party) => [party.id, party]));
  const renames: IdRenames = new Map();
  for (const party of raw.parties) {
    if (!party.idNumber) continue;
    const kept = keptById.get(resolvedIdOf.get(party.id) as string);
    if (kept?.idNumber && normaliseIdNumber(party.idNumber) !== normaliseIdNumber(kept.idNumber)) renames.set(normaliseIdNumber(party.idNumber), kept.idNumber);
  }
  // Keep the raw order (file order) rather than resolveParties' preference order, so lists and exports stay stable.
  const firstSeen = new Map<string, number>();
  raw.parties.forEach((party, index) => {
    const id = resolvedIdOf.get(party.id) as string;
    if (!firstSeen.has(id)) firstSeen.set(id, index);
  });
  const parties = [...automatic.parties].sort((a, b) => (firstSeen.get(a.id) ?? 0) - (firstSeen.get(b.id) ?? 0));
  let dataset = renameIdNumbers({ ...raw, parties }, renames);

  const confirmed = decisions.filter((decision) => decision.decision === 'merged').sort((a, b) => a.confirmedAt - b.confirmedAt);
  const idByFoldedName = new Map<string, string>();
  const namedOnly: { name: string; keepId: string }[] = [];
  const merging: { party: Party; keepId: string }[] = [];
  for (const decision of confirmed) {
    const present = new Set(dataset.parties.map((party) => party.id));
    const keepId = resolvedIdOf.get(decision.keepId) ?? decision.keepId;
    if (!present.has(keepId)) continue; // Its file is no longer in the case.
    const mergeIds = [...new Set(decision.mergedIds.map((id) => resolvedIdOf.get(id) ?? id))].filter((id) => id !== keepId && present.has(id));
    if (mergeIds.length === 0) continue;
    for (const party of dataset.parties) if (mergeIds.includes(party.id)) merging.push({ party, keepId });
    // mergeParties combines the records; the ID numbers on the case's movements follow below, in one pass for all merges.
    dataset = { ...dataset, parties: mergeParties({ parties: dataset.parties, transactions: [], accounts: [], shipments: [] }, keepId, mergeIds).parties };
    for (const [source, resolved] of resolvedIdOf) if (mergeIds.includes(resolved)) resolvedIdOf.set(source, keepId);
  }
  const confirmedRenames: IdRenames = new Map();
  const finalParty = new Map(dataset.parties.map((party) => [party.id, party]));
  for (const { party, keepId } of merging) {
    const kept = finalParty.get(resolvedIdOf.get(keepId) ?? keepId);
    if (!party.idNumber) namedOnly.push({ name: party.name, keepId });
    else if (kept?.idNumber && normaliseIdNumber(party.idNumber) !== normaliseIdNumber(kept.idNumber)) confirmedRenames.set(normaliseIdNumber(party.idNumber), kept.idNumber);
  }
  dataset = renameIdNumbers(dataset, confirmedRenames);
  for (const { name, keepId } of namedOnly) {
    const finalId = resolvedIdOf.get(keepId) ?? keepId;
    const number = dataset.parties.find((party) => party.id === finalId)?.idNumber;
    const folded = foldName(name);
    if (number && folded) idByFoldedName.set(folded, number);
  }
  dataset = attachNamedSides(dataset, idByFoldedName);
  // Files that name parties by their party id ("CC:39439567") rather than the bare number follow too.
  const partyIdRenames: IdRenames = new Map();
  for (const [source, resolved] of resolvedIdOf) if (source !== resolved) partyIdRenames.set(source, resolved);
  dataset = renameIdNumbers(dataset, partyIdRenames);

  const members = new Map<string, Party[]>();
  for (const party of raw.parties) {
    const id = resolvedIdOf.get(party.id) as string;
    const list = members.get(id);
    if (list) list.push(party);
    else members.set(id, [party]);
  }
  return { dataset, members, resolvedIdOf, automaticallyMerged: raw.parties.length - automatic.parties.length };
}
