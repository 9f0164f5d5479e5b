import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Alert, RecordKind, QuarantineEntry, SourceFile, Triage } from '../../shared/model';
import type { SuppressionRule } from '../../shared/detect/suppression';
import type { UnitProfile } from '../../shared/profiles/schema';
import type { Relationship } from '../../shared/interop/relationships';
import type { AnalystRecord, AuditEntry } from '../../shared/audit';
import { packRows, STORED_CHUNK_FORMAT, unpackRows, type PackedRows } from './packedRows';
import { SEALED_FIELD } from './sealing';

/**
 * Storage design (see docs/ARCHITECTURE.md): IndexedDB writes cost per put,
 * not per byte (≈11k puts/s vs >1M rows/s in chunks), so records are stored
 * in chunks of up to CHUNK_ROWS rows, packed by column (packedRows.ts), and
 * the engine indexes them in memory. An import writes its chunks under a
 * `pending` import entry and flips it to `committed` in one small transaction
 * at the end; readers see only committed imports, so a cancelled or killed
 * import never shows half-written.
 *
 * 5,000 rows per chunk: reading a case, the page deserialises one chunk per
 * task, and 20,000-row chunks took 100–800 ms each on the 1M-row bench; 5,000
 * keeps each task short while 200 puts per million rows still cost nothing.
 */
export const CHUNK_ROWS = 5_000;

export interface CaseRow {
  id: string;
  /** The unit's case reference, printed on every export. */
  number: string;
  name: string;
  profileId: string;
  analyst: string;
  classification: string;
  createdAt: number;
  updatedAt: number;
  notes: string;
  /** Set for read-only cases that came from a partner unit's package. */
  partnerPackageId?: string;
}

export interface ImportRow {
  /** `${caseId}:${sha256}` — the same file imported twice into a case is one import. */
  id: string;
  caseId: string;
  status: 'pending' | 'committed';
  file: SourceFile;
  quarantine: QuarantineEntry[];
}

export interface ChunkRow {
  id?: number;
  caseId: string;
  importId: string;
  kind: RecordKind;
  index: number;
  /**
   * Rows as objects: accepted on write only (partner packages write this
   * form). Since v3 (issue 10) the `creating` hook packs them, and the v3
   * upgrade packed every older chunk, so a stored chunk never has it.
   */
  rows?: unknown[];
  /** Rows column by column (see packedRows.ts): 'columns/2' since v3, 'columns/3' since v12 (columns/2 plus file-wide dictionaries). */
  packed?: PackedRows;
}

export interface MappingRow {
  name: string;
  kind: RecordKind;
  spec: unknown;
  updatedAt: number;
}

export interface ProfileRow {
  id: string;
  profile: UnitProfile;
}

export interface AlertRunRow {
  caseId: string;
  profileId: string;
  ranAt: number;
  alerts: Alert[];
}

export interface TriageRow extends Triage {
  caseId: string;
}

export interface ChartRow {
  id: string;
  caseId: string;
  name: string;
  view: 'accounts' | 'parties' | 'trade';
  /** Node ids on the chart and their saved positions. */
  nodes: { id: string; x: number; y: number; pinned?: boolean; hidden?: boolean }[];
  createdAt: number;
  updatedAt: number;
  state: Record<string, unknown>;
}

export interface PackageRow {
  id: string;
  /** The local read-only case that holds the package's content as a partner layer. */
  caseId: string;
  importedAt: number;
  manifest: unknown;
}

export interface KeyBookRow {
  id: string;
  kind: 'own' | 'partner';
  unit: string;
  /** Public keys (base64) and, for the unit's own entry only, the private keys. */
  material: Record<string, string>;
  fingerprint: string;
  addedAt: number;
}

export interface SharingPolicyRow {
  id: string;
  name: string;
  partner: string;
  policy: unknown;
  updatedAt: number;
}

/**
 * An analyst's decision on two or more party records (see features/entities):
 * `merged` folds `mergedIds` into `keepId` wherever the case is read;
 * `rejected` remembers "not the same" so the proposal does not come back.
 */
export interface PartyMergeRow {
  id: string;
  caseId: string;
  decision: 'merged' | 'rejected';
  keepId: string;
  mergedIds: string[];
  /** Why it was proposed: 'same-id-number' | 'similar-name' | 'shared-account', or 'manual'. */
  reason: string;
  score?: number;
  /** Every source record involved, as it stood when the analyst decided (provenance for the file). */
  records: { partyId: string; name: string; idType?: string; idNumber?: string; source: { file: string; line: number } }[];
  confirmedAt: number;
}

