export { readWorkbook, workbookTable, sniffWorkbook, isWorkbookFile, WORKBOOK_LIMITS } from './read';
export type { Workbook, WorkbookSheet, WorkbookFormat } from './read';
