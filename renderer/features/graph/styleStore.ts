import { parseStyleRules, type StyleRule } from '../../../shared/graph';
import { newId } from '../../db/ids';
import type { CaudalDatabase, StyleTemplateRow } from '../../db/schema';

/** The case's rules, parsed again on read: a row written by another version (or edited by hand) never reaches the chart unchecked. */
export async function readCaseRules(db: CaudalDatabase, caseId: string): Promise<{ rules: StyleRule[]; error?: string }> {
  const row = await db.styleRules.get(caseId);
  return row ? parseStyleRules(row.rules) : { rules: [] };
}

export async function saveCaseRules(db: CaudalDatabase, caseId: string, rules: readonly StyleRule[], now = Date.now()): Promise<void> {
  const checked = parseStyleRules(rules);
  if (checked.error) throw new Error(checked.error);
  await db.styleRules.put({ caseId, rules: checked.rules, updatedAt: now });
}

export async function listTemplates(db: CaudalDatabase): Promise<StyleTemplateRow[]> {
  return (await db.styleTemplates.toArray()).sort((a, b) => a.name.localeCompare(b.name));
}

/** Saves the rules as a template under a name (replacing one of the same name). */
export async function saveTemplate(db: CaudalDatabase, name: string, rules: readonly StyleRule[], now = Date.now()): Promise<StyleTemplateRow> {
  const checked = parseStyleRules(rules);
  if (checked.error) throw new Error(checked.error);
  const trimmed = name.trim().slice(0, 80) || 'Template';
  const existing = (await db.styleTemplates.where('name').equals(trimmed).toArray())[0];
  const row: StyleTemplateRow = { id: existing?.id ?? newId(), name: trimmed, rules: checked.rules, updatedAt: now };
  await db.styleTemplates.put(row);
  return row;
}

export function templateRules(row: StyleTemplateRow): { rules: StyleRule[]; error?: string } {
  return parseStyleRules(row.rules);
}
