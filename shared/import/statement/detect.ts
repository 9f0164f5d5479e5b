import { foldKey, headerKey } from '../normalize';
import { detectDateOrder, detectDecimalSeparator, parseAmount, parseCountry, parseCurrency, parseDate } from '../values';
import { SUGGESTED_PATTERNS, previewPatterns } from './patterns';
import type { DateOrder, DecimalSeparator } from '../spec';
import { cellText, isBlankCells, type Cell, type StatementTable } from './table';
import { accountKey, normaliseAccount } from './accounts';
import { STATEMENT_MAPPING_TAG, type Direction, type OwnerSource, type StatementMapping } from './spec';

/** What the rows above a statement's table say about it. */
export interface TitleBlock {
  account?: { value: string; line: number; label: string };
  holder?: { value: string; line: number };
  period?: { text: string; from?: number; to?: number; line: number };
  currency?: string;
  /** The bank, its country and the holder's ID number, where the title block gives them. */
  bank?: string;
  country?: string;
  holderId?: string;
  openingBalance?: number;
  closingBalance?: number;
}

type TitleField = 'account' | 'holder' | 'period' | 'currency' | 'opening' | 'closing' | 'bank' | 'country' | 'holderId';

/**
 * Title-block labels in Spanish, Portuguese and English, folded (accents,
 * case and punctuation dropped): "Cuenta No.", "Número de cuenta", "Cta.",
 * "Conta", "Nº da conta", "Account No.", "Titular", "Período"...
 */
const TITLE_LABELS: Record<TitleField, readonly string[]> = {
  account: [
    'cuenta no', 'cuenta nro', 'cuenta n', 'cuenta numero', 'cuenta', 'numero de cuenta', 'nro de cuenta', 'no de cuenta', 'n de cuenta', 'num cuenta', 'cta', 'cta no', 'cta nro', 'no cta', 'nro cta',
    'cuenta de ahorros', 'cuenta corriente', 'cuenta de ahorros no', 'cuenta corriente no',
    'conta', 'conta no', 'conta n', 'conta corrente', 'numero da conta', 'n da conta', 'no da conta', 'conta corrente n',
    'account', 'account no', 'account number', 'account nr', 'acct', 'acct no', 'iban',
  ],
  holder: ['titular', 'titular de la cuenta', 'nombre del titular', 'cliente', 'nombre del cliente', 'nombre', 'razon social', 'titular da conta', 'nome', 'nome do titular', 'nome do cliente', 'correntista', 'account holder', 'holder', 'account name', 'customer', 'customer name', 'name'],
  period: ['periodo', 'periodo del extracto', 'periodo de consulta', 'fecha de corte', 'extracto del periodo', 'periodo do extrato', 'period', 'statement period', 'statement date', 'from', 'desde', 'rango de fechas'],
  currency: ['moneda', 'divisa', 'moeda', 'currency'],
  bank: ['banco', 'entidad', 'entidad financiera', 'institucion', 'instituicao', 'bank', 'institution'],
  country: ['pais', 'country'],
  holderId: ['identificacion', 'identificacion del titular', 'id titular', 'documento', 'documento de identidad', 'nit', 'cedula', 'rfc', 'ruc', 'rnc', 'rtn', 'cpf', 'cnpj', 'tax id', 'id number'],
  opening: ['saldo inicial', 'saldo anterior', 'saldo de apertura', 'saldo inicial del periodo', 'opening balance', 'previous balance', 'beginning balance', 'saldo inicial do periodo'],
  closing: ['saldo final', 'saldo al corte', 'saldo actual', 'saldo final del periodo', 'closing balance', 'ending balance', 'saldo final do periodo'],
};

const LABEL_OF = new Map<string, TitleField>();
for (const [field, labels] of Object.entries(TITLE_LABELS) as [TitleField, readonly string[]][]) for (const label of labels) LABEL_OF.set(label, field);
/** Longest labels first, so "numero de cuenta" wins over "cuenta" when a label runs into its value. */
const LABELS_BY_LENGTH = [...LABEL_OF.keys()].sort((a, b) => b.length - a.length);

/** An account number or IBAN inside a label's value ("No. 001-234567-8 (ahorros)"). */
const ACCOUNT_TOKEN = /[A-Z]{2}\d{2}[A-Z0-9 ]{10,32}|\d[\d\- .]{2,30}\d/;
const DATE_TOKEN = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/g;


