/**
 * caudal — the detection engine on the command line, for batch runs,
 * benchmarks and partner units that want to test without the desktop app.
 *
 *   caudal analyze <transactions.csv> [options]   import a bank export and print the alerts
 *   caudal generate --seed N --transactions N --out DIR   write a synthetic case with ground truth
 *
 * Exit codes: 0 success; 1 error (unreadable file, unmappable column, bad
 * mapping or profile); 2 analysis done on the good rows but some rows were
 * quarantined (use --allow-bad-rows to accept them with exit 0); 64 usage.
 */
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDetection } from '../shared/detect';
import { generateCase, type GenerateOptions } from '../shared/generator';
import {
  DATE_ORDERS,
  ImportError,
  MappingSpecError,
  hashSource,
  importCsv,
  parseMappingSpec,
  sniffCsv,
  suggestMapping,
  type ByteSource,
  type DateOrder,
  type FieldSource,
  type ImportOutcome,
  type MappingSpec,
} from '../shared/import';
import { emptyDataset, type Alert, type CaseDataset, type RecordByKind, type RecordKind } from '../shared/model';
import { BUILTIN_PROFILES, ProfileError, builtinProfile, parseProfileJson, type UnitProfile } from '../shared/profiles';
import { writeAtomically, writeGeneratedCase } from './writeCase';
import { fileSource as readableFile, InputFileError, readHead } from './files';
import { writeAnalysisManifest, type ManifestSource } from './manifest';
import { VERIFY_USAGE, verifyCommand } from './verify';
import { VERIFY_SIGNATURE_USAGE, verifySignatureCommand } from './signature';
import { toCsv } from '../shared/csv';
import { resolveCaseDataset } from '../shared/resolve';
import { collectInputFiles, collectTransactions, InputError, readAnyMapping, statementsJson, type CollectedInputs } from './inputs';

