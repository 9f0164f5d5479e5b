import type { Channel, QuarantineEntry, Transaction } from '../../model';
import { foldKey, headerKey } from '../normalize';
import type { QuarantineCode } from '../reasons';
import type { DateOrder, DecimalSeparator } from '../spec';
import { ImportError } from '../types';
import { StatementFileError } from './errors';
import { datePatternLabel, detectDateOrder, detectDecimalSeparator, parseAmount, parseChannel, parseCurrency, parseDate } from '../values';
import { accountKey, normaliseAccount } from './accounts';
import { MAX_LINE_CHARS } from '../chunker';
import { findHeaderRow, readTitleBlock, type TitleBlock } from './detect';
import { compilePatterns } from './patterns';
import { reconcileBalances, type BalancedRow, type Reconciliation } from './reconcile';
import type { StatementMapping } from './spec';
import { cellText, isBlankCells, type Cell, type StatementTable } from './table';

export type Side = 'debit' | 'credit';

/**
 * What a transaction read from one statement knows about its origin: which
 * side of the transfer it is, whose statement, and the reference the two
 * banks may share. Merging (match.ts) reads it and drops it.
 */
export interface StatementSideInfo {
  side: Side;
  /** The account whose statement this line is in. */
  owner: string;
  reference?: string;
  /** The other account was named (column or description pattern), not a placeholder. */
  counterpartyKnown: boolean;
}

/** A transaction as one statement sees it: one side of a transfer, before both sides are merged. */
export type StatementTransaction = Transaction & { statement: StatementSideInfo };

/** Placeholder for the other end of a movement whose statement names no account (cash, a fee): one per line, so unrelated movements never meet on the chart. */
export const UNKNOWN_ACCOUNT_PREFIX = '?';

export interface StatementSummary {
  fileName: string;
  sha256: string;
  sheet?: string;
  ownerAccount: string;
  ownerFrom: StatementMapping['owner']['from'];
  holderName?: string;
  period?: { text: string; from?: number; to?: number };
  currency: string;
  headerLine: number;
  title: TitleBlock;
  reconciliation: Reconciliation;
  counts: { read: number; imported: number; quarantined: number; duplicates: number; debits: number; credits: number; counterpartiesFromPatterns: number };
  /** CSV lines holding bytes the encoding could not decode (shown as �), the first 20: imported, but the analyst should look. */
  badlyDecodedLines?: number[];
}

export interface StatementOutcome {
  summary: StatementSummary;
  transactions: StatementTransaction[];
  quarantine: QuarantineEntry[];
}

export interface ReadStatementOptions {
  /** Currency when neither a column, the mapping nor the title block gives one (the unit profile's). */
  defaultCurrency?: string;
  /** Ids already in the case: rows with these ids count as duplicates. */
  existingIds?: ReadonlySet<string>;
  /** Day/month order to use when the mapping says 'auto' and the dates fit both (the CLI's --date-order). */
  dateOrderWhenAmbiguous?: DateOrder;
}

/** Deterministic id of a statement line: the same file and line always give the same id, in the app and the CLI. */
export function statementLineId(sha256: string, line: number): string {
  return `st-${sha256.slice(0, 16)}-${line}`;
}

interface Problem {
  code: QuarantineCode;
  field: string;
  column: string;
  value: string;
  params: Record<string, string | number>;
  reason: string;
}

class RowProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.reason);
  }
}

function problem(code: QuarantineCode, field: string, column: string, value: string, reason: string, params: Record<string, string | number> = {}): never {
  throw new RowProblem({ code, field, column, value, reason, params: { field, value, ...params } });
}

/**
 * Day/month order of a statement whose dates all fit both (a month of days
 * 1–12): a statement is listed in order of time and covers weeks, not
 * months, so the reading that keeps the rows in order and spans less wins.
 * Still 'ambiguous' when neither reading is clearly more plausible.
 */
export function orderByStatementShape(values: readonly string[]): DateOrder | 'ambiguous' {
  const judge = (order: DateOrder) => {
    const dates = values.map((value) => parseDate(value, order)).filter((value) => !Number.isNaN(value));
    let ascending = true;
    let descending = true;
    for (let index = 1; index < dates.length; index++) {
      if ((dates[index] as number) < (dates[index - 1] as number)) ascending = false;
      if ((dates[index] as number) > (dates[index - 1] as number)) descending = false;
    }
    return { ordered: ascending || descending, span: dates.length > 0 ? Math.max(...dates) - Math.min(...dates) : 0, valid: dates.length };
  };
  const dmy = judge('DMY');
  const mdy = judge('MDY');
  if (dmy.ordered !== mdy.ordered) return dmy.ordered ? 'DMY' : 'MDY';
  if (dmy.span === mdy.span) return 'ambiguous';
  if (dmy.span * 2 < mdy.span) return 'DMY';
  if (mdy.span * 2 < dmy.span) return 'MDY';
  return 'ambiguous';
}

