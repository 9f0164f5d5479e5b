import type { Alert } from '../../../shared/model';
import type {
  ChartInput,
  Manifest,
  PackageHeader,
  PublicKeys,
  RefusalReason,
  SanitisationPolicy,
  Selection,
  SharedHit,
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
  keyBook: PublicKeys[];
  passphrase?: string;
  ownKeys: UnitKeyPair[];
  acceptUnknownSigner: boolean;
  now: number;
}

export type PackageStage = 'load' | 'sanitise' | 'encrypt' | 'verify' | 'decrypt' | 'store';

export interface VerifiedSummary {
  manifest: Manifest;
  signer: { unit: string; fingerprint: string; known: boolean };
  packageSha256: string;
}

export type ToPackageWorker = { type: 'build'; request: BuildRequest } | { type: 'open'; request: OpenRequest } | { type: 'store'; acknowledgedAt: number };

export type FromPackageWorker =
  | { type: 'progress'; stage: PackageStage; done: number; total: number }
  | { type: 'built'; bytes: Uint8Array; manifest: Manifest; fileName: string; sha256: string }
  | { type: 'verified'; summary: VerifiedSummary }
  | { type: 'stored'; caseId: string }
  | { type: 'refused'; reason: RefusalReason; detail: string; signer?: { unit: string; fingerprint: string } }
  | { type: 'failed'; message: string };
