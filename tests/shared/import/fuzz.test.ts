import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv, ImportError, sniffCsv, suggestMapping } from '../../../shared/import';
import { TransactionSchema, type Transaction } from '../../../shared/model';
import { baseCsv, corrupt, encode, FIXED_SPEC, prng } from './fuzzCorpus';
import { expectEveryLineAccounted } from './helpers';

export const FUZZ_CASES = Number(process.env.CAUDAL_FUZZ_CASES ?? 1500);

describe('fuzz: corrupted CSVs never crash the importer', () => {
  it(`${FUZZ_CASES.toLocaleString('en')} seeded corruptions end in an outcome whose records and physical lines reconcile, or in an ImportError`, async () => {
    const random = prng(20250131);
    let outcomes = 0;
    let importErrors = 0;
    let quarantined = 0;
    for (let caseIndex = 0; caseIndex < FUZZ_CASES; caseIndex++) {
      const delimiter = random.pick([';', ',', '\t', '|']);
      const bytes = corrupt(random, encode(random, baseCsv(random, delimiter)));
      let spec = FIXED_SPEC;
      try {
        if (random.next() < 0.3) spec = { ...suggestMapping('transaction', sniffCsv(bytes), 'fuzz').spec, dateOrder: 'DMY' };
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`case ${caseIndex}: sniff/suggest threw ${String(error)}`, { cause: error });
      }
      const records: Transaction[] = [];
      try {
        const outcome = await importCsv<'transaction'>(bytesSource(`case-${caseIndex}.csv`, bytes, 1 + random.int(64)), {
          spec,
          sha256: 'f'.repeat(64),
          batchSize: 1 + random.int(10),
          onBatch: (batch) => void records.push(...batch),
        });
        outcomes++;
        const { counts } = outcome;
        expect(counts.read, `case ${caseIndex}`).toBe(counts.imported + counts.quarantined + counts.duplicates);
        // The physical-line identity, against a count made without the importer.
        expectEveryLineAccounted(outcome, undefined, new TextDecoder(outcome.file.encoding).decode(bytes));
        expect(records.length, `case ${caseIndex}`).toBe(counts.imported);
        expect(outcome.quarantine.length, `case ${caseIndex}`).toBe(counts.quarantined);
        expect(new Set(records.map((record) => record.id)).size, `case ${caseIndex}`).toBe(records.length);
        let previousLine = 0;
        for (const record of records) {
          TransactionSchema.parse(record);
          expect(record.source.line, `case ${caseIndex}`).toBeGreaterThan(previousLine);
          previousLine = record.source.line;
        }
        quarantined += counts.quarantined;
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`case ${caseIndex}: importCsv threw ${String(error)}`, { cause: error });
        importErrors++;
      }
    }
    // The corpus really exercises both paths and the quarantine.
    expect(outcomes).toBeGreaterThan(FUZZ_CASES / 2);
    expect(importErrors).toBeGreaterThan(0);
    expect(quarantined).toBeGreaterThan(FUZZ_CASES * 0.4);
  });
});
