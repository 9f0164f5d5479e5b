/**
 * `caudal verify run.json [--data DIR]`: replays an analysis manifest from
 * the original files and says whether it gives the same alerts.
 *
 * Exit codes: 0 every input and every alert's evidence hash identical;
 * 3 an input file differs from the one analysed (the file is named);
 * 4 the replay's alerts differ (the first difference is printed);
 * 1 error (missing file, unreadable manifest); 64 usage.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINE_VERSION, GoamlManifestMappingSchema, ManifestError, firstResultDifference, manifestAlertsOf, parseAnalysisManifest, resultsHashOf, type AnalysisManifest, type ManifestInput } from '../shared/audit';
import { TYPOLOGIES, runDetection } from '../shared/detect';
import { ImportError, MappingSpecError, hashSource, importCsv, parseMappingSpec, type ByteSource } from '../shared/import';
import { emptyDataset, type CaseDataset, type RecordByKind, type RecordKind } from '../shared/model';
import { GoamlFileError, importGoaml } from '../shared/interop/goaml';
import { ProfileError, parseProfileJson, type UnitProfile } from '../shared/profiles';
import { resolveCaseDataset } from '../shared/resolve';

export const VERIFY_USAGE = `caudal verify <manifest.json> [--data DIR]

Re-runs the analysis a manifest describes (written by caudal analyze --manifest
or saved by the app) from the original files (CSV files and goAML reports) and
compares every alert's evidence hash.
  --data DIR   look for the input files in DIR (by their names) instead of the
               paths recorded in the manifest

Exit codes: 0 identical, 3 an input file differs, 4 results differ, 1 error, 64 usage.
`;

export class VerifyFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const say = (message: string) => process.stderr.write(`caudal verify: ${message}\n`);

/** Where an input is expected: under --data by its name, else its recorded path, else next to the manifest. */
function locate(input: ManifestInput, manifestPath: string, dataDir: string | undefined): string {
  if (dataDir) return join(resolve(dataDir), input.name);
  if (input.path && existsSync(input.path)) return input.path;
  return join(dirname(resolve(manifestPath)), input.path ? basename(input.path) : input.name);
}

function fileSource(path: string): ByteSource {
  if (!existsSync(path) || !statSync(path).isFile()) throw new VerifyFailure(`${path}: input file not found`, 1);
  return { name: basename(path), size: statSync(path).size, stream: () => createReadStream(path) as AsyncIterable<Uint8Array> };
}

/**
 * Reads a goAML report into the dataset as the app and `caudal analyze` did:
 * the recorded code tables and currency (else the profile's), records already
 * read from earlier inputs counted as duplicates, links left aside (detection
 * does not read them).
 */
async function replayGoaml(dataset: CaseDataset, input: ManifestInput, path: string, source: ByteSource, profile: UnitProfile): Promise<void> {
  const mapping = GoamlManifestMappingSchema.parse(input.mapping);
  const existing = {
    transactions: new Set(dataset.transactions.map((record) => record.id)),
    parties: new Set(dataset.parties.map((record) => record.id)),
    accounts: new Set(dataset.accounts.map((record) => record.id)),
  };
  try {
    await importGoaml(source, {
      sha256: input.sha256,
      codes: 'codes' in mapping ? mapping.codes : profile.goamlCodes,
      defaultCurrency: mapping.defaultCurrency ?? profile.currency,
      existing,
      onBatch(batch) {
        for (const record of batch.transactions) {
          existing.transactions.add(record.id);
          dataset.transactions.push(record);
        }
        for (const record of batch.parties) {
          existing.parties.add(record.id);
          dataset.parties.push(record);
        }
        for (const record of batch.accounts) {
          existing.accounts.add(record.id);
          dataset.accounts.push(record);
        }
      },
    });
  } catch (error) {
    if (error instanceof GoamlFileError) throw new VerifyFailure(`${path}: ${error.message}`, 1);
    throw error;
  }
}

export interface VerifyReport {
  manifest: AnalysisManifest;
  alerts: number;
  resultsHash: string;
}

