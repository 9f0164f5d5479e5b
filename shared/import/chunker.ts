/*
 * The line/record chunker: decoded text in, records out, every physical line
 * accounted for.
 *
 * It works line by line. A line without a quote is split on the delimiter
 * (the common case, as fast as a plain split). A line with a quote is parsed
 * field by field; a quoted field may continue on the next physical lines
 * (a legitimate multi-line description). Such a record is only accepted when
 * it closes within MAX_QUOTED_LINES / MAX_QUOTED_CHARS and has the table's
 * width; otherwise the quote was a stray one (`Pago a "El Dorado`) and the
 * chunker re-synchronises as a spreadsheet does: the first line is reported
 * as broken and the lines it swallowed are parsed again as records of their
 * own. A single physical line longer than MAX_LINE_CHARS is reported as broken
 * and skipped without being held in memory.
 *
 * Every step looks at each character a bounded number of times: the pending
 * tail is never rescanned from its start (the search for the next line break
 * resumes where the last one stopped), and a line is replayed at most once per
 * line of the record that swallowed it (≤ MAX_QUOTED_LINES). So the work is
 * linear in the file size on any input.
 */

/** Longest physical line (in UTF-16 code units) the importer accepts: 1 MiB. No real export comes near it. */
export const MAX_LINE_CHARS = 1 << 20;
/** A quoted field may span at most this many physical lines before it is judged a stray quote. */
export const MAX_QUOTED_LINES = 100;
/** …and at most this many characters (64 KiB: tens of KB, never the megabytes a stray quote swallows). */
export const MAX_QUOTED_CHARS = 64 << 10;
/** Text of a broken line kept for the analyst (the full line up to this, flagged when cut). */
export const BROKEN_TEXT_CHARS = 4096;

export type BrokenLineCode = 'unclosed-quote' | 'line-too-long';

/** A physical line that could not be read as a record. */
export interface BrokenLine {
  code: BrokenLineCode;
  /** The line's text, up to BROKEN_TEXT_CHARS. */
  text: string;
  /** True when `text` is cut. */
  truncated: boolean;
  /** The line's length in characters (known exactly unless the line was too long to hold). */
  length: number;
  /** For 'unclosed-quote': the cells of the line read literally (the quote as text), e.g. for a header. */
  cells: string[];
}

/** One record, or one broken physical line, in file order. */
export interface ChunkItem {
  /** 1-based physical line the item starts on. */
  line: number;
  /** Physical lines it covers (≥ 1). */
  span: number;
  /** The record's cells; null for a broken line. */
  fields: string[] | null;
  broken: BrokenLine | null;
}

export interface ChunkerOptions {
  delimiter: string;
  /** '\n' (also for CRLF files: the '\r' is stripped) or '\r' (old Mac files). */
  lineBreak: '\n' | '\r';
  /** Physical lines of preamble before the header (not parsed). */
  skipLines?: number;
  maxLineChars?: number;
  maxQuotedLines?: number;
  maxQuotedChars?: number;
}

const QUOTE = 34;
const CR = 13;

interface OpenRecord {
  line: number;
  /** Raw physical lines of the record so far (for re-synchronising). */
  lines: string[];
  chars: number;
  fields: string[];
  /** The open quoted field's text so far. */
  value: string;
}

function cut(text: string): { text: string; truncated: boolean } {
  return text.length > BROKEN_TEXT_CHARS ? { text: text.slice(0, BROKEN_TEXT_CHARS), truncated: true } : { text, truncated: false };
}

export class RecordChunker {
  private readonly delimiter: string;
  private readonly lineBreak: '\n' | '\r';
  private readonly stripCr: boolean;
  private readonly maxLineChars: number;
  private readonly maxQuotedLines: number;
  private readonly maxQuotedChars: number;

