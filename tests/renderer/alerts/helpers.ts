import 'fake-indexeddb/auto';
import type { CaseDataset, Transaction } from '../../../shared/model';

export { freshDatabase, useFreshDatabase } from '../db/helpers';

export const FILE_SHA = 'ab'.repeat(32);
const DAY = 86_400_000;

function cashDeposit(id: string, day: number, amount: number, line: number): Transaction {
  return {
    id,
    timestamp: Date.UTC(2026, 2, 2) + day * DAY,
    fromAccount: 'CAJA-BANCO-ANDINO',
    toAccount: 'CO-111-222',
    amount,
    currency: 'COP',
    channel: 'cash',
    fromPartyName: 'Pedro Pérez',
    fromPartyId: 'CC:7654321',
    toPartyName: 'Pedro Pérez',
    toPartyId: 'CC:7654321',
    source: { file: FILE_SHA, line },
  };
}

/**
 * Four cash deposits of COP 8–9.5 million in five days: each under Colombia's
 * default COP 10 million cash threshold, together well over it — structuring
 * under co-uiaf. Under Ecuador's USD 10,000 threshold they are everyday cash.
 */
export function structuringDataset(): CaseDataset {
  return {
    transactions: [
      cashDeposit('T-1', 0, 9_000_000, 2),
      cashDeposit('T-2', 1, 9_500_000, 3),
      cashDeposit('T-3', 3, 8_800_000, 4),
      cashDeposit('T-4', 5, 9_200_000, 5),
    ],
    parties: [],
    accounts: [],
    shipments: [],
  };
}
