/**
 * CSV import engine: sniff a file's encoding and layout, suggest a mapping
 * from its headers, then stream it into validated records with provenance,
 * quarantining bad rows. Pure TypeScript: runs in the import Web Worker, the
 * CLI and Vitest alike.
 */
export {
  MappingSpecSchema,
  MappingSpecError,
  parseMappingSpec,
  serializeMappingSpec,
  FieldSourceSchema,
  FieldParseOptionsSchema,
  MAPPING_SCHEMA_TAG,
  ENCODINGS,
  DELIMITERS,
  DATE_ORDERS,
} from './spec';
export type {
  MappingSpec,
  FieldSource,
  FieldParseOptions,
  EncodingChoice,
  ResolvedEncoding,
  DelimiterChoice,
  Delimiter,
  DateOrder,
  DateOrderChoice,
  DecimalSeparator,
} from './spec';
export { ImportError, abortError, isAbortError, isImportErrorCode, IMPORT_ERROR_CODES } from './types';
export type { ImportErrorCode, LineCounts, EncodingIssues } from './types';
export { RecordChunker, parseRecords, MAX_LINE_CHARS, MAX_QUOTED_LINES, MAX_QUOTED_CHARS, BROKEN_TEXT_CHARS } from './chunker';
export type { ChunkItem, BrokenLine, BrokenLineCode } from './chunker';
export type {
  ByteSource,
  AbortSignalLike,
  CsvSniff,
  DateOrderGuess,
  SuggestedMapping,
  ImportOptions,
  ImportSettings,
  ImportOutcome,
  ImportCounts,
  ImportProgress,
} from './types';
export { FIELD_DEFINITIONS, fieldDefinition, requiredFields, unmappedRequiredFields, isBlankSource } from './fields';
export { orderFromPattern } from './values';
export { HEADER_SYNONYMS } from './synonyms';
export type { FieldDefinition, FieldType } from './fields';
export { hashSource, bytesSource } from './hash';
export { sniffCsv } from './sniff';
export { suggestMapping } from './suggest';
export { importCsv } from './engine';
export { recordsOfColumns, columnValue } from './columns';
export type { RecordColumns, ValueColumn, NumberColumn } from './columns';
export { describeQuarantineReason, describeImportError, isQuarantineCode, QUARANTINE_CODES, QUARANTINE_MESSAGES, IMPORT_ERROR_MESSAGES } from './reasons';
export type { QuarantineCode, QuarantineReason } from './reasons';
