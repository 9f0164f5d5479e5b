import type { Account, Party, QuarantineEntry, SourceFile, Transaction } from '../../model';
import type { Relationship } from '../relationships';
import { CodeBook, effectiveCodes, type UnknownCode } from './codes';
import { convertReportParty, convertTransaction, Violation, type ConvertContext, type Locate, type Yield } from './convert';
import { sniffXmlEncoding, streamingDecoder } from './decode';
import { HEADER_FIELDS, locateIssue, ReportPartySchema, TransactionSchema, xmlValue, type GoamlReportHeader } from './schema';
import { UnitReader, XmlSyntaxError, type XmlElement } from './xml';
import type { ByteSource } from '../../import/types';
import { looksBadlyDecoded } from '../../import/text';
import { textDecoder } from '../../runtime';

/** Whether bytes (possibly cut mid-character at the end) are valid UTF-8. */
function decodesAsUtf8(bytes: Uint8Array): boolean {
  try {
    textDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Imports one goAML file (a `report`, or `reportdata` holding reports or bulk
 * transactions) into Caudal's records, streaming: the bytes are decoded and
 * parsed piece by piece and records leave in batches, so a 1 GB file needs the
 * memory of one batch plus the ids seen (to count duplicates and to write each
 * party and account once).
 */

/** The bytes of one file: the import engine's own ByteSource, so CSV and goAML readers take the same sources. */
export type GoamlByteSource = ByteSource;

export interface GoamlBatch {
  transactions: Transaction[];
  parties: Party[];
  accounts: Account[];
  relationships: Relationship[];
}

export interface GoamlProgress {
  bytesRead: number;
  totalBytes: number;
  /** Units read: transactions plus report parties. */
  rowsRead: number;
}

export interface GoamlImportOptions {
  /** SHA-256 hex of the file: every record's provenance points at it. */
  sha256: string;
  /** The unit profile's goAML code tables (profile.goamlCodes), validated here. */
  codes?: unknown;
  /** The unit profile's currency, for reports without currency_code_local. */
  defaultCurrency: string;
  /** Ids already in the case: transactions with these ids count as duplicates; parties, accounts and links are not written again. */
  existing?: { transactions?: ReadonlySet<string>; parties?: ReadonlySet<string>; accounts?: ReadonlySet<string>; relationships?: ReadonlySet<string> };
  /** Records per batch (transactions plus the rest); default 5000. */
  batchSize?: number;
  onBatch(batch: GoamlBatch): void | Promise<void>;
  onProgress?(progress: GoamlProgress): void;
  signal?: { readonly aborted: boolean };
  importedAt?: number;
  /** Quarantine entries kept (counts stay exact beyond); default 100000. */
  quarantineLimit?: number;
}

export interface GoamlCounts {
  read: number;
  imported: number;
  quarantined: number;
  duplicates: number;
}

export interface GoamlImportOutcome {
  file: SourceFile;
  quarantine: QuarantineEntry[];
  counts: GoamlCounts;
  reports: GoamlReportHeader[];
  unknownCodes: UnknownCode[];
  written: { transactions: number; parties: number; accounts: number; relationships: number };
}

/** What a goAML import stores as its SourceFile.mapping: the report headers are the provenance records point to. */
export interface GoamlSourceDetails {
  format: 'goaml';
  root: string;
  reports: GoamlReportHeader[];
  unknownCodes: UnknownCode[];
  written: GoamlImportOutcome['written'];
  /** Issue 12: the code tables and default currency as applied, so `caudal verify` can replay the import. */
  codes?: unknown;
  defaultCurrency?: string;
}

/** A file that is not a goAML report at all, or not readable as XML. */
export class GoamlFileError extends Error {
  constructor(
    readonly code: 'not-goaml' | 'xml' | 'encoding' | 'empty-file' | 'too-large',
    message: string,
    /** The same in Spanish, for the import screen in a Spanish session. */
    readonly messageEs?: string,
  ) {
    super(message);
    this.name = 'GoamlFileError';
  }
}

function xmlFileError(error: XmlSyntaxError): GoamlFileError {
  const refused = error.kind === 'refused';
  return new GoamlFileError(
    'xml',
    `${error.message} — ${refused ? 'refused' : 'not well-formed XML'}; nothing was imported`,
    `${error.file}, línea ${error.line}, columna ${error.column}: ${error.detailEs ?? error.detail} — ${refused ? 'se rechaza' : 'XML mal formado'}; no se importó nada`,
  );
}

export const GOAML_ROOTS = ['report', 'reportdata'] as const;

const SAX_PIECE = 64 * 1024;

function abortError(): Error {
  return Object.assign(new Error('The import was cancelled.'), { name: 'AbortError' });
}

function locator(unit: XmlElement): Locate {
  return (steps) => {
    const found = locateIssue(unit, steps);
    return { path: found.path, line: found.line };
  };
}

export async function importGoaml(source: GoamlByteSource, options: GoamlImportOptions): Promise<GoamlImportOutcome> {
  const codes = new CodeBook(effectiveCodes(options.codes));
  const batchSize = options.batchSize ?? 5000;
  const quarantineLimit = options.quarantineLimit ?? 100_000;
  const existing = options.existing ?? {};
  const counts: GoamlCounts = { read: 0, imported: 0, quarantined: 0, duplicates: 0 };
  const written = { transactions: 0, parties: 0, accounts: 0, relationships: 0 };
  const quarantine: QuarantineEntry[] = [];
  const reports: GoamlReportHeader[] = [];
  const seen = { transactions: new Set<string>(), parties: new Set<string>(), accounts: new Set<string>(), relationships: new Set<string>() };
  let batch: GoamlBatch = { transactions: [], parties: [], accounts: [], relationships: [] };
  let batchRecords = 0;
  let root: string | undefined;
  /** The report units are being read into; an implicit one for bulk transactions directly under reportdata. */
  let report: GoamlReportHeader | undefined;

  const newReport = (path: string): GoamlReportHeader => {
    const header: GoamlReportHeader = { ordinal: reports.length + 1, path, indicators: [], transactions: 0, reportParties: 0 };
    reports.push(header);
    return header;
  };

  const quarantined = (place: { path: string; line: number }, field: string, value: string, reason: string) => {
    counts.quarantined += 1;
    if (quarantine.length < quarantineLimit) quarantine.push({ file: source.name, line: place.line, column: place.path, field, value, reason: `${place.path}: ${reason}`, code: 'goaml-schema' });
  };

  /** Keeps each party, account and link once per case. */
  const keep = (yielded: Yield) => {
    for (const party of yielded.parties) {
      if (seen.parties.has(party.id) || existing.parties?.has(party.id)) continue;
      seen.parties.add(party.id);
      batch.parties.push(party);
      batchRecords += 1;
    }
    for (const account of yielded.accounts) {
      if (seen.accounts.has(account.id) || existing.accounts?.has(account.id)) continue;
      seen.accounts.add(account.id);
      batch.accounts.push(account);
      batchRecords += 1;
    }
    for (const link of yielded.relationships) {
      if (seen.relationships.has(link.id) || existing.relationships?.has(link.id)) continue;
      seen.relationships.add(link.id);
      batch.relationships.push(link);
      batchRecords += 1;
    }
  };

  const firstIssue = (unit: XmlElement, issues: readonly { path: PropertyKey[]; message: string }[]) => {
    const issue = issues[0] as { path: PropertyKey[]; message: string };
    const place = locateIssue(unit, issue.path);
    const field = place.element;
    const element = unit.children.find((child) => child.name === field);
    // zod's own messages ("is missing", "expected …") need the element named; ours name it already.
    const reason = /^(is |expected )/.test(issue.message) ? `<${field}> ${issue.message}` : issue.message;
    quarantined(place, field, element && element.children.length === 0 ? element.text.trim() : '', reason);
  };

  const contextFor = (unit: XmlElement): ConvertContext => ({
    sha256: options.sha256,
    codes,
    localCurrency: report?.currencyCodeLocal?.trim().toUpperCase().match(/^[A-Z]{3}$/)?.[0] ?? options.defaultCurrency,
    locate: locator(unit),
  });

  const onTransaction = (unit: XmlElement) => {
    counts.read += 1;
    const current = (report ??= newReport(`/${root}[1]`));
    current.transactions += 1;
    const parsed = TransactionSchema.safeParse(xmlValue(unit));
    if (!parsed.success) return firstIssue(unit, parsed.error.issues);
    const id = parsed.data.transactionnumber;
    if (seen.transactions.has(id) || existing.transactions?.has(id)) {
      counts.duplicates += 1;
      return;
    }
    try {
      const { transaction, yielded } = convertTransaction(parsed.data, contextFor(unit));
      seen.transactions.add(id);
      counts.imported += 1;
      batch.transactions.push(transaction);
      batchRecords += 1;
      keep(yielded);
    } catch (error) {
      if (!(error instanceof Violation)) throw error;
      quarantined(error.place, error.field, error.value, error.message);
    }
  };

  const onReportParty = (unit: XmlElement) => {
    counts.read += 1;
    const current = (report ??= newReport(`/${root}[1]`));
    current.reportParties += 1;
    const parsed = ReportPartySchema.safeParse(xmlValue(unit));
    if (!parsed.success) return firstIssue(unit, parsed.error.issues);
    try {
      keep(convertReportParty(parsed.data, contextFor(unit)));
      counts.imported += 1;
    } catch (error) {
      if (!(error instanceof Violation)) throw error;
      quarantined(error.place, error.field, error.value, error.message);
    }
  };

  const reader = new UnitReader(source.name, {
    isUnit(name, ancestors) {
      const parent = ancestors.at(-1);
      if (parent === undefined) return false;
      if (name === 'report' && parent === 'reportdata') return false;
      if (name === 'activity' && (parent === 'report' || parent === 'reportdata')) return false;
      if (name === 'report_parties' && parent === 'activity') return false;
      return true;
    },
    onContainerOpen(element) {
      if (element.depth === 0) {
        if (!(GOAML_ROOTS as readonly string[]).includes(element.name)) {
          throw new GoamlFileError('not-goaml', `${source.name}: the root element is <${element.name}>, not a goAML <report> or <reportdata>`, `${source.name}: el elemento raíz es <${element.name}>, no un <report> o <reportdata> de goAML`);
        }
        root = element.name;
        if (root === 'report') report = newReport(element.path);
      } else if (element.name === 'report') report = newReport(element.path);
    },
    onContainerClose(element) {
      if (element.name === 'report' && element.depth === 1) report = undefined;
    },
    onUnit(unit, ancestors) {
      const parent = ancestors.at(-1);
      if (unit.name === 'transaction') return onTransaction(unit);
      if (unit.name === 'report_party') return onReportParty(unit);
      if (parent !== 'report' && parent !== 'reportdata') return;
      const header = (report ??= newReport(`/${root}[1]`));
      const field = HEADER_FIELDS[unit.name];
      if (field) (header as unknown as Record<string, string>)[field] = unit.text.trim();
      else if (unit.name === 'report_indicators') for (const indicator of unit.children) if (indicator.text.trim() !== '') header.indicators.push(indicator.text.trim());
    },
  });

  const flush = async () => {
    if (batchRecords === 0) return;
    const full = batch;
    batch = { transactions: [], parties: [], accounts: [], relationships: [] };
    batchRecords = 0;
    written.transactions += full.transactions.length;
    written.parties += full.parties.length;
    written.accounts += full.accounts.length;
    written.relationships += full.relationships.length;
    await options.onBatch(full);
  };

  let bytesRead = 0;
  let decoder: ReturnType<typeof streamingDecoder> | undefined;
  let encoding = 'utf-8';
  const feed = (text: string) => {
    try {
      // saxes slows down on large pieces (1 MB pieces parsed 2-4x slower than 64 KB ones): feed it small ones,
      // never splitting a surrogate pair.
      for (let start = 0; start < text.length; ) {
        let end = Math.min(text.length, start + SAX_PIECE);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
        reader.write(text.slice(start, end));
        start = end;
      }
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw xmlFileError(error);
      throw error;
    }
  };
  for await (const chunk of source.stream()) {
    if (options.signal?.aborted) throw abortError();
    let bytes = chunk;
    if (!decoder) {
      const sniffed = sniffXmlEncoding(chunk);
      encoding = sniffed.encoding;
      bytes = chunk.subarray(sniffed.bomLength);
      // A declaration that says ISO-8859-1 over bytes that are UTF-8 (exports that copy the header from a template)
      // would turn every accent into mojibake ("PeÃ±a") and break name matching without a word: when the first
      // piece reads as UTF-8 and the declared reading looks like UTF-8 misread, read UTF-8.
      if (encoding === 'windows-1252' && looksBadlyDecoded(textDecoder('windows-1252').decode(bytes)) && decodesAsUtf8(bytes)) encoding = 'utf-8';
      decoder = streamingDecoder(encoding);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new GoamlFileError('encoding', `${source.name}: the bytes after byte ${bytesRead} are not valid ${encoding.toUpperCase()} text`, `${source.name}: los bytes después del byte ${bytesRead} no son texto ${encoding.toUpperCase()} válido`);
    }
    bytesRead += chunk.byteLength;
    feed(text);
    if (batchRecords >= batchSize) await flush();
    options.onProgress?.({ bytesRead, totalBytes: source.size, rowsRead: counts.read });
  }
  if (!decoder) throw new GoamlFileError('empty-file', `${source.name}: the file is empty`, `${source.name}: el archivo está vacío`);
  try {
    feed(decoder.decode());
  } catch (error) {
    if (error instanceof GoamlFileError) throw error;
    throw new GoamlFileError('encoding', `${source.name}: the file ends inside a character that is not valid ${encoding.toUpperCase()}`, `${source.name}: el archivo termina dentro de un carácter que no es ${encoding.toUpperCase()} válido`);
  }
  try {
    reader.close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw xmlFileError(error);
    throw error;
  }
  if (options.signal?.aborted) throw abortError();
  await flush();

  const unknownCodes = codes.unknownCodes();
  const details: GoamlSourceDetails = { format: 'goaml', root: root ?? '', reports, unknownCodes, written, ...(options.codes === undefined ? {} : { codes: options.codes }), defaultCurrency: options.defaultCurrency };
  const file: SourceFile = {
    sha256: options.sha256,
    name: source.name,
    size: source.size,
    kind: 'transaction',
    importedAt: options.importedAt ?? Date.now(),
    mappingName: 'goAML',
    mapping: details,
    encoding: encoding.toUpperCase(),
    delimiter: '',
    counts: { ...counts },
  };
  return { file, quarantine, counts, reports, unknownCodes, written };
}

/** Whether the first bytes of a file look like a goAML report: an XML root named report or reportdata. */
export function looksLikeGoaml(head: Uint8Array): boolean {
  const { encoding, bomLength } = sniffXmlEncoding(head);
  let text: string;
  try {
    text = streamingDecoder(encoding).decode(head.subarray(bomLength), { stream: true });
  } catch {
    return false;
  }
  // Skip the declaration, comments and processing instructions before the root.
  const stripped = text.replace(/^\s*(<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  const match = /^<([A-Za-z_][\w.-]*)[\s/>]/.exec(stripped);
  return match !== null && (GOAML_ROOTS as readonly string[]).includes(match[1] as string);
}
