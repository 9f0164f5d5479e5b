import { z } from 'zod';
import { parseMappingSpec, type MappingSpec } from '../../../shared/import';
import { RecordKindSchema } from '../../../shared/model';
import { createCase } from '../../db/cases';
import type { CaudalDatabase } from '../../db/schema';
import { commitImport } from '../../db/imports';
import { auditImportCommitted } from '../../db/auditEvents';
import { saveMapping } from '../../db/mappings';
import { runImport, type ImportProgress } from '../../workers/importClient';

/** The demo case shipped in assets/demo/ (served next to the app as ./demo/). */
export const DEMO_MANIFEST_URL = './demo/manifest.json';

const DemoManifestSchema = z.object({
  case: z.object({
    number: z.string().min(1),
    name: z.string().min(1),
    profileId: z.string().min(1),
    analyst: z.string().default(''),
    classification: z.string().default(''),
  }),
  files: z
    .array(
      z.object({
        path: z.string().min(1),
        kind: RecordKindSchema,
        /** A mapping JSON file next to the manifest, or the spec itself. */
        mapping: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
      }),
    )
    .min(1),
});
export type DemoManifest = z.infer<typeof DemoManifestSchema>;

export interface DemoProgress {
  fileIndex: number;
  fileCount: number;
  name: string;
  progress: ImportProgress | null;
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response;
}

async function mappingOf(entry: DemoManifest['files'][number], base: URL): Promise<MappingSpec> {
  if (typeof entry.mapping !== 'string') return parseMappingSpec(entry.mapping);
  return parseMappingSpec(await (await fetchOk(new URL(entry.mapping, base))).text());
}

/**
 * Creates the demo case (or re-uses it when a case with its number exists)
 * and imports each file through the same worker pipeline an analyst's file
 * goes through, saving the demo mappings by name on the way. Files already
 * imported are skipped by the pipeline's own idempotency check, so clicking
 * twice, or after an interrupted first attempt, completes the case.
 */
export async function prepareDemoCase(db: CaudalDatabase, onProgress: (progress: DemoProgress) => void, signal?: AbortSignal): Promise<string> {
  const manifestUrl = new URL(DEMO_MANIFEST_URL, document.baseURI);
  const manifest = DemoManifestSchema.parse(await (await fetchOk(manifestUrl)).json());
  const existing = await db.cases.filter((row) => row.number === manifest.case.number && !row.partnerPackageId).first();
  const caseRow = existing ?? (await createCase(db, manifest.case));

  for (const [fileIndex, entry] of manifest.files.entries()) {
    const url = new URL(entry.path, manifestUrl);
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? entry.path);
    onProgress({ fileIndex, fileCount: manifest.files.length, name, progress: null });
    const spec = await mappingOf(entry, manifestUrl);
    if (spec.kind !== entry.kind) throw new Error(`${entry.path}: its mapping is for ${spec.kind}, the manifest says ${entry.kind}`);
    await saveMapping(db, spec);
    const blob = await (await fetchOk(url)).blob();
    const outcome = await runImport(
      { caseId: caseRow.id, kind: entry.kind, blob, name, size: blob.size, spec, mappingName: spec.name },
      { signal, onProgress: (progress) => onProgress({ fileIndex, fileCount: manifest.files.length, name, progress }) },
    );
    if (outcome.status === 'cancelled') throw new Error('cancelled');
    // The demo's rows set aside in quarantine are part of the story; the valid ones go in.
    if (outcome.status === 'staged') await commitImport(db, outcome.importId).then((committed) => auditImportCommitted(db, committed.caseId, committed.file));
  }
  return caseRow.id;
}
