import { describe, expect, it } from 'vitest';
import { useFreshDatabase } from '../db/helpers';
import { gradedSources, readGrades, saveGrade } from '../../../renderer/features/graph/gradeStore';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import type { Grade } from '../../../shared/graph';

describe('source grades (schema v9)', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('stores a grade per file and case, replaces it, and ignores tampered rows', async () => {
    await saveGrade(db, 'c1', 'f'.repeat(64), { source: 'B', information: '2' });
    await saveGrade(db, 'c1', 'f'.repeat(64), { source: 'C', information: '2' });
    await db.sourceGrades.put({ caseId: 'c1', file: 'e'.repeat(64), source: 'Z', information: '9', updatedAt: 1 });
    const grades = await readGrades(db, 'c1');
    expect([...grades]).toEqual([['f'.repeat(64), { source: 'C', information: '2' }]]);
    expect((await readGrades(db, 'c2')).size).toBe(0);
    await expect(saveGrade(db, 'c1', 'x', { source: 'A', information: '7' } as unknown as Grade)).rejects.toThrow(/Admiralty/);
  });
});

describe('gradable sources', () => {
  const file = (sha: string, name: string, mapping: unknown) => ({ file: { sha256: sha, name, size: 1, kind: 'transaction' as const, importedAt: 0, mappingName: 'm', mapping, encoding: 'UTF-8', delimiter: ',', counts: { read: 1, stored: 1, quarantined: 0 } } }) as never;
  const goaml = 'a'.repeat(64);

  it('lists every file, and under a goAML file with several reports each report with its code and reference', () => {
    const sources = gradedSources([
      file('c'.repeat(64), 'movimientos.csv', { format: 'csv' }),
      file(goaml, 'ros.xml', { format: 'goaml', reports: [{ ordinal: 1, path: '/reportdata[1]/report[1]', reportCode: 'STR', entityReference: 'ROS-17' }, { ordinal: 2, path: '/reportdata[1]/report[2]', reportCode: 'SAR' }] }),
    ]);
    expect(sources.map((source) => source.key)).toEqual(['c'.repeat(64), goaml, `${goaml}/reportdata[1]/report[1]`, `${goaml}/reportdata[1]/report[2]`]);
    expect(sources[2]?.report).toEqual({ ordinal: 1, code: 'STR', reference: 'ROS-17' });
    expect(sources[3]?.report).toEqual({ ordinal: 2, code: 'SAR' });
  });

  it('lists a one-report goAML file once (its grade is the report\'s) and ignores tampered report headers', () => {
    expect(gradedSources([file(goaml, 'one.xml', { format: 'goaml', reports: [{ ordinal: 1, path: '/report[1]' }] })])).toHaveLength(1);
    const tampered = gradedSources([
      file(goaml, 'bad.xml', {
        format: 'goaml',
        reports: [{ ordinal: 1, path: '/report[1]' }, { ordinal: 2, path: '/report[2]/../../x' }, { ordinal: '3', path: '/report[3]' }, null, { ordinal: 4, path: '<img src=x>' }, { ordinal: 5, path: '/report[5]' }],
      }),
    ]);
    expect(tampered.map((source) => source.key)).toEqual([goaml, `${goaml}/report[1]`, `${goaml}/report[5]`]);
    expect(gradedSources([file(goaml, 'x.xml', { format: 'goaml', reports: 'nope' })])).toHaveLength(1);
  });
});
