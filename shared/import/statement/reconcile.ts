/**
 * Running-balance reconciliation: each movement must take the previous
 * balance to the one printed on its row. A break is a missing row, an edited
 * amount or a page lost in the bank's export, and is reported with the lines
 * around it and the size of the gap.
 */
export interface BalancedRow {
  line: number;
  timestamp: number;
  /** Credit positive, debit negative. */
  signedAmount: number;
  /** The balance printed on the row, when it has one. */
  balance?: number;
}

export interface BalanceBreak {
  /** The row whose balance does not follow from the one before. */
  line: number;
  /** The last row with a balance before it. */
  previousLine: number;
  expected: number;
  found: number;
  /** found − expected: a missing debit of 500 shows as −500 (the balance is lower than the movements explain). */
  gap: number;
  /** Up to two rows either side, for the analyst to see where the statement tears. */
  context: BalancedRow[];
}

export interface Reconciliation {
  /** False when the statement has no balance column: completeness cannot be judged. */
  checked: boolean;
  /** Every balance follows from the previous one (and from the title block's opening and closing balances, when given). */
  complete: boolean;
  rowsChecked: number;
  breaks: BalanceBreak[];
  /** Balance before the first movement and after the last, in the statement's own order of time. */
  openingBalance?: number;
  closingBalance?: number;
  /** How the bank lists rows: most statements oldest first, some newest first. */
  order: 'oldest-first' | 'newest-first';
  /** The title block's opening or closing balance disagrees with the rows (the gap), when it gives one. */
  titleOpeningGap?: number;
  titleClosingGap?: number;
}

const cents = (value: number) => Math.round(value * 100);

function breaksIn(rows: readonly BalancedRow[]): { breaks: Omit<BalanceBreak, 'context'>[]; indexes: number[]; checked: number } {
  const breaks: Omit<BalanceBreak, 'context'>[] = [];
  const indexes: number[] = [];
  let running: number | undefined;
  let previousLine = 0;
  let checked = 0;
  rows.forEach((row, index) => {
    if (running !== undefined) running += cents(row.signedAmount);
    if (row.balance === undefined) return;
    const found = cents(row.balance);
    if (running !== undefined) {
      checked += 1;
      if (running !== found) {
        breaks.push({ line: row.line, previousLine, expected: running / 100, found: found / 100, gap: (found - running) / 100 });
        indexes.push(index);
      }
    }
    running = found;
    previousLine = row.line;
  });
  return { breaks, indexes, checked };
}

export function reconcileBalances(rowsAsWritten: readonly BalancedRow[], title: { openingBalance?: number; closingBalance?: number } = {}): Reconciliation {
  const withBalance = rowsAsWritten.filter((row) => row.balance !== undefined).length;
  if (withBalance === 0) return { checked: false, complete: false, rowsChecked: 0, breaks: [], order: 'oldest-first' };
  const forward = breaksIn(rowsAsWritten);
  // Newest first, each row's balance still includes its own movement: reversed, it reads like any statement.
  const reversedCheck = breaksIn(reversedBalanced(rowsAsWritten));
  const newestFirst = reversedCheck.breaks.length < forward.breaks.length;
  const rows = newestFirst ? reversedBalanced(rowsAsWritten) : rowsAsWritten;
  const result = newestFirst ? reversedCheck : forward;
  const breaks: BalanceBreak[] = result.breaks.map((entry, position) => {
    const index = result.indexes[position] as number;
    return { ...entry, context: rows.slice(Math.max(0, index - 2), index + 3).map((row) => ({ ...row })) };
  });
  const first = rows.find((row) => row.balance !== undefined) as BalancedRow;
  const firstIndex = rows.indexOf(first);
  let opening = cents(first.balance as number);
  for (let index = 0; index <= firstIndex; index++) opening -= cents((rows[index] as BalancedRow).signedAmount);
  const last = [...rows].reverse().find((row) => row.balance !== undefined) as BalancedRow;
  let closing = cents(last.balance as number);
  for (let index = rows.indexOf(last) + 1; index < rows.length; index++) closing += cents((rows[index] as BalancedRow).signedAmount);
  const reconciliation: Reconciliation = {
    checked: true,
    complete: breaks.length === 0,
    rowsChecked: result.checked,
    breaks,
    openingBalance: opening / 100,
    closingBalance: closing / 100,
    order: newestFirst ? 'newest-first' : 'oldest-first',
  };
  if (title.openingBalance !== undefined && cents(title.openingBalance) !== opening) {
    reconciliation.titleOpeningGap = (opening - cents(title.openingBalance)) / 100;
    reconciliation.complete = false;
  }
  if (title.closingBalance !== undefined && cents(title.closingBalance) !== closing) {
    reconciliation.titleClosingGap = (closing - cents(title.closingBalance)) / 100;
    reconciliation.complete = false;
  }
  return reconciliation;
}

/** A newest-first statement put in order of time: the same rows, reversed. */
function reversedBalanced(rows: readonly BalancedRow[]): BalancedRow[] {
  return rows.slice().reverse();
}
