import { SuppressionRuleSchema, type SuppressionTarget } from '../../../shared/detect/suppression';
import type { CaseRow, CaudalDatabase, SuppressionRuleRow } from '../../db/schema';

export interface NewSuppressionRule {
  target: SuppressionTarget;
  typologies: string[];
  note: string;
  scope: 'case' | 'profile';
  createdFromAlert?: string;
}

export class SuppressionRuleError extends Error {
  constructor(
    readonly code: 'note_required' | 'invalid_rule' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'SuppressionRuleError';
  }
}

/** The rules that apply to a case: its own and those of the profile it runs under, revoked ones included. */
export async function loadRulesFor(db: CaudalDatabase, caseRow: Pick<CaseRow, 'id' | 'profileId'>): Promise<SuppressionRuleRow[]> {
  const [own, ofProfile] = await Promise.all([
    db.suppressionRules.where('caseId').equals(caseRow.id).toArray(),
    db.suppressionRules.where('profileId').equals(caseRow.profileId).toArray(),
  ]);
  return [...own, ...ofProfile];
}

function ruleId(now: number): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `rule-${now.toString(36)}-${Array.from(random, (value) => value.toString(36)).join('')}`;
}

/** Stores a new rule, validated by the shared schema; a rule without the analyst's reason is refused. */
export async function addRule(db: CaudalDatabase, caseRow: Pick<CaseRow, 'id' | 'profileId'>, input: NewSuppressionRule, now = Date.now()): Promise<SuppressionRuleRow> {
  if (!input.note.trim()) throw new SuppressionRuleError('note_required', 'A suppression rule needs the analyst’s reason.');
  const parsed = SuppressionRuleSchema.safeParse({
    id: ruleId(now),
    target: input.target,
    typologies: input.typologies,
    note: input.note,
    scope: input.scope,
    createdAt: now,
    ...(input.createdFromAlert ? { createdFromAlert: input.createdFromAlert } : {}),
  });
  if (!parsed.success) throw new SuppressionRuleError('invalid_rule', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const row: SuppressionRuleRow = input.scope === 'case' ? { ...parsed.data, caseId: caseRow.id } : { ...parsed.data, profileId: caseRow.profileId };
  await db.suppressionRules.put(row);
  return row;
}

/** Undoes a rule: it stops suppressing but stays listed with the time it was undone. */
export async function revokeRule(db: CaudalDatabase, id: string, now = Date.now()): Promise<SuppressionRuleRow> {
  return db.transaction('rw', db.suppressionRules, async () => {
    const row = await db.suppressionRules.get(id);
    if (!row) throw new SuppressionRuleError('not_found', `No suppression rule ${id}.`);
    if (row.revokedAt !== undefined) return row;
    const next = { ...row, revokedAt: now };
    await db.suppressionRules.put(next);
    return next;
  });
}
