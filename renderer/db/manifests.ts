import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AnalysisManifest } from '../../shared/audit';
import { analysisManifestOf } from '../../shared/audit/runManifest';
import type { Alert } from '../../shared/model';
import { newId } from './ids';
import type { AnalysisManifestRow, CaudalDatabase } from './schema';

/**
 * The app's analysis manifests (issue 12): the same document `caudal analyze
 * --manifest` writes, built by the same function (shared/audit/runManifest.ts)
 * from the case as detection read it — committed files in the order the
 * dataset loads them (renderer/db/dataset.ts), the analyst's confirmed merges
 * oldest first — so `caudal verify manifest.json --data <folder with the
 * files>` replays an app run.
 */
export async function caseManifestParts(db: CaudalDatabase, caseId: string): Promise<Pick<Parameters<typeof analysisManifestOf>[0], 'sources' | 'merges'>> {
  const committed = await db.imports.where('[caseId+status]').equals([caseId, 'committed']).toArray();
  committed.sort((a, b) => a.file.importedAt - b.file.importedAt || (a.id < b.id ? -1 : 1));
  const decisions = await db.partyMerges.where('caseId').equals(caseId).toArray();
  const merges = decisions
    .filter((row) => row.decision === 'merged')
    .sort((a, b) => a.confirmedAt - b.confirmedAt)
    .map((row) => ({ keepId: row.keepId, mergedIds: [...row.mergedIds] }));
  return { sources: committed.map((row) => ({ file: row.file })), merges };
}

/** The manifest as a file: pretty JSON with a final newline, exactly as the CLI writes it. */
export const manifestText = (manifest: AnalysisManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

export interface WriteManifestOptions {
  trigger: AnalysisManifestRow['trigger'];
  fileName?: string;
  filters?: Record<string, unknown>;
  selection?: string[];
  now?: number;
}

/**
 * Builds the case's manifest for these alerts and stores it (sealed, strict
 * like the trail it is cited by). Null when the case has no imported file to
 * replay (its records came in a partner package): such a manifest could not
 * be verified, so none is written.
 */
export async function writeCaseManifest(db: CaudalDatabase, caseId: string, profile: unknown, alerts: readonly Alert[], options: WriteManifestOptions): Promise<AnalysisManifestRow | null> {
  const now = options.now ?? Date.now();
  const parts = await caseManifestParts(db, caseId);
  if (parts.sources.length === 0) return null;
  const manifest = analysisManifestOf({
    ...parts,
    profile,
    alerts,
    createdAt: new Date(now),
    ...(options.filters ? { filters: options.filters } : {}),
    ...(options.selection ? { selection: options.selection } : {}),
  });
  const text = manifestText(manifest);
  const row: AnalysisManifestRow = {
    id: newId(),
    caseId,
    createdAt: now,
    trigger: options.trigger,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    sha256: bytesToHex(sha256(utf8ToBytes(text))),
    resultsHash: manifest.results.resultsHash,
    text,
  };
  await db.transaction('rw', db.analysisManifests, () => db.analysisManifests.add(row));
  return row;
}

/** The stored manifest an audit entry cites by its SHA-256. */
export async function manifestBySha256(db: CaudalDatabase, sha: string): Promise<AnalysisManifestRow | undefined> {
  return db.analysisManifests.where('sha256').equals(sha).first();
}
