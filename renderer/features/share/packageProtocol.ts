import type { Alert } from '../../../shared/model';
import type {
  ChartInput,
  KeyBookEntry,
  Manifest,
  MatchSubjectSelection,
  PsiMatch,
  PackageHeader,
  PublicKeys,
  RefusalReason,
  SanitisationPolicy,
  Selection,
  SharedHit,
  SignerIdentity,
  UnitKeyPair,
} from '../../../shared/package';

/** Messages between the share feature and its worker. Records never cross: the worker reads and writes IndexedDB itself. */
export interface BuildRequest {
  caseId: string;
  alerts: Alert[];
  charts: ChartInput[];
  selection: Selection;
  policy: SanitisationPolicy;
  header: Omit<PackageHeader, 'packageId'>;
  sender: UnitKeyPair;
  passphrase?: string;
  recipients: PublicKeys[];
  hits: SharedHit[];
}

export interface OpenRequest {
  bytes: Uint8Array;
  fileName: string;
  keyBook: KeyBookEntry[];
  passphrase?: string;
  ownKeys: UnitKeyPair[];
  acceptUnknownSigner: boolean;
  now: number;
}

export type PackageStage = 'load' | 'sanitise' | 'encrypt' | 'verify' | 'decrypt' | 'store' | 'blind';

export interface VerifiedSummary {
  manifest: Manifest;
  signer: SignerIdentity;
  packageSha256: string;
}

/** Start a private-set-intersection exchange: blind the selected subjects, sign and encrypt the request to one partner. */
export interface MatchRequestBuild {
  caseId: string;
  selection: MatchSubjectSelection;
  header: Omit<PackageHeader, 'packageId'>;
  sender: UnitKeyPair;
  recipient: PublicKeys;
  /** Required when the case holds partner data (onward use). */
  consentReference?: string;
}

/** A match file opened and verified: a partner's request waiting for an answer, or the reply to one of ours, already resolved. */
export type MatchOpened =
  | { kind: 'request'; summary: VerifiedSummary; identifiers: number }
  | { kind: 'reply'; summary: VerifiedSummary; caseId: string; matches: PsiMatch[]; responderSetSize: number; requestSize: number };

export interface MatchAnswerBuild {
  caseId: string;
  maxRequestElements: number;
  header: Omit<PackageHeader, 'packageId'>;
  sender: UnitKeyPair;
  consentReference?: string;
}

export type ToPackageWorker =
  | { type: 'build'; request: BuildRequest }
  | { type: 'open'; request: OpenRequest }
  | { type: 'store'; acknowledgedAt: number }
  | { type: 'match-request'; request: MatchRequestBuild }
  | { type: 'match-open'; request: OpenRequest }
  | { type: 'match-answer'; request: MatchAnswerBuild };

export type FromPackageWorker =
  | { type: 'progress'; stage: PackageStage; done: number; total: number }
  | { type: 'built'; bytes: Uint8Array; manifest: Manifest; fileName: string; sha256: string }
  | { type: 'verified'; summary: VerifiedSummary }
  | { type: 'stored'; caseId: string }
  | { type: 'match-opened'; opened: MatchOpened }
  | { type: 'refused'; reason: RefusalReason; detail: string; detailEs: string; signer?: { unit: string; fingerprint: string } }
  | { type: 'failed'; message: string; messageEs?: string };
