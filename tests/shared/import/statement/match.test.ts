import { describe, expect, it } from 'vitest';
import { detectStatement, mergeStatementSides, readStatement, type StatementTransaction } from '../../../../shared/import/statement';
import type { Transaction } from '../../../../shared/model';
import { csv, SHA_A, SHA_B } from './helpers';

const DAY = 86_400_000;
let nextLine = 1;

function side(side: 'debit' | 'credit', owner: string, other: string | undefined, amount: number, day: number, reference?: string, file = side === 'debit' ? SHA_A : SHA_B): StatementTransaction {
  const line = nextLine++;
  const placeholder = `?st-${line}`;
  const transaction: StatementTransaction = {
    id: `st-${file.slice(0, 4)}-${line}`,
    timestamp: Date.UTC(2026, 0, 1) + day * DAY,
    fromAccount: side === 'debit' ? owner : (other ?? placeholder),
    toAccount: side === 'debit' ? (other ?? placeholder) : owner,
    amount,
    currency: 'COP',
    channel: 'transfer',
    source: { file, line },
    statement: { side, owner, counterpartyKnown: other !== undefined },
  };
  if (reference) transaction.statement.reference = reference;
  return transaction;
}

describe('both sides of a transfer', () => {
  it('a debit and a credit with the same reference become one transaction with both source lines', () => {
    const debit = side('debit', 'A1', undefined, 500, 0, 'REF-9');
    const credit = side('credit', 'B1', undefined, 500, 1, 'REF-9');
    const other: Transaction = { id: 'plain', timestamp: 0, fromAccount: 'X', toAccount: 'Y', amount: 1, currency: 'COP', channel: 'other', source: { file: SHA_A, line: 99 } };
    const { transactions, summary } = mergeStatementSides([other, credit, debit]);
    expect(summary).toMatchObject({ sides: 2, merged: 1, byReference: 1, byAccounts: 0, unmatchedDebits: 0, unmatchedCredits: 0 });
    expect(transactions).toHaveLength(2);
    expect(transactions[0]).toBe(other);
    const merged = transactions[1];
    expect(merged).toMatchObject({ id: 'REF-9', fromAccount: 'A1', toAccount: 'B1', amount: 500, timestamp: debit.timestamp, source: debit.source });
    expect(merged?.sources).toEqual([debit.source, credit.source]);
    expect(merged && 'statement' in merged).toBe(false);
  });

  it('without a reference: accounts, amount and a date within the tolerance', () => {
    const debit = side('debit', 'A1', 'B1', 700, 0);
    const credit = side('credit', 'B1', undefined, 700, 3);
    expect(mergeStatementSides([debit, credit], { toleranceDays: 2 }).summary.merged).toBe(0);
    const { summary, transactions } = mergeStatementSides([debit, credit], { toleranceDays: 3 });
    expect(summary).toMatchObject({ merged: 1, byAccounts: 1 });
    expect(transactions[0]?.id).toBe(debit.id);
  });

  it('never pairs two strangers: equal amounts with no account named and no reference stay apart', () => {
    const { summary, transactions } = mergeStatementSides([side('debit', 'A1', undefined, 100, 0), side('credit', 'B1', undefined, 100, 0)]);
    expect(summary).toMatchObject({ merged: 0, unmatchedDebits: 1, unmatchedCredits: 1 });
    expect(transactions).toHaveLength(2);
  });

  it('does not pair sides whose named accounts contradict each other, nor two lines of one account', () => {
    const { summary } = mergeStatementSides([side('debit', 'A1', 'C9', 100, 0, 'R'), side('credit', 'B1', undefined, 100, 0, 'R'), side('credit', 'A1', 'A1', 100, 0)]);
    expect(summary.merged).toBe(0);
  });

  it('ambiguous candidates: two equal amounts between the same accounts on the same day pair one to one', () => {
    const debits = [side('debit', 'A1', 'B1', 250, 5), side('debit', 'A1', 'B1', 250, 5)];
    const credits = [side('credit', 'B1', 'A1', 250, 5), side('credit', 'B1', 'A1', 250, 5)];
    const { summary, transactions } = mergeStatementSides([...debits, ...credits]);
    expect(summary).toMatchObject({ merged: 2, ambiguous: 2, unmatchedDebits: 0, unmatchedCredits: 0 });
    expect(transactions).toHaveLength(2);
    const usedSources = transactions.flatMap((t) => t.sources ?? []).map((source) => `${source.file}:${source.line}`);
    expect(new Set(usedSources).size).toBe(4);
  });

  it('one debit, two equal credits on the same day: one merge, the other credit kept (never dropped)', () => {
    const debit = side('debit', 'A1', 'B1', 90, 2);
    const credits = [side('credit', 'B1', undefined, 90, 2), side('credit', 'B1', undefined, 90, 2)];
    const { summary, transactions } = mergeStatementSides([debit, ...credits]);
    expect(summary).toMatchObject({ merged: 1, ambiguous: 1, unmatchedCredits: 1 });
    expect(transactions).toHaveLength(2);
    expect(transactions.reduce((total, t) => total + t.amount, 0)).toBe(180);
  });

  it('prefers the nearer date and the reference over an equal amount on the same day', () => {
    const debit = side('debit', 'A1', 'B1', 300, 10, 'T-1');
    const sameDay = side('credit', 'B1', undefined, 300, 10, 'T-2');
    const byReference = side('credit', 'B1', undefined, 300, 11, 'T-1');
    const { transactions, summary } = mergeStatementSides([debit, sameDay, byReference]);
    expect(summary).toMatchObject({ byReference: 1, unmatchedCredits: 1 });
    expect(transactions.find((t) => t.sources)?.sources?.[1]).toEqual(byReference.source);
  });

  it('runs again as statements arrive: the same pair gets the same id whatever came first', () => {
    const debit = side('debit', 'A1', 'B1', 40, 0, 'X-1');
    const credit = side('credit', 'B1', 'A1', 40, 0, 'X-1');
    const alone = mergeStatementSides([debit]);
    expect(alone.summary.unmatchedDebits).toBe(1);
    expect(alone.transactions[0]?.toAccount).toBe('B1');
    expect(mergeStatementSides([debit, credit]).transactions.map((t) => t.id)).toEqual(mergeStatementSides([credit, debit]).transactions.map((t) => t.id));
  });

  it('end to end from two CSV statements: the sender\'s debit and the receiver\'s credit are one transfer', () => {
    const sender = ['Cuenta No.: 1001', 'Titular: Ana', 'Fecha;Referencia;Descripción;Débito;Crédito;Saldo', '21/01/2026;T77;TRANSF A CTA 2002;500,00;;500,00'].join('\n');
    const receiver = ['Número de cuenta: 2002', 'Titular: Beto', 'Fecha;Referencia;Descripción;Débito;Crédito;Saldo', '21/01/2026;T77;TRANSF DE CTA 1001;;500,00;1.500,00'].join('\n');
    const a = readStatement(csv(sender, SHA_A), { ...detectStatement(csv(sender)).mapping, currency: 'COP' });
    const b = readStatement(csv(receiver, SHA_B), { ...detectStatement(csv(receiver)).mapping, currency: 'COP' });
    const { transactions, summary } = mergeStatementSides([...a.transactions, ...b.transactions]);
    expect(summary.merged).toBe(1);
    expect(transactions).toEqual([
      expect.objectContaining({ id: 'T77', fromAccount: '1001', toAccount: '2002', fromPartyName: 'Ana', toPartyName: 'Beto', sources: [{ file: SHA_A, line: 4 }, { file: SHA_B, line: 4 }] }),
    ]);
  });
});
