import type { RecordKind } from '../model/records';
import { FIELD_DEFINITIONS, unmappedRequiredFields } from './fields';
import { headerTokens } from './normalize';
import { MAPPING_SCHEMA_TAG, type DateOrder, type FieldSource, type MappingSpec } from './spec';
import { HEADER_SYNONYMS, ID_TYPE_HEADER_WORDS } from './synonyms';
import type { CsvSniff, SuggestedMapping } from './types';

interface Candidate {
  field: string;
  header: string;
  score: number;
}

const compiledSynonyms = new Map<RecordKind, { field: string; tokens: string[]; key: string }[]>();

function synonymsOf(kind: RecordKind) {
  let list = compiledSynonyms.get(kind);
  if (!list) {
    list = [];
    for (const [field, phrases] of Object.entries(HEADER_SYNONYMS[kind])) {
      for (const phrase of phrases) {
        const tokens = headerTokens(phrase);
        list.push({ field, tokens, key: tokens.join(' ') });
      }
    }
    compiledSynonyms.set(kind, list);
  }
  return list;
}

/**
 * How well a header names a field: an exact (folded) synonym beats a header
 * that merely contains a synonym's words ("Monto (COP)" contains "monto");
 * longer synonyms beat shorter ones. Short words (id, to, hs) only match exactly.
 */
function score(headerWords: string[], headerKeyText: string, synonym: { tokens: string[]; key: string }): number {
  if (synonym.tokens.length === 0) return 0;
  if (headerKeyText === synonym.key) return 1000 + synonym.tokens.length * 10;
  if (synonym.tokens.length === 1 && (synonym.tokens[0] as string).length < 4) return 0;
  for (const token of synonym.tokens) if (!headerWords.includes(token)) return 0;
  return 100 + synonym.tokens.length * 10 - (headerWords.length - synonym.tokens.length);
}

/**
 * Proposes a mapping from the sniffed headers. The analyst reviews it in the
 * UI; `missingRequired` and `ambiguousDateColumns` say what they must decide.
 */
export function suggestMapping(kind: RecordKind, sniff: CsvSniff, name?: string): SuggestedMapping {
  const synonyms = synonymsOf(kind);
  const candidates: Candidate[] = [];
  for (const header of sniff.headers) {
    const words = headerTokens(header);
    const key = words.join(' ');
    const best = new Map<string, number>();
    for (const synonym of synonyms) {
      const value = score(words, key, synonym);
      if (value > (best.get(synonym.field) ?? 0)) best.set(synonym.field, value);
    }
    for (const [field, value] of best) candidates.push({ field, header, score: value });
  }
  // Deterministic: best score first, then header order, then field name.
  candidates.sort((a, b) => b.score - a.score || sniff.headers.indexOf(a.header) - sniff.headers.indexOf(b.header) || a.field.localeCompare(b.field));
  const assigned = new Map<string, string>();
  const usedHeaders = new Set<string>();
  for (const candidate of candidates) {
    if (assigned.has(candidate.field) || usedHeaders.has(candidate.header)) continue;
    assigned.set(candidate.field, candidate.header);
    usedHeaders.add(candidate.header);
  }

  const fields: Record<string, FieldSource> = {};
  for (const definition of FIELD_DEFINITIONS[kind]) {
    const header = assigned.get(definition.name);
    if (header !== undefined) fields[definition.name] = { column: header };
  }
  const time = assigned.get('_time');
  const dateField = kind === 'transaction' ? 'timestamp' : undefined;
  if (dateField && time !== undefined) {
    const date = assigned.get(dateField);
    if (date !== undefined) fields[dateField] = { columns: [date, time], separator: ' ' };
  }
  if (kind === 'party' && fields.name === undefined) {
    const parts = [assigned.get('_firstName'), assigned.get('_lastName')].filter((part): part is string => part !== undefined);
    if (parts.length > 0) fields.name = parts.length === 1 ? { column: parts[0] as string } : { columns: parts, separator: ' ' };
  }
  if (kind === 'party' && fields.idType === undefined) {
    const idHeader = assigned.get('idNumber');
    const idType = idHeader === undefined ? undefined : headerTokens(idHeader).map((token) => ID_TYPE_HEADER_WORDS[token]).find((type) => type !== undefined);
    if (idType) fields.idType = { constant: idType };
  }

  const dateColumns: string[] = [];
  for (const definition of FIELD_DEFINITIONS[kind]) {
    if (definition.type !== 'date') continue;
    const source = fields[definition.name];
    if (!source) continue;
    if ('column' in source) dateColumns.push(source.column);
    else if ('columns' in source && source.columns[0] !== undefined) dateColumns.push(source.columns[0]);
  }
  const ambiguousDateColumns = dateColumns.filter((column) => sniff.dateOrders[column] === 'ambiguous');
  const dayMonthOrders = new Set(dateColumns.map((column) => sniff.dateOrders[column]).filter((order): order is DateOrder => order === 'DMY' || order === 'MDY'));
  const dateOrder = ambiguousDateColumns.length === 0 && dayMonthOrders.size === 1 ? ([...dayMonthOrders][0] as DateOrder) : 'auto';

  const spec: MappingSpec = {
    schema: MAPPING_SCHEMA_TAG,
    name: name?.trim() || `${kind} mapping`,
    kind,
    // 'auto' re-detects on every file, so next month's export in another encoding still imports.
    encoding: sniff.encodingChoice ?? 'auto',
    delimiter: sniff.delimiter,
    skipLines: sniff.skipLines,
    decimalSeparator: sniff.decimalSeparator,
    dateOrder,
    fields,
  };
  const missingRequired = unmappedRequiredFields(kind, fields);
  return { spec, missingRequired, ambiguousDateColumns };
}
