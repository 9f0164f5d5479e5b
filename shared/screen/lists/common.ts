import type { PartialDate } from '../types';

/** A list file Caudal could not read, naming the file, where in it (line or element) and the field. */
export class ListImportError extends Error {
  /** The same in Spanish (the screening view shows it in a Spanish session): the file, where in it, and why. */
  readonly messageEs: string;

  constructor(
    readonly file: string,
    readonly where: string,
    message: string,
    spanish: { where?: string; message: string },
  ) {
    super(`${file}${where ? `, ${where}` : ''}: ${message}`);
    this.name = 'ListImportError';
    const whereEs = spanish.where ?? where;
    this.messageEs = `${file}${whereEs ? `, ${whereEs}` : ''}: ${spanish.message}`;
  }
}

export interface ListFile {
  name: string;
  text: string;
}

/** Bytes as text: UTF-8 when valid (BOM dropped), otherwise Windows-1252, as Mexican and Colombian portals publish. */
export function decodeListBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, set: 9,
};

const validDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * A date as lists write it: "1963-02-16", "16/02/1963", "16 Feb 1963",
 * "Feb 1963", "1963", "circa 1958", "1958 to 1963". Undefined when it is
 * none of these.
 */
export function parsePartialDate(raw: string): PartialDate | undefined {
  let text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return undefined;
  let approximate = false;
  const approx = /^(circa|approximately|approx\.?|about|aprox\.?|aproximadamente|ca\.?)\s+/.exec(text);
  if (approx) {
    approximate = true;
    text = text.slice(approx[0].length);
  }
  const withFlag = (date: PartialDate): PartialDate => (approximate ? { ...date, approximate: true } : date);
  let m = /^(\d{4})\s*(?:to|-|–|a|y|and)\s*(\d{4})$/.exec(text) ?? /^(?:between|entre)\s+(\d{4})\s+(?:and|y)\s+(\d{4})$/.exec(text);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    return to >= from ? withFlag({ year: from, toYear: to }) : undefined;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:t.*)?$/.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? withFlag({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) : undefined;
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return withFlag({ year: Number(m[1]), month: Number(m[2]) });
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1])) ? withFlag({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }) : undefined;
  m = /^(\d{1,2}) ([a-z]{3})[a-z]*\.? (\d{4})$/.exec(text);
  if (m && MONTHS[m[2] as string]) {
    const month = MONTHS[m[2] as string] as number;
    return validDay(Number(m[3]), month, Number(m[1])) ? withFlag({ year: Number(m[3]), month, day: Number(m[1]) }) : undefined;
  }
  m = /^([a-z]{3})[a-z]*\.? (\d{4})$/.exec(text);
  if (m && MONTHS[m[1] as string]) return withFlag({ year: Number(m[2]), month: MONTHS[m[1] as string] as number });
  m = /^(\d{4})$/.exec(text);
  if (m) return withFlag({ year: Number(m[1]) });
  return undefined;
}

/** A full date as YYYY-MM-DD, or undefined when the text is not one. */
export function isoDay(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const date = parsePartialDate(raw.trim().split(/\s+(?=\d{1,2}:)/)[0] ?? '');
  if (!date || date.day === undefined || date.month === undefined || date.toYear !== undefined) return undefined;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Keeps only text values: lists are untrusted input, and a number or object where text belongs is not a name. */
export const texts = (values: unknown): string[] =>
  (Array.isArray(values) ? values : values === undefined || values === null ? [] : [values])
    .map((value) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''))
    .filter((value) => value !== '');
