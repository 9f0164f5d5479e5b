import type { CaseIndex } from './indexing';

/**
 * Recurrence between one payer and one payee: what tells rent, salaries and instalments from money
 * moved once. (The sliding-window fan helpers that lived here went with the rule-based fans: the
 * relative engine in relative/ finds those shapes now.)
 */
const pairCache = new WeakMap<CaseIndex, Map<number, Map<number, number[]>>>();

/** Transactions from one account grouped by payee, built once per account and kept for the run. */
function paymentsByPayee(index: CaseIndex, account: number): Map<number, number[]> {
  let perAccount = pairCache.get(index);
  if (!perAccount) {
    perAccount = new Map();
    pairCache.set(index, perAccount);
  }
  let byPayee = perAccount.get(account);
  if (!byPayee) {
    byPayee = new Map();
    for (let k = index.outStart[account] as number; k < (index.outStart[account + 1] as number); k++) {
      const tx = index.outTx[k] as number;
      const payee = index.to[tx] as number;
      const list = byPayee.get(payee);
      if (list) list.push(tx);
      else byPayee.set(payee, [tx]);
    }
    perAccount.set(account, byPayee);
  }
  return byPayee;
}

/** Two transactions between the same pair with about the same amount, weeks apart: rent, salary, loan instalments. */
export function isRecurringPayment(index: CaseIndex, tx: number, gapMs: number, tolerance = 0.05): boolean {
  const amount = index.usd[tx] as number;
  const t = index.time[tx] as number;
  const pair = paymentsByPayee(index, index.from[tx] as number).get(index.to[tx] as number) ?? [];
  for (const other of pair) {
    if (other === tx || Math.abs((index.time[other] as number) - t) < gapMs) continue;
    if (Math.abs((index.usd[other] as number) - amount) <= tolerance * amount) return true;
  }
  return false;
}