function splitLabel(text: string): { field: TitleField; label: string; rest: string } | undefined {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const field = LABEL_OF.get(foldKey(text.slice(0, colon)));
    if (field) return { field, label: text.slice(0, colon).trim(), rest: text.slice(colon + 1).trim() };
  }
  const folded = foldKey(text);
  const exact = LABEL_OF.get(folded);
  if (exact) return { field: exact, label: text, rest: '' };
  // "Cuenta No. 0012345": a known label followed by its value in the same cell.
  for (const label of LABELS_BY_LENGTH) {
    if (folded.startsWith(`${label} `) && /\d/.test(folded.slice(label.length))) {
      const field = LABEL_OF.get(label) as TitleField;
      if (field !== 'account' && field !== 'period' && field !== 'opening' && field !== 'closing') continue;
      // Cut the original text after as many words as the label has.
      const words = label.split(' ').length;
      const parts = text.trim().split(/\s+/);
      return { field, label: parts.slice(0, words).join(' '), rest: parts.slice(words).join(' ').replace(/^[.:#º°-]+\s*/, '') };
    }
  }
  return undefined;
}

function cellAmount(cell: Cell | undefined): number {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell);
  if (text === '') return Number.NaN;
  const decimal = detectDecimalSeparator([text]) ?? '.';
  return parseAmount(text, decimal);
}

/**
 * Reads the title block: every non-empty cell is tried as "Label: value",
 * "Label value" or a label whose value is the next filled cell on the row.
 */
export function readTitleBlock(rows: readonly Cell[][], lines: readonly number[], dateOrder: DateOrder = 'DMY'): TitleBlock {
  const title: TitleBlock = {};
  rows.forEach((row, rowIndex) => {
    const line = lines[rowIndex] ?? rowIndex + 1;
    const filled = row.map((cell) => ({ cell, text: cellText(cell) })).filter((entry) => entry.text !== '');
    for (let index = 0; index < filled.length; index++) {
      const found = splitLabel((filled[index] as { text: string }).text);
      if (!found) continue;
      let rest = found.rest;
      let restCell: Cell | undefined = rest === '' ? undefined : rest;
      if (rest === '' && index + 1 < filled.length && !splitLabel((filled[index + 1] as { text: string }).text)) {
        const next = filled[index + 1] as { cell: Cell; text: string };
        rest = next.text;
        restCell = next.cell;
        index += 1;
      }
      if (rest === '') continue;
      switch (found.field) {
        case 'account': {
          if (title.account) break;
          // One word with digits is the account as the bank writes it ("CAJA-072-0463"); else the number inside the text.
          const whole = rest.trim();
          const token = /^[\p{L}0-9][\p{L}0-9\-./]*$/u.test(whole) && /\d/.test(whole) ? whole : ACCOUNT_TOKEN.exec(rest.toUpperCase())?.[0];
          if (token) title.account = { value: normaliseAccount(token.trim()), line, label: found.label };
          break;
        }
        case 'holder':
          if (!title.holder && /\p{L}/u.test(rest)) title.holder = { value: rest.replace(/\s+/g, ' '), line };
          break;
        case 'period': {
          if (title.period) break;
          const period: TitleBlock['period'] = { text: rest, line };
          const dates = restCell instanceof Date ? [restCell.getTime()] : (rest.match(DATE_TOKEN) ?? []).map((token) => parseDate(token, dateOrder)).filter((value) => !Number.isNaN(value));
          if (dates[0] !== undefined) period.from = dates[0];
          if (dates[1] !== undefined) period.to = dates[1];
          title.period = period;
          break;
        }
        case 'currency': {
          const parsed = parseCurrency(rest);
          if (parsed.ok && !title.currency) title.currency = parsed.value;
          break;
        }
        case 'bank':
          title.bank ??= rest;
          break;
        case 'country': {
          const parsed = parseCountry(rest);
          if (parsed.ok) title.country ??= parsed.value;
          break;
        }
        case 'holderId': {
          // "NIT: 900123456" keeps its type, as party IDs are written elsewhere ("NIT:900123456").
          const idType = foldKey(found.label).toUpperCase();
          const typed = /^(NIT|CEDULA|RFC|RUC|RNC|RTN|CPF|CNPJ)$/.test(idType) ? `${idType}:${rest}` : rest;
          title.holderId ??= typed.replace(/\s+/g, '');
          break;
        }
        case 'opening':
        case 'closing': {
          const amount = cellAmount(restCell);
          if (Number.isNaN(amount)) break;
          if (found.field === 'opening') title.openingBalance ??= amount;
          else title.closingBalance ??= amount;
          break;
        }
      }
    }
  });
  return title;
}

export type StatementRole = keyof StatementMapping['columns'] | 'debit' | 'credit' | 'amount' | 'indicator' | 'account';

/** Table headers per role, folded with headerKey (stop words dropped). */
const HEADER_WORDS: Record<StatementRole, readonly string[]> = {
  date: ['fecha', 'fecha operacion', 'fecha transaccion', 'fecha movimiento', 'fecha valor', 'fecha contable', 'fec', 'data', 'data movimento', 'data lancamento', 'date', 'transaction date', 'posting date', 'value date', 'booking date'],
  reference: ['referencia', 'ref', 'no referencia', 'nro referencia', 'numero referencia', 'comprobante', 'documento', 'no documento', 'nro documento', 'num documento', 'id transaccion', 'numero operacion', 'nro operacion', 'referencia bancaria', 'referencia', 'documento', 'no documento', 'reference', 'ref no', 'transaction id', 'transaction reference', 'id'],
  description: ['descripcion', 'concepto', 'detalle', 'glosa', 'descripcion movimiento', 'detalle movimiento', 'observaciones', 'descricao', 'historico', 'description', 'details', 'narrative', 'memo', 'transaction details'],
  debit: ['debito', 'debitos', 'cargo', 'cargos', 'retiro', 'retiros', 'valor debito', 'debe', 'salida', 'salidas', 'debito r$', 'saida', 'saidas', 'debit', 'debits', 'withdrawal', 'withdrawals', 'money out', 'paid out', 'debit amount'],
  credit: ['credito', 'creditos', 'abono', 'abonos', 'deposito', 'depositos', 'valor credito', 'haber', 'entrada', 'entradas', 'credit', 'credits', 'deposit', 'deposits', 'money in', 'paid in', 'credit amount'],
  amount: ['monto', 'importe', 'valor', 'valor movimiento', 'monto transaccion', 'valor r$', 'amount', 'transaction amount', 'value'],
  indicator: ['d c', 'dc', 'c d', 'cd', 'db cr', 'dr cr', 'cr dr', 'tipo', 'tipo movimiento', 'naturaleza', 'signo', 'natureza', 'tipo lancamento', 'debito credito', 'credito debito', 'cargo abono', 'type', 'debit credit', 'transaction type'],
  balance: ['saldo', 'saldo disponible', 'saldo contable', 'saldo final', 'saldo despues', 'balance', 'running balance', 'saldo r$', 'available balance'],
  counterpartyAccount: ['cuenta contraparte', 'cuenta contrapartida', 'cuenta destino origen', 'cuenta beneficiario', 'cuenta ordenante', 'contrapartida', 'cuenta relacionada', 'conta contraparte', 'conta destino', 'counterparty account', 'counterpart account', 'other account', 'beneficiary account'],
  counterpartyName: ['nombre contraparte', 'contraparte', 'beneficiario', 'ordenante', 'beneficiario ordenante', 'tercero', 'nome contraparte', 'favorecido', 'counterparty', 'counterparty name', 'payee', 'beneficiary', 'payer payee'],
  currency: ['moneda', 'divisa', 'moeda', 'currency', 'ccy'],
  channel: ['canal', 'medio', 'oficina canal', 'channel'],
  account: ['cuenta', 'numero cuenta', 'nro cuenta', 'no cuenta', 'cuenta no', 'conta', 'numero conta', 'account', 'account number', 'account no'],
};

const ROLE_OF_HEADER = new Map<string, StatementRole>();
for (const [role, words] of Object.entries(HEADER_WORDS) as [StatementRole, readonly string[]][]) for (const word of words) if (!ROLE_OF_HEADER.has(word)) ROLE_OF_HEADER.set(word, role);

export function headerRole(header: string): StatementRole | undefined {
  return ROLE_OF_HEADER.get(headerKey(header));
}

/** Rows looked at for the table's header below a title block. */
const HEADER_SEARCH_ROWS = 60;

/**
 * The table's header row: the first row (of the first 60) whose cells name a
 * date and an amount, debit or credit column, with the most roles recognised.
 * Returns the row index, or -1.
 */
export function findHeaderRow(rows: readonly Cell[][]): number {
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const roles = new Set<StatementRole>();
    for (const cell of rows[index] as Cell[]) {
      if (typeof cell !== 'string') continue;
      const role = headerRole(cell);
      if (role) roles.add(role);
    }
    if (!roles.has('date') || !(roles.has('amount') || roles.has('debit') || roles.has('credit'))) continue;
    if (roles.size > bestScore) {
      best = index;
      bestScore = roles.size;
    }
  }
  return best;
}

