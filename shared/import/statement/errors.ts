/**
 * File-level failures particular to statements and workbooks. Shaped like
 * ImportError (file, line, column, field, code; the message starts with the
 * file) so the CLI and the import screen report both the same way; the codes
 * are this module's own, said in the analyst's language by the statement
 * screen's catalogue.
 */
export const STATEMENT_ERROR_CODES = ['workbook', 'too-large', 'missing-sheet', 'no-movements', 'no-owner'] as const;
export type StatementErrorCode = (typeof STATEMENT_ERROR_CODES)[number];

export class StatementFileError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
  readonly field?: string;

  /** The same message in Spanish, where the throw site gives one (the import screens show it in a Spanish session). */
  readonly messageEs?: string;

  constructor(
    readonly code: StatementErrorCode,
    message: string,
    where: { file: string; line?: number; column?: string; field?: string },
    /** The reason in Spanish (the place is put in front of it in Spanish here). */
    spanish?: string,
  ) {
    const parts = [where.file];
    const partes = [where.file];
    if (where.line !== undefined) {
      parts.push(`line ${where.line}`);
      partes.push(`línea ${where.line}`);
    }
    if (where.column !== undefined) {
      parts.push(`column '${where.column}'`);
      partes.push(`columna '${where.column}'`);
    }
    if (where.field !== undefined) {
      parts.push(`field ${where.field}`);
      partes.push(`campo ${where.field}`);
    }
    super(`${parts.join(', ')}: ${message}`);
    if (spanish !== undefined) this.messageEs = `${partes.join(', ')}: ${spanish}`;
    this.name = 'StatementFileError';
    this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.field !== undefined) this.field = where.field;
  }
}
