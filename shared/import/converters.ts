import type { z } from 'zod';
import type { IdType, RecordKind } from '../model';
import { idTypeFromShape, normaliseIdNumber } from '../resolve/ids';
import { foldName, partyKindOf } from '../resolve/names';
import { FIELD_DEFINITIONS, unmappedRequiredFields, type FieldDefinition } from './fields';
import { foldKey, headerKey } from './normalize';
import type { DateOrder, DecimalSeparator, FieldSource, MappingSpec } from './spec';
import type { QuarantineCode, QuarantineReason } from './reasons';
import { ImportError } from './types';
import {
  datePatternLabel,
  detectDateOrder,
  detectDecimalSeparator,
  orderFromPattern,
  parseAmount,
  parseBoolean,
  parseChannel,
  parseCountry,
  parseCurrency,
  parseDate,
  parseHsCode,
  parseIdType,
  parsePartyKind,
  type Parsed,
} from './values';

/*
 * The column converters: per file, each mapped field gets a reader (which
 * cells) and a converter (text → typed value), compiled once with the 'auto'
 * settings (decimal separator, date order) detected from the first rows. A
 * bad value returns FAIL with the reason left in `failure`, so the hot loop
 * allocates nothing for good rows.
 */

/** Rows used to detect per-column decimal separators and date orders. */
const DETECTION_ROWS = 100_000;
const CACHE_LIMIT = 10_000;

/** A converter's verdict for a bad value; the reason is left in `failure`. */
export const FAIL = Symbol('fail');
export type Converted = unknown;

export interface CompiledField {
  definition: FieldDefinition;
  /** Index in FIELD_DEFINITIONS[kind], the builder's layout. */
  slot: number;
  /** Header(s) named in quarantine entries. */
  column: string;
  read(row: readonly string[]): string;
  convert(raw: string): Converted;
  /** A fused read + convert for the hot loop, when one exists; same result as convert(read(row)). */
  readConvert?: (row: readonly string[]) => Converted;
}

export let failure: QuarantineReason = { code: 'invalid-value', params: {}, reason: '' };
const WHITESPACE = /\s/;
const WHITESPACE_ALL = /\s+/g;
const PLAIN_ID = /^[0-9A-Z]+$/;

function fail(code: QuarantineCode, params: Record<string, string | number>, reason: string): typeof FAIL {
  failure = { code, params, reason };
  return FAIL;
}

/** Distinct values remembered in the small cache before the Map takes over. */
const RECENT = 16;

/**
 * Memoises a parser of low-cardinality columns (currency, country, channel).
 * Every row brings new string objects, so a Map hashes each one; comparing
 * with the last few distinct values first is cheaper, and a column of
 * "COP"/"USD" never reaches the Map.
 */
function cached<T>(parse: (raw: string) => Parsed<T>): (raw: string) => Converted {
  const recentKeys: string[] = [];
  const recentResults: Parsed<T>[] = [];
  const cache = new Map<string, Parsed<T>>();
  return (raw) => {
    let result: Parsed<T> | undefined;
    for (let i = 0; i < recentKeys.length; i++) {
      if (recentKeys[i] === raw) {
        result = recentResults[i];
        break;
      }
    }
    if (result === undefined) {
      result = cache.get(raw);
      if (result === undefined) {
        result = parse(raw);
        if (cache.size < CACHE_LIMIT) cache.set(raw, result);
      }
      if (recentKeys.length < RECENT) {
        recentKeys.push(raw);
        recentResults.push(result);
      }
    }
    return result.ok ? result.value : fail(result.code, result.params, result.reason);
  };
}

/**
 * A record zod refused, as a reason code: the converters catch almost every
 * bad value first, so what is left is an empty text, a non-positive number,
 * an over-long text or a value outside an enumeration.
 */
export function schemaReason(issue: z.core.$ZodIssue | undefined, field: string, value: string): QuarantineReason {
  const reason = issue?.message ?? 'invalid record';
  if (issue?.code === 'too_small') {
    if (issue.origin === 'number') return { code: 'not-positive', params: { field, value }, reason };
    return { code: 'missing-value', params: { field }, reason };
  }
  if (issue?.code === 'too_big' && issue.origin === 'string') return { code: 'too-long', params: { field, maximum: Number(issue.maximum) }, reason };
  return { code: 'invalid-value', params: { field, value }, reason };
}

function columnLabel(source: FieldSource): string {
  if ('column' in source) return source.column;
  if ('columns' in source) return source.columns.join(' + ');
  return '(constant)';
}

function positiveNumberField(kind: RecordKind, field: string): boolean {
  return (kind === 'transaction' && field === 'amount') || (kind === 'shipment' && (field === 'declaredValue' || field === 'quantity'));
}


/** Compiles the readers and converters of one file once its header is known. */
export class FieldCompiler {
  /** Set by makeConverter for a date field: the order it settled on. */
  private dateOrder: DateOrder | undefined;

  constructor(
    private readonly spec: MappingSpec,
    private readonly kind: RecordKind,
    private readonly fileName: string,
    private readonly headers: readonly string[],
    private readonly headerLine: number,
    private readonly delimiter: string,
  ) {}