/** Issue 16: files and folders → transactions, statements merged on both sides; input errors become CliErrors. */
async function collectInputsForAnalyze(paths: string[], mappingPath: string | undefined, matchDays: number | undefined, currency: string, dateOrder: DateOrder | undefined, importTransfers: (path: string, mapping: string | undefined) => Promise<{ records: RecordByKind['transaction'][]; quarantined: number }>): Promise<CollectedInputs> {
  try {
    const files = collectInputFiles(paths, say);
    const mapping = mappingPath ? readAnyMapping(mappingPath) : undefined;
    return await collectTransactions(files, { mapping: mapping?.statement ? { statement: mapping.statement } : { transferPath: mappingPath }, ...(matchDays === undefined ? {} : { matchDays }), ...(dateOrder ? { dateOrder } : {}), currency, importTransfers, say });
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
}
import { goamlInputs, GoamlInputError, importGoamlInto } from './goaml';
import { SCREEN_USAGE, ScreenUsageError, runScreen } from './screen';

const USAGE = `Caudal — follow-the-money detection on the command line

Usage:
  caudal analyze <file|folder>... [options]    transfer files and account statements (CSV, .xlsx, .ods); a folder reads every CSV and workbook in it
  caudal analyze <report.xml> [more.xml …] [folder …] [options]   goAML reports (recognised by root element)
  caudal generate --seed N --transactions N --out DIR [--start YYYY-MM-DD] [--days N]
  ${VERIFY_USAGE.split('\n')[0]}
  ${VERIFY_SIGNATURE_USAGE.split('\n')[0]}

analyze options:
  --mapping FILE        saved column mapping (JSON, caudal.mapping/1) for the transactions file;
                        without it Caudal maps common headers itself and prints its choice on stderr
  --profile ID|FILE     unit profile: a built-in id (${BUILTIN_PROFILES.map((p) => p.id).join(', ')})
                        or a profile JSON file; default co-uiaf
  --date-order DMY|MDY|YMD  day/month order of the dates when Caudal maps the headers itself
                        and the first rows fit both (e.g. a January export: 01/01 … 12/01)
  --currency CODE       the currency of the amounts (ISO 4217, e.g. USD) when Caudal maps the
                        headers itself and the file has no currency column (without it: the one
                        currency every account in --accounts states, if they all state the same)
  --format json|csv     output format; default json
  --out FILE            write the result to FILE instead of standard output
  --accounts FILE       also import an accounts file (same for --parties, --shipments);
  --parties FILE        each may take a saved mapping with --accounts-mapping, --parties-mapping,
  --shipments FILE      --shipments-mapping
  --match-days N        account statements: days between a debit and its credit when the two
                        sides of a transfer are paired without a shared reference; default 2
  --allow-bad-rows      exit 0 even when rows were quarantined (they are still listed on stderr)
  --manifest FILE       also write an analysis manifest that caudal verify can replay

Rows that fail validation are quarantined: each is printed on stderr with its
line, column and reason, and the analysis runs on the good rows. The exit code
is then 2 (unless --allow-bad-rows), so scripts notice incomplete input.

Exit codes: 0 ok, 1 error, 2 rows quarantined, 64 usage error.
`;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const QUARANTINE_PRINTED = 200;

function say(message: string): void {
  process.stderr.write(`caudal: ${message}\n`);
}

function fileSource(path: string): ByteSource {
  try {
    return readableFile(path);
  } catch (error) {
    throw error instanceof InputFileError ? new CliError(error.message) : error;
  }
}


function readMapping(path: string, kind: RecordKind): MappingSpec {
  if (!existsSync(path)) throw new CliError(`${path}: no such mapping file`);
  let spec: MappingSpec;
  try {
    spec = parseMappingSpec(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof MappingSpecError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
  if (spec.kind !== kind) throw new CliError(`${path}: this mapping is for ${spec.kind} records, but the file is given as ${kind} records`);
  return spec;
}

function describeSource(source: FieldSource): string {
  if ('constant' in source) return `constant "${source.constant}"`;
  if ('column' in source) return `"${source.column}"`;
  return source.columns.map((column) => `"${column}"`).join(' + ');
}

/** Maps the headers itself and tells the analyst what it chose, so a wrong guess is visible and fixable. */
async function suggestFor(path: string, name: string, kind: RecordKind, dateOrder: DateOrder | undefined, currency: string | undefined): Promise<MappingSpec> {
  const sniff = sniffCsv(await readHead(path));
  const suggestion = suggestMapping(kind, sniff, `${name} (automatic)`);
  if (dateOrder) suggestion.spec.dateOrder = dateOrder;
  // A file without a currency column: the analyst says what the amounts are in; Caudal never guesses it.
  let missing = suggestion.missingRequired;
  if (currency && missing.includes('currency')) {
    suggestion.spec.fields.currency = { constant: currency };
    missing = missing.filter((field) => field !== 'currency');
  }
  if (missing.length > 0) {
    const currencyHint = missing.includes('currency') ? '; or, when the amounts are all in one currency, give it with --currency (e.g. --currency USD)' : '';
    throw new CliError(
      `${path}: no column found for required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(headers on line ${sniff.skipLines + 1}: ${sniff.headers.join(', ')}); write a mapping and pass it with --mapping${currencyHint}`,
    );
  }
  const lines = Object.entries(suggestion.spec.fields).map(([field, source]) => `  ${field.padEnd(16)} ← ${describeSource(source)}`);
  say(
    `no mapping given for ${name}; mapped its columns as follows (delimiter "${sniff.delimiter}", ${sniff.skipLines} preamble ${sniff.skipLines === 1 ? 'line' : 'lines'}, ` +
      `decimal "${sniff.decimalSeparator}", encoding ${sniff.encoding}):\n${lines.join('\n')}\n` +
      `  save this as JSON with the app's mapping editor, or write one, and pass it with --mapping to fix a wrong guess`,
  );
  return suggestion.spec;
}

interface Imported<K extends RecordKind> {
  records: RecordByKind[K][];
  outcome: ImportOutcome;
  seconds: number;
}

const secondsSince = (start: number) => (performance.now() - start) / 1000;

async function importFile<K extends RecordKind>(path: string, kind: K, mappingPath: string | undefined, dateOrder?: DateOrder, currency?: string): Promise<Imported<K>> {
  const started = performance.now();
  const source = fileSource(path);
  const spec = mappingPath ? readMapping(mappingPath, kind) : await suggestFor(path, source.name, kind, dateOrder, currency);
  const sha256 = await hashSource(source);
  const records: RecordByKind[K][] = [];
  try {
    const outcome = await importCsv<K>(source, { spec, sha256, onBatch: (batch) => void records.push(...batch) });
    return { records, outcome, seconds: secondsSince(started) };
  } catch (error) {
    if (error instanceof ImportError) {
      const message = error.message.startsWith(source.name) ? `${path}${error.message.slice(source.name.length)}` : `${path}: ${error.message}`;
      // The engine looked at more rows than the sniffer and still could not tell DD/MM from MM/DD.
      const hint = error.code === 'ambiguous-date-order' && !mappingPath ? '; pass --date-order DMY (day first, as Latin-American banks write dates) or --date-order MDY' : '';
      throw new CliError(message + hint);
    }
    throw error;
  }
}

function reportQuarantine(path: string, imported: Imported<RecordKind>): void {
  const { counts, quarantine } = imported.outcome;
  for (const entry of quarantine.slice(0, QUARANTINE_PRINTED)) {
    const where = [`line ${entry.line}`];
    if (entry.column) where.push(`column '${entry.column}'`);
    if (entry.field) where.push(`field ${entry.field}`);
    const value = entry.value !== '' && !entry.reason.includes(entry.value) ? ` (${entry.truncated ? 'text starts' : 'value'} '${entry.value}'${entry.truncated ? '…' : ''})` : '';
    say(`${path}, ${where.join(', ')}: ${entry.reason}${value} — row quarantined`);
  }
  if (counts.quarantined > QUARANTINE_PRINTED) say(`${path}: … and ${counts.quarantined - QUARANTINE_PRINTED} more quarantined rows`);
  const issues = imported.outcome.encodingIssues;
  if (issues) {
    const shown = issues.lines.map((entry) => `line ${entry.line}: '${entry.text}'`).join('; ');
    say(`${path}: ${issues.count} line(s) do not decode cleanly as ${issues.encoding ?? 'the chosen encoding'} (mixed encodings?): ${shown}; give the encoding in a mapping (--mapping) if names look garbled`);
  }
  const { lines } = counts;
  say(
    `${path}: ${counts.read} rows read, ${counts.imported} imported, ${counts.quarantined} quarantined, ` +
      `${counts.duplicates} duplicate${counts.duplicates === 1 ? '' : 's'} (${imported.seconds.toFixed(1)} s); ` +
      `${lines.total} lines in file = ${lines.header} header/preamble + ${lines.blank} blank + ${lines.imported} imported + ` +
      `${lines.quarantined} quarantined + ${lines.duplicates} duplicate`,
  );
}

function loadProfile(value: string): UnitProfile {
  const builtin = builtinProfile(value);
  if (builtin) return builtin;
  if (value.endsWith('.json') || existsSync(value)) {
    if (!existsSync(value)) throw new CliError(`${value}: no such profile file`);
    try {
      return parseProfileJson(readFileSync(value, 'utf8'));
    } catch (error) {
      if (error instanceof ProfileError) throw new CliError(`${value}: ${error.message}`);
      throw error;
    }
  }
  throw new CliError(`unknown profile '${value}' (built-in: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}; or give a profile JSON file)`);
}

interface AlertOut {
  id: string;
  typology: string;
  score: number;
  accounts: string[];
  transactions: string[];
  window: { from: string; to: string };
  explanation: string;
  /** Every network shape the scheme showed (a merged scheme names several; other alerts their own typology). */
  shapes: string[];
  /** What the 0–100 score is made of, in the profile's language (absent for typologies scored by a rule). */
  scoreComponents?: { id: string; label: string; value: number }[];
}

function alertOut(alert: Alert, profile: UnitProfile): AlertOut {
  return {
    id: alert.id,
    typology: alert.typology,
    score: alert.score,
    accounts: alert.accounts,
    transactions: alert.transactions,
    window: { from: new Date(alert.window.from).toISOString(), to: new Date(alert.window.to).toISOString() },
    explanation: alert.explanation[profile.language],
    shapes: alert.shapes ?? [alert.typology],
    ...(alert.scoreComponents ? { scoreComponents: alert.scoreComponents.map((component) => ({ id: component.id, label: component.label[profile.language], value: component.value })) } : {}),
  };
}

function formatCsv(alerts: AlertOut[]): string {
  const header = ['id', 'typology', 'score', 'window_from', 'window_to', 'accounts', 'transactions', 'explanation'];
  // Account ids and explanations carry bank text: the shared writer neutralises formulas in them.
  return toCsv(
    header,
    alerts.map((a) => [a.id, a.typology, a.score, a.window.from, a.window.to, a.accounts.join(' '), a.transactions.join(' '), a.explanation]),
    { newline: '\n' },
  );
}

/** File-system failures (missing folder, no permission, disk full) become a message naming the path. */
function writingTo<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`${path}: cannot write (${code}${code === 'ENOENT' ? ': the folder does not exist' : ''})`);
    throw error;
  }
}