  /** Text not yet consumed (the incomplete last line). */
  private buffer = '';
  /** No line break in buffer[0, breakSearchFrom). */
  private breakSearchFrom = 0;
  /** Discarding the rest of an over-long line until its line break. */
  private discarding = false;
  /** Next physical line number to hand out. */
  private nextLine = 1;
  private preambleLeft: number;
  private open: OpenRecord | null = null;
  private finished = false;
  /**
   * Set while replaying the lines a runaway quote swallowed: no closing quote
   * exists in them (the runaway scan found none), so a quote one of them opens
   * cannot close there either; it is reported at once instead of re-scanning
   * the same lines again, which keeps a file of unclosed quotes linear.
   */
  private singleLine = false;

  /** Cells a record must have; set from the first non-blank record (the header). Multi-line records of another width are stray quotes. */
  expectedWidth: number | undefined;
  /** Physical lines of preamble skipped. */
  preambleLines = 0;

  constructor(options: ChunkerOptions) {
    this.delimiter = options.delimiter;
    this.lineBreak = options.lineBreak;
    this.stripCr = options.lineBreak === '\n';
    this.preambleLeft = options.skipLines ?? 0;
    this.maxLineChars = options.maxLineChars ?? MAX_LINE_CHARS;
    this.maxQuotedLines = options.maxQuotedLines ?? MAX_QUOTED_LINES;
    this.maxQuotedChars = options.maxQuotedChars ?? MAX_QUOTED_CHARS;
  }

  /** Physical lines seen so far (all of them once `finish` has run). */
  get linesSeen(): number {
    return this.nextLine - 1;
  }

