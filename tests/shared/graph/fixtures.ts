import { emptyDataset, type CaseDataset, type Transaction } from '../../../shared/model';

export const SOURCE = { file: 'a'.repeat(64), line: 2 };
export const DAY = 86_400_000;
export const T0 = Date.UTC(2025, 0, 1);

let sequence = 0;
export function tx(from: string, to: string, amount: number, day: number, extra: Partial<Transaction> = {}): Transaction {
  sequence += 1;
  return {
    id: extra.id ?? `T${sequence}`,
    timestamp: T0 + day * DAY,
    fromAccount: from,
    toAccount: to,
    amount,
    currency: 'USD',
    channel: 'wire',
    source: { ...SOURCE, line: sequence + 1 },
    ...extra,
  };
}

export function dataset(partial: Partial<CaseDataset>): CaseDataset {
  return { ...emptyDataset(), ...partial };
}
