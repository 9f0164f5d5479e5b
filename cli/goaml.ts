/**
 * `caudal analyze report.xml [more.xml …] [folder]`: goAML reports on the
 * command line. Inputs are recognised by their root element (report or
 * reportdata), not by their name; a folder stands for the .xml files in it.
 * The records join one dataset and run through the same detection as CSV.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashSource } from '../shared/import';
import { GoamlFileError, importGoaml, looksLikeGoaml, type GoamlByteSource } from '../shared/interop/goaml';
import type { Relationship } from '../shared/interop/relationships';
import type { CaseDataset, SourceFile } from '../shared/model';
import type { UnitProfile } from '../shared/profiles';
import { fileSource as readableFile, InputFileError, readHead } from './files';

/** A goAML input problem; caudal.ts turns it into its usage/error exit. */
export class GoamlInputError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'GoamlInputError';
  }
}

/** A goAML report names its root element within the first few kilobytes. */
const GOAML_HEAD_BYTES = 4096;
const QUARANTINE_PRINTED = 200;


function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The goAML files the positionals name, or null when they are not goAML
 * (a single CSV: the caller's usual path). Mixing goAML with other files is refused.
 */
export async function goamlInputs(positionals: readonly string[]): Promise<string[] | null> {
  // Folders contribute their .xml files; a folder without any is left to the CSV and statement path (cli/inputs.ts).
  const files: string[] = [];
  for (const path of positionals) {
    if (isDirectory(path)) {
      files.push(
        ...readdirSync(path)
          .filter((name) => name.toLowerCase().endsWith('.xml'))
          .sort()
          .map((name) => join(path, name)),
      );
    } else files.push(path);
  }
  const goaml: string[] = [];
  const other: string[] = [];
  for (const file of files) {
    let isGoaml = false;
    try {
      isGoaml = looksLikeGoaml(await readHead(file, GOAML_HEAD_BYTES));
    } catch {
      // Unreadable: left to the caller's path, which names the problem.
    }
    (isGoaml ? goaml : other).push(file);
  }
  if (goaml.length === 0) return null;
  const notGoaml = [...other, ...positionals.filter((path) => isDirectory(path) && !goaml.some((file) => file.startsWith(join(path, ''))))];
  if (notGoaml.length > 0) {
    throw new GoamlInputError(`${notGoaml.join(', ')}: not a goAML report (the root element is not <report> or <reportdata>); goAML reports are analysed on their own, not mixed with CSV files, statements or workbooks`, 64);
  }
  return goaml;
}

function fileSource(path: string): GoamlByteSource {
  try {
    return readableFile(path);
  } catch (error) {
    throw error instanceof InputFileError ? new GoamlInputError(error.message) : error;
  }
}

export interface GoamlCliResult {
  quarantined: number;
  relationships: Relationship[];
  /** Each file read (the same bytes once), for the analysis manifest (issue 12). */
  files: { path: string; file: SourceFile }[];
}

/**
 * Imports each file into `dataset` (transactions, parties, accounts), prints
 * its quarantine and unknown codes on stderr through `say`, and returns the
 * number of units quarantined. The same bytes given twice are read once.
 */
export async function importGoamlInto(dataset: CaseDataset, paths: readonly string[], profile: UnitProfile, say: (message: string) => void): Promise<GoamlCliResult> {
  const existing = { transactions: new Set<string>(), parties: new Set<string>(), accounts: new Set<string>(), relationships: new Set<string>() };
  const hashes = new Map<string, string>();
  const relationships: Relationship[] = [];
  const files: GoamlCliResult['files'] = [];
  let quarantined = 0;
  for (const path of paths) {
    const started = performance.now();
    const source = fileSource(path);
    const sha256 = await hashSource(source);
    const twin = hashes.get(sha256);
    if (twin) {
      say(`${path}: the same bytes as ${twin}; read once`);
      continue;
    }
    hashes.set(sha256, path);
    try {
      const outcome = await importGoaml(source, {
        sha256,
        codes: profile.goamlCodes,
        defaultCurrency: profile.currency,
        existing,
        onBatch(batch) {
          for (const t of batch.transactions) {
            dataset.transactions.push(t);
            existing.transactions.add(t.id);
          }
          for (const p of batch.parties) {
            dataset.parties.push(p);
            existing.parties.add(p.id);
          }
          for (const a of batch.accounts) {
            dataset.accounts.push(a);
            existing.accounts.add(a.id);
          }
          for (const r of batch.relationships) {
            relationships.push(r);
            existing.relationships.add(r.id);
          }
        },
      });
      for (const entry of outcome.quarantine.slice(0, QUARANTINE_PRINTED)) say(`${path}, line ${entry.line}, ${entry.reason} — quarantined`);
      if (outcome.counts.quarantined > QUARANTINE_PRINTED) say(`${path}: … and ${outcome.counts.quarantined - QUARANTINE_PRINTED} more quarantined`);
      for (const code of outcome.unknownCodes) say(`${path}: unknown ${code.list} code '${code.code}' (${code.count}×, first at ${code.firstPath}, line ${code.firstLine}); kept, add it to the profile's goamlCodes`);
      const { counts, written } = outcome;
      say(
        `${path}: goAML, ${outcome.reports.length} report${outcome.reports.length === 1 ? '' : 's'} (${outcome.reports.map((r) => r.entityReference ?? r.reportCode ?? `#${r.ordinal}`).join(', ')}); ` +
          `${counts.read} units read, ${counts.imported} imported, ${counts.quarantined} quarantined, ${counts.duplicates} duplicates; ` +
          `${written.transactions} transactions, ${written.parties} parties, ${written.accounts} accounts, ${written.relationships} links (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      quarantined += counts.quarantined;
      files.push({ path, file: outcome.file });
    } catch (error) {
      if (error instanceof GoamlFileError) throw new GoamlInputError(error.message.startsWith(source.name) ? `${path}${error.message.slice(source.name.length)}` : `${path}: ${error.message}`);
      throw error;
    }
  }
  return { quarantined, relationships, files };
}