export async function verifyManifest(manifestPath: string, dataDir?: string): Promise<VerifyReport> {
  if (!existsSync(manifestPath)) throw new VerifyFailure(`${manifestPath}: no such manifest`, 1);
  let manifest: AnalysisManifest;
  try {
    manifest = parseAnalysisManifest(manifestPath, readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    if (error instanceof ManifestError) throw new VerifyFailure(error.message, 1);
    throw error;
  }
  // CSV and goAML imports can be replayed: say so for an FtM file, a statement or a partner package, naming it.
  for (const input of manifest.inputs) {
    if (input.kind === 'goaml') {
      const goaml = GoamlManifestMappingSchema.safeParse(input.mapping);
      if (!goaml.success) {
        const issue = goaml.error.issues[0];
        throw new VerifyFailure(`${manifestPath}: mapping of ${input.name} (goAML), field ${['mapping', ...(issue?.path ?? [])].join('.')}: ${issue?.message ?? 'invalid'}`, 1);
      }
      continue;
    }
    try {
      parseMappingSpec(input.mapping);
    } catch (error) {
      if (!(error instanceof MappingSpecError)) throw error;
      throw new VerifyFailure(`${manifestPath}: ${input.name} was imported as "${input.mappingName}", not with a CSV column mapping (${error.message}); caudal verify replays CSV and goAML imports only`, 1);
    }
  }
  // Check every input before spending time on any: a changed file is the answer.
  const located: { input: ManifestInput; path: string; source: ByteSource }[] = [];
  for (const input of manifest.inputs) {
    const path = locate(input, manifestPath, dataDir);
    const source = fileSource(path);
    const sha256 = await hashSource(source);
    if (sha256 !== input.sha256) {
      throw new VerifyFailure(`input file differs: ${path} (${input.kind} records) has SHA-256 ${sha256}, the manifest records ${input.sha256} for ${input.name}`, 3);
    }
    located.push({ input, path, source });
  }
  if (manifest.engine.version !== ENGINE_VERSION) say(`the manifest was written by ${manifest.engine.version}, this is ${ENGINE_VERSION}: results may differ for that reason`);

  let profile;
  try {
    profile = parseProfileJson(JSON.stringify(manifest.profile));
  } catch (error) {
    if (error instanceof ProfileError) throw new VerifyFailure(`${manifestPath}: field profile: ${error.message}`, 1);
    throw error;
  }
  const dataset: CaseDataset = emptyDataset();
  for (const { input, path, source } of located) {
    if (input.kind === 'goaml') {
      await replayGoaml(dataset, input, path, source, profile);
      continue;
    }
    let spec;
    try {
      spec = parseMappingSpec(input.mapping);
    } catch (error) {
      if (error instanceof MappingSpecError) throw new VerifyFailure(`${manifestPath}: mapping of ${input.name}: ${error.message}`, 1);
      throw error;
    }
    const records: RecordByKind[RecordKind][] = [];
    try {
      await importCsv(source, { spec, sha256: input.sha256, onBatch: (batch) => void records.push(...batch) });
    } catch (error) {
      if (error instanceof ImportError) throw new VerifyFailure(`${path}: ${error.message}`, 1);
      throw error;
    }
    if (input.kind === 'transaction') dataset.transactions.push(...(records as RecordByKind['transaction'][]));
    else if (input.kind === 'account') dataset.accounts.push(...(records as RecordByKind['account'][]));
    else if (input.kind === 'party') dataset.parties.push(...(records as RecordByKind['party'][]));
    else dataset.shipments.push(...(records as RecordByKind['shipment'][]));
  }
  // The same engine as `caudal analyze` and the app: automatic resolution, then the analyst's recorded merges.
  const resolved = resolveCaseDataset(dataset, manifest.merges.map((merge, order) => ({ decision: 'merged' as const, keepId: merge.keepId, mergedIds: merge.mergedIds, confirmedAt: order }))).dataset;

  const typologies = TYPOLOGIES.map((typology) => typology.id);
  const replayed = manifestAlertsOf(runDetection(resolved, profile));
  const difference = firstResultDifference(manifest.results.alerts, replayed);
  if (difference) throw new VerifyFailure(`results differ: ${difference}`, 4);
  const resultsHash = resultsHashOf(replayed);
  if (resultsHash !== manifest.results.resultsHash) throw new VerifyFailure(`results differ: the manifest's results hash ${manifest.results.resultsHash} does not match its own alert list (the manifest was edited)`, 4);
  if (typologies.join(',') !== manifest.engine.typologies.join(',')) say(`the engine's typologies differ from the manifest's (${manifest.engine.typologies.length} recorded, ${typologies.length} here), but the results are identical`);
  return { manifest, alerts: replayed.length, resultsHash };
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { data: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write(`caudal verify: takes exactly one manifest, got ${positionals.length}\n\n${VERIFY_USAGE}`);
    return 64;
  }
  const manifestPath = positionals[0] as string;
  try {
    const report = await verifyManifest(manifestPath, values.data);
    process.stdout.write(`verified: ${report.manifest.inputs.length} input file(s) identical, ${report.alerts} alerts identical, results ${report.resultsHash}\n`);
    return 0;
  } catch (error) {
    if (error instanceof VerifyFailure) {
      say(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
