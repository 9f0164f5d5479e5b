import { describe, expect, it } from 'vitest';
import { useFreshDatabase } from '../db/helpers';
import { readGrades } from '../../../renderer/features/graph/gradeStore';
import { draftStatus, gradeOfDraft, saveImportGrade, UNGRADED_DRAFT, withInformation, withSource } from '../../../renderer/features/import/importGrade';
import type { CaudalDatabase } from '../../../renderer/db/schema';

const FILE = 'c'.repeat(64);

describe('grade chosen at import', () => {
  it('is a grade only once both axes are chosen', () => {
    expect(draftStatus(UNGRADED_DRAFT)).toBe('ungraded');
    const half = withSource(UNGRADED_DRAFT, 'B');
    expect(draftStatus(half)).toBe('incomplete');
    expect(gradeOfDraft(half)).toBeNull();
    const full = withInformation(half, '2');
    expect(draftStatus(full)).toBe('graded');
    expect(gradeOfDraft(full)).toEqual({ source: 'B', information: '2' });
    // Back to "not graded" on one axis: incomplete again.
    expect(draftStatus(withSource(full, ''))).toBe('incomplete');
  });

  it('takes only grade letters from the picker: a tampered option value clears the axis', () => {
    expect(withSource(UNGRADED_DRAFT, 'G').source).toBe('');
    expect(withSource(UNGRADED_DRAFT, 'a').source).toBe('');
    expect(withInformation(UNGRADED_DRAFT, '7').information).toBe('');
    expect(withInformation(UNGRADED_DRAFT, '1 OR 1=1').information).toBe('');
    expect(withSource(UNGRADED_DRAFT, '__proto__').source).toBe('');
  });

  describe('stored through the chart grade store', () => {
    let db: CaudalDatabase;
    useFreshDatabase((fresh) => (db = fresh));

    it('stores a full grade for the committed file, where the chart reads it', async () => {
      const saved = await saveImportGrade(db, 'case-1', FILE, { source: 'A', information: '3' }, 5);
      expect(saved).toEqual({ source: 'A', information: '3' });
      expect([...(await readGrades(db, 'case-1'))]).toEqual([[FILE, { source: 'A', information: '3' }]]);
      expect((await readGrades(db, 'case-2')).size).toBe(0);
    });

    it('writes nothing for an ungraded or half-chosen draft (the file stays ungraded, F6 on the chart)', async () => {
      expect(await saveImportGrade(db, 'case-1', FILE, UNGRADED_DRAFT)).toBeNull();
      expect(await saveImportGrade(db, 'case-1', FILE, { source: 'C', information: '' })).toBeNull();
      expect(await db.sourceGrades.count()).toBe(0);
    });

    it('replaces an earlier grade of the same file (re-graded at a later import screen)', async () => {
      await saveImportGrade(db, 'case-1', FILE, { source: 'E', information: '5' });
      await saveImportGrade(db, 'case-1', FILE, { source: 'B', information: '1' });
      expect(await readGrades(db, 'case-1')).toEqual(new Map([[FILE, { source: 'B', information: '1' }]]));
    });
  });
});
