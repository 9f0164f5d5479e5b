import { describe, expect, it } from 'vitest';
import { buildAccountGraph, formatGrade, gradeOfSource, gradesForGraph, isGrade, reportGradeKey, weakest, type Grade } from '../../../shared/graph';
import { dataset, tx } from './fixtures';

describe('Admiralty grading', () => {
  it('takes the weaker grade on each axis', () => {
    expect(formatGrade(weakest({ source: 'B', information: '2' }, { source: 'C', information: '1' }))).toBe('C2');
    expect(formatGrade(weakest({ source: 'A', information: '1' }, { source: 'A', information: '1' }))).toBe('A1');
  });

  it('gives each node and link the weakest grade of the files behind it; ungraded files count as F6', () => {
    const bank = 'b'.repeat(64);
    const tip = 'c'.repeat(64);
    const transactions = [
      tx('A', 'B', 1, 1, { source: { file: bank, line: 2 } }),
      tx('B', 'C', 1, 2, { source: { file: tip, line: 2 } }),
      tx('C', 'D', 1, 3, { source: { file: 'd'.repeat(64), line: 2 } }),
    ];
    const graph = buildAccountGraph(dataset({ transactions }));
    const grades = gradesForGraph(graph, new Map(transactions.map((item) => [item.id, item])), new Map<string, Grade>([[bank, { source: 'A', information: '1' }], [tip, { source: 'C', information: '3' }]]));
    expect(formatGrade(grades.get('A→B')!)).toBe('A1');
    expect(formatGrade(grades.get('A')!)).toBe('A1');
    expect(formatGrade(grades.get('B')!)).toBe('C3');
    expect(formatGrade(grades.get('D')!)).toBe('F6');
  });

  it('grades goAML records by their report: a graded report beats its file, an ungraded one inherits the file', () => {
    const file = 'e'.repeat(64);
    const grades = new Map<string, Grade>([
      [reportGradeKey(file, '/report[1]'), { source: 'B', information: '2' }],
      [file, { source: 'D', information: '4' }],
    ]);
    expect(gradeOfSource({ file, path: '/report[1]/transaction[3]/t_from_my_client' }, grades)).toEqual({ source: 'B', information: '2' });
    // report[12] is not report[1]: the key ends at the report's ordinal.
    expect(gradeOfSource({ file, path: '/report[12]/transaction[1]' }, grades)).toEqual({ source: 'D', information: '4' });
    expect(gradeOfSource({ file }, grades)).toEqual({ source: 'D', information: '4' });
    expect(gradeOfSource({ file: 'f'.repeat(64), path: '/report[1]/transaction[1]' }, grades)).toBeUndefined();
    const transactions = [
      tx('A', 'B', 1, 1, { source: { file, line: 5, path: '/report[1]/transaction[1]' } }),
      tx('B', 'C', 1, 2, { source: { file, line: 9, path: '/report[2]/transaction[1]' } }),
    ];
    const graph = buildAccountGraph(dataset({ transactions }));
    const found = gradesForGraph(graph, new Map(transactions.map((item) => [item.id, item])), grades);
    expect(formatGrade(found.get('A→B')!)).toBe('B2');
    expect(formatGrade(found.get('B→C')!)).toBe('D4');
    expect(formatGrade(found.get('B')!)).toBe('D4');
  });

  it('accepts only real grades from storage', () => {
    expect(isGrade({ source: 'B', information: '2' })).toBe(true);
    expect(isGrade({ source: 'G', information: '2' })).toBe(false);
    expect(isGrade({ source: 'A', information: 1 })).toBe(false);
    expect(isGrade(null)).toBe(false);
  });
});
