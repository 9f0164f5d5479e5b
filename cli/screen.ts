/**
 * caudal screen — parties against sanctions, PEP and national lists.
 *
 *   caudal screen <parties.csv> --list <file> [--list <file> …] [--parties-mapping spec.json]
 *                 [--threshold T] [--format json|csv] [--language es|en] [--out FILE]
 *
 * List formats are detected by content: UN consolidated XML, OFAC sdn.csv
 * (with alt.csv and add.csv given as further --list files), OpenSanctions
 * FtM JSON lines, or a CSV with a name column (national lists, SAT 69-B).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ImportError, MappingSpecError, hashSource, importCsv, parseMappingSpec, sniffCsv, suggestMapping, type ByteSource, type MappingSpec } from '../shared/import';
import type { Party } from '../shared/model';
import { DEFAULT_THRESHOLD, ListImportError, decodeListBytes, explain, parseListFiles, screenAgainstLists, subjectOfParty, type ListFile } from '../shared/screen';
import { fileSource as readableFile, InputFileError } from './files';

export class ScreenUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const SCREEN_USAGE = `caudal screen <parties.csv> --list FILE [--list FILE …] [options]

  --list FILE             a screening list: UN consolidated XML, OFAC sdn.csv (+ alt.csv, add.csv
                          as further --list files), OpenSanctions FtM JSON lines, or a CSV with a
                          name column (national lists, SAT 69-B); the format is read from the content
  --parties-mapping FILE  saved column mapping for the parties file (else headers are mapped automatically)
  --threshold T           minimum score 0..1 for a hit; default ${DEFAULT_THRESHOLD}
  --format json|csv       default json: {"hits":[{"party","list","entry","name","score","explanation"}]}
  --language es|en        language of the explanations; default es
  --out FILE              write to FILE instead of standard output
`;

function fail(message: string, exitCode = 1): never {
  throw new ScreenUsageError(message, exitCode);
}

function fileSource(path: string): ByteSource {
  try {
    return readableFile(path);
  } catch (error) {
    return error instanceof InputFileError ? fail(error.message) : fail(String(error));
  }
}

function readBytes(path: string): Uint8Array {
  fileSource(path);
  return new Uint8Array(readFileSync(path));
}

async function readParties(path: string, mappingPath: string | undefined, say: (line: string) => void): Promise<Party[]> {
  const source = fileSource(path);
  let spec: MappingSpec;
  if (mappingPath) {
    try {
      spec = parseMappingSpec(readFileSync(mappingPath, 'utf8'));
    } catch (error) {
      if (error instanceof MappingSpecError) fail(`${mappingPath}: ${error.message}`);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') fail(`${mappingPath}: no such mapping file`);
      throw error;
    }
    if (spec.kind !== 'party') fail(`${mappingPath}: this mapping is for ${spec.kind} records, not parties`);
  } else {
    const head = readBytes(path).subarray(0, 64 * 1024);
    const sniff = sniffCsv(head);
    const suggestion = suggestMapping('party', sniff, `${source.name} (automatic)`);
    if (suggestion.missingRequired.length > 0) fail(`${path}: no column found for ${suggestion.missingRequired.join(', ')}; pass --parties-mapping`);
    spec = suggestion.spec;
    // Hits name the party by the file's own id column when there is one, so a script can join them back.
    const idColumn = sniff.headers.find((header) => PARTY_ID_HEADERS.has(header.trim().toLowerCase()));
    if (!spec.fields.id && idColumn) spec.fields.id = { column: idColumn };
    say(`no mapping given for ${source.name}; mapped ${Object.keys(spec.fields).join(', ')} from its headers`);
  }
  const parties: Party[] = [];
  try {
    const outcome = await importCsv<'party'>(source, { spec, sha256: await hashSource(source), onBatch: (batch) => void parties.push(...batch) });
    for (const entry of outcome.quarantine.slice(0, 50)) say(`${path}, line ${entry.line}${entry.column ? `, column '${entry.column}'` : ''}: ${entry.reason} — row left out`);
  } catch (error) {
    if (error instanceof ImportError) fail(error.message.startsWith(source.name) ? `${path}${error.message.slice(source.name.length)}` : `${path}: ${error.message}`);
    throw error;
  }
  return parties;
}

const PARTY_ID_HEADERS = new Set(['id', 'party_id', 'party id', 'id_party', 'customer_id', 'client_id', 'id_cliente', 'cliente_id', 'codigo', 'código', 'codigo_cliente', 'code']);

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Runs the command; returns the text to print. Errors are ScreenUsageError with the exit code. */
export async function runScreen(argv: string[], say: (line: string) => void): Promise<{ text: string; out?: string }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      list: { type: 'string', multiple: true },
      'parties-mapping': { type: 'string' },
      threshold: { type: 'string' },
      format: { type: 'string', default: 'json' },
      language: { type: 'string', default: 'es' },
      out: { type: 'string' },
    },
  });
  if (positionals.length !== 1) fail(`screen takes exactly one parties file, got ${positionals.length}\n\n${SCREEN_USAGE}`, 64);
  const lists = values.list ?? [];
  if (lists.length === 0) fail(`screen needs at least one --list file\n\n${SCREEN_USAGE}`, 64);
  const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) fail(`--threshold must be a number from 0 to 1, got '${values.threshold}'`, 64);
  if (values.format !== 'json' && values.format !== 'csv') fail(`--format must be json or csv, got '${values.format}'`, 64);
  if (values.language !== 'es' && values.language !== 'en') fail(`--language must be es or en, got '${values.language}'`, 64);
  const language = values.language;

  const files: (ListFile & { sha256: string })[] = lists.map((path) => {
    const bytes = readBytes(path);
    return { name: path, text: decodeListBytes(bytes), sha256: bytesToHex(sha256(bytes)) };
  });
  let parsed;
  try {
    parsed = parseListFiles(files);
  } catch (error) {
    if (error instanceof ListImportError) fail(error.message);
    throw error;
  }
  for (const { list, files: used } of parsed) {
    for (const warning of list.warnings.slice(0, 50)) say(warning);
    say(`${used.map((f) => f.name).join(' + ')}: ${list.name}, ${list.entries.length} entries (${list.format})`);
  }
  const parties = await readParties(positionals[0] as string, values['parties-mapping'], say);
  const started = performance.now();
  const hits = screenAgainstLists(parties.map(subjectOfParty), parsed.map((p) => p.list), { threshold }) ?? [];
  say(`${parties.length} parties screened against ${parsed.reduce((n, p) => n + p.list.entries.length, 0)} entries: ${hits.length} hit(s) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const rows = hits.map((hit) => {
    const source = parsed[hit.listIndex] as (typeof parsed)[number];
    const sourceFile = source.files[0] as ListFile & { sha256?: string };
    return {
      party: hit.subjectId,
      list: source.list.name,
      entry: hit.entryId,
      name: hit.matchedName,
      score: hit.score,
      explanation: explain(hit.parts)[language],
      listFile: sourceFile.name,
      listSha256: (files.find((f) => f.name === sourceFile.name) as { sha256: string }).sha256,
      ...(hit.entry.listedOn ? { listedOn: hit.entry.listedOn } : {}),
      ...(hit.entry.status ? { status: hit.entry.status } : {}),
    };
  });
  if (values.format === 'json') return { text: JSON.stringify({ hits: rows }, null, 2) + '\n', ...(values.out ? { out: values.out } : {}) };
  const header = ['party', 'list', 'entry', 'name', 'score', 'explanation', 'list_file', 'listed_on', 'status'];
  const lines = rows.map((r) => [r.party, r.list, r.entry, r.name, r.score, r.explanation, r.listFile, r.listedOn ?? '', r.status ?? ''].map(csvCell).join(','));
  return { text: [header.join(','), ...lines].join('\n') + '\n', ...(values.out ? { out: values.out } : {}) };
}