// Issue 9 (detection learning from triage): suppression rules, schema v5.
/**
 * A suppression rule and where it lives: `caseId` for a rule of one case,
 * `profileId` for one that applies to every case under a unit profile.
 * Revoking a rule sets `revokedAt`; rules are never deleted, so the case
 * keeps the record of what was hidden and when.
 */
export interface SuppressionRuleRow extends SuppressionRule {
  caseId?: string;
  profileId?: string;
}


// ---- issue 16: account statements (v10) ----
/** One imported statement beside its import row: owner, period, balances and the reconciliation, for the summary and the chart's details. */
export interface StatementRow {
  /** The import id (`${caseId}:${sha256}`): one statement per imported file (or workbook sheet). */
  id: string;
  caseId: string;
  /** StatementSummary from shared/import/statement (owner account, holder, period, opening/closing balances, breaks). */
  summary: unknown;
  /** The statement mapping as applied. */
  mapping: unknown;
  importedAt: number;
}

/** A saved statement mapping (caudal.statement-mapping/1), reused for every monthly statement of one bank. */
export interface StatementMappingRow {
  name: string;
  mapping: unknown;
  updatedAt: number;
}

/** Per case: how far apart (days) a debit and its credit may be when paired without a shared reference. */
export interface StatementSettingsRow {
  caseId: string;
  toleranceDays: number;
}
// ---- end issue 16 ----
// issue 15 (v9): the chart's styling rules, per case and as reusable templates.
/** The styling rules in force on a case's chart (shared/graph/styling.ts; parsed again on every read). */
export interface StyleRulesRow {
  caseId: string;
  rules: unknown;
  updatedAt: number;
}

/** A named set of styling rules the analyst can apply to any case. */
export interface StyleTemplateRow {
  id: string;
  name: string;
  rules: unknown;
  updatedAt: number;
}
// --- issue 11 (partner exchange): key verification and private-set-intersection exchanges ---

/**
 * The analyst's confirmation that a partner key's fingerprint words were read
 * back over a separate channel (phone, meeting): until one exists, the key is
 * "unverified" and its packages show as from an unknown signer.
 */
export interface KeyVerificationRow {
  fingerprint: string;
  /** Who read the words (name, unit, channel). */
  confirmedWith: string;
  confirmedAt: number;
}

/**
 * One match exchange this unit started: the secret scalar and which local
 * record each blinded element stands for, kept until the reply is read. Never
 * leaves this computer.
 */
export interface MatchExchangeRow {
  id: string;
  caseId: string;
  partnerFingerprint: string;
  partnerUnit: string;
  createdAt: number;
  /** The request's elements in the order sent (the reply re-blinds them in that order). */
  elements: string[];
  /** PsiRequesterState (shared/package/psi.ts), validated on read. */
  state: unknown;
  /** For a partner case: the originating unit's consent reference for this onward use. */
  consentReference?: string;
  /** Filled when the reply has been read. */
  result?: { readAt: number; matches: { kind: 'party' | 'account'; recordId: string; type: string }[]; responderSetSize: number };
}
// --- end issue 11 ---
// ── issue 12 (chain of custody) ──────────────────────────────────────────
/** One link of the hash-chained, signed audit trail (shared/audit/chain.ts); never updated, never deleted. */
export type AuditLogRow = AuditEntry;
/** An analyst enrolled at this workstation: name, public key, and the sealed secret and data keys. */
export type AnalystRow = AnalystRecord;
/** Small custody facts: the chain head written last, idle-lock minutes, the sealing marker. */
export interface CustodyRow {
  key: string;
  value: unknown;
}
// ── end issue 12 ──────────────────────────────────────────────────────────
// --- v7 (issue 13): holder / signatory / director links from goAML and FollowTheMoney imports ---
/**
 * One batch of links of one import, stored like a chunk: invisible until the
 * import is committed (readers join on committed imports), deleted with it.
 */
export interface RelationshipChunkRow {
  id?: number;
  caseId: string;
  importId: string;
  index: number;
  rows: Relationship[];
}
// --- end v7 ---
/* Issue 14 (screening): imported list versions, their entries, screening runs and analysts' decisions. */

/** One imported version of a screening list, with the provenance of the files it came from. */
export interface ScreeningListRow {
  /** SHA-256 over the files' hashes: the same files imported twice are one version. */
  id: string;
  name: string;
  format: string;
  files: { name: string; sha256: string; size: number }[];
  importedAt: number;
  publishedOn?: string;
  entryCount: number;
  /** 1 for the first import of a list of this name, then 2, 3… */
  version: number;
  warnings: string[];
}

/** Entries of a list version, in chunks (one put per few thousand entries, as case records are stored). */
export interface ScreeningEntryChunkRow {
  id?: number;
  listId: string;
  index: number;
  entries: unknown[];
}