  /** Builds the per-field readers and converters once per file, detecting 'auto' settings from the first rows. */
  compile(rows: string[][]): CompiledField[] {
    const headers = this.headers;
    const sample = rows.length > DETECTION_ROWS ? rows.slice(0, DETECTION_ROWS) : rows;
    const byFoldedHeader = new Map<string, number>();
    headers.forEach((header, index) => {
      const key = headerKey(header);
      if (!byFoldedHeader.has(key)) byFoldedHeader.set(key, index);
    });
    const columnIndex = (column: string, field: string): number => {
      const exact = headers.indexOf(column);
      if (exact >= 0) return exact;
      const folded = byFoldedHeader.get(headerKey(column));
      if (folded !== undefined) return folded;
      throw new ImportError('missing-column', `the mapped column is not in the header (found: ${headers.join(', ')})`, {
        file: this.fileName,
        line: this.headerLine,
        column,
        field,
      });
    };

    const compiled: CompiledField[] = [];
    for (const [slot, definition] of FIELD_DEFINITIONS[this.kind].entries()) {
      const source = this.spec.fields[definition.name];
      if (!source) continue;
      const read = makeReader(source, (column) => columnIndex(column, definition.name));
      const sampleValues = () => sample.map((row) => read(row)).filter((value) => value.trim() !== '');
      const sampleCount = sample.length;
      const column = columnLabel(source);
      this.dateOrder = undefined;
      const convert = this.makeConverter(definition, source, column, sampleValues, sampleCount);
      const field: CompiledField = { definition, slot, column, read, convert };
      const dateOrder = this.dateOrder as DateOrder | undefined;
      if (dateOrder !== undefined && 'columns' in source && source.columns.length === 2 && !source.valueMap && (source.separator ?? ' ') === ' ') {
        field.readConvert = dateTimeReader(columnIndex(source.columns[0] as string, definition.name), columnIndex(source.columns[1] as string, definition.name), dateOrder, (row) => convert(read(row)));
      }
      compiled.push(field);
    }
    return compiled;
  }

