import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createSignatureFile, signatureFileText, SIGNATURE_FILE_SUFFIX, type AuditEntry, type SignatureFile } from '../../../shared/audit';
import { custodySession, recordAudit } from '../../db/audit';
import { auditExport } from '../../db/auditEvents';
import { manifestBySha256, writeCaseManifest } from '../../db/manifests';
import type { AnalysisManifestRow, CaudalDatabase } from '../../db/schema';
import { platform } from '../../platform';
import { BRIDGE_GLOBAL } from '../../../shared/ipc/channels';
import type { CaudalBridge } from '../../../shared/ipc/contract';
import { getProfile } from '../profiles/repository';

/**
 * The files that travel with an export so a court can check it without
 * Caudal (issue 12): `<file>.manifest.json`, the analysis behind the chart as
 * `caudal verify` replays it, and `<file>.sig`, the analyst's Ed25519
 * signature over the exported bytes and that manifest
 * (`caudal verify-signature <file>`). The export code calls
 * prepareExportCustody with one line and shows <ExportCustodyNotice/>.
 */
export const MANIFEST_SUFFIX = '.manifest.json' as const;

async function bytesOf(data: Blob | Uint8Array | string): Promise<Uint8Array> {
  if (typeof data === 'string') return utf8ToBytes(data);
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(await data.arrayBuffer());
}

export interface ExportCustody {
  caseId: string;
  profileId: string;
  fileName: string;
  data: Blob | Uint8Array | string;
  /** How the chart was drawn (view, link mode …): recorded in the manifest. */
  filters?: Record<string, unknown>;
  /** Node ids on the exported chart. */
  selection?: string[];
  /**
   * False for partner packages: a manifest names the original files, the
   * profile and alert ids, which a sanitised package must not carry beside it.
   */
  withManifest?: boolean;
}

/** The files prepared for the last export, waiting for the analyst to save them beside it. */
export interface PreparedCustody {
  preparedAt: number;
  fileName: string;
  analystName: string;
  keyFingerprint: string;
  signature: SignatureFile;
  manifest: AnalysisManifestRow | null;
  files: { name: string; text: string; suffix: '.sig' | '.manifest.json' }[];
  /** Desktop app: already written beside the export (files:saveBeside), so there is nothing to click. */
  savedBeside: boolean;
}

/** The desktop bridge's save-beside call, when this page runs in Caudal's Electron shell. */
function findSaveBeside(scope: object = globalThis): Required<CaudalBridge>['saveBeside'] | null {
  const bridge: unknown = (scope as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof bridge !== 'object' || bridge === null) return null;
  const method = (bridge as Record<string, unknown>)['saveBeside'];
  return typeof method === 'function' ? (request) => (method as Required<CaudalBridge>['saveBeside']).call(bridge, request) : null;
}

/** Writes the files next to the export without a dialog (desktop only); false when the main process does not know the export. */
async function writeBeside(ready: Pick<PreparedCustody, 'files' | 'signature'>): Promise<boolean> {
  const saveBeside = findSaveBeside();
  if (!saveBeside) return false;
  for (const file of ready.files) {
    const result = await saveBeside({ fileSha256: ready.signature.sha256, suffix: file.suffix, bytes: utf8ToBytes(file.text) });
    if (!result.saved) return false;
  }
  return true;
}

let prepared: PreparedCustody | null = null;
const listeners = new Set<() => void>();

/** The last export's signature and manifest (the export dialog and the share wizard show a button to save them). */
export const preparedCustody = {
  get: (): PreparedCustody | null => prepared,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(next: PreparedCustody | null): void {
    prepared = next;
    for (const listener of listeners) listener();
  },
};

/**
 * Writes the manifest of the case as detection last ran it (when it has run)
 * and the analyst's signature over the exported bytes (and that manifest),
 * logs both, and holds them for the analyst to save beside the export with
 * one click (ExportCustodyNotice). They are not downloaded unasked: a browser
 * would drop three files for every export into the downloads folder.
 */