export interface ScreeningRunRow {
  caseId: string;
  ranAt: number;
  listIds: string[];
  threshold: number;
  partyCount: number;
  /** Round 2: 'chart' when only the chart selection was screened (the other parties' hits kept from the run before). */
  scope?: 'all' | 'chart';
  /** Parties outside the selection whose earlier hits were kept. */
  keptParties?: number;
  hits: unknown[];
  /** Hits left out because an analyst already decided "false match" on the same party and entry, unchanged. */
  suppressed: number;
}

/** An analyst's decision on a (party, list entry) pair; it sticks while neither changes (fingerprints). */
export interface ScreeningDecisionRow {
  /** `${caseId}\u0000${listName}\u0000${entryId}\u0000${partyId}` */
  id: string;
  caseId: string;
  listName: string;
  entryId: string;
  partyId: string;
  partyFingerprint: string;
  entryFingerprint: string;
  decision: 'true-match' | 'false-match';
  reason: string;
  decidedAt: number;
}

/** Issue 10: brings any chunk to the one stored form, packed STORED_CHUNK_FORMAT (in place; used by the v3 and v12 upgrades and on write). */
export function normaliseStoredChunk(chunk: ChunkRow): void {
  // Sealed by the import worker before it was handed over (issue 10): packed in the stored format already.
  if (SEALED_FIELD in chunk) return;
  if (chunk.packed?.format === STORED_CHUNK_FORMAT && chunk.rows === undefined) return;
  const rows = chunk.packed ? unpackRows(chunk.packed) : (chunk.rows ?? []);
  chunk.packed = packRows(rows);
  delete chunk.rows;
}

/** Issue 10, v12 upgrade: every chunk not sealed is brought to STORED_CHUNK_FORMAT, one cursor step at a time. */
function repackReadableChunks(store: IDBObjectStore): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = store.openCursor();
    request.onerror = () => reject(request.error ?? new Error('v12 upgrade: reading the chunks failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      const chunk = cursor.value as ChunkRow;
      if (!(SEALED_FIELD in chunk) && (chunk.packed?.format !== STORED_CHUNK_FORMAT || chunk.rows !== undefined)) {
        normaliseStoredChunk(chunk);
        cursor.update(chunk);
      }
      cursor.continue();
    };
  });
}

/** The Admiralty grade the analyst gave an imported file (source A–F, information 1–6). */
export interface SourceGradeRow {
  caseId: string;
  /** The file's SHA-256, as transactions name it in their provenance. */
  file: string;
  source: string;
  information: string;
  updatedAt: number;
}

// Issue 12 (round 2): analysis manifests the app writes, schema v11.
/** One manifest as written (byte-exact text, so the file downloaded later hashes to the audit entry's output). */
export interface AnalysisManifestRow {
  id: string;
  caseId: string;
  createdAt: number;
  /** What wrote it: a detection run, or an export (then `fileName` is the exported file). */
  trigger: 'detection' | 'export';
  fileName?: string;
  /** SHA-256 of `text`, as in the audit entry that records it. */
  sha256: string;
  resultsHash: string;
  text: string;
}

export class CaudalDatabase extends Dexie {
  cases!: EntityTable<CaseRow, 'id'>;
  imports!: EntityTable<ImportRow, 'id'>;
  chunks!: Table<ChunkRow, number>;
  mappings!: EntityTable<MappingRow, 'name'>;
  profiles!: EntityTable<ProfileRow, 'id'>;
  alertRuns!: EntityTable<AlertRunRow, 'caseId'>;
  triage!: Table<TriageRow, [string, string]>;
  charts!: EntityTable<ChartRow, 'id'>;
  packages!: EntityTable<PackageRow, 'id'>;
  keyBook!: EntityTable<KeyBookRow, 'id'>;
  sharingPolicies!: EntityTable<SharingPolicyRow, 'id'>;
  partyMerges!: EntityTable<PartyMergeRow, 'id'>;
  suppressionRules!: EntityTable<SuppressionRuleRow, 'id'>;
  statements!: EntityTable<StatementRow, 'id'>; // issue 16
  statementMappings!: EntityTable<StatementMappingRow, 'name'>; // issue 16
  statementSettings!: EntityTable<StatementSettingsRow, 'caseId'>; // issue 16
  styleRules!: EntityTable<StyleRulesRow, 'caseId'>;
  styleTemplates!: EntityTable<StyleTemplateRow, 'id'>;
  keyVerifications!: EntityTable<KeyVerificationRow, 'fingerprint'>; // issue 11
  matchExchanges!: EntityTable<MatchExchangeRow, 'id'>; // issue 11
  auditLog!: EntityTable<AuditLogRow, 'seq'>;
  analysts!: EntityTable<AnalystRow, 'id'>;
  custody!: EntityTable<CustodyRow, 'key'>;
  relationships!: Table<RelationshipChunkRow, number>;
  // issue 14 (screening)
  screeningLists!: EntityTable<ScreeningListRow, 'id'>;
  screeningEntryChunks!: Table<ScreeningEntryChunkRow, number>;
  screeningRuns!: EntityTable<ScreeningRunRow, 'caseId'>;
  screeningDecisions!: EntityTable<ScreeningDecisionRow, 'id'>;
  sourceGrades!: Table<SourceGradeRow, [string, string]>;
  analysisManifests!: EntityTable<AnalysisManifestRow, 'id'>; // issue 12