  private makeConverter(definition: FieldDefinition, source: FieldSource, column: string, sampleValues: () => string[], sampleCount: number): (raw: string) => Converted {
    const spec = this.spec;
    switch (definition.type) {
      case 'text':
      case 'recordId':
        return (raw) => {
          const value = raw.trim();
          return value === '' ? undefined : value;
        };
      case 'account':
        return (raw) => {
          const value = WHITESPACE.test(raw) ? raw.replace(WHITESPACE_ALL, '') : raw;
          return value === '' ? undefined : value;
        };
      case 'partyIdNumber':
        return (raw) => {
          const value = PLAIN_ID.test(raw) ? raw : normaliseIdNumber(raw);
          return value === '' ? undefined : value;
        };
      case 'amount': {
        const decimal: DecimalSeparator =
          source.decimalSeparator ??
          (spec.decimalSeparator !== 'auto' ? spec.decimalSeparator : (detectDecimalSeparator(sampleValues()) ?? (this.delimiter === ';' ? ',' : '.')));
        const example = decimal === ',' ? '1.234.567,89' : '1,234,567.89';
        const mustBePositive = positiveNumberField(this.kind, definition.name);
        return (raw) => {
          if (raw.trim() === '') return undefined;
          const value = parseAmount(raw, decimal);
          if (Number.isNaN(value)) return fail('invalid-number', { value: raw, decimal, example }, `'${raw}' is not a valid number (decimal separator '${decimal}', e.g. ${example})`);
          if (mustBePositive && value <= 0) return fail('not-positive', { field: definition.name, value: raw }, `${definition.name} must be positive, got '${raw}'`);
          return value;
        };
      }
      case 'date': {
        let order: DateOrder;
        let label: string;
        if (source.datePattern) {
          order = orderFromPattern(source.datePattern);
          label = source.datePattern;
        } else {
          const detected = spec.dateOrder === 'auto' ? detectDateOrder(sampleValues()) : spec.dateOrder;
          if (detected === 'ambiguous') {
            throw new ImportError(
              'ambiguous-date-order',
              `the dates fit both DD/MM/YYYY and MM/DD/YYYY (no day above 12 in the ${sampleCount.toLocaleString('en')} rows read); choose the date order (DMY or MDY) in the mapping`,
              { file: this.fileName, line: this.headerLine, column, field: definition.name },
            );
          } else order = detected ?? 'DMY';
          label = datePatternLabel(order) + ('columns' in source ? ' HH:mm[:ss]' : '');
        }
        this.dateOrder = order;
        return (raw) => {
          if (raw.trim() === '') return undefined;
          const value = parseDate(raw, order);
          return Number.isNaN(value) ? fail('invalid-date', { value: raw, format: label }, `'${raw}' is not a valid date (${label})`) : value;
        };
      }
      case 'currency': {
        const parse = cached(parseCurrency);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'country': {
        const parse = cached(parseCountry);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'channel': {
        const parse = cached((raw) => ({ ok: true, value: parseChannel(raw) }));
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'boolean': {
        const parse = cached(parseBoolean);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'idType': {
        const parse = cached((raw) => ({ ok: true, value: parseIdType(raw) }));
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
      case 'partyKind':
        // Unrecognised wording is inferred later from the ID and name rather than losing the row.
        return (raw) => parsePartyKind(raw);
      case 'hsCode': {
        const parse = cached(parseHsCode);
        return (raw) => (raw.trim() === '' ? undefined : parse(raw));
      }
    }
  }

}

const digitAt = (text: string, index: number): number => {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : -100;
};

/** ms since midnight of 'HH:mm' or 'HH:mm:ss', or -1. */
function timeOfDay(text: string): number {
  const length = text.length;
  if ((length !== 5 && length !== 8) || text.charCodeAt(2) !== 58 || (length === 8 && text.charCodeAt(5) !== 58)) return -1;
  const hours = digitAt(text, 0) * 10 + digitAt(text, 1);
  const minutes = digitAt(text, 3) * 10 + digitAt(text, 4);
  const seconds = length === 8 ? digitAt(text, 6) * 10 + digitAt(text, 7) : 0;
  if (hours < 0 || minutes < 0 || seconds < 0 || hours > 23 || minutes > 59 || seconds > 59) return -1;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Date and time in two columns, read without joining them into a new string
 * per row. Anything but the plain shapes (10-character date, HH:mm[:ss]) goes
 * the general way, so the result is always that of parsing "date time".
 */
function dateTimeReader(dateIndex: number, timeIndex: number, order: DateOrder, general: (row: readonly string[]) => Converted): (row: readonly string[]) => Converted {
  return (row) => {
    const datePart = row[dateIndex] ?? '';
    const timePart = row[timeIndex] ?? '';
    if (datePart.length === 10) {
      const time = timeOfDay(timePart);
      if (time >= 0) {
        const day = parseDate(datePart, order);
        if (!Number.isNaN(day) && day % 86_400_000 === 0) return day + time;
      }
    }
    return general(row);
  };
}

function makeReader(source: FieldSource, indexOf: (column: string) => number): (row: readonly string[]) => string {
  let read: (row: readonly string[]) => string;
  if ('constant' in source) {
    const constant = source.constant;
    read = () => constant;
  } else if ('column' in source) {
    const index = indexOf(source.column);
    read = (row) => row[index] ?? '';
  } else {
    const indexes = source.columns.map(indexOf);
    const separator = source.separator ?? ' ';
    read = (row) => {
      let joined = '';
      for (const index of indexes) {
        const part = (row[index] ?? '').trim();
        if (part === '') continue;
        joined = joined === '' ? part : joined + separator + part;
      }
      return joined;
    };
  }
  const valueMap = source.valueMap;
  if (!valueMap) return read;
  const folded = new Map(Object.entries(valueMap).map(([from, to]) => [foldKey(from), to]));
  return (row) => {
    const raw = read(row);
    return folded.get(foldKey(raw)) ?? raw;
  };
}

/** Slots of party fields in FIELD_DEFINITIONS.party (checked by recordBuilder's layout). */
const PARTY_ID = 0;
const PARTY_NAME = 1;
const PARTY_KIND = 2;
const PARTY_ID_TYPE = 3;
const PARTY_ID_NUMBER = 4;

/** Party id and kind when the file does not give them: from the ID number, else the folded name. */
export function completeParty(values: unknown[]): void {
  const idNumber = values[PARTY_ID_NUMBER] as string | undefined;
  let idType = values[PARTY_ID_TYPE] as IdType | undefined;
  const name = typeof values[PARTY_NAME] === 'string' ? (values[PARTY_NAME] as string) : '';
  if (idNumber !== undefined && idType === undefined) {
    idType = idTypeFromShape(idNumber);
    if (idType) values[PARTY_ID_TYPE] = idType;
  }
  if (values[PARTY_ID] === undefined) {
    if (idNumber !== undefined) values[PARTY_ID] = `${idType ?? 'OTHER'}:${idNumber}`;
    else if (name.trim() !== '') values[PARTY_ID] = `NAME:${foldName(name) || name.trim().toUpperCase()}`;
  }
  if (values[PARTY_KIND] === undefined) {
    values[PARTY_KIND] = partyKindOf(name, idType, idNumber);
  }
}

export function checkSpecFields(spec: MappingSpec, fileName: string): void {
  const definitions = FIELD_DEFINITIONS[spec.kind];
  for (const field of Object.keys(spec.fields)) {
    if (!definitions.some((definition) => definition.name === field)) {
      throw new ImportError('spec', `the mapping names a field ${spec.kind} records do not have (expected one of ${definitions.map((d) => d.name).join(', ')})`, {
        file: fileName,
        field,
      });
    }
  }
  for (const field of unmappedRequiredFields(spec.kind, spec.fields)) {
    throw new ImportError('spec', `the required field is not mapped to any column`, { file: fileName, field });
  }
}

