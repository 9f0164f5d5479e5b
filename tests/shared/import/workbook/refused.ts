import { expect } from 'vitest';
import { readWorkbook } from '../../../../shared/import/workbook';
import { StatementFileError } from '../../../../shared/import/statement';

/** Reads a workbook that must be refused: a StatementFileError with code 'workbook', the file named first in English and Spanish. */
export async function workbookError(bytes: Uint8Array, fileName: string): Promise<StatementFileError> {
  const error = await readWorkbook(bytes, fileName).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StatementFileError);
  const refused = error as StatementFileError;
  const file = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(refused.message).toMatch(new RegExp(`^${file}: `));
  expect(refused.messageEs ?? '').toMatch(new RegExp(`^${file}: `));
  expect(refused.code).toBe('workbook');
  return refused;
}
