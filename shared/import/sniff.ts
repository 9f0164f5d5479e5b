import type { Delimiter, DecimalSeparator, MappingSpec } from './spec';
import type { CsvSniff, DateOrderGuess } from './types';
import { decodeHead, looksBadlyDecoded } from './text';
import { parseRecords } from './chunker';
import { detectDateOrder, detectDecimalSeparator, looksLikeDate } from './values';

const CANDIDATE_DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
const MAX_LAYOUT_RECORDS = 200;
const SAMPLE_ROWS = 50;
/** Rows of the head used to detect date orders and the decimal separator. */
const DETECTION_ROWS = 5000;

export type Newline = '\r\n' | '\n' | '\r';

export function detectNewline(text: string): Newline {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

interface LayoutRecord {
  /** 0-based physical line where the record starts. */
  line: number;
  fields: number;
  /** Fields holding something other than spaces. */
  filled: number;
  blank: boolean;
}

/** Quote-aware record scan of the head with one candidate delimiter (layout guessing only; Papa parses for real). */
function scanRecords(text: string, delimiter: string, newline: Newline): LayoutRecord[] {
  const records: LayoutRecord[] = [];
  const lineBreak = newline === '\r' ? '\r' : '\n';
  let line = 0;
  let start = 0;
  let fields = 1;
  let inQuotes = false;
  let fieldStart = true;
  let recordLine = 0;
  let content = false;
  let filled = 0;
  let fieldContent = false;
  for (let i = 0; i < text.length && records.length < MAX_LAYOUT_RECORDS; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === lineBreak) line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      content = true;
      fieldContent = true;
      continue;
    }
    if (ch === delimiter) {
      fields++;
      if (fieldContent) filled++;
      fieldContent = false;
      fieldStart = true;
      continue;
    }
    if (ch === lineBreak) {
      if (fieldContent) filled++;
      records.push({ line: recordLine, fields, filled, blank: !content });
      line++;
      recordLine = line;
      start = i + 1;
      fields = 1;
      filled = 0;
      fieldStart = true;
      content = false;
      fieldContent = false;
      continue;
    }
    if (ch !== '\r' && ch !== ' ') {
      content = true;
      fieldContent = true;
    }
    fieldStart = false;
  }
  if (fieldContent) filled++;
  if (start < text.length && records.length < MAX_LAYOUT_RECORDS) records.push({ line: recordLine, fields, filled, blank: !content });
  return records;
}

/**
 * A record with one or two cells filled and most of its width empty is a
 * title padded by Excel ("BANCO …;;;;;;", "Fecha de corte: …;;;;", "Cuenta:;123;;;;"):
 * it has the table's width but cannot be its header. A real header with a few
 * blank cells still has most of its cells named.
 */
export function isPaddedTitle(fields: number, filled: number): boolean {
  return filled <= 2 && filled * 2 < fields;
}

interface Layout {
  delimiter: Delimiter;
  skipLines: number;
  score: number;
}

/**
 * Finds the delimiter and the header line together: the header is the first
 * record that starts a run of records with the same (modal) field count, so
 * bank report titles and blank lines above it are preamble. A delimiter that
 * splits more records into more columns consistently wins.
 */
function guessLayout(text: string, newline: Newline, delimiters: readonly Delimiter[], fixedSkip: number | undefined): Layout {
  let best: Layout | undefined;
  for (const delimiter of delimiters) {
    const records = scanRecords(text, delimiter, newline).filter((record) => !record.blank);
    // The head may end mid-record; the last record's count is not evidence.
    const evidence = records.length > 2 ? records.slice(0, -1) : records;
    if (fixedSkip !== undefined) {
      const header = evidence.find((record) => record.line >= fixedSkip);
      const fields = header?.fields ?? 1;
      const matching = evidence.filter((record) => record.line >= fixedSkip && record.fields === fields).length;
      const score = fields > 1 ? matching * Math.log2(fields + 1) : 0;
      if (!best || score > best.score) best = { delimiter, skipLines: fixedSkip, score };
      continue;
    }
    const frequency = new Map<number, number>();
    for (const record of evidence) frequency.set(record.fields, (frequency.get(record.fields) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [fields, count] of frequency) {
      if (fields > 1 && (count > modalCount || (count === modalCount && fields > modal))) {
        modal = fields;
        modalCount = count;
      }
    }
    if (modal < 2) {
      if (!best) best = { delimiter, skipLines: 0, score: 0 };
      continue;
    }
    // The header starts the table: at least half of the records after it have its width.
    let headerIndex = evidence.findIndex((record, index) => {
      if (record.fields !== modal || isPaddedTitle(record.fields, record.filled)) return false;
      const following = evidence.slice(index + 1, index + 6);
      return following.length === 0 || following.filter((next) => next.fields === modal).length * 2 >= following.length;
    });
    if (headerIndex < 0) headerIndex = evidence.findIndex((record) => record.fields === modal && !isPaddedTitle(record.fields, record.filled));
    if (headerIndex < 0) headerIndex = evidence.findIndex((record) => record.fields === modal);
    const header = evidence[headerIndex];
    const skipLines = header ? header.line : 0;
    const score = modalCount * Math.log2(modal + 1);
    if (!best || score > best.score) best = { delimiter, skipLines, score };
  }
  return best ?? { delimiter: ',', skipLines: fixedSkip ?? 0, score: 0 };
}

/** Index just past the first `lines` physical lines (quotes ignored: preamble is plain text). */
export function skipPhysicalLines(text: string, lines: number, newline: Newline): number {
  const lineBreak = newline === '\r' ? '\r' : '\n';
  let position = 0;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf(lineBreak, position);
    if (next < 0) return -1;
    position = next + 1;
  }
  return position;
}

