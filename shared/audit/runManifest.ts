import { TYPOLOGIES } from '../detect';
import type { Alert, SourceFile } from '../model';
import { buildAnalysisManifest, type AnalysisManifest, type GoamlManifestMapping, type ManifestInput } from './manifest';

/**
 * The one builder of analysis manifests for the CLI (`caudal analyze
 * --manifest`) and the app (each detection run and export): same inputs,
 * same profile, same alerts give the same manifest, so `caudal verify`
 * checks either. Kept out of shared/audit/index.ts so workers that only seal
 * rows do not pull the detection engine in.
 */
export interface ManifestSourceFile {
  file: SourceFile;
  /** Where the file lay when analysed (the CLI knows; the browser never sees a path). */
  path?: string;
}

/** What replays a goAML import (its code tables and default currency); null for any other source. */
function goamlMappingOf(file: SourceFile): GoamlManifestMapping | null {
  const mapping = file.mapping as { format?: unknown; codes?: unknown; defaultCurrency?: unknown } | null | undefined;
  if (typeof mapping !== 'object' || mapping === null || mapping.format !== 'goaml') return null;
  return {
    format: 'goaml',
    ...(mapping.codes === undefined ? {} : { codes: mapping.codes }),
    ...(typeof mapping.defaultCurrency === 'string' ? { defaultCurrency: mapping.defaultCurrency } : {}),
  };
}

export const manifestInputOfSource = ({ file, path }: ManifestSourceFile): ManifestInput => {
  const goaml = goamlMappingOf(file);
  return {
    // A goAML report holds every record kind at once: the replay reads it with the goAML reader, not a CSV mapping.
    kind: goaml ? 'goaml' : file.kind,
    name: file.name,
    ...(path ? { path } : {}),
    sha256: file.sha256,
    size: file.size,
    mappingName: file.mappingName,
    mapping: goaml ?? file.mapping,
  };
};

export interface RunManifestParts {
  sources: readonly ManifestSourceFile[];
  profile: unknown;
  alerts: readonly Alert[];
  createdAt?: Date;
  /** The analyst's confirmed party merges, oldest first: verify applies them in this order. */
  merges?: AnalysisManifest['merges'];
  filters?: Record<string, unknown>;
  selection?: string[];
}

export function analysisManifestOf(parts: RunManifestParts): AnalysisManifest {
  // In the order given: the replay reads the files in this order, as the run did.
  const inputs = parts.sources.map(manifestInputOfSource);
  return buildAnalysisManifest({
    createdAt: parts.createdAt ?? new Date(),
    typologies: TYPOLOGIES.map((typology) => typology.id),
    inputs,
    profile: parts.profile,
    alerts: parts.alerts,
    ...(parts.merges ? { merges: parts.merges } : {}),
    ...(parts.filters ? { filters: parts.filters } : {}),
    ...(parts.selection ? { selection: parts.selection } : {}),
  });
}
