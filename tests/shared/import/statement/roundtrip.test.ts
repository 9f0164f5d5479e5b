import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../../shared/detect';
import { generateCase } from '../../../../shared/generator';
import { importStatement, mergeStatementSides, statementsFromTransactions, type StatementTransaction } from '../../../../shared/import/statement';
import { emptyDataset, type Transaction } from '../../../../shared/model';
import { builtinProfile } from '../../../../shared/profiles';

const sha = (index: number) => index.toString(16).padStart(16, '0').padEnd(64, '0');
const COMPARED = ['id', 'timestamp', 'fromAccount', 'toAccount', 'amount', 'currency', 'channel', 'fromPartyName', 'toPartyName', 'fromPartyId', 'toPartyId', 'fromBank', 'toBank', 'fromCountry', 'toCountry'] as const;
const pick = (transaction: Transaction) => Object.fromEntries(COMPARED.map((key) => [key, transaction[key]]));

describe('statements of both ends of every transfer', () => {
  it('give back the transfers once each, and the same alerts as the transfer file', async () => {
    const generated = generateCase({ seed: 16, transactions: 1500 });
    const original = generated.dataset.transactions;
    const statements = statementsFromTransactions(original);
    const sides: StatementTransaction[] = [];
    for (const [index, statement] of statements.entries()) {
      const imported = await importStatement({ name: statement.fileName, bytes: new TextEncoder().encode(statement.text), sha256: sha(index + 1) }, undefined);
      expect(imported.summary.reconciliation.complete, statement.fileName).toBe(true);
      expect(imported.quarantine, statement.fileName).toEqual([]);
      sides.push(...imported.transactions);
    }
    const selfTransfers = original.filter((t) => t.fromAccount === t.toAccount).length;
    const cash = (account: string) => account.startsWith('CAJA-');
    const oneSided = original.filter((t) => cash(t.fromAccount) || cash(t.toAccount)).length;
    expect(oneSided).toBeGreaterThan(0);
    expect(sides).toHaveLength(original.length * 2 - selfTransfers - oneSided);
    const { transactions, summary } = mergeStatementSides(sides);
    expect(summary.merged).toBe(original.length - selfTransfers - oneSided);
    expect(summary.unmatchedDebits + summary.unmatchedCredits).toBe(oneSided);
    expect(summary.byReference).toBe(summary.merged);
    expect(transactions).toHaveLength(original.length);
    const byId = new Map(transactions.map((t) => [t.id, t]));
    for (const transaction of original) {
      if (transaction.fromAccount === transaction.toAccount) continue;
      const merged = byId.get(transaction.id) ?? transactions.find((t) => t.source.line > 0 && t.fromAccount === transaction.fromAccount && t.toAccount === transaction.toAccount && t.timestamp === transaction.timestamp && t.amount === transaction.amount);
      if (cash(transaction.fromAccount) || cash(transaction.toAccount)) {
        // Only the customer's statement shows a cash movement: the till's ID, bank and country are not in it.
        const { fromPartyId, fromBank, fromCountry, toPartyId, toBank, toCountry, ...core } = pick(transaction);
        void [fromPartyId, fromBank, fromCountry, toPartyId, toBank, toCountry];
        expect(merged && pick(merged), transaction.id).toMatchObject({ ...core, id: merged?.id });
        continue;
      }
      expect(merged && pick(merged), transaction.id).toEqual(pick(transaction));
      expect(merged?.sources).toHaveLength(2);
    }
    const profile = builtinProfile('co-uiaf');
    if (!profile) throw new Error('profile');
    const alertKey = (alerts: ReturnType<typeof runDetection>) => alerts.map((alert) => `${alert.typology}|${alert.accounts.join(',')}|${[...alert.transactions].sort().join(',')}`).sort();
    const reference = runDetection({ ...emptyDataset(), transactions: original.filter((t) => t.fromAccount !== t.toAccount) }, profile);
    const fromStatements = runDetection({ ...emptyDataset(), transactions }, profile);
    expect(alertKey(fromStatements)).toEqual(alertKey(reference));
    expect(reference.length).toBeGreaterThan(0);
  }, 120_000);
});