export async function prepareExportCustody(db: CaudalDatabase, exported: ExportCustody, now = Date.now()): Promise<PreparedCustody> {
  const signer = custodySession.get();
  if (!signer) throw new Error('Caudal is locked: the export cannot be signed');
  const bytes = await bytesOf(exported.data);
  const [run, profile] = await Promise.all([db.alertRuns.get(exported.caseId), getProfile(db, exported.profileId)]);
  const manifest =
    exported.withManifest !== false && run && profile && run.profileId === profile.id
      ? await writeCaseManifest(db, exported.caseId, profile, run.alerts, {
          trigger: 'export',
          fileName: exported.fileName,
          now,
          ...(exported.filters ? { filters: exported.filters } : {}),
          ...(exported.selection ? { selection: exported.selection } : {}),
        })
      : null;
  const manifestFile = `${exported.fileName}${MANIFEST_SUFFIX}`;
  const signatureFile = `${exported.fileName}${SIGNATURE_FILE_SUFFIX}`;
  const signature = createSignatureFile(signer, exported.fileName, bytes, { signedAt: new Date(now), ...(manifest ? { manifest: { file: manifestFile, sha256: manifest.sha256 } } : {}) });
  const signatureText = signatureFileText(signature);
  const signatureSha = bytesToHex(sha256(utf8ToBytes(signatureText)));
  await recordAudit(db, {
    action: 'export.signed',
    caseId: exported.caseId,
    params: {
      fileName: exported.fileName,
      fileSha256: signature.sha256,
      keyFingerprint: signature.keyFingerprint,
      signatureFile,
      ...(manifest
        ? { manifestFile, manifestId: manifest.id, resultsHash: manifest.resultsHash }
        : {
            manifest:
              exported.withManifest === false
                ? 'none: not written beside a partner package'
                : run && profile && run.profileId === profile.id
                  ? 'none: the case has no imported files to replay'
                  : 'none: detection has not run for this case and profile',
          }),
    },
    inputs: [signature.sha256],
    outputs: manifest ? [signatureSha, manifest.sha256] : [signatureSha],
  });
  const ready: PreparedCustody = {
    preparedAt: Date.now(),
    fileName: exported.fileName,
    analystName: signer.analyst.name,
    keyFingerprint: signature.keyFingerprint,
    signature,
    manifest,
    files: [...(manifest ? [{ name: manifestFile, text: manifest.text, suffix: MANIFEST_SUFFIX }] : []), { name: signatureFile, text: signatureText, suffix: SIGNATURE_FILE_SUFFIX }],
    savedBeside: false,
  };
  // The desktop app writes them beside the export at once; the web build offers a button instead (downloads unasked would pile up).
  ready.savedBeside = await writeBeside(ready).catch(() => false);
  preparedCustody.set(ready);
  return ready;
}

/**
 * The one call every export makes once its file is saved (export dialog,
 * the chart toolbar's quick PNG, GEXF/GraphML/FtM): logs the export
 * (`export.chart`: format, file SHA-256, evidence hash) and signs it
 * (`export.signed`, `<file>.sig` and the manifest beside it).
 */
export async function recordSignedExport(db: CaudalDatabase, exported: ExportCustody & { format: string; evidenceHash?: string | undefined }, now = Date.now()): Promise<PreparedCustody> {
  await auditExport(db, exported.caseId, exported.format, exported.fileName, exported.data, exported.evidenceHash);
  return prepareExportCustody(db, exported, now);
}

/** Saves the prepared manifest and signature; true when every file was saved. */
export async function savePreparedCustody(ready: PreparedCustody): Promise<boolean> {
  if (await writeBeside(ready).catch(() => false)) return true;
  let all = true;
  for (const file of ready.files) {
    const extension = file.name.endsWith(SIGNATURE_FILE_SUFFIX) ? 'sig' : 'json';
    const result = await platform.saveFile({ suggestedName: file.name, data: file.text, mimeType: 'application/json', filters: [{ name: extension === 'sig' ? 'Signature' : 'JSON', extensions: [extension] }] });
    all &&= result.saved;
  }
  return all;
}

/**
 * Saves the manifest a detection run stored (cited by its entry's second
 * output) with a signature by the analyst now signed in; false when this
 * workstation does not hold it (a run logged before manifests existed).
 */
export async function saveRunManifest(db: CaudalDatabase, entry: AuditEntry, caseNumber: string): Promise<boolean> {
  const manifestSha = entry.action === 'detection.run' ? entry.outputs[1] : undefined;
  const row = manifestSha ? await manifestBySha256(db, manifestSha) : undefined;
  const signer = custodySession.get();
  if (!row || !signer) return false;
  const fileName = `${caseNumber.replace(/[^\w.-]+/g, '_')}-run-${entry.seq}${MANIFEST_SUFFIX}`;
  const saved = await platform.saveFile({ suggestedName: fileName, data: row.text, mimeType: 'application/json', filters: [{ name: 'JSON', extensions: ['json'] }] });
  if (!saved.saved) return true;
  const signature = createSignatureFile(signer, fileName, utf8ToBytes(row.text), { signedAt: new Date() });
  await platform.saveFile({ suggestedName: `${fileName}${SIGNATURE_FILE_SUFFIX}`, data: signatureFileText(signature), mimeType: 'application/json', filters: [{ name: 'Signature', extensions: ['sig'] }] });
  return true;
}