  constructor(name = 'caudal') {
    super(name);
    // Version history, in order: add a new this.version(n) with an upgrade() for every
    // schema change; never edit a released version's stores. Every version() is declared
    // before the chunk hook below: a version() call after it recreates the tables and drops the hook.
    this.version(1).stores({
      cases: 'id, updatedAt',
      imports: 'id, caseId, [caseId+status]',
      chunks: '++id, importId, [caseId+kind]',
      mappings: 'name, kind',
      profiles: 'id',
      alertRuns: 'caseId',
      triage: '[caseId+alertId], caseId',
      charts: 'id, caseId',
      packages: 'id, caseId',
      keyBook: 'id, kind',
      sharingPolicies: 'id, partner',
    });
    // v2: the analyst's confirmed and rejected party merges (entity resolution).
    this.version(2).stores({ partyMerges: 'id, caseId' });
    // v3 (issue 10): one stored chunk format. Chunks written as row objects (partner
    // packages, before v3) or as 'columns/1' are repacked once, here, to 'columns/2', so
    // readers keep no branch for older forms; new chunks are packed on write by the hook.
    this.version(3)
      .stores({ chunks: '++id, importId, [caseId+kind]' })
      .upgrade((transaction) =>
        transaction
          .table<ChunkRow, number>('chunks')
          .toCollection()
          .modify((chunk) => normaliseStoredChunk(chunk)),
      );
    // v4 (issue 12): the audit trail (seq is the key, so two writers can never both add entry n), analysts, custody facts.
    this.version(4).stores({ auditLog: 'seq, caseId, action', analysts: 'id', custody: 'key' });
    // v5 (issue 9): suppression rules made from triage, per case or per unit profile.
    this.version(5).stores({ suppressionRules: 'id, caseId, profileId' });
    // v6 (issue 11): fingerprint confirmations of partner keys; match (PSI) exchanges this unit started.
    this.version(6).stores({ keyVerifications: 'fingerprint', matchExchanges: 'id, caseId' });
    // v7 (issue 13): links between parties and accounts (goAML signatories, holders, directors; FtM Ownership/Directorship/Representation).
    this.version(7).stores({ relationships: '++id, importId, caseId' });
    // v8 (issue 14): screening list versions, their entries in chunks, runs per case and sticky decisions.
    this.version(8).stores({ screeningLists: 'id, name, importedAt', screeningEntryChunks: '++id, listId', screeningRuns: 'caseId', screeningDecisions: 'id, caseId' });
    // v9 (issue 15): chart styling rules per case, rule templates and the grade of each source file; new tables, nothing moves.
    this.version(9).stores({ styleRules: 'caseId', styleTemplates: 'id, name', sourceGrades: '[caseId+file], caseId' });
    // v10 (issue 16): account statements beside their imports, saved statement mappings, per-case matching tolerance.
    this.version(10).stores({ statements: 'id, caseId', statementMappings: 'name', statementSettings: 'caseId' });
    // v11 (issue 12): the analysis manifest of each detection run and export, sealed like the alerts it lists.
    this.version(11).stores({ analysisManifests: 'id, caseId, sha256' });
    // v12 (issue 10): chunk format 'columns/3' (packedRows.ts): columns a chunk cannot code (account
    // numbers) coded against one dictionary per field for the whole import. A 'columns/2' chunk is a
    // 'columns/3' chunk without such columns, so the upgrade repacks (relabels) every chunk it can
    // read; the version itself is what matters: a build before v12 refuses this database instead of
    // reading file-coded columns as plain ones. Sealed chunks (the clear fields plus a ciphertext)
    // are left as they are: the upgrade runs before the analyst unlocks, without the data key, and
    // their columns/2 content is read by the same path. Read through the raw store, below the
    // sealing middleware, which would refuse sealed rows while locked.
    this.version(12)
      .stores({ chunks: '++id, importId, [caseId+kind]' })
      .upgrade((transaction) => repackReadableChunks(transaction.idbtrans.objectStore('chunks')));
    this.chunks.hook('creating', (_key, chunk) => {
      normaliseStoredChunk(chunk);
    });
  }
}
