/**
 * `caudal analyze … --manifest run.json`: writes the analysis manifest that
 * `caudal verify` replays — input file hashes and mappings as applied, the
 * unit profile with every parameter, the engine version, and a hash of every
 * alert's evidence and of the ranked list.
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { TYPOLOGIES } from '../shared/detect';
import { buildAnalysisManifest, type AnalysisManifest, type ManifestInput } from '../shared/audit';
import type { Alert, SourceFile } from '../shared/model';
import type { UnitProfile } from '../shared/profiles';
import { writeAtomically } from './writeCase';

export interface ManifestSource {
  path: string;
  file: SourceFile;
}

export const manifestInputOf = ({ path, file }: ManifestSource): ManifestInput => ({
  kind: file.kind,
  name: file.name,
  path: resolve(path),
  sha256: file.sha256,
  size: file.size,
  mappingName: file.mappingName,
  mapping: file.mapping,
});

export function analysisManifestFor(sources: readonly ManifestSource[], profile: UnitProfile, alerts: readonly Alert[], createdAt = new Date()): AnalysisManifest {
  return buildAnalysisManifest({ createdAt, typologies: TYPOLOGIES.map((typology) => typology.id), inputs: sources.map(manifestInputOf), profile, alerts });
}

export function writeAnalysisManifest(path: string, sources: readonly ManifestSource[], profile: UnitProfile, alerts: readonly Alert[]): AnalysisManifest {
  const manifest = analysisManifestFor(sources, profile, alerts);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeAtomically(resolve(path), (fd) => writeSync(fd, text));
  process.stderr.write(`caudal: analysis manifest (${manifest.results.count} alerts, results ${manifest.results.resultsHash.slice(0, 16)}…) written to ${path}\n`);
  return manifest;
}
