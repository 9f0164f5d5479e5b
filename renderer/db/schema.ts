import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Alert, RecordKind, QuarantineEntry, SourceFile, Triage } from '../../shared/model';
import type { UnitProfile } from '../../shared/profiles/schema';
import type { PackedRows } from './packedRows';

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
  /** Rows as objects (partner packages write this form). */
  rows?: unknown[];
  /** Rows column by column (imports write this form; see packedRows.ts). Readers accept either. */
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

/** The Admiralty grade the analyst gave an imported file (source A–F, information 1–6). */
export interface SourceGradeRow {
  caseId: string;
  /** The file's SHA-256, as transactions name it in their provenance. */
  file: string;
  source: string;
  information: string;
  updatedAt: number;
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
  styleRules!: EntityTable<StyleRulesRow, 'caseId'>;
  styleTemplates!: EntityTable<StyleTemplateRow, 'id'>;
  sourceGrades!: Table<SourceGradeRow, [string, string]>;

  constructor(name = 'caudal') {
    super(name);
    // Version history: add a new this.version(n) with an upgrade() for every
    // schema change; never edit a released version's stores.
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
    // v9 (issue 15): chart styling rules per case and rule templates; new tables, nothing moves.
    this.version(9).stores({ styleRules: 'caseId', styleTemplates: 'id, name', sourceGrades: '[caseId+file], caseId' });
  }
}
