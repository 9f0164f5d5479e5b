import { importGoaml, type GoamlBatch, type GoamlImportOptions, type GoamlImportOutcome } from '../../../../shared/interop/goaml';

export const SHA = 'f'.repeat(64);

/** Runs the importer over `xml`, fed in pieces of `chunkSize` bytes (1 proves nothing depends on where chunks split). */
export async function runGoaml(
  xml: string | Uint8Array,
  options: Partial<Omit<GoamlImportOptions, 'onBatch'>> & { chunkSize?: number; name?: string } = {},
): Promise<GoamlImportOutcome & { records: GoamlBatch; batches: number }> {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const records: GoamlBatch = { transactions: [], parties: [], accounts: [], relationships: [] };
  let batches = 0;
  const outcome = await importGoaml(
    {
      name: options.name ?? 'report.xml',
      size: bytes.byteLength,
      async *stream() {
        for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
      },
    },
    {
      sha256: SHA,
      defaultCurrency: 'COP',
      ...options,
      onBatch(batch) {
        batches += 1;
        records.transactions.push(...batch.transactions);
        records.parties.push(...batch.parties);
        records.accounts.push(...batch.accounts);
        records.relationships.push(...batch.relationships);
      },
    },
  );
  return { ...outcome, records, batches };
}

/** A one-report file around the given transactions/activity, with a small header. */
export function report(body: string, header = '<currency_code_local>COP</currency_code_local>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<report>\n<rentity_id>7</rentity_id>\n<report_code>STR</report_code>\n${header}\n${body}\n</report>\n`;
}

export const ACCOUNT_A = `<from_account><institution_name>Banco Uno</institution_name><account>111</account><t_entity><name>Alfa SAS</name><tax_number>900123456</tax_number></t_entity></from_account>`;
export const ACCOUNT_B = `<to_account><institution_name>Banco Dos</institution_name><account>222</account><signatory><is_primary>1</is_primary><t_person><first_name>Berta</first_name><last_name>Ruiz</last_name><id_number>52111222</id_number></t_person><role>Titular</role></signatory></to_account>`;

export function twoParty(id: string, extra: { amount?: string; date?: string; transmode?: string; from?: string; to?: string } = {}): string {
  const amount = extra.amount === undefined ? '<amount_local>1500000</amount_local>' : extra.amount;
  return `<transaction>
<transactionnumber>${id}</transactionnumber>
<date_transaction>${extra.date ?? '2025-06-01T10:00:00'}</date_transaction>
<transmode_code>${extra.transmode ?? 'B'}</transmode_code>
${amount}
${extra.from ?? `<t_from_my_client><from_funds_code>TRANSFER</from_funds_code>${ACCOUNT_A}<from_country>CO</from_country></t_from_my_client>`}
${extra.to ?? `<t_to>${ACCOUNT_B}<to_country>CO</to_country></t_to>`}
</transaction>`;
}
