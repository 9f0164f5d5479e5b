import { describe, expect, it } from 'vitest';
import { orderByStatementShape } from '../../../../shared/import/statement/read';
import { detectStatement, readStatement, readTitleBlock, parseStatementMapping, StatementFileError, type StatementMapping } from '../../../../shared/import/statement';
import { csv, SHA_A } from './helpers';

const SPANISH = [
  'Banco del Pacífico S.A.;;;;;',
  'Extracto de cuenta;;;;;',
  'Cuenta No.: 001-234567-8;;;;;',
  'Titular:;Comercial Andina S.A.S.;;;;',
  'Período:;01/03/2026 al 31/03/2026;;;;',
  'Moneda: COP;;;;;',
  ';;;;;',
  'Fecha;Referencia;Descripción;Débito;Crédito;Saldo',
  '01/03/2026;R-1;TRANSF A CTA 009876543 JUAN PEREZ;150.000,00;;850.000,00',
  '02/03/2026;R-2;DEPOSITO EN EFECTIVO;;200.000,00;1.050.000,00',
  '15/03/2026;R-3;PAGO PROVEEDOR;50.000,50;;999.999,50',
  ';;Totales;200.000,50;200.000,00;',
].join('\n');

function mappingOf(text: string): StatementMapping {
  return detectStatement(csv(text)).mapping;
}

describe('title block', () => {
  it('finds account, holder, period and currency in Spanish', () => {
    const detection = detectStatement(csv(SPANISH));
    expect(detection.isStatement).toBe(true);
    expect(detection.title.account?.value).toBe('001-234567-8');
    expect(detection.title.account?.line).toBe(3);
    expect(detection.title.holder?.value).toBe('Comercial Andina S.A.S.');
    expect(detection.title.period?.from).toBe(Date.UTC(2026, 2, 1));
    expect(detection.title.period?.to).toBe(Date.UTC(2026, 2, 31));
    expect(detection.title.currency).toBe('COP');
    expect(detection.mapping.owner).toEqual({ from: 'title' });
    expect(detection.mapping.direction).toEqual({ convention: 'columns', debit: 'Débito', credit: 'Crédito' });
    expect(detection.mapping.columns.balance).toBe('Saldo');
  });

  it.each([
    ['Número de cuenta: 0012345678', '0012345678'],
    ['Cta. 4455-66', '4455-66'],
    ['Nro. de cuenta;7788990011', '7788990011'],
    ['Conta: 12345-6', '12345-6'],
    ['Nº da conta;98765-4', '98765-4'],
    ['Conta corrente 556677', '556677'],
    ['Account No.: 12 3456 7890', '1234567890'],
    ['Account number;GB29NWBK60161331926819', 'GB29NWBK60161331926819'],
  ])('reads %s', (line, account) => {
    const cells = line.split(';');
    expect(readTitleBlock([cells], [1]).account?.value).toBe(account);
  });

  it('reads Portuguese and English holders and periods', () => {
    const pt = readTitleBlock([['Nome do titular: Maria da Silva'], ['Período: 01/02/2026 a 28/02/2026']], [1, 2]);
    expect(pt.holder?.value).toBe('Maria da Silva');
    expect(pt.period?.to).toBe(Date.UTC(2026, 1, 28));
    const en = readTitleBlock([['Account holder', 'John Smith Ltd'], ['Statement period: 2026-01-01 - 2026-01-31'], ['Opening balance', '1,000.00']], [1, 2, 3]);
    expect(en.holder?.value).toBe('John Smith Ltd');
    expect(en.period?.from).toBe(Date.UTC(2026, 0, 1));
    expect(en.openingBalance).toBe(1000);
  });

  it('does not take a holder label without a name, nor an account label without digits', () => {
    const title = readTitleBlock([['Cuenta:', 'Ahorros'], ['Titular:', '']], [1, 2]);
    expect(title.account).toBeUndefined();
    expect(title.holder).toBeUndefined();
  });
});

