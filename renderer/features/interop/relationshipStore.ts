import type { Relationship } from '../../../shared/interop/relationships';
import type { CaudalDatabase } from '../../db/schema';

/**
 * The links table (schema v7) kept in step with imports: a link batch belongs
 * to an import and is visible only while that import is committed, exactly as
 * record chunks are. The import module (issue 10's) knows nothing of links, so
 * discarding an import's links is done here, next to every abortImport.
 */
export async function appendRelationships(db: CaudalDatabase, importId: string, caseId: string, index: number, rows: Relationship[]): Promise<void> {
  if (rows.length === 0) return;
  await db.relationships.add({ caseId, importId, index, rows });
}

export async function discardRelationships(db: CaudalDatabase, importId: string): Promise<void> {
  await db.relationships.where('importId').equals(importId).delete();
}

/**
 * Links whose import no longer exists: the start-up sweep (db/imports.ts) discards interrupted
 * imports' chunks but knows nothing of links, so they are swept here before each goAML/FtM import.
 */
export async function discardOrphanRelationships(db: CaudalDatabase): Promise<number> {
  const imports = new Set(await db.imports.toCollection().primaryKeys());
  const orphans = new Set<string>();
  await db.relationships.orderBy('importId').eachKey((importId) => {
    if (typeof importId === 'string' && !imports.has(importId)) orphans.add(importId);
  });
  for (const importId of orphans) await discardRelationships(db, importId);
  return orphans.size;
}

/** Every link of the case's committed imports, each stated once. */
export async function loadCaseRelationships(db: CaudalDatabase, caseId: string): Promise<Relationship[]> {
  const committed = new Set(await db.imports.where('[caseId+status]').equals([caseId, 'committed']).primaryKeys());
  const byId = new Map<string, Relationship>();
  await db.relationships.where('caseId').equals(caseId).each((chunk) => {
    if (!committed.has(chunk.importId)) return;
    for (const link of chunk.rows) if (!byId.has(link.id)) byId.set(link.id, link);
  });
  return [...byId.values()];
}

/** Ids of the links already in the case, so a second file stating the same link does not store it twice. */
export async function existingRelationshipIds(db: CaudalDatabase, caseId: string): Promise<Set<string>> {
  return new Set((await loadCaseRelationships(db, caseId)).map((link) => link.id));
}

/**
 * The links that concern a party: those it holds, signs or directs, those
 * that point at it (directors of a company), and the signatories of the
 * accounts it holds. `partyIds` are all the raw record ids of the (resolved) party.
 */
export function linksOfParty(links: readonly Relationship[], partyIds: ReadonlySet<string>, heldAccounts: ReadonlySet<string> = new Set()): Relationship[] {
  const held = new Set(heldAccounts);
  for (const link of links) if (link.kind === 'holder' && partyIds.has(link.partyId)) held.add(link.targetId);
  return links.filter((link) => partyIds.has(link.partyId) || (link.targetKind === 'party' && partyIds.has(link.targetId)) || (link.targetKind === 'account' && held.has(link.targetId)));
}