function emit(text: string, out: string | undefined): void {
  if (out) {
    writingTo(out, () => writeAtomically(resolve(out), (fd) => writeSync(fd, text)));
    return;
  }
  process.stdout.write(text);
}

async function analyze(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      profile: { type: 'string', default: 'co-uiaf' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      accounts: { type: 'string' },
      parties: { type: 'string' },
      shipments: { type: 'string' },
      'accounts-mapping': { type: 'string' },
      'parties-mapping': { type: 'string' },
      'shipments-mapping': { type: 'string' },
      'allow-bad-rows': { type: 'boolean', default: false },
      'date-order': { type: 'string' },
      currency: { type: 'string' },
      'match-days': { type: 'string' },
      manifest: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new CliError(`analyze takes one or more transaction or statement files or folders\n\n${USAGE}`, 64);
  // Issue 13: goAML reports (files, folders) are recognised by their root element.
  const goamlFiles = await goamlInputs(positionals).catch((error: unknown) => {
    throw error instanceof GoamlInputError ? new CliError(error.message, error.exitCode) : error;
  });
  const format = values.format;
  if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv, got '${format}'`, 64);
  const dateOrderOption = values['date-order']?.toUpperCase();
  if (dateOrderOption !== undefined && !(DATE_ORDERS as readonly string[]).includes(dateOrderOption)) throw new CliError(`--date-order must be DMY, MDY or YMD, got '${values['date-order']}'`, 64);
  const dateOrder = dateOrderOption as DateOrder | undefined;
  const currency = values.currency?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new CliError(`--currency takes an ISO 4217 code such as USD, got '${values.currency}'`, 64);
  // Refuse a bad profile before spending time on the file.
  const profile = loadProfile(values.profile);

  const dataset: CaseDataset = emptyDataset();
  let quarantined = 0;
  // Issue 12: every transfer file read goes into the analysis manifest with its hash.
  const manifestSources: ManifestSource[] = [];
  const importExtra = async (kind: RecordKind, path: string, mapping: string | undefined) => {
    const imported = await importFile(path, kind, mapping, dateOrder);
    reportQuarantine(path, imported);
    quarantined += imported.outcome.counts.quarantined;
    return { records: imported.records, source: { path, file: imported.outcome.file } };
  };
  // The accounts are read first: when the transfers carry no currency column, the accounts' own currency (one for
  // all of them, as a simulator or a single-currency bank reports) says what the amounts are in. The manifest
  // still lists them after the transfers, as it always has.
  const accountsFile = values.accounts ? await importExtra('account', values.accounts, values['accounts-mapping']) : undefined;
  if (accountsFile) dataset.accounts = accountsFile.records as RecordByKind['account'][];
  const accountsCurrency = currency ?? soleCurrency(dataset.accounts, values.accounts);
  let collected: CollectedInputs = { transactions: [], statements: [], matching: undefined, quarantined: 0, incompleteStatements: 0 };
  if (goamlFiles) {
    const goaml = await importGoamlInto(dataset, goamlFiles, profile, say).catch((error: unknown) => {
      throw error instanceof GoamlInputError ? new CliError(error.message, error.exitCode) : error;
    });
    quarantined += goaml.quarantined;
    manifestSources.push(...goaml.files);
  } else {
    // Issue 16: several files and folders, account statements among them (cli/inputs.ts).
    collected = await collectInputsForAnalyze(positionals, values.mapping, integerOption('match-days', values['match-days'], 0, 60), profile.currency, dateOrder, (path, mapping) =>
      importFile(path, 'transaction', mapping, dateOrder, accountsCurrency).then((imported) => {
        reportQuarantine(path, imported);
        manifestSources.push({ path, file: imported.outcome.file });
        return { records: imported.records, quarantined: imported.outcome.counts.quarantined };
      }),
    );
    quarantined += collected.quarantined;
    dataset.transactions = collected.transactions;
  }

  if (accountsFile) manifestSources.push(accountsFile.source);
  else if (values['accounts-mapping']) throw new CliError('--accounts-mapping given without its file', 64);
  const extras: ['party' | 'shipment', string | undefined, string | undefined][] = [
    ['party', values.parties, values['parties-mapping']],
    ['shipment', values.shipments, values['shipments-mapping']],
  ];
  for (const [kind, path, mapping] of extras) {
    if (!path) {
      if (mapping) throw new CliError(`--${kind === 'party' ? 'parties' : `${kind}s`}-mapping given without its file`, 64);
      continue;
    }
    const { records, source } = await importExtra(kind, path, mapping);
    manifestSources.push(source);
    if (kind === 'party') dataset.parties = records as RecordByKind['party'][];
    else dataset.shipments = records as RecordByKind['shipment'][];
  }

  // The app's engine: the same party across files becomes one party before detection (shared/resolve),
  // so the CLI and the app raise the same alerts on the same files.
  const resolved = resolveCaseDataset(dataset, []).dataset;
  const detectionStarted = performance.now();
  const detected = runDetection(resolved, profile);
  const alerts = detected.map((alert) => alertOut(alert, profile));
  if (values.manifest) writingTo(values.manifest, () => writeAnalysisManifest(values.manifest as string, manifestSources, profile, detected));
  const detectionSeconds = secondsSince(detectionStarted);
  emit(format === 'json' ? JSON.stringify({ alerts, ...(collected.statements.length > 0 ? (statementsJson(collected) as object) : {}) }, null, 2) + '\n' : formatCsv(alerts), values.out);
  say(`${alerts.length} alert${alerts.length === 1 ? '' : 's'} (profile ${profile.id}, detection ${detectionSeconds.toFixed(1)} s)${values.out ? ` written to ${values.out}` : ''}`);
  if (collected.incompleteStatements > 0 && !values['allow-bad-rows']) {
    say(`${collected.incompleteStatements} statement${collected.incompleteStatements === 1 ? ' is' : 's are'} incomplete (balance breaks above); exit code 2 (pass --allow-bad-rows to accept)`);
    return 2;
  }
  if (quarantined > 0 && !values['allow-bad-rows']) {
    say(`${quarantined} row${quarantined === 1 ? ' was' : 's were'} quarantined and left out of the analysis; exit code 2 (pass --allow-bad-rows to accept)`);
    return 2;
  }
  return 0;
}

/** The one currency every account that states one is kept in, said on stderr; undefined when they differ or none does. */
function soleCurrency(accounts: readonly { currency?: string | undefined }[], path: string | undefined): string | undefined {
  const currencies = new Set(accounts.map((account) => account.currency).filter((code): code is string => code !== undefined));
  if (currencies.size !== 1) return undefined;
  const [code] = [...currencies] as [string];
  say(`${path}: every account that states a currency is in ${code}; a transfers file without a currency column is read as ${code} (pass --currency to say otherwise)`);
  return code;
}

function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < min || number > max) throw new CliError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`, 64);
  return number;
}

