/**
 * Account statements (extractos): one file per account, a title block naming
 * the account and holder, then the movements with a running balance. Read
 * from CSV or a workbook sheet, reconciled against the balance, and merged
 * across statements so each transfer seen from both ends counts once.
 */
export {
  STATEMENT_MAPPING_TAG,
  StatementMappingSchema,
  StatementMappingError,
  parseStatementMapping,
  serializeStatementMapping,
  isStatementMappingJson,
  DirectionSchema,
  OwnerSourceSchema,
  CounterpartyPatternSchema,
} from './spec';
export type { StatementMapping, StatementMappingInput, Direction, OwnerSource, CounterpartyPattern } from './spec';
export { csvStatementTable, cellText, isBlankCells, MAX_STATEMENT_CSV_BYTES, MAX_STATEMENT_ROWS } from './table';
export type { Cell, StatementTable } from './table';
export { detectStatement, readTitleBlock, findHeaderRow, headerRole, classifyIndicatorValues } from './detect';
export type { StatementDetection, TitleBlock, StatementRole } from './detect';
export { accountKey, normaliseAccount } from './accounts';
export { compilePatterns, previewPatterns, SUGGESTED_PATTERNS } from './patterns';
export type { Capture, PatternPreview, PatternPreviewRow } from './patterns';
export { reconcileBalances } from './reconcile';
export type { Reconciliation, BalanceBreak, BalancedRow } from './reconcile';
export { readStatement, statementLineId, UNKNOWN_ACCOUNT_PREFIX } from './read';
export type { StatementOutcome, StatementSummary, StatementTransaction, StatementSideInfo, ReadStatementOptions, Side } from './read';
export { mergeStatementSides, isStatementTransaction, isUnknownCounterparty, transactionSources } from './match';
export type { MatchOptions, MatchSummary, MergedTransaction } from './match';
export { StatementFileError, STATEMENT_ERROR_CODES } from './errors';
export type { StatementErrorCode } from './errors';
export { importStatement, statementTable, looksLikeStatementCsv, NotAStatementError } from './file';
export { statementsFromTransactions } from './synthesize';
export type { SyntheticStatement } from './synthesize';
export type { StatementFile, StatementImport } from './file';
