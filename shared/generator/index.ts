export { generateCase, generatedFileHash, plantsPerTypology, DEFAULT_LAYOUTS, type GenerateOptions } from './generate';
export { toCsv, csvChunks, csvHeaders, mappingSpecFor, firstDataLine, formatSpanishAmount, CSV_LAYOUTS, CHANNEL_LABEL_ES, type CsvLayout } from './csv';
export { TYPOLOGY_IDS, BENIGN_KINDS, type TypologyId, type PlantedPattern, type BenignPattern, type BenignKind, type GeneratedCase } from './labels';
export { Rng } from './prng';
export { CASH_THRESHOLD, FATF_BLACK_2025, FATF_GREY_2025_SAMPLE } from './world';
