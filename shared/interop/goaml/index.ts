export { importGoaml, looksLikeGoaml, GoamlFileError, GOAML_ROOTS } from './import';
export type { GoamlBatch, GoamlByteSource, GoamlCounts, GoamlImportOptions, GoamlImportOutcome, GoamlProgress, GoamlSourceDetails } from './import';
export { DEFAULT_GOAML_CODES, GoamlCodeMapsSchema, effectiveCodes, codeKey } from './codes';
export type { GoamlCodeMaps, UnknownCode, PartyRole } from './codes';
export type { GoamlReportHeader } from './schema';
export { parseGoamlDate, parseGoamlAmount } from './convert';
export { goamlChunks, toGoamlXml, escapeXml } from './write';
export type { GoamlWriteOptions } from './write';