  /** Takes the next decoded text; returns the records and broken lines it completes, in file order. */
  push(text: string): ChunkItem[] {
    const out: ChunkItem[] = [];
    if (this.finished) throw new Error('RecordChunker: push after finish');
    if (text.length === 0) return out;
    if (this.discarding) {
      const end = text.indexOf(this.lineBreak);
      if (end < 0) return out;
      this.discarding = false;
      this.nextLine++;
      text = text.slice(end + 1);
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    let position = 0;
    const buffer = this.buffer;
    const lineBreak = this.lineBreak;
    let end = buffer.indexOf(lineBreak, this.breakSearchFrom);
    while (end >= 0) {
      this.takeLine(buffer.slice(position, end), out);
      position = end + 1;
      end = buffer.indexOf(lineBreak, position);
    }
    const rest = buffer.length - position;
    if (rest > this.maxLineChars) {
      // A line longer than anything legitimate: report it and drop it as it streams past.
      this.takeLongLine(buffer.slice(position, position + BROKEN_TEXT_CHARS), rest, out);
      this.discarding = true;
      this.buffer = '';
      this.breakSearchFrom = 0;
      return out;
    }
    this.buffer = position === 0 ? buffer : buffer.slice(position);
    this.breakSearchFrom = this.buffer.length;
    return out;
  }

  /** End of the text: the last line (without a line break) and any record still open. */
  finish(): ChunkItem[] {
    const out: ChunkItem[] = [];
    if (this.finished) return out;
    this.finished = true;
    if (this.discarding) {
      this.discarding = false;
      this.nextLine++;
    } else if (this.buffer.length > 0) {
      this.takeLine(this.buffer, out);
    }
    this.buffer = '';
    if (this.open) this.resync(out, false);
    return out;
  }

  private takeLongLine(head: string, length: number, out: ChunkItem[]): void {
    // A long line inside an open quoted record breaks that record first (and whatever it swallowed).
    if (this.open) this.resync(out, false, true);
    out.push({
      line: this.nextLine,
      span: 1,
      fields: null,
      broken: { code: 'line-too-long', text: head.slice(0, BROKEN_TEXT_CHARS), truncated: true, length, cells: [] },
    });
    // nextLine advances when the line break is finally seen (or at finish).
  }

  /** One physical line, without its line break. */
  private takeLine(line: string, out: ChunkItem[]): void {
    if (line.length > this.maxLineChars) {
      this.takeLongLine(line.slice(0, BROKEN_TEXT_CHARS), line.length, out);
      this.nextLine++;
      return;
    }
    if (this.preambleLeft > 0 && !this.open) {
      this.preambleLeft--;
      this.preambleLines++;
      this.nextLine++;
      return;
    }
    this.parseLine(line, out);
  }

  private parseLine(line: string, out: ChunkItem[]): void {
    const open = this.open;
    if (!open && line.indexOf('"') < 0) {
      const number = this.nextLine++;
      const cells = (this.stripCr && line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line).split(this.delimiter);
      this.emit(out, number, 1, cells);
      return;
    }
    this.nextLine++;
    let record: OpenRecord;
    let position = 0;
    let inQuotes: boolean;
    let segment = 0;
    if (open) {
      record = open;
      record.lines.push(line);
      record.chars += line.length + 1;
      inQuotes = true;
      if (record.lines.length > this.maxQuotedLines || record.chars > this.maxQuotedChars) {
        this.resync(out, true, true);
        return;
      }
    } else {
      record = { line: this.nextLine - 1, lines: [line], chars: line.length, fields: [], value: '' };
      inQuotes = false;
    }
    const delimiter = this.delimiter;
    for (;;) {
      if (!inQuotes) {
        if (line.charCodeAt(position) === QUOTE) {
          inQuotes = true;
          record.value = '';
          position++;
          segment = position;
          continue;
        }
        const next = line.indexOf(delimiter, position);
        if (next < 0) {
          let last = line.slice(position);
          if (this.stripCr && last.charCodeAt(last.length - 1) === CR) last = last.slice(0, -1);
          record.fields.push(last);
          this.close(record, out);
          return;
        }
        record.fields.push(line.slice(position, next));
        position = next + delimiter.length;
        continue;
      }
      const quote = line.indexOf('"', position);
      if (quote < 0) {
        if (this.singleLine && record.lines.length === 1) {
          out.push(this.brokenItem(record.line, line));
          return;
        }
        // The quoted field runs on to the next physical line.
        record.value += line.slice(segment) + this.lineBreak;
        this.open = record;
        return;
      }
      const after = line.charCodeAt(quote + 1);
      if (after === QUOTE) {
        record.value += line.slice(segment, quote + 1);
        position = quote + 2;
        segment = position;
        continue;
      }
      const atEnd = quote + 1 === line.length || (this.stripCr && after === CR && quote + 2 === line.length);
      if (atEnd) {
        record.fields.push(record.value + line.slice(segment, quote));
        record.value = '';
        this.close(record, out);
        return;
      }
      if (line.startsWith(delimiter, quote + 1)) {
        record.fields.push(record.value + line.slice(segment, quote));
        record.value = '';
        inQuotes = false;
        position = quote + 1 + delimiter.length;
        if (position === line.length) {
          record.fields.push('');
          this.close(record, out);
          return;
        }
        continue;
      }
      // A quote inside a quoted field that neither doubles nor closes it: kept as text.
      position = quote + 1;
    }
  }

  private close(record: OpenRecord, out: ChunkItem[]): void {
    this.open = null;
    const span = record.lines.length;
    if (span > 1 && this.expectedWidth !== undefined && (record.fields.length !== this.expectedWidth || this.swallowsARow(record))) {
      this.open = record;
      this.resync(out, true);
      return;
    }
    this.emit(out, record.line, span, record.fields);
  }

  /**
   * A quoted field that closes with the row the right width may still have
   * swallowed rows: a stray quote pairing with a later quoted cell. A
   * continuation line that is a complete row of the table on its own gives it
   * away (a description's second line does not have the table's width).
   */
  private swallowsARow(record: OpenRecord): boolean {
    const expected = this.expectedWidth as number;
    // Narrow tables are left to the width check: a two-cell line inside a description is too common.
    if (expected < 3) return false;
    for (let i = 1; i < record.lines.length; i++) if (cleanCellCount(record.lines[i] as string, this.delimiter) === expected) return true;
    return false;
  }

  private emit(out: ChunkItem[], line: number, span: number, fields: string[]): void {
    if (this.expectedWidth === undefined && !(fields.length === 1 && (fields[0] as string).trim() === '')) {
      let blank = true;
      for (const field of fields) if (field.trim() !== '') blank = false;
      if (!blank) this.expectedWidth = fields.length;
    }
    out.push({ line, span, fields, broken: null });
  }

  /** A physical line read as broken: a quote opened on it never closes where the row should end. */
  private brokenItem(line: number, text: string): ChunkItem {
    const shown = cut(this.stripCr && text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text);
    if (this.expectedWidth === undefined) this.expectedWidth = text.split(this.delimiter).length;
    return {
      line,
      span: 1,
      fields: null,
      broken: {
        code: 'unclosed-quote',
        text: shown.text,
        truncated: shown.truncated,
        length: text.length,
        cells: shown.text.split(this.delimiter).map((cell) => (cell.charCodeAt(0) === QUOTE ? cell.slice(1) : cell).replace(/""/g, '"')),
      },
    };
  }

  /**
   * The open record's first line had a stray quote: report that line, then
   * parse the lines it swallowed again as records of their own. `runaway`:
   * the quote never closed (limit or end of file), so none of the swallowed
   * lines can close a quote either (see singleLine).
   */
  private resync(out: ChunkItem[], more: boolean, runaway = false): void {
    const record = this.open as OpenRecord;
    this.open = null;
    const [first, ...swallowed] = record.lines as [string, ...string[]];
    out.push(this.brokenItem(record.line, first));
    // Replay the swallowed lines from the line after the broken one.
    const resume = this.nextLine;
    this.nextLine = record.line + 1;
    const outer = this.singleLine;
    if (runaway) this.singleLine = true;
    for (const line of swallowed) this.parseLine(line, out);
    this.singleLine = outer;
    if (this.nextLine !== resume) throw new Error('RecordChunker: line numbering lost during re-synchronisation');
    if (!more && this.open) this.resync(out, false, true);
  }
}

/**
 * Cells of one physical line read alone, when it reads as a clean row: -1
 * when a quoted cell stays open at its end or a quote sits inside an unquoted
 * cell (the tail of a multi-line field, `…texto",12,USD`, looks like that).
 */
export function cleanCellCount(line: string, delimiter: string): number {
  let cells = 1;
  let position = 0;
  for (;;) {
    if (line.charCodeAt(position) === QUOTE) {
      let search = position + 1;
      for (;;) {
        const quote = line.indexOf('"', search);
        if (quote < 0) return -1;
        if (line.charCodeAt(quote + 1) === QUOTE) {
          search = quote + 2;
          continue;
        }
        if (line.startsWith(delimiter, quote + 1)) {
          position = quote + 1;
          break;
        }
        if (quote + 1 >= line.length || (line.charCodeAt(quote + 1) === CR && quote + 2 === line.length)) return cells;
        return -1;
      }
    }
    const next = line.indexOf(delimiter, position);
    const quote = line.indexOf('"', position);
    if (quote >= 0 && (next < 0 || quote < next)) return -1;
    if (next < 0) return cells;
    cells++;
    position = next + delimiter.length;
  }
}

/** Records of a whole text (the sniffer's view of the head): the same rules as the stream. */
export function parseRecords(text: string, delimiter: string, lineBreak: '\n' | '\r'): string[][] {
  const chunker = new RecordChunker({ delimiter, lineBreak });
  const items = [...chunker.push(text), ...chunker.finish()];
  const rows: string[][] = [];
  for (const item of items) {
    if (item.fields) rows.push(item.fields);
    else if (item.broken && item.broken.code === 'unclosed-quote') rows.push(item.broken.cells);
  }
  return rows;
}
