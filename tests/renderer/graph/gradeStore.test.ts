import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../db/helpers';
import { readGrades, saveGrade } from '../../../renderer/features/graph/gradeStore';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import type { Grade } from '../../../shared/graph';

describe('source grades (schema v9)', () => {
  let db: CaudalDatabase;
  beforeEach(() => {
    db = freshDatabase();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

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