describe('direction conventions', () => {
  it('debit and credit columns', () => {
    const outcome = readStatement(csv(SPANISH), mappingOf(SPANISH));
    expect(outcome.transactions.map((t) => [t.statement.side, t.amount, t.source.line])).toEqual([
      ['debit', 150000, 9],
      ['credit', 200000, 10],
      ['debit', 50000.5, 11],
    ]);
    const [first, second] = outcome.transactions;
    expect(first?.fromAccount).toBe('001-234567-8');
    expect(first?.fromPartyName).toBe('Comercial Andina S.A.S.');
    expect(second?.toAccount).toBe('001-234567-8');
    expect(second?.channel).toBe('cash');
    expect(outcome.summary.counts).toMatchObject({ read: 3, imported: 3, quarantined: 0, debits: 2, credits: 1 });
  });

  it('cargo / abono columns (Mexican wording)', () => {
    const text = ['Número de cuenta: 0123456789', 'Fecha,Concepto,Cargo,Abono,Saldo', '2026-01-02,SPEI ENVIADO,100.00,,900.00', '2026-01-03,SPEI RECIBIDO,,300.00,1200.00'].join('\n');
    const mapping = { ...mappingOf(text), currency: 'MXN' };
    expect(mapping.direction).toEqual({ convention: 'columns', debit: 'Cargo', credit: 'Abono' });
    const outcome = readStatement(csv(text), mapping);
    expect(outcome.transactions.map((t) => [t.statement.side, t.amount, t.currency])).toEqual([
      ['debit', 100, 'MXN'],
      ['credit', 300, 'MXN'],
    ]);
  });

  it('a signed amount, negative for debits (and the inverse when the bank says so)', () => {
    const text = ['Account No.: 5550001', 'Date,Reference,Description,Amount,Balance', '2026-01-02,A1,ATM,-40.00,960.00', '2026-01-05,A2,SALARY,1500.00,2460.00'].join('\n');
    const mapping = { ...mappingOf(text), currency: 'USD' };
    expect(mapping.direction).toEqual({ convention: 'signed', amount: 'Amount', negativeIs: 'debit' });
    expect(readStatement(csv(text), mapping).transactions.map((t) => t.statement.side)).toEqual(['debit', 'credit']);
    const inverted = readStatement(csv(text), { ...mapping, direction: { convention: 'signed', amount: 'Amount', negativeIs: 'credit' } });
    expect(inverted.transactions.map((t) => t.statement.side)).toEqual(['credit', 'debit']);
  });

  it('a D/C indicator column, and C meaning cargo beside A (abono)', () => {
    const dc = ['Conta: 778899', 'Data;Histórico;Valor;D/C;Saldo', '02/01/2026;PIX ENVIADO;100,00;D;900,00', '03/01/2026;PIX RECEBIDO;50,00;C;950,00'].join('\n');
    const mappingDc = { ...mappingOf(dc), currency: 'BRL' };
    expect(mappingDc.direction).toMatchObject({ convention: 'indicator', debitValues: ['D'], creditValues: ['C'] });
    expect(readStatement(csv(dc), mappingDc).transactions.map((t) => t.statement.side)).toEqual(['debit', 'credit']);

    const ca = ['Cuenta: 4455667788', 'Fecha;Concepto;Importe;Tipo;Saldo', '12/01/2026;RETIRO;100,00;C;900,00', '13/01/2026;DEPOSITO;50,00;A;950,00'].join('\n');
    const mappingCa = { ...mappingOf(ca), currency: 'MXN' };
    expect(mappingCa.direction).toMatchObject({ convention: 'indicator', debitValues: ['C'], creditValues: ['A'] });
    expect(readStatement(csv(ca), mappingCa).transactions.map((t) => t.statement.side)).toEqual(['debit', 'credit']);
  });

  it('quarantines a row with both a debit and a credit, none, or an unknown indicator, naming line and column', () => {
    const text = ['Cuenta No. 111222333', 'Fecha;Descripción;Débito;Crédito;Saldo', '01/02/2026;A;10,00;5,00;90,00', '02/02/2026;B;;;90,00', '03/02/2026;C;abc;;90,00', '31/02/2026;D;1,00;;89,00', '04/02/2026;E;1,00;;89,00'].join('\n');
    const outcome = readStatement(csv(text), { ...mappingOf(text), currency: 'COP' });
    expect(outcome.quarantine.map((entry) => [entry.line, entry.column, entry.code])).toEqual([
      [3, 'Débito + Crédito', 'invalid-value'],
      [4, 'Débito + Crédito', 'missing-value'],
      [5, 'Débito', 'invalid-number'],
      [6, 'Fecha', 'invalid-date'],
    ]);
    expect(outcome.quarantine[0]?.file).toBe('extracto.csv');
    expect(outcome.summary.counts).toMatchObject({ read: 5, imported: 1, quarantined: 4 });
  });
});

describe('date order', () => {
  it('settles days 1-12 by the statement being in order of time and short', () => {
    expect(orderByStatementShape(['02/01/2026', '05/01/2026', '09/01/2026'])).toBe('DMY');
    expect(orderByStatementShape(['01/02/2026', '01/05/2026', '01/09/2026'])).toBe('MDY');
    expect(orderByStatementShape(['02/01/2026'])).toBe('ambiguous');
  });
});

describe('owner account', () => {
  it('typed by the analyst when the statement has no title block', () => {
    const text = ['Fecha,Descripcion,Debito,Credito,Saldo', '21/02/2026,X,10.00,,90.00'].join('\n');
    const detection = detectStatement(csv(text));
    expect(detection.missing).toContain('owner');
    const mapping = parseStatementMapping({ ...detection.mapping, owner: { from: 'typed', account: '9 99 88' }, currency: 'COP' });
    expect(readStatement(csv(text), mapping).summary.ownerAccount).toBe('99988');
    expect(() => readStatement(csv(text), { ...mapping, owner: { from: 'title' } })).toThrow(StatementFileError);
  });

  it('from a column holding one account', () => {
    const text = ['Cuenta,Fecha,Descripcion,Debito,Credito,Saldo', '5551,21/02/2026,X,10.00,,90.00', '5551,22/02/2026,Y,,5.00,95.00'].join('\n');
    const detection = detectStatement(csv(text));
    expect(detection.mapping.owner).toEqual({ from: 'column', column: 'Cuenta' });
    expect(readStatement(csv(text), { ...detection.mapping, currency: 'COP' }).summary.ownerAccount).toBe('5551');
  });
});

describe('transaction ids', () => {
  it('are derived from the file hash and line, the same on every read', () => {
    const first = readStatement(csv(SPANISH), mappingOf(SPANISH));
    const again = readStatement(csv(SPANISH), mappingOf(SPANISH));
    expect(first.transactions.map((t) => t.id)).toEqual(again.transactions.map((t) => t.id));
    expect(first.transactions[0]?.id).toBe(`st-${SHA_A.slice(0, 16)}-9`);
    expect(first.transactions[0]?.statement.reference).toBe('R-1');
  });
});
