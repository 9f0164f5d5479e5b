import { describe, expect, it } from 'vitest';
import { CSV_LAYOUTS, DEFAULT_LAYOUTS, generateCase, mappingSpecFor, toCsv, type CsvLayout } from '../../../shared/generator';
import { MappingSpecSchema, bytesSource, hashSource, importCsv, sniffCsv, suggestMapping, type MappingSpec } from '../../../shared/import';
import { RECORD_KINDS, type RecordByKind, type RecordKind } from '../../../shared/model';

const generated = generateCase({ seed: 11, transactions: 1500 });

function recordsOf<K extends RecordKind>(kind: K): RecordByKind[K][] {
  const { dataset } = generated;
  const byKind = { transaction: dataset.transactions, party: dataset.parties, account: dataset.accounts, shipment: dataset.shipments };
  return byKind[kind] as RecordByKind[K][];
}

async function importText<K extends RecordKind>(text: string, spec: MappingSpec, name: string) {
  const source = bytesSource(name, new TextEncoder().encode('\uFEFF' + text));
  const sha256 = await hashSource(source);
  const records: RecordByKind[K][] = [];
  const outcome = await importCsv<K>(source, { spec, sha256, onBatch: (batch) => void records.push(...batch) });
  return { records, outcome, sha256 };
}

describe('generated CSV read back through the import engine', () => {
  for (const kind of RECORD_KINDS) {
    for (const layout of CSV_LAYOUTS as readonly CsvLayout[]) {
      it(`${kind} in the ${layout} layout gives back the same records, line for line`, async () => {
        const original = recordsOf(kind);
        const spec = MappingSpecSchema.parse(mappingSpecFor(kind, layout));
        const text = toCsv(kind, original, layout);
        const { records, outcome, sha256 } = await importText(text, spec, `${kind}.csv`);
        expect(outcome.quarantine).toEqual([]);
        expect(outcome.counts.imported).toBe(original.length);
        const shift = layout === DEFAULT_LAYOUTS[kind] ? 0 : null;
        records.forEach((record, i) => {
          const expected = original[i] as RecordByKind[typeof kind];
          const { source, ...rest } = record;
          const { source: expectedSource, ...expectedRest } = expected;
          expect(rest).toEqual(expectedRest);
          expect(source.file).toBe(sha256);
          // Provenance lines were assigned for the default layout of each kind.
          if (shift !== null) expect(source.line).toBe(expectedSource.line);
        });
      });
    }
  }

  it('the bank-es transactions are understood without a saved mapping too', async () => {
    const text = toCsv('transaction', generated.dataset.transactions, 'bank-es');
    const bytes = new TextEncoder().encode('\uFEFF' + text);
    const sniff = sniffCsv(bytes.slice(0, 64 * 1024));
    expect(sniff.delimiter).toBe(';');
    expect(sniff.skipLines).toBe(2);
    expect(sniff.decimalSeparator).toBe(',');
    const suggestion = suggestMapping('transaction', sniff);
    expect(suggestion.missingRequired).toEqual([]);
    const { records, outcome } = await importText<'transaction'>(text, suggestion.spec, 'transactions.csv');
    expect(outcome.counts.quarantined).toBe(0);
    const first = generated.dataset.transactions[0]!;
    expect(records[0]).toMatchObject({ id: first.id, fromAccount: first.fromAccount, toAccount: first.toAccount, amount: first.amount, currency: first.currency });
  });
});
