import { z } from 'zod';
import type { Alert } from '../model';
import { canonicalHash } from './canonical';

/**
 * The detection engine's version as recorded in manifests and the audit
 * trail. Bump it whenever a typology's logic changes what it finds, so a
 * replay on a newer engine says why its results differ.
 */
export const ENGINE_VERSION = 'caudal-detect/0.1.0';
export const MANIFEST_FORMAT = 'caudal.analysis-manifest/1';

/**
 * What one alert stands on, hashed: its identity, score and every record it
 * cites. Two runs agree on an alert exactly when these hashes agree.
 */
export function alertEvidenceHash(alert: Alert): string {
  return canonicalHash({
    id: alert.id,
    typology: alert.typology,
    score: alert.score,
    accounts: alert.accounts,
    parties: alert.parties,
    transactions: alert.transactions,
    shipments: alert.shipments,
    window: alert.window,
    totals: alert.totals,
    focus: alert.focus,
    explanation: alert.explanation,
  });
}

export interface ManifestAlert {
  id: string;
  typology: string;
  evidenceHash: string;
}

export const manifestAlertsOf = (alerts: readonly Alert[]): ManifestAlert[] => alerts.map((alert) => ({ id: alert.id, typology: alert.typology, evidenceHash: alertEvidenceHash(alert) }));

/** One hash over the ordered list of alerts: order matters, because the analyst reads them ranked. */
export const resultsHashOf = (alerts: readonly ManifestAlert[]): string => canonicalHash(alerts.map((alert) => [alert.id, alert.evidenceHash]));

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

export const ManifestInputSchema = z.object({
  /** A CSV file of one record kind, or a goAML report (transactions, parties and accounts together). */
  kind: z.enum(['transaction', 'account', 'party', 'shipment', 'goaml']),
  /** The file's name when the manifest was written; verify looks for it (or for `path`) under --data. */
  name: z.string().min(1),
  path: z.string().optional(),
  sha256: Hex64,
  size: z.number().int().nonnegative(),
  mappingName: z.string(),
  /** The mapping exactly as applied. */
  mapping: z.unknown(),
});
export type ManifestInput = z.infer<typeof ManifestInputSchema>;

/**
 * The mapping of a goAML input: what decoded it. A replay applies the same
 * code tables and default currency; an input recorded without them (imported
 * before they were kept) is replayed with the manifest profile's.
 */
export const GoamlManifestMappingSchema = z.strictObject({
  format: z.literal('goaml'),
  codes: z.unknown().optional(),
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').optional(),
});
export type GoamlManifestMapping = z.infer<typeof GoamlManifestMappingSchema>;

export const AnalysisManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  createdAt: z.string(),
  engine: z.object({ version: z.string(), typologies: z.array(z.string()) }),
  inputs: z.array(ManifestInputSchema).min(1),
  /** The unit profile with every parameter, as run. */
  profile: z.unknown(),
  /** Party merges applied before detection (the app's entity decisions); the CLI applies none. */
  merges: z.array(z.object({ keepId: z.string(), mergedIds: z.array(z.string()) })).default([]),
  filters: z.record(z.string(), z.unknown()).default({}),
  /** Node ids on the exported chart, when the manifest accompanies a chart export. */
  selection: z.array(z.string()).optional(),
  results: z.object({
    count: z.number().int().nonnegative(),
    resultsHash: Hex64,
    alerts: z.array(z.object({ id: z.string(), typology: z.string(), evidenceHash: Hex64 })),
  }),
});
export type AnalysisManifest = z.infer<typeof AnalysisManifestSchema>;

export interface ManifestParts {
  createdAt: Date;
  typologies: string[];
  inputs: ManifestInput[];
  profile: unknown;
  alerts: readonly Alert[];
  merges?: AnalysisManifest['merges'];
  filters?: Record<string, unknown>;
  selection?: string[];
}

export function buildAnalysisManifest(parts: ManifestParts): AnalysisManifest {
  const alerts = manifestAlertsOf(parts.alerts);
  const manifest: AnalysisManifest = {
    format: MANIFEST_FORMAT,
    createdAt: parts.createdAt.toISOString(),
    engine: { version: ENGINE_VERSION, typologies: [...parts.typologies] },
    inputs: parts.inputs,
    profile: parts.profile,
    merges: parts.merges ?? [],
    filters: parts.filters ?? {},
    results: { count: alerts.length, resultsHash: resultsHashOf(alerts), alerts },
  };
  if (parts.selection) manifest.selection = parts.selection;
  return manifest;
}

export class ManifestError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ManifestError';
  }
}

export function parseAnalysisManifest(file: string, text: string): AnalysisManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = AnalysisManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(file, `field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The first place two result lists part ways, in words a reader can check:
 * a missing or extra alert, a different order, or the same alert on
 * different evidence. Null when they agree.
 */
export function firstResultDifference(expected: readonly ManifestAlert[], actual: readonly ManifestAlert[]): string | null {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const got = actual[index];
    const position = `alert #${index + 1}`;
    if (!got && want) return `${position}: expected ${want.id} (${want.typology}), the replay has no alert there (${actual.length} alerts instead of ${expected.length})`;
    if (!want && got) return `${position}: the replay has an extra alert ${got.id} (${got.typology}) (${actual.length} alerts instead of ${expected.length})`;
    if (!want || !got) continue;
    if (want.id !== got.id) {
      const elsewhere = actual.findIndex((alert) => alert.id === want.id);
      return `${position}: expected ${want.id} (${want.typology}), the replay has ${got.id} (${got.typology})${elsewhere >= 0 ? `; ${want.id} is at #${elsewhere + 1}` : `; ${want.id} is not found`}`;
    }
    if (want.evidenceHash !== got.evidenceHash) return `${position} ${want.id} (${want.typology}): same alert, different evidence (hash ${want.evidenceHash.slice(0, 16)}… expected, ${got.evidenceHash.slice(0, 16)}… replayed)`;
  }
  return null;
}
