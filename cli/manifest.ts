/**
 * `caudal analyze … --manifest run.json`: writes the analysis manifest that
 * `caudal verify` replays — input file hashes and mappings as applied, the
 * unit profile with every parameter, the engine version, and a hash of every
 * alert's evidence and of the ranked list.
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisManifest } from '../shared/audit';
import { analysisManifestOf } from '../shared/audit/runManifest';
import type { Alert, SourceFile } from '../shared/model';
import type { UnitProfile } from '../shared/profiles';
import { writeAtomically } from './writeCase';

export interface ManifestSource {
  path: string;
  file: SourceFile;
}

/** The same builder the app uses for its detection runs and exports (renderer/db/manifests.ts). */
export function analysisManifestFor(sources: readonly ManifestSource[], profile: UnitProfile, alerts: readonly Alert[], createdAt = new Date()): AnalysisManifest {
  return analysisManifestOf({ sources: sources.map(({ path, file }) => ({ file, path: resolve(path) })), profile, alerts, createdAt });
}

export function writeAnalysisManifest(path: string, sources: readonly ManifestSource[], profile: UnitProfile, alerts: readonly Alert[]): AnalysisManifest {
  const manifest = analysisManifestFor(sources, profile, alerts);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeAtomically(resolve(path), (fd) => writeSync(fd, text));
  process.stderr.write(`caudal: analysis manifest (${manifest.results.count} alerts, results ${manifest.results.resultsHash.slice(0, 16)}…) written to ${path}\n`);
  return manifest;
}