function generate(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      transactions: { type: 'string' },
      out: { type: 'string' },
      start: { type: 'string' },
      days: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError(`generate takes no positional arguments (got ${positionals.join(' ')})`, 64);
  const seed = integerOption('seed', values.seed, 0, 2 ** 32 - 1);
  const transactions = integerOption('transactions', values.transactions, 1000, 2_000_000);
  if (seed === undefined || transactions === undefined || !values.out) throw new CliError(`generate needs --seed, --transactions and --out\n\n${USAGE}`, 64);
  if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new CliError(`--start must be a date YYYY-MM-DD, got '${values.start}'`, 64);
  const options: GenerateOptions = { seed, transactions };
  if (values.start) options.startDate = values.start;
  const days = integerOption('days', values.days, 30, 3650);
  if (days !== undefined) options.days = days;
  const started = performance.now();
  const generated = generateCase(options);
  const generatedAt = performance.now();
  const outDir = values.out;
  const files = writingTo(outDir, () => writeGeneratedCase(resolve(outDir), generated, { ...options }));
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  say(
    `generated ${generated.dataset.transactions.length} transactions, ${generated.dataset.accounts.length} accounts, ` +
      `${generated.dataset.shipments.length} shipments, ${generated.labels.length} planted patterns in ${seconds(started, generatedAt)} s, ` +
      `written in ${seconds(generatedAt, performance.now())} s → ${values.out}: ${files.join(', ')}`,
  );
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze') return await analyze(rest);
    if (command === 'generate') return generate(rest);
    if (command === 'verify') return await verifyCommand(rest);
    if (command === 'verify-signature') return verifySignatureCommand(rest);
    if (command === 'screen') {
      const result = await runScreen(rest, say).catch((error: unknown) => {
        throw error instanceof ScreenUsageError ? new CliError(error.message, error.exitCode) : error;
      });
      emit(result.text, result.out);
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n' + SCREEN_USAGE);
      return 0;
    }
    throw new CliError(command === undefined ? `missing command\n\n${USAGE}` : `unknown command '${command}'\n\n${USAGE}`, 64);
  } catch (error) {
    if (error instanceof CliError) {
      say(error.message);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options with a code.
    if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`${error.message}\n\n${USAGE}`);
      return 64;
    }
    say(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

// A closed pipe (caudal analyze … | head) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
