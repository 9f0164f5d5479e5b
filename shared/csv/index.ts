export { csvCell, csvLine, isFormulaLike, neutraliseFormula, toCsv } from './writer';
export type { CsvOptions, CsvValue } from './writer';
