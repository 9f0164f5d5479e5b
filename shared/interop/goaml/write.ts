import type { Channel, Party, Transaction } from '../../model/records';
import { isCompanyName } from '../../resolve';

/**
 * Writes transactions as a goAML bulk file (`reportdata`, two-party form).
 * Caudal does not file reports to goAML; this exists so tests and the
 * benchmark can put the very same transactions through the CSV and the goAML
 * paths (same ids, amounts, parties, countries, channels), and it documents
 * by example which elements the importer reads.
 */
const CHANNEL_CODE: Record<Channel, string> = { cash: 'CASH', wire: 'WIRE', transfer: 'TRANSFER', check: 'CHECK', card: 'CARD', crypto: 'CRYPTO', other: 'OTHER' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);
}

const leaf = (name: string, value: string | undefined) => (value === undefined || value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`);

function dateTime(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 19);
}

function amountText(amount: number): string {
  // xs:decimal: never exponent notation.
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(Math.min(20, Math.max(2, (String(amount).split('.')[1] ?? '').length)));
}

export interface GoamlWriteOptions {
  /** currency_code_local of the report; transactions in another currency get from_foreign_currency. */
  localCurrency: string;
  rentityId?: string;
  entityReference?: string;
  /** Parties of the case: tells a company (t_entity) from a person (signatory) by ID number. */
  parties?: readonly Party[];
  /** Transactions per yielded piece of text. */
  perChunk?: number;
}

export function* goamlChunks(transactions: readonly Transaction[], options: GoamlWriteOptions): Generator<string> {
  const kindById = new Map<string, Party['kind']>();
  for (const party of options.parties ?? []) if (party.idNumber) kindById.set(party.idNumber, party.kind);
  const isCompany = (id: string | undefined, name: string) => (id !== undefined && kindById.has(id) ? kindById.get(id) === 'company' : isCompanyName(name));
  const holder = (name: string | undefined, id: string | undefined) => {
    if (name === undefined) return '';
    if (isCompany(id, name)) return `<t_entity>${leaf('name', name)}${leaf('tax_number', id)}</t_entity>`;
    return `<signatory><is_primary>true</is_primary><t_person>${leaf('first_name', name)}${leaf('id_number', id)}</t_person></signatory>`;
  };
  const perChunk = options.perChunk ?? 2000;
  let text = `<?xml version="1.0" encoding="UTF-8"?>\n<reportdata>\n${leaf('rentity_id', options.rentityId ?? '1')}${leaf('report_code', 'CTR')}${leaf('entity_reference', options.entityReference)}${leaf('currency_code_local', options.localCurrency)}\n`;
  for (let index = 0; index < transactions.length; index += 1) {
    const t = transactions[index] as Transaction;
    const foreign = t.currency !== options.localCurrency ? `<from_foreign_currency>${leaf('foreign_currency_code', t.currency)}${leaf('foreign_amount', amountText(t.amount))}</from_foreign_currency>` : '';
    text +=
      `<transaction>${leaf('transactionnumber', t.id)}${leaf('transaction_description', t.description)}${leaf('date_transaction', dateTime(t.timestamp))}` +
      `${leaf('transmode_code', CHANNEL_CODE[t.channel])}${leaf('amount_local', amountText(t.amount))}` +
      `<t_from>${foreign}<from_account>${leaf('institution_name', t.fromBank)}${leaf('account', t.fromAccount)}${holder(t.fromPartyName, t.fromPartyId)}</from_account>${leaf('from_country', t.fromCountry)}</t_from>` +
      `<t_to><to_account>${leaf('institution_name', t.toBank)}${leaf('account', t.toAccount)}${holder(t.toPartyName, t.toPartyId)}</to_account>${leaf('to_country', t.toCountry)}</t_to>` +
      `</transaction>\n`;
    if ((index + 1) % perChunk === 0) {
      yield text;
      text = '';
    }
  }
  yield `${text}</reportdata>\n`;
}

export function toGoamlXml(transactions: readonly Transaction[], options: GoamlWriteOptions): string {
  return [...goamlChunks(transactions, options)].join('');
}
