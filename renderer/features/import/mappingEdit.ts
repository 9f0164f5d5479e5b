import { orderFromPattern, unmappedRequiredFields, type DateOrder, type FieldSource, type MappingSpec } from '../../../shared/import';
import type { QuarantineEntry } from '../../../shared/model';
import { toCsv } from '../../../shared/csv';

export type SourceMode = 'none' | 'column' | 'columns' | 'constant';

export function sourceModeOf(source: FieldSource | undefined): SourceMode {
  if (!source) return 'none';
  if ('column' in source) return 'column';
  if ('columns' in source) return 'columns';
  return 'constant';
}

/** The per-field parse options a source carries, kept when the analyst switches the source mode. */
function optionsOf(source: FieldSource | undefined): Omit<FieldSource, 'column' | 'columns' | 'separator' | 'constant'> {
  if (!source) return {};
  const { decimalSeparator, datePattern, valueMap } = source;
  return { ...(decimalSeparator ? { decimalSeparator } : {}), ...(datePattern ? { datePattern } : {}), ...(valueMap ? { valueMap } : {}) };
}

export function switchSourceMode(source: FieldSource | undefined, mode: SourceMode, headers: string[]): FieldSource | undefined {
  const options = optionsOf(source);
  const firstColumn = source && 'column' in source ? source.column : source && 'columns' in source ? (source.columns[0] ?? '') : '';
  switch (mode) {
    case 'none':
      return undefined;
    case 'column':
      return { ...options, column: firstColumn || headers[0] || '' };
    case 'columns':
      return { ...options, columns: firstColumn ? [firstColumn] : headers.slice(0, 1), separator: ' ' };
    case 'constant':
      return { ...options, constant: '' };
  }
}

export function withField(spec: MappingSpec, field: string, source: FieldSource | undefined): MappingSpec {
  const fields = { ...spec.fields };
  if (source) fields[field] = source;
  else delete fields[field];
  return { ...spec, fields };
}

/** Required fields of the spec's kind with no usable source yet: the engine's own rule (shared/import/fields.ts). */
export function unmappedRequired(spec: MappingSpec): string[] {
  return unmappedRequiredFields(spec.kind, spec.fields);
}

/** Columns the spec reads that the file's header does not have (a saved mapping from another bank, a renamed header). */
export function columnsNotInFile(spec: MappingSpec, headers: string[]): string[] {
  const present = new Set(headers);
  const missing = new Set<string>();
  for (const source of Object.values(spec.fields)) {
    const columns = 'column' in source ? [source.column] : 'columns' in source ? source.columns : [];
    for (const column of columns) if (column && !present.has(column)) missing.add(column);
  }
  return [...missing];
}

export function columnsOf(source: FieldSource | undefined): string[] {
  if (!source) return [];
  if ('column' in source) return [source.column];
  if ('columns' in source) return source.columns;
  return [];
}

const DATE_SHAPE = /^\s*(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:([ T])(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

/**
 * A date pattern ('DD/MM/YYYY HH:mm') fixing the day/month order of one
 * column, shaped after a sample value so separators and time match the file.
 */
export function datePatternFor(sample: string | undefined, order: DateOrder): string {
  const match = sample ? DATE_SHAPE.exec(sample) : null;
  if (!match) return order === 'DMY' ? 'DD/MM/YYYY' : order === 'MDY' ? 'MM/DD/YYYY' : 'YYYY-MM-DD';
  const [, first = '', separator = '/', , last = '', timeSeparator, , , seconds] = match;
  const year = (first.length === 4 ? first : last).length === 2 ? 'YY' : 'YYYY';
  const datePart = first.length === 4 || order === 'YMD' ? [year, 'MM', 'DD'] : order === 'DMY' ? ['DD', 'MM', year] : ['MM', 'DD', year];
  let pattern = datePart.join(separator);
  if (timeSeparator) pattern += `${timeSeparator}HH:mm${seconds !== undefined ? ':ss' : ''}`;
  return pattern;
}

/** The order a date pattern fixes, for showing it back in the per-column select: the engine's reading (orderFromPattern), never a second one. */
export function dateOrderOfPattern(pattern: string | undefined): DateOrder | undefined {
  return pattern ? orderFromPattern(pattern) : undefined;
}

/** Both readings of an ambiguous date, for the question put to the analyst. */
export function dateReadings(sample: string, locale: string): { dmy: string; mdy: string } | null {
  const match = DATE_SHAPE.exec(sample);
  if (!match) return null;
  const [, a = '', , b = '', c = ''] = match;
  if (a.length === 4) return null;
  const year = Number(c.length === 2 ? `20${c}` : c);
  const format = (day: number, month: number) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
  return { dmy: format(Number(a), Number(b)), mdy: format(Number(b), Number(a)) };
}

/**
 * The quarantine as a CSV an analyst opens in Spanish-locale Excel:
 * semicolon-separated, UTF-8 with a byte-order mark so accents survive. The
 * reason is written in the screen's language (`describe`) and followed by its
 * stable code, so a spreadsheet can filter on it whatever the language.
 */
export function quarantineCsv(
  entries: readonly QuarantineEntry[],
  header: [string, string, string, string, string, string, string],
  describe: (entry: QuarantineEntry) => string = (entry) => entry.reason,
): string {
  // The value column is the bank's (or an adversary's) text: the shared writer neutralises formulas in it.
  return toCsv(
    header,
    entries.map((entry) => [entry.file, entry.line, entry.column, entry.field, entry.value, describe(entry), entry.code ?? '']),
    { delimiter: ';', bom: true },
  );
}
