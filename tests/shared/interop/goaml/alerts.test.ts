import { describe, expect, it } from 'vitest';
import { runDetection } from '../../../../shared/detect';
import { generateCase, mappingSpecFor, toCsv } from '../../../../shared/generator';
import { MappingSpecSchema, bytesSource, hashSource, importCsv } from '../../../../shared/import';
import { toGoamlXml } from '../../../../shared/interop/goaml';
import type { Alert, Transaction } from '../../../../shared/model';
import { builtinProfile } from '../../../../shared/profiles';
import { runGoaml } from './helpers';

const profile = builtinProfile('co-uiaf');
if (!profile) throw new Error('co-uiaf profile missing');
const generated = generateCase({ seed: 20260413, transactions: 4000 });

async function viaCsv(): Promise<Transaction[]> {
  const spec = MappingSpecSchema.parse(mappingSpecFor('transaction', 'bank-es'));
  const source = bytesSource('transactions.csv', new TextEncoder().encode('\uFEFF' + toCsv('transaction', generated.dataset.transactions, 'bank-es')));
  const records: Transaction[] = [];
  const outcome = await importCsv<'transaction'>(source, { spec, sha256: await hashSource(source), onBatch: (batch) => void records.push(...batch) });
  expect(outcome.counts.quarantined).toBe(0);
  return records;
}

const comparable = (alerts: Alert[]) => alerts.map((alert) => ({ id: alert.id, typology: alert.typology, score: alert.score, accounts: alert.accounts, transactions: alert.transactions, window: alert.window, explanation: alert.explanation }));

describe('the same transactions as CSV and as goAML', () => {
  it('give identical records and identical alerts (generated case with planted patterns)', async () => {
    const csv = await viaCsv();
    const xml = toGoamlXml(generated.dataset.transactions, { localCurrency: profile.currency, parties: generated.dataset.parties, entityReference: 'GEN-1' });
    const goaml = await runGoaml(xml, { defaultCurrency: profile.currency, chunkSize: 256 * 1024 });
    expect(goaml.counts).toEqual({ read: csv.length, imported: csv.length, quarantined: 0, duplicates: 0 });
    expect(goaml.unknownCodes).toEqual([]);
    const strip = (t: Transaction) => {
      const { source: _source, ...rest } = t;
      return rest;
    };
    expect(goaml.records.transactions.map(strip)).toEqual(csv.map(strip));

    const fromCsv = runDetection({ transactions: csv, parties: [], accounts: [], shipments: [] }, profile);
    const fromGoaml = runDetection({ transactions: goaml.records.transactions, parties: [], accounts: [], shipments: [] }, profile);
    expect(fromCsv.length).toBeGreaterThan(5);
    expect(comparable(fromGoaml)).toEqual(comparable(fromCsv));
  });
});
