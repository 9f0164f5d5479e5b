import { describe, expect, it } from 'vitest';
import { annexToCsv, buildEvidenceAnnex, evidenceHash } from '../../../shared/export';
import { emptyDataset, type Transaction } from '../../../shared/model';

const graded = 'a'.repeat(64);
const ungraded = 'b'.repeat(64);
const transaction = (id: string, file: string): Transaction => ({ id, timestamp: Date.UTC(2025, 0, 1), fromAccount: 'A', toAccount: 'B', amount: 10, currency: 'USD', channel: 'wire', source: { file, line: 2 } });

describe('grades in the evidence annex', () => {
  const dataset = { ...emptyDataset(), transactions: [transaction('t1', graded), transaction('t2', ungraded)] };
  const edges = [{ id: 'A→B', source: 'A', target: 'B', transactionIds: ['t1', 't2'] }];

  it('names the source file\'s grade on each row it applies to, without changing the evidence hash or the CSV columns', () => {
    const plain = buildEvidenceAnnex(edges, dataset);
    const withGrades = buildEvidenceAnnex(edges, dataset, new Map(), new Map([[graded, 'B2']]));
    expect(withGrades.map((row) => row.grade)).toEqual(['B2', undefined]);
    expect(evidenceHash(withGrades)).toBe(evidenceHash(plain));
    expect(annexToCsv(withGrades)).toBe(annexToCsv(plain));
  });
});
