import { csvStatementTable, type StatementTable } from '../../../../shared/import/statement';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export function csv(text: string, sha256 = SHA_A, name = 'extracto.csv'): StatementTable {
  return csvStatementTable(new TextEncoder().encode(text), name, sha256);
}
