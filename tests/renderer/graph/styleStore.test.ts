import { describe, expect, it } from 'vitest';
import { useFreshDatabase } from '../db/helpers';
import { listTemplates, readCaseRules, saveCaseRules, saveTemplate, templateRules } from '../../../renderer/features/graph/styleStore';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import type { StyleRule } from '../../../shared/graph';
import { createCase, deleteCase } from '../../../renderer/db/cases';

const haven: StyleRule = { id: 'r1', name: 'Tax havens', target: 'node', field: 'country', operator: 'in', value: 'PA, VG', style: { colour: '#d62728', badge: 'TH' }, enabled: true };

describe('styling rules storage (schema v9)', () => {
  let db: CaudalDatabase;
  useFreshDatabase((fresh) => (db = fresh));

  it('saves and reads a case\'s rules, and deleting the case deletes them', async () => {
    const row = await createCase(db, { number: 'A-1', name: 'Case', profileId: 'co-uiaf', analyst: 'L', classification: 'R' });
    await saveCaseRules(db, row.id, [haven]);
    expect((await readCaseRules(db, row.id)).rules).toEqual([haven]);
    await deleteCase(db, row.id);
    expect((await readCaseRules(db, row.id)).rules).toEqual([]);
  });

  it('refuses to store a hostile rule, and a tampered stored row reaches the chart as an error, not as styles', async () => {
    await expect(saveCaseRules(db, 'c1', [{ ...haven, style: { colour: 'url(javascript:alert(1))' } } as unknown as StyleRule])).rejects.toThrow(/colour/);
    await db.styleRules.put({ caseId: 'c2', rules: [{ ...haven, style: { badge: '<script>' } }], updatedAt: 1 });
    const read = await readCaseRules(db, 'c2');
    expect(read.rules).toEqual([]);
    expect(read.error).toMatch(/badge/);
  });

  it('keeps templates by name, replacing one saved again under the same name', async () => {
    await saveTemplate(db, ' Havens ', [haven]);
    await saveTemplate(db, 'Havens', [{ ...haven, name: 'Updated' }]);
    const templates = await listTemplates(db);
    expect(templates).toHaveLength(1);
    expect(templateRules(templates[0]!).rules[0]?.name).toBe('Updated');
  });
});