/** Headers as the engine and the mapping refer to them: trimmed, blanks named by position, repeats numbered. */
export function cleanHeaders(row: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((raw, index) => {
    let header = raw.replace(/^\uFEFF/, '').trim();
    if (header === '') header = `column_${index + 1}`;
    const count = seen.get(header) ?? 0;
    seen.set(header, count + 1);
    return count === 0 ? header : `${header}_${count + 1}`;
  });
}

const NUMBER_LIKE = /^[\s(+-]*(?:[A-Z]{3}|US\$|R\$|RD\$|\$|€)?\s*-?[\d.,\s']*\d[\d.,\s']*\)?-?\s*(?:[A-Z]{3})?$/;

/** Records of a text with the importer's own rules (chunker.ts), so the preview and the import agree. */
export function parseRows(text: string, delimiter: Delimiter, newline: Newline): string[][] {
  return parseRecords(text, delimiter, newline === '\r' ? '\r' : '\n');
}

export function isBlankRow(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i++) if ((row[i] as string).trim() !== '') return false;
  return true;
}

/**
 * Looks at the first bytes of a file (64–256 KB is plenty) and reports its
 * encoding, delimiter, preamble, headers, sample rows, decimal separator and
 * the day/month order of its date columns. Overrides pin what the analyst
 * already chose.
 */
export function sniffCsv(head: Uint8Array, overrides: Partial<Pick<MappingSpec, 'encoding' | 'delimiter' | 'skipLines'>> = {}): CsvSniff {
  return sniffHead(head, overrides, '(head)');
}

export function sniffHead(head: Uint8Array, overrides: Partial<Pick<MappingSpec, 'encoding' | 'delimiter' | 'skipLines'>>, fileName: string): CsvSniff {
  const decoded = decodeHead(head, overrides.encoding ?? 'auto', fileName);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const newline = detectNewline(text);
  const delimiters = overrides.delimiter && overrides.delimiter !== 'auto' ? [overrides.delimiter] : CANDIDATE_DELIMITERS;
  const fixedSkip = typeof overrides.skipLines === 'number' ? overrides.skipLines : undefined;
  const layout = guessLayout(text, newline, delimiters, fixedSkip);

  const bodyStart = skipPhysicalLines(text, layout.skipLines, newline);
  const rows = bodyStart < 0 ? [] : parseRows(text.slice(bodyStart), layout.delimiter, newline);
  while (rows.length > 0 && isBlankRow(rows[0] as string[])) rows.shift();
  const headers = rows.length > 0 ? cleanHeaders(rows[0] as string[]) : [];
  let dataRows = rows.slice(1, 1 + DETECTION_ROWS).filter((row) => !isBlankRow(row));
  // Drop a last row the head cut short.
  const last = dataRows[dataRows.length - 1];
  if (last && last.length < headers.length) dataRows = dataRows.slice(0, -1);
  const sampleRows = dataRows.slice(0, SAMPLE_ROWS);

  // Detection reads every row of the head, not just the preview: a file sorted by date may show
  // only days 1–12 in its first fifty rows.
  const numberValues: string[] = [];
  const dateOrders: Record<string, DateOrderGuess> = {};
  headers.forEach((header, column) => {
    const values = dataRows.map((row) => (row[column] ?? '').trim()).filter((value) => value !== '');
    if (values.length === 0) return;
    const dateLike = values.filter(looksLikeDate).length;
    if (dateLike >= values.length * 0.6) {
      const order = detectDateOrder(values);
      if (order) dateOrders[header] = order;
      return;
    }
    if (values.filter((value) => NUMBER_LIKE.test(value)).length >= values.length * 0.8) numberValues.push(...values);
  });
  const decimalSeparator: DecimalSeparator = detectDecimalSeparator(numberValues) ?? (layout.delimiter === ';' ? ',' : '.');

  const encodingIssueLines: number[] = [];
  if (looksBadlyDecoded(text)) {
    const lines = text.split(newline === '\r' ? '\r' : '\n');
    for (let i = 0; i < lines.length && encodingIssueLines.length < 5; i++) if (looksBadlyDecoded(lines[i] as string)) encodingIssueLines.push(i + 1);
  }

  return {
    encodingIssueLines,
    encoding: decoded.encoding,
    encodingChoice: overrides.encoding ?? 'auto',
    bomLength: decoded.bomLength,
    delimiter: layout.delimiter,
    newline,
    skipLines: layout.skipLines,
    headers,
    sampleRows,
    decimalSeparator,
    dateOrders,
  };
}
