import { describe, expect, it } from 'vitest';
import { csvStatementTable, importStatement, MAX_STATEMENT_ROWS, StatementFileError } from '../../../../shared/import/statement';
import { SHA_A } from './helpers';

/**
 * Statement CSVs that play the attacker (or a careless bank export): a line
 * far past the 1 MiB a row may have, a runaway quote over millions of short
 * lines, a stray quote that tipped the delimiter guess, and a UTF-8 export
 * with one Latin-1 byte. Every line is accounted for or the file is refused
 * with a named error.
 */

const encoder = new TextEncoder();
const TITLE = 'Banco Ejemplo\nNúmero de cuenta:;0012345678\nTitular:;Importadora del Sur\n\nFecha;Referencia;Descripción;Débito;Crédito;Saldo\n';
/** `count` debits of 10,00 from a balance of 100.000,00, on days 1–28 of February 2026; line i is file line 6 + i. */
const rows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => `${String(((from + index) % 28) + 1).padStart(2, '0')}/02/2026;T${from + index};PAGO;10,00;;${(100_000 - (from + index + 1) * 10).toFixed(2).replace('.', ',')}`).join('\n') + '\n';
const statement = (text: string | Uint8Array, name = 'extracto.csv') => importStatement({ name, bytes: typeof text === 'string' ? encoder.encode(text) : text, sha256: SHA_A }, undefined, { defaultCurrency: 'COP' });

describe('statement lines past the limits', () => {
  it('quarantines a 2 MB line with its own line number instead of dropping it, and later rows keep their lines', async () => {
    const lines = rows(20).split('\n');
    lines[9] = `10/02/2026;T9;${'x'.repeat(2 * 1024 * 1024)};10,00;;99900,00`;
    const outcome = await statement(TITLE + lines.join('\n'));
    expect(outcome.summary.counts).toMatchObject({ read: 20, imported: 19, quarantined: 1 });
    expect(outcome.quarantine).toEqual([expect.objectContaining({ file: 'extracto.csv', line: 15, code: 'line-too-long', field: 'line' })]);
    expect(outcome.quarantine[0]?.value.length).toBeLessThanOrEqual(4096);
    // Before the fix the table closed up around the dropped line: T10 was reported at line 15.
    expect(outcome.transactions.find((transaction) => transaction.statement.reference === 'T10')?.source.line).toBe(16);
    // The missing movement shows as a break in the running balance.
    expect(outcome.summary.reconciliation).toMatchObject({ complete: false, breaks: [expect.objectContaining({ line: 16, gap: -10 })] });
  });

  it('refuses a runaway quote over millions of two-byte lines, naming the limit, instead of holding 32 million rows', async () => {
    const runaway = `${TITLE}01/02/2026;T1;"${'x\n'.repeat(MAX_STATEMENT_ROWS + 10)}`;
    const error = await statement(runaway).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementFileError);
    expect((error as StatementFileError).code).toBe('too-large');
    expect((error as Error).message).toMatch(/^extracto\.csv: a statement is read whole and this one has more than 1,048,576 rows \(line \d+\); import it as a transfer file instead$/);
    expect((error as StatementFileError).messageEs).toMatch(/^extracto\.csv: un extracto se lee entero y este tiene más de 1\.048\.576 filas \(línea \d+\); impórtelo como archivo de transferencias$/);
  });
});

describe('statement files that mislead the guesses', () => {
  it('reads a statement whose stray quote near the top tipped the delimiter guess from ";" to ","', async () => {
    const outcome = await statement(`${TITLE}01/02/2026;T-X;"Pago a El Dorado;10,00;;99990,00\n${rows(300, 1)}`);
    expect(outcome.summary.counts).toMatchObject({ read: 301, imported: 301, quarantined: 0 });
    expect(outcome.transactions[0]?.description).toBe('Pago a El Dorado');
    expect(outcome.summary.reconciliation.complete).toBe(true);
  });

  it('reads a UTF-8 statement with one stray Latin-1 byte as UTF-8, and names the line', async () => {
    const good = encoder.encode(TITLE + rows(3));
    const bad = Uint8Array.from([...encoder.encode('04/02/2026;T9;'), 0xd1, ...encoder.encode('ANDU;10,00;;99960,00\n')]);
    const bytes = new Uint8Array([...good, ...bad]);
    const table = csvStatementTable(bytes, 'mixto.csv', SHA_A);
    expect(table.encoding).toBe('utf-8');
    expect(table.rows[4]).toEqual(['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo']);
    const outcome = await statement(bytes, 'mixto.csv');
    expect(outcome.summary.holderName).toBe('Importadora del Sur');
    expect(outcome.summary.counts).toMatchObject({ read: 4, imported: 4 });
    expect(outcome.summary.badlyDecodedLines).toEqual([9]);
    expect(outcome.transactions.at(-1)?.description).toBe('\uFFFDANDU');
  });

  it('treats header cells named __proto__ and constructor as plain columns', async () => {
    const outcome = await statement(TITLE.replace('Referencia', '__proto__').replace('Descripción', 'constructor') + rows(3));
    expect(outcome.summary.counts.imported).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(outcome.transactions[0])).toBe(Object.prototype);
  });
});
