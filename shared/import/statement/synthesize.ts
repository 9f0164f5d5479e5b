import { csvLine } from '../../csv';
import { CHANNEL_LABEL_ES, formatSpanishAmount } from '../../generator/csv';
import type { Transaction } from '../../model';

/**
 * Account statements made from a set of transfers (the generator's output):
 * one CSV per account, with the title block a Latin-American bank prints
 * (bank, account, holder, ID, country, period), then every movement of the
 * account with a running balance. Each transfer between two accounts of the
 * set appears in both statements with the same reference, which is what the
 * statement benchmark and the tests need: the same money seen from both ends.
 */
export interface SyntheticStatement {
  account: string;
  fileName: string;
  text: string;
  /** Data lines in file order: the line number of each movement (1-based), by transaction id. */
  lineOf: Map<string, number>;
  movements: number;
}

const pad = (value: number) => String(value).padStart(2, '0');

function dateTime(timestamp: number): string {
  const date = new Date(timestamp);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}


interface Holder {
  name?: string;
  id?: string;
  bank?: string;
  country?: string;
}

/** Cash desks ("CAJA-…") are the bank's own till, not a customer account: no statement is issued for them. */
const hasStatement = (account: string) => !account.startsWith('CAJA-');

export function statementsFromTransactions(transactions: readonly Transaction[], options: { withStatement?: (account: string) => boolean } = {}): SyntheticStatement[] {
  const issued = options.withStatement ?? hasStatement;
  const movements = new Map<string, Transaction[]>();
  const holders = new Map<string, Holder>();
  const add = (account: string, transaction: Transaction) => {
    const list = movements.get(account);
    if (list) list.push(transaction);
    else movements.set(account, [transaction]);
  };
  for (const transaction of transactions) {
    add(transaction.fromAccount, transaction);
    if (transaction.toAccount !== transaction.fromAccount) add(transaction.toAccount, transaction);
    if (!holders.has(transaction.fromAccount)) holders.set(transaction.fromAccount, { name: transaction.fromPartyName, id: transaction.fromPartyId, bank: transaction.fromBank, country: transaction.fromCountry });
    if (!holders.has(transaction.toAccount)) holders.set(transaction.toAccount, { name: transaction.toPartyName, id: transaction.toPartyId, bank: transaction.toBank, country: transaction.toCountry });
  }
  const statements: SyntheticStatement[] = [];
  const accounts = [...movements.keys()].filter(issued).sort();
  for (const account of accounts) {
    const list = (movements.get(account) as Transaction[]).slice().sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const holder = holders.get(account) ?? {};
    let debitCents = 0;
    for (const transaction of list) if (transaction.fromAccount === account) debitCents += Math.round(transaction.amount * 100);
    let balance = debitCents + 100_000;
    const first = list[0] as Transaction;
    const last = list[list.length - 1] as Transaction;
    const line = (...cells: string[]) => csvLine(cells, ';');
    const lines: string[] = [line('Banco:', holder.bank ?? 'Banco'), 'Extracto de cuenta', line('Cuenta No.:', account), line('Titular:', holder.name ?? account)];
    if (holder.id) lines.push(line('Identificación:', holder.id));
    if (holder.country) lines.push(line('País:', holder.country));
    lines.push(line('Período:', `${dateTime(first.timestamp).slice(0, 10)} al ${dateTime(last.timestamp).slice(0, 10)}`));
    lines.push(line('Saldo anterior:', formatSpanishAmount(balance / 100)));
    lines.push('');
    lines.push('Fecha;Referencia;Descripción;Cuenta contraparte;Nombre contraparte;Canal;Moneda;Débito;Crédito;Saldo');
    const lineOf = new Map<string, number>();
    for (const transaction of list) {
      const debit = transaction.fromAccount === account;
      const cents = Math.round(transaction.amount * 100);
      balance += debit ? -cents : cents;
      const other = debit ? transaction.toAccount : transaction.fromAccount;
      const otherName = (debit ? transaction.toPartyName : transaction.fromPartyName) ?? '';
      const description = `TRANSF ${debit ? 'A' : 'DE'} CTA ${other} ${otherName}`.trim();
      lines.push(line(dateTime(transaction.timestamp), transaction.id, description, other, otherName, CHANNEL_LABEL_ES[transaction.channel], transaction.currency, debit ? formatSpanishAmount(transaction.amount) : '', debit ? '' : formatSpanishAmount(transaction.amount), formatSpanishAmount(balance / 100)));
      lineOf.set(transaction.id, lines.length);
    }
    statements.push({ account, fileName: `extracto-${account}.csv`, text: lines.join('\r\n') + '\r\n', lineOf, movements: list.length });
  }
  return statements;
}