export interface StatementDetection {
  /** Whether the file looks like an account statement at all (a header with date and amounts, and an owner account or a balance). */
  isStatement: boolean;
  headerIndex: number;
  headers: string[];
  title: TitleBlock;
  mapping: StatementMapping;
  /** What the analyst still has to give: 'owner' (no account in the title block or a column), 'direction', 'date'. */
  missing: ('owner' | 'direction' | 'date')[];
  /** Values found in the indicator column, to show beside the debit/credit value lists. */
  indicatorValues: string[];
  decimalSeparator: DecimalSeparator;
}

const DEBIT_WORDS = new Set(['d', 'db', 'dr', 'deb', 'debito', 'debit', 'debe', 'cargo', 'retiro', 's', 'saida', '-']);
const CREDIT_WORDS = new Set(['cr', 'cred', 'credito', 'credit', 'haber', 'abono', 'a', 'deposito', 'e', 'entrada', '+']);

/**
 * Values of a D/C column, split into debit and credit. "C" is the hard case:
 * credit beside "D" (D/C), but cargo (a debit) beside "A" (cargo/abono, as
 * Mexican banks write it).
 */
export function classifyIndicatorValues(values: readonly string[]): { debitValues: string[]; creditValues: string[] } {
  const distinct = [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
  const folded = new Set(distinct.map(foldKey));
  const cargoAbono = folded.has('a') && !folded.has('d') && !folded.has('db') && !folded.has('dr');
  const debitValues: string[] = [];
  const creditValues: string[] = [];
  for (const value of distinct) {
    const key = foldKey(value) || value;
    if (key === 'c') (cargoAbono ? debitValues : creditValues).push(value);
    else if (DEBIT_WORDS.has(key)) debitValues.push(value);
    else if (CREDIT_WORDS.has(key)) creditValues.push(value);
  }
  return { debitValues, creditValues };
}

function columnValues(rows: readonly Cell[][], index: number): Cell[] {
  return rows.map((row) => row[index] ?? null).filter((cell) => cellText(cell) !== '');
}

/**
 * Looks at a table and proposes a statement mapping: the header row below the
 * title block, a role for each recognised column, the direction convention,
 * the owner account (title block, else a column with one value), and the
 * decimal separator and date order of the text cells.
 */
export function detectStatement(table: StatementTable, name = `${table.fileName} (statement)`): StatementDetection {
  const headerIndex = findHeaderRow(table.rows);
  const headerRow = headerIndex >= 0 ? (table.rows[headerIndex] as Cell[]) : [];
  const headers = headerRow.map((cell, index) => cellText(cell) || `column_${index + 1}`);
  const body = headerIndex >= 0 ? table.rows.slice(headerIndex + 1, headerIndex + 1 + 2000).filter((row) => !isBlankCells(row)) : [];
  const byRole = new Map<StatementRole, number>();
  headers.forEach((header, index) => {
    const role = headerRole(header);
    if (role && !byRole.has(role)) byRole.set(role, index);
  });
  // Loose matches for what exact words missed ("Saldo en pesos", "Fecha de la operación").
  headers.forEach((header, index) => {
    const tokens = headerKey(header).split(' ');
    const loose: [StatementRole, string[]][] = [
      ['balance', ['saldo', 'balance']],
      ['date', ['fecha', 'date', 'data']],
      ['description', ['concepto', 'descripcion', 'description', 'detalle']],
    ];
    for (const [role, words] of loose) if (!byRole.has(role) && !Object.values(Object.fromEntries(byRole)).includes(index) && tokens.some((token) => words.includes(token))) byRole.set(role, index);
  });

  const title = readTitleBlock(headerIndex > 0 ? table.rows.slice(0, headerIndex) : [], table.lines.slice(0, Math.max(0, headerIndex)));
  const missing: StatementDetection['missing'] = [];
  const header = (role: StatementRole) => {
    const index = byRole.get(role);
    return index === undefined ? undefined : headers[index];
  };

  const textOf = (role: StatementRole) => {
    const index = byRole.get(role);
    return index === undefined ? [] : columnValues(body, index).filter((cell): cell is string => typeof cell === 'string');
  };
  const numberTexts = [...textOf('debit'), ...textOf('credit'), ...textOf('amount'), ...textOf('balance')];
  const decimalSeparator: DecimalSeparator = detectDecimalSeparator(numberTexts) ?? (table.delimiter === ';' ? ',' : '.');
  const dateOrderGuess = detectDateOrder(textOf('date'));

  let indicatorValues: string[] = [];
  let direction: Direction;
  const debit = header('debit');
  const credit = header('credit');
  const amount = header('amount');
  const indicator = header('indicator');
  if (debit && credit) direction = { convention: 'columns', debit, credit };
  else if (amount && indicator) {
    indicatorValues = [...new Set(textOf('indicator').map((value) => value.trim()))].slice(0, 20);
    const classified = classifyIndicatorValues(indicatorValues);
    direction = { convention: 'indicator', amount, indicator, debitValues: classified.debitValues.length > 0 ? classified.debitValues : ['D'], creditValues: classified.creditValues.length > 0 ? classified.creditValues : ['C'] };
  } else if (amount ?? debit ?? credit) direction = { convention: 'signed', amount: (amount ?? debit ?? credit) as string, negativeIs: 'debit' };
  else {
    missing.push('direction');
    direction = { convention: 'signed', amount: headers[0] ?? 'amount', negativeIs: 'debit' };
  }

  let owner: OwnerSource;
  const accountColumn = header('account');
  if (title.account) owner = { from: 'title' };
  else if (accountColumn && new Set(textOf('account').map(accountKey)).size === 1) owner = { from: 'column', column: accountColumn };
  else {
    missing.push('owner');
    owner = { from: 'typed', account: '' };
  }
  const dateHeader = header('date');
  if (!dateHeader) missing.push('date');

  const columns: StatementMapping['columns'] = { date: dateHeader ?? headers[0] ?? 'date' };
  for (const role of ['reference', 'description', 'balance', 'counterpartyAccount', 'counterpartyName', 'currency', 'channel'] as const) {
    const found = header(role);
    if (found) columns[role] = found;
  }
  const mapping: StatementMapping = {
    schema: STATEMENT_MAPPING_TAG,
    name,
    encoding: 'auto',
    delimiter: 'auto',
    headerLine: 'auto',
    sheet: table.sheet ?? 'first',
    decimalSeparator,
    dateOrder: dateOrderGuess === 'DMY' || dateOrderGuess === 'MDY' || dateOrderGuess === 'YMD' ? dateOrderGuess : 'auto',
    owner,
    direction,
    columns,
    patterns: [],
  };
  if (title.currency) mapping.currency = title.currency;
  // The suggested counterparty patterns that capture something in this statement's descriptions come pre-filled.
  const descriptionIndex = byRole.get('description');
  if (descriptionIndex !== undefined) {
    const descriptions = body.slice(0, 500).map((row, index) => ({ line: index, description: cellText(row[descriptionIndex]) }));
    mapping.patterns = SUGGESTED_PATTERNS.filter((_, index) => (previewPatterns([SUGGESTED_PATTERNS[index] as (typeof SUGGESTED_PATTERNS)[number]], descriptions, 0)[0]?.matched ?? 0) > 0).map((pattern) => ({ ...pattern }));
  }
  const isStatement = headerIndex >= 0 && !missing.includes('date') && !missing.includes('direction') && (owner.from !== 'typed' || byRole.has('balance'));
  return { isStatement, headerIndex, headers, title, mapping, missing, indicatorValues, decimalSeparator };
}
