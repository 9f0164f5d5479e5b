export { ftmEntities, ftmJsonLines } from './exportFtm';
export type { FtmExportInput } from './exportFtm';
export { importFtmLines, ftmFileTooLarge, MAX_FTM_FILE_BYTES } from './importFtm';
export type { FtmImportOutcome } from './importFtm';
export { caudalEntityId, caudalKeyOf } from './ids';
export { FtmEntitySchema, FTM_WRITTEN_SCHEMATA, DERIVED_KEYWORD } from './schema';
export type { FtmEntity } from './schema';
