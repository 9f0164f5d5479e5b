import type { Party } from '../../../shared/model';
import { normaliseId, type DuplicateProposal } from '../../../shared/resolve';
import { newId } from '../../db/ids';
import { auditMergeDecision, auditMergeUndo } from '../../db/auditEvents';
import type { CaudalDatabase, PartyMergeRow } from '../../db/schema';

/** Order-free identity of a set of party ids: a proposal and its rejection match whichever record is kept. */
export function pairKey(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join('\u0000');
}

/** The case's decisions, oldest first (the order merges are applied in). */
export async function listDecisions(db: CaudalDatabase, caseId: string): Promise<PartyMergeRow[]> {
  const rows = await db.partyMerges.where('caseId').equals(caseId).toArray();
  return rows.sort((a, b) => a.confirmedAt - b.confirmedAt || (a.id < b.id ? -1 : 1));
}

function snapshot(records: readonly Party[]): PartyMergeRow['records'] {
  return records.map((party) => ({
    partyId: party.id,
    name: party.name,
    ...(party.idType ? { idType: party.idType } : {}),
    ...(party.idNumber ? { idNumber: party.idNumber } : {}),
    source: { file: party.source.file, line: party.source.line },
  }));
}

export interface DecisionInput {
  caseId: string;
  proposal: Pick<DuplicateProposal, 'reason' | 'score'>;
  keepId: string;
  mergedIds: readonly string[];
  /** Every source record of the parties involved, kept in the row as the decision's provenance. */
  records: readonly Party[];
}

/**
 * The analyst confirmed the records are one party. One decision per set of
 * parties: confirming replaces an earlier rejection of the same pair.
 */
export async function confirmMerge(db: CaudalDatabase, input: DecisionInput, now = Date.now()): Promise<PartyMergeRow> {
  return decide(db, 'merged', input, now);
}

/** "Not the same": remembered so the proposal does not come back. */
export async function rejectProposal(db: CaudalDatabase, input: DecisionInput, now = Date.now()): Promise<PartyMergeRow> {
  return decide(db, 'rejected', input, now);
}

async function decide(db: CaudalDatabase, decision: PartyMergeRow['decision'], input: DecisionInput, now: number): Promise<PartyMergeRow> {
  if (input.mergedIds.length === 0 || input.mergedIds.includes(input.keepId)) throw new Error('A merge needs a kept party and at least one other party.');
  const key = pairKey([input.keepId, ...input.mergedIds]);
  const row: PartyMergeRow = {
    id: newId(),
    caseId: input.caseId,
    decision,
    keepId: input.keepId,
    mergedIds: [...input.mergedIds],
    reason: input.proposal.reason,
    score: input.proposal.score,
    records: snapshot(input.records),
    confirmedAt: now,
  };
  await db.transaction('rw', db.partyMerges, async () => {
    const earlier = await db.partyMerges.where('caseId').equals(input.caseId).toArray();
    const same = earlier.filter((other) => pairKey([other.keepId, ...other.mergedIds]) === key).map((other) => other.id);
    if (same.length > 0) await db.partyMerges.bulkDelete(same);
    await db.partyMerges.add(row);
  });
  return auditMergeDecision(db, row);
}

/** Undo a merge (the parties separate again) or a rejection (the proposal may come back). */
export async function undoDecision(db: CaudalDatabase, decisionId: string): Promise<void> {
  await auditMergeUndo(db, decisionId);
  await db.partyMerges.delete(decisionId);
}

/**
 * Two records that cannot be one party: a person and a company, or two
 * different ID registrations. proposeDuplicates already drops these for
 * similar names; a shared cash or escrow account would otherwise propose
 * every pair of its depositors.
 */
export function implausible(a: Party, b: Party): boolean {
  if (a.kind !== b.kind) return true;
  if (!a.idNumber || !b.idNumber) return false;
  return normaliseId(a.idNumber, a.idType).key !== normaliseId(b.idNumber, b.idType).key;
}

/** Proposals the analyst has not decided on yet, without pairs that cannot be one party. */
export function openProposals(proposals: readonly DuplicateProposal[], decisions: readonly PartyMergeRow[], parties: readonly Party[]): DuplicateProposal[] {
  const decided = new Set(decisions.map((row) => pairKey([row.keepId, ...row.mergedIds])));
  const byId = new Map(parties.map((party) => [party.id, party]));
  return proposals.filter((proposal) => {
    if (decided.has(pairKey([proposal.keepId, ...proposal.mergeIds]))) return false;
    const keep = byId.get(proposal.keepId);
    return !!keep && proposal.mergeIds.every((id) => {
      const other = byId.get(id);
      return !!other && !implausible(keep, other);
    });
  });
}
