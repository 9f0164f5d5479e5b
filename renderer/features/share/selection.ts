import type { Alert, CaseDataset } from '../../../shared/model';
import type { Selection } from '../../../shared/package';

export const RECORD_GROUPS = ['parties', 'accounts', 'transactions'] as const;
export type RecordGroup = (typeof RECORD_GROUPS)[number];
/** none; all records of the case; only those the chosen alerts cite; hand-picked. */
export type GroupMode = 'none' | 'all' | 'alerts' | 'pick';

export interface ContentChoice {
  alerts: string[];
  charts: string[];
  modes: Record<RecordGroup, GroupMode>;
  picked: Record<RecordGroup, string[]>;
}

export const emptyChoice = (): ContentChoice => ({
  alerts: [],
  charts: [],
  modes: { parties: 'alerts', accounts: 'alerts', transactions: 'alerts' },
  picked: { parties: [], accounts: [], transactions: [] },
});

/** Turns the wizard's choices into the engine's selection of local ids. */
export function selectionOf(choice: ContentChoice, dataset: CaseDataset, alerts: readonly Alert[]): Selection {
  const chosenAlerts = alerts.filter((alert) => choice.alerts.includes(alert.id));
  const cited = {
    parties: new Set(chosenAlerts.flatMap((alert) => alert.parties)),
    accounts: new Set(chosenAlerts.flatMap((alert) => alert.accounts)),
    transactions: new Set(chosenAlerts.flatMap((alert) => alert.transactions)),
  };
  // Holders of cited accounts belong with them: an account without its holder is half a lead.
  for (const account of dataset.accounts) if (cited.accounts.has(account.id) && account.holderId) cited.parties.add(account.holderId);
  const idsOf = (group: RecordGroup): string[] => {
    const all = dataset[group].map((record) => record.id);
    switch (choice.modes[group]) {
      case 'none':
        return [];
      case 'all':
        return all;
      case 'alerts':
        return all.filter((id) => cited[group].has(id));
      case 'pick':
        return [...choice.picked[group]];
    }
  };
  return { parties: idsOf('parties'), accounts: idsOf('accounts'), transactions: idsOf('transactions'), shipments: [], alerts: [...choice.alerts], charts: [...choice.charts] };
}

export const selectionSize = (selection: Selection): number =>
  selection.parties.length + selection.accounts.length + selection.transactions.length + selection.shipments.length + selection.alerts.length + selection.charts.length;
