import type { Party } from '../../../shared/model';
import { proposeDuplicates, type DuplicateProposal } from '../../../shared/resolve';
import { loadRawCaseDataset, sourceFileNames } from '../../db/dataset';
import type { CaudalDatabase, PartyMergeRow } from '../../db/schema';
import { listDecisions, openProposals } from './decisions';
import { partyFacts, type PartyFacts } from './facts';
import { resolveCaseDataset } from '../../../shared/resolve';

export interface PartyEntry {
  party: Party;
  /** Every source record folded into the party, itself included: its provenance. */
  records: Party[];
  facts: PartyFacts;
}

/** Everything the People and companies view shows, small enough to cross from a worker (parties only, no movements). */
export interface EntitiesSnapshot {
  caseId: string;
  entries: PartyEntry[];
  proposals: DuplicateProposal[];
  decisions: PartyMergeRow[];
  /** [sha256, file name] of the case's imports. */
  files: [string, string][];
  rawRecords: number;
  automaticallyMerged: number;
  /** Source party id → resolved party id, for naming the kept party of a decision. */
  resolvedIdOf: [string, string][];
}

export type SnapshotPhase = 'loading' | 'resolving' | 'proposing';

/**
 * Reads the case and works out its parties, their facts and the open
 * proposals: seconds for a million movements, so the app runs it in
 * entities.worker.ts; tests call it directly.
 */
export async function buildSnapshot(db: CaudalDatabase, caseId: string, onPhase: (phase: SnapshotPhase) => void = () => {}): Promise<EntitiesSnapshot> {
  onPhase('loading');
  const [raw, decisions, files] = await Promise.all([loadRawCaseDataset(db, caseId), listDecisions(db, caseId), sourceFileNames(db, caseId)]);
  onPhase('resolving');
  const resolved = resolveCaseDataset(raw, decisions);
  const facts = partyFacts(resolved.dataset);
  const entries = resolved.dataset.parties.map((party) => ({ party, records: resolved.members.get(party.id) ?? [party], facts: facts.get(party.id) ?? { accounts: 0, transactions: 0 } }));
  onPhase('proposing');
  const { parties, accounts, transactions } = resolved.dataset;
  const proposals = openProposals(proposeDuplicates(parties, accounts, transactions), decisions, parties);
  return {
    caseId,
    entries,
    proposals,
    decisions,
    files: [...files],
    rawRecords: raw.parties.length,
    automaticallyMerged: resolved.automaticallyMerged,
    resolvedIdOf: [...resolved.resolvedIdOf].filter(([source, target]) => source !== target),
  };
}