/**
 * Reads one account statement: finds the table under the title block, takes
 * the owner account, holder and period, reads each movement with its
 * direction, counterparty (column or description pattern) and balance,
 * quarantines bad rows with file, line, column and reason, and reconciles
 * the running balance. Each movement becomes one side of a transfer
 * (match.ts merges the two sides when both statements are in the case).
 */
export function readStatement(table: StatementTable, mapping: StatementMapping, options: ReadStatementOptions = {}): StatementOutcome {
  const fileName = table.sheet ? `${table.fileName} [${table.sheet}]` : table.fileName;
  const where = (extra: { line?: number; column?: string; field?: string } = {}) => ({ file: fileName, ...extra });
  let headerIndex: number;
  if (mapping.headerLine === 'auto') headerIndex = findHeaderRow(table.rows);
  else headerIndex = table.lines.indexOf(mapping.headerLine);
  if (headerIndex < 0) {
    throw new ImportError('missing-column', mapping.headerLine === 'auto' ? 'no table header found (a row naming a date and an amount, debit or credit column)' : `line ${mapping.headerLine} is not in the file`, where());
  }
  const headerLine = table.lines[headerIndex] as number;
  const headers = (table.rows[headerIndex] as Cell[]).map((cell) => cellText(cell));
  const folded = headers.map(headerKey);
  const indexOf = (column: string, field: string): number => {
    const exact = headers.indexOf(column);
    if (exact >= 0) return exact;
    const loose = folded.indexOf(headerKey(column));
    if (loose >= 0) return loose;
    throw new ImportError('missing-column', `the mapped column is not in the header (found: ${headers.filter((header) => header !== '').join(', ')})`, where({ line: headerLine, column, field }));
  };
  const optionalIndex = (column: string | undefined, field: string) => (column === undefined ? -1 : indexOf(column, field));

  const columns = mapping.columns;
  const dateIndex = indexOf(columns.date, 'date');
  const referenceIndex = optionalIndex(columns.reference, 'reference');
  const descriptionIndex = optionalIndex(columns.description, 'description');
  const balanceIndex = optionalIndex(columns.balance, 'balance');
  const counterpartyAccountIndex = optionalIndex(columns.counterpartyAccount, 'counterpartyAccount');
  const counterpartyNameIndex = optionalIndex(columns.counterpartyName, 'counterpartyName');
  const currencyIndex = optionalIndex(columns.currency, 'currency');
  const channelIndex = optionalIndex(columns.channel, 'channel');
  const direction = mapping.direction;
  const debitIndex = direction.convention === 'columns' ? indexOf(direction.debit, 'debit') : -1;
  const creditIndex = direction.convention === 'columns' ? indexOf(direction.credit, 'credit') : -1;
  const amountIndex = direction.convention !== 'columns' ? indexOf(direction.amount, 'amount') : -1;
  const indicatorIndex = direction.convention === 'indicator' ? indexOf(direction.indicator, 'indicator') : -1;
  const debitValues = direction.convention === 'indicator' ? new Set(direction.debitValues.map((value) => foldKey(value) || value)) : new Set<string>();
  const creditValues = direction.convention === 'indicator' ? new Set(direction.creditValues.map((value) => foldKey(value) || value)) : new Set<string>();

  // Body: every non-blank row after the header, up to a footer ("Total", "Saldo final") that has no date.
  const bodyRows: { row: Cell[]; line: number }[] = [];
  for (let index = headerIndex + 1; index < table.rows.length; index++) {
    const row = table.rows[index] as Cell[];
    if (isBlankCells(row)) continue;
    bodyRows.push({ row, line: table.lines[index] as number });
  }
  const textColumn = (columnIndex: number) => bodyRows.map(({ row }) => row[columnIndex]).filter((cell): cell is string => typeof cell === 'string' && cell.trim() !== '');

  let dateOrderGuess = mapping.dateOrder !== 'auto' ? mapping.dateOrder : detectDateOrder(textColumn(dateIndex));
  if (dateOrderGuess === 'ambiguous') dateOrderGuess = orderByStatementShape(textColumn(dateIndex));
  if (dateOrderGuess === 'ambiguous' && options.dateOrderWhenAmbiguous) dateOrderGuess = options.dateOrderWhenAmbiguous;
  if (dateOrderGuess === 'ambiguous') {
    throw new ImportError('ambiguous-date-order', 'the dates fit both DD/MM/YYYY and MM/DD/YYYY (no day above 12); choose the date order (DMY or MDY) in the mapping', where({ line: headerLine, column: columns.date, field: 'date' }));
  }
  const dateOrder: DateOrder = dateOrderGuess ?? 'DMY';
  const numberColumns = [debitIndex, creditIndex, amountIndex, balanceIndex].filter((index) => index >= 0);
  const decimal: DecimalSeparator = mapping.decimalSeparator !== 'auto' ? mapping.decimalSeparator : (detectDecimalSeparator(numberColumns.flatMap(textColumn)) ?? (table.delimiter === ';' ? ',' : '.'));
  const example = decimal === ',' ? '1.234.567,89' : '1,234,567.89';

  const title = readTitleBlock(table.rows.slice(0, headerIndex), table.lines.slice(0, headerIndex), dateOrder);
  let ownerAccount: string;
  if (mapping.owner.from === 'typed') ownerAccount = normaliseAccount(mapping.owner.account);
  else if (mapping.owner.from === 'title') {
    if (!title.account) throw new StatementFileError('no-owner', 'no account number found above the table (looked for "Cuenta No.", "Número de cuenta", "Cta.", "Conta", "Account No."); type it in the mapping', where({ field: 'owner' }), 'no se encontró número de cuenta encima de la tabla (se buscó "Cuenta No.", "Número de cuenta", "Cta.", "Conta", "Account No."); escríbalo en el mapeo');
    ownerAccount = title.account.value;
  } else {
    const ownerIndex = indexOf(mapping.owner.column, 'owner');
    const values = new Set(bodyRows.map(({ row }) => normaliseAccount(cellText(row[ownerIndex]))).filter((value) => value !== ''));
    if (values.size !== 1) throw new StatementFileError('no-owner', `the owner column must hold one account, found ${values.size}`, where({ column: mapping.owner.column, field: 'owner' }), `la columna del titular debe tener una sola cuenta; tiene ${values.size}`);
    ownerAccount = [...values][0] as string;
  }
  if (ownerAccount === '') throw new StatementFileError('no-owner', 'the owner account is empty; type it in the mapping', where({ field: 'owner' }), 'la cuenta del titular está vacía; escríbala en el mapeo');
  const holderName = mapping.holderName ?? title.holder?.value;
  const statementCurrency = mapping.currency ?? title.currency ?? options.defaultCurrency;

  const patterns = compilePatterns(mapping.patterns);
  const existing = options.existingIds ?? new Set<string>();
  const ownerKey = accountKey(ownerAccount);

  const readAmount = (cell: Cell | undefined, field: string, column: string): number | undefined => {
    if (typeof cell === 'number') return Number.isFinite(cell) ? cell : problem('invalid-number', field, column, String(cell), `'${cell}' is not a finite number`, { decimal, example });
    const text = cellText(cell);
    if (text === '') return undefined;
    const value = parseAmount(text, decimal);
    if (Number.isNaN(value)) problem('invalid-number', field, column, text, `'${text}' is not a valid number (decimal separator '${decimal}', e.g. ${example})`, { decimal, example });
    return value;
  };
  const label = datePatternLabel(dateOrder);
  const readDate = (cell: Cell | undefined): number => {
    if (cell instanceof Date) {
      const time = cell.getTime();
      if (Number.isNaN(time)) problem('invalid-date', 'timestamp', columns.date, '', 'the date cell holds no valid date', { format: label });
      // Excel's own calendar runs 1900-9999: a date-styled serial of 99,999,999 (year 275690) or -5 is a lie, not a date.
      const year = cell.getUTCFullYear();
      if (year < 1900 || year > 9999) problem('invalid-date', 'timestamp', columns.date, cell.toISOString(), `the date cell holds year ${year}, outside Excel's calendar (1900–9999)`, { format: label });
      return time;
    }
    const text = typeof cell === 'number' ? String(cell) : cellText(cell);
    if (text === '') problem('missing-value', 'timestamp', columns.date, '', 'missing value: timestamp is required');
    const value = parseDate(text, dateOrder);
    if (Number.isNaN(value)) problem('invalid-date', 'timestamp', columns.date, text, `'${text}' is not a valid date (${label})`, { format: label });
    return value;
  };

  const transactions: StatementTransaction[] = [];
  const quarantine: QuarantineEntry[] = [];
  const balanced: BalancedRow[] = [];
  const counts = { read: 0, imported: 0, quarantined: 0, duplicates: 0, debits: 0, credits: 0, counterpartiesFromPatterns: 0 };

  for (const { row, line } of bodyRows) {
    // A footer ("Totales", "Saldo final") has no date and no movement: not a row of the table.
    const dateText = cellText(row[dateIndex]);
    if (dateText === '' && !(row[dateIndex] instanceof Date)) {
      const hasMovement = [debitIndex, creditIndex, amountIndex].some((index) => index >= 0 && cellText(row[index]) !== '');
      const firstText = cellText(row.find((cell) => cellText(cell) !== ''));
      if (!hasMovement || /total|saldo|balance|resumen/i.test(firstText)) continue;
    }
    counts.read += 1;
    try {
      const timestamp = readDate(row[dateIndex]);
      let side: Side;
      let amount: number;
      if (direction.convention === 'columns') {
        const debit = readAmount(row[debitIndex], 'debit', direction.debit);
        const credit = readAmount(row[creditIndex], 'credit', direction.credit);
        const hasDebit = debit !== undefined && debit !== 0;
        const hasCredit = credit !== undefined && credit !== 0;
        if (hasDebit && hasCredit) problem('invalid-value', 'direction', `${direction.debit} + ${direction.credit}`, `${cellText(row[debitIndex])} / ${cellText(row[creditIndex])}`, 'the row has both a debit and a credit');
        if (!hasDebit && !hasCredit) problem('missing-value', 'amount', `${direction.debit} + ${direction.credit}`, '', 'missing value: the row has neither a debit nor a credit');
        side = hasDebit ? 'debit' : 'credit';
        amount = Math.abs((hasDebit ? debit : credit) as number);
      } else {
        const value = readAmount(row[amountIndex], 'amount', direction.amount);
        if (value === undefined || value === 0) problem(value === undefined ? 'missing-value' : 'not-positive', 'amount', direction.amount, cellText(row[amountIndex]), value === undefined ? 'missing value: amount is required' : 'amount must not be zero');
        amount = Math.abs(value as number);
        if (direction.convention === 'signed') {
          const negative = (value as number) < 0;
          side = negative === (direction.negativeIs === 'debit') ? 'debit' : 'credit';
        } else {
          const raw = cellText(row[indicatorIndex]);
          const key = foldKey(raw) || raw;
          if (debitValues.has(key)) side = 'debit';
          else if (creditValues.has(key)) side = 'credit';
          else problem('invalid-value', 'direction', direction.indicator, raw, `'${raw}' is neither a debit value (${direction.debitValues.join(', ')}) nor a credit value (${direction.creditValues.join(', ')})`);
        }
      }
      const balance = balanceIndex >= 0 ? readAmount(row[balanceIndex], 'balance', columns.balance as string) : undefined;
      let currency = statementCurrency;
      if (currencyIndex >= 0 && cellText(row[currencyIndex]) !== '') {
        const parsed = parseCurrency(cellText(row[currencyIndex]));
        if (!parsed.ok) problem(parsed.code, 'currency', columns.currency as string, cellText(row[currencyIndex]), parsed.reason, parsed.params);
        currency = parsed.value;
      }
      if (!currency) problem('missing-value', 'currency', columns.currency ?? '(statement)', '', 'missing value: currency is required (give a currency column, or type the statement currency in the mapping)');
      const reference = referenceIndex >= 0 ? cellText(row[referenceIndex]) || undefined : undefined;
      const description = descriptionIndex >= 0 ? cellText(row[descriptionIndex]).replace(/\s+/g, ' ') || undefined : undefined;
      let counterpartyAccount = counterpartyAccountIndex >= 0 ? normaliseAccount(cellText(row[counterpartyAccountIndex])) || undefined : undefined;
      let counterpartyName = counterpartyNameIndex >= 0 ? cellText(row[counterpartyNameIndex]) || undefined : undefined;
      if (description && (!counterpartyAccount || !counterpartyName)) {
        const capture = patterns.extract(description);
        if (capture) {
          if (!counterpartyAccount && capture.account) {
            counterpartyAccount = capture.account;
            counts.counterpartiesFromPatterns += 1;
          }
          counterpartyName ??= capture.name;
        }
      }
      // A movement to the statement's own account (an internal reversal) names no other party.
      if (counterpartyAccount && accountKey(counterpartyAccount) === ownerKey) counterpartyAccount = undefined;
      const channelText = channelIndex >= 0 ? cellText(row[channelIndex]) : '';
      const channel: Channel = channelText !== '' ? parseChannel(channelText) : description && /efectivo|cash|dinheiro|especie/i.test(description) ? 'cash' : 'transfer';

      const id = statementLineId(table.sha256, line);
      const other = counterpartyAccount ?? `${UNKNOWN_ACCOUNT_PREFIX}${id}`;
      const transaction: StatementTransaction = {
        id,
        timestamp,
        fromAccount: side === 'debit' ? ownerAccount : other,
        toAccount: side === 'debit' ? other : ownerAccount,
        amount,
        currency,
        channel,
        source: { file: table.sha256, line },
        statement: { side, owner: ownerAccount, counterpartyKnown: counterpartyAccount !== undefined },
      };
      if (reference) transaction.statement.reference = reference;
      if (description) transaction.description = description;
      const ownName = holderName;
      if (side === 'debit') {
        if (title.bank) transaction.fromBank = title.bank;
        if (title.country) transaction.fromCountry = title.country;
        if (title.holderId) transaction.fromPartyId = title.holderId;
        if (ownName) transaction.fromPartyName = ownName;
        if (counterpartyName) transaction.toPartyName = counterpartyName;
      } else {
        if (title.bank) transaction.toBank = title.bank;
        if (title.country) transaction.toCountry = title.country;
        if (title.holderId) transaction.toPartyId = title.holderId;
        if (ownName) transaction.toPartyName = ownName;
        if (counterpartyName) transaction.fromPartyName = counterpartyName;
      }
      balanced.push({ line, timestamp, signedAmount: side === 'credit' ? amount : -amount, ...(balance !== undefined ? { balance } : {}) });
      if (existing.has(id)) {
        counts.duplicates += 1;
        continue;
      }
      counts.imported += 1;
      if (side === 'debit') counts.debits += 1;
      else counts.credits += 1;
      transactions.push(transaction);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      counts.quarantined += 1;
      const { code, field, column, value, reason, params } = error.problem;
      quarantine.push({ file: fileName, line, column, field, value, reason, code, params });
    }
  }
  // A line too long to be a row is still a line of the statement: quarantined with its number, never dropped
  // (its balance gap shows in the reconciliation too).
  const overlong = (table.overlongLines ?? []).filter((entry) => entry.line > headerLine);
  for (const entry of overlong) {
    counts.read += 1;
    counts.quarantined += 1;
    const params = { length: entry.length, maximum: MAX_LINE_CHARS };
    const reason = `the line is ${entry.length} characters long, more than the ${MAX_LINE_CHARS} a row may have; it was skipped`;
    quarantine.push({ file: fileName, line: entry.line, column: '', field: 'line', value: entry.text, reason, code: 'line-too-long', params });
  }
  if (overlong.length > 0) quarantine.sort((a, b) => a.line - b.line);
  if (counts.read === 0) throw new StatementFileError('no-movements', 'the statement has a header but no movements', where({ line: headerLine }), 'el extracto tiene encabezado pero ningún movimiento');

  const reconciliation = reconcileBalances(balanced, title);
  const summary: StatementSummary = {
    fileName: table.fileName,
    sha256: table.sha256,
    ownerAccount,
    ownerFrom: mapping.owner.from,
    currency: statementCurrency ?? transactions[0]?.currency ?? '',
    headerLine,
    title,
    reconciliation,
    counts,
  };
  if (table.sheet) summary.sheet = table.sheet;
  if (table.badlyDecodedLines) summary.badlyDecodedLines = table.badlyDecodedLines;
  if (holderName) summary.holderName = holderName;
  if (title.period) {
    const period: StatementSummary['period'] = { text: title.period.text };
    if (title.period.from !== undefined) period.from = title.period.from;
    if (title.period.to !== undefined) period.to = title.period.to;
    summary.period = period;
  }
  return { summary, transactions, quarantine };
}
