import { describe, expect, it } from 'vitest';
import { detectStatement, readStatement, reconcileBalances } from '../../../../shared/import/statement';
import { csv } from './helpers';

const ROWS = [
  '21/01/2026;R1;Apertura;;1.000,00;1.000,00',
  '22/01/2026;R2;Pago;200,00;;800,00',
  '23/01/2026;R3;Deposito;;50,00;850,00',
  '24/01/2026;R4;Retiro;300,00;;550,00',
  '25/01/2026;R5;Pago;100,00;;450,00',
  '26/01/2026;R6;Abono;;25,50;475,50',
];
const HEAD = ['Cuenta No.: 123123123', 'Moneda: COP', 'Fecha;Referencia;Descripción;Débito;Crédito;Saldo'];

function read(rows: string[], head = HEAD) {
  const text = [...head, ...rows].join('\n');
  return readStatement(csv(text), detectStatement(csv(text)).mapping);
}

describe('running-balance reconciliation', () => {
  it('a whole statement is complete, with opening and closing balances', () => {
    const { reconciliation } = read(ROWS).summary;
    expect(reconciliation).toMatchObject({ checked: true, complete: true, breaks: [], openingBalance: 0, closingBalance: 475.5, rowsChecked: 5, order: 'oldest-first' });
  });

  it('one row removed: incomplete at the next row, with the lines around it and the gap', () => {
    const rows = ROWS.filter((_, index) => index !== 3); // R4, a debit of 300, is lost
    const { reconciliation } = read(rows).summary;
    expect(reconciliation.complete).toBe(false);
    expect(reconciliation.breaks).toHaveLength(1);
    const [tear] = reconciliation.breaks;
    // Line 7 (R5) is the first row whose balance the movements no longer explain; line 6 (R3) is the last good one.
    expect(tear).toMatchObject({ line: 7, previousLine: 6, expected: 750, found: 450, gap: -300 });
    expect(tear?.context.map((row) => row.line)).toEqual([5, 6, 7, 8]);
  });

  it('an edited amount is a break of the size of the edit', () => {
    const rows = ROWS.slice();
    rows[2] = '23/01/2026;R3;Deposito;;5,00;850,00';
    const { reconciliation } = read(rows).summary;
    expect(reconciliation.breaks.map((entry) => [entry.line, entry.gap])).toEqual([[6, 45]]);
  });

  it('a newest-first statement reconciles in its own order', () => {
    const { reconciliation } = read(ROWS.slice().reverse()).summary;
    expect(reconciliation).toMatchObject({ complete: true, order: 'newest-first', openingBalance: 0, closingBalance: 475.5 });
  });

  it('title-block opening and closing balances must agree with the rows', () => {
    const { reconciliation } = read(ROWS, [...HEAD.slice(0, 2), 'Saldo anterior: 0,00', 'Saldo final: 500,00', HEAD[2] as string]).summary;
    expect(reconciliation.complete).toBe(false);
    expect(reconciliation.titleClosingGap).toBe(-24.5);
    expect(reconciliation.titleOpeningGap).toBeUndefined();
  });

  it('rows without a balance carry the running sum to the next balance; no balance column means not checked', () => {
    expect(reconcileBalances([{ line: 1, timestamp: 0, signedAmount: 10, balance: 10 }, { line: 2, timestamp: 0, signedAmount: -3 }, { line: 3, timestamp: 0, signedAmount: 5, balance: 12 }]).complete).toBe(true);
    expect(reconcileBalances([{ line: 1, timestamp: 0, signedAmount: 10 }])).toMatchObject({ checked: false, complete: false });
  });

  it('cents are compared exactly (no floating-point false alarms)', () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({ line: index + 1, timestamp: 0, signedAmount: 0.1, balance: Math.round((index + 1) * 0.1 * 100) / 100 }));
    expect(reconcileBalances(rows).breaks).toEqual([]);
  });
});
