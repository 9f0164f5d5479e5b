import { describe, expect, it } from 'vitest';
import { annexToCsv, buildEvidenceAnnex, evidenceHash } from '../../../shared/export';
import { reportGradeKey } from '../../../shared/graph';
import { emptyDataset, type Transaction } from '../../../shared/model';

const graded = 'a'.repeat(64);
const ungraded = 'b'.repeat(64);
const transaction = (id: string, file: string): Transaction => ({ id, timestamp: Date.UTC(2025, 0, 1), fromAccount: 'A', toAccount: 'B', amount: 10, currency: 'USD', channel: 'wire', source: { file, line: 2 } });

describe('grades in the evidence annex', () => {
  const dataset = { ...emptyDataset(), transactions: [transaction('t1', graded), transaction('t2', ungraded)] };
  const edges = [{ id: 'A→B', source: 'A', target: 'B', transactionIds: ['t1', 't2'] }];

  it('names the source file\'s grade on each row it applies to, in the last CSV column, without changing the evidence hash', () => {
    const plain = buildEvidenceAnnex(edges, dataset);
    const withGrades = buildEvidenceAnnex(edges, dataset, new Map(), new Map([[graded, 'B2']]));
    expect(withGrades.map((row) => row.grade)).toEqual(['B2', undefined]);
    expect(evidenceHash(withGrades)).toBe(evidenceHash(plain));
    const lines = annexToCsv(withGrades).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]?.endsWith(',source_line,source_grade')).toBe(true);
    expect(lines[1]?.endsWith(`,${graded},2,B2`)).toBe(true);
    // Ungraded: an empty cell, not a guessed F6 (the analyst has not judged the file).
    expect(lines[2]?.endsWith(`,${ungraded},2,`)).toBe(true);
  });

  it('grades a goAML row by its own report, falling back to the file, and never by another report of the file', () => {
    const goaml = 'c'.repeat(64);
    const inReport = (id: string, path: string): Transaction => ({ ...transaction(id, goaml), source: { file: goaml, line: 9, path } });
    const reports = { ...emptyDataset(), transactions: [inReport('r1', '/reportdata[1]/report[1]/transaction[1]'), inReport('r2', '/reportdata[1]/report[2]/transaction[4]'), inReport('r3', '/reportdata[1]/report[3]/transaction[1]')] };
    const rows = buildEvidenceAnnex([{ id: 'X', source: 'A', target: 'B', transactionIds: ['r1', 'r2', 'r3'] }], reports, new Map(), new Map([
      [reportGradeKey(goaml, '/reportdata[1]/report[2]'), 'A1'],
      [goaml, 'C3'],
    ]));
    expect(rows.map((row) => [row.transactionId, row.grade])).toEqual([
      ['r1', 'C3'],
      ['r2', 'A1'],
      ['r3', 'C3'],
    ]);
    // Without a file grade, the other reports stay ungraded.
    const onlyReport = buildEvidenceAnnex([{ id: 'X', source: 'A', target: 'B', transactionIds: ['r1', 'r2'] }], reports, new Map(), new Map([[reportGradeKey(goaml, '/reportdata[1]/report[2]'), 'A1']]));
    expect(onlyReport.map((row) => row.grade)).toEqual([undefined, 'A1']);
  });
});
