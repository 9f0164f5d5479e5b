import { describe, expect, it } from 'vitest';
import { defaultPolicy, linkageResistantPolicy } from '../../../shared/package';
import {
  EXPORT_STEPS,
  exportDraftReducer,
  initialExportDraft,
  neighbourStep,
  protectionProblems,
  stepOpens,
  type ExportAction,
  type ExportDraft,
  type ExportStep,
} from '../../../renderer/features/share/exportDraft';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const fresh = () => initialExportDraft(null, { now: NOW, ownUnit: 'UIAF Colombia', caseNumber: 'UIAF-2026-0042', classification: '', analyst: 'Ana' });
const run = (draft: ExportDraft, ...actions: ExportAction[]) => actions.reduce(exportDraftReducer, draft);
const clean: Record<ExportStep, number> = { content: 0, policy: 0, header: 0, protection: 0, save: 0 };

describe('the export wizard draft', () => {
  it('starts with the case reference, a 90-day expiry, RESERVADO when the case has no classification, and the default policy', () => {
    const draft = fresh();
    expect(draft.step).toBe('content');
    expect(draft.header).toMatchObject({ originatingUnit: 'UIAF Colombia', reference: 'UIAF-2026-0042-20261204', classification: 'RESERVADO', expires: '2027-03-04', contact: 'Ana', inReplyTo: '' });
    expect(draft.policy).toEqual(defaultPolicy());
    expect(draft.choice.modes).toEqual({ parties: 'alerts', accounts: 'alerts', transactions: 'alerts' });
  });

  it('a reply starts from the hit records picked by hand, no transactions, addressed to the asking unit', () => {
    const picked = { parties: ['P1'], accounts: ['A1', 'A2'], transactions: [] };
    const draft = initialExportDraft({ picked, hits: [], inReplyTo: 'UAF-PA-7', recipientUnit: 'UAF Panamá' }, { now: NOW });
    expect(draft.choice.modes).toEqual({ parties: 'pick', accounts: 'pick', transactions: 'none' });
    expect(draft.choice.picked).toEqual(picked);
    expect(draft.header).toMatchObject({ recipientUnit: 'UAF Panamá', inReplyTo: 'UAF-PA-7', reference: 'CASE-20261204' });
  });

  it('toggles alerts, charts and recipients on and off, and changes one group without touching the others', () => {
    const draft = run(fresh(), { type: 'toggle-alert', id: 'a1' }, { type: 'toggle-alert', id: 'a2' }, { type: 'toggle-alert', id: 'a1' }, { type: 'toggle-chart', id: 'c1' }, { type: 'toggle-recipient', id: 'k1' });
    expect(draft.choice.alerts).toEqual(['a2']);
    expect(draft.choice.charts).toEqual(['c1']);
    expect(draft.recipients).toEqual(['k1']);
    const grouped = run(draft, { type: 'group-mode', group: 'accounts', mode: 'pick' }, { type: 'group-picked', group: 'accounts', ids: ['A9'] });
    expect(grouped.choice.modes).toEqual({ parties: 'alerts', accounts: 'pick', transactions: 'alerts' });
    expect(grouped.choice.picked).toEqual({ parties: [], accounts: ['A9'], transactions: [] });
    // The earlier draft is untouched: transitions are pure.
    expect(draft.choice.modes.accounts).toBe('alerts');
  });

  it('sets one field action of one kind and keeps every other field of the policy', () => {
    const before = linkageResistantPolicy();
    const after = run({ ...fresh(), policy: before }, { type: 'field-action', kind: 'party', field: 'name', action: 'redact' });
    expect(after.policy.fields.party.name).toBe('redact');
    expect({ ...after.policy.fields.party, name: before.fields.party.name }).toEqual(before.fields.party);
    expect(after.policy.fields.account).toEqual(before.fields.account);
  });
});

describe('what blocks the protection step', () => {
  const keys = { ownKeysUnlocked: true, ownKeyExists: true };
  const strong = { acceptable: true };
  const base = { usePassphrase: true, passphrase: 'caballo correcto batería grapa', passphraseAgain: 'caballo correcto batería grapa', recipients: [] };

  it('accepts a strong passphrase typed twice, or no passphrase when the package is sealed to a partner', () => {
    expect(protectionProblems(base, keys, strong)).toEqual([]);
    expect(protectionProblems({ ...base, usePassphrase: false, passphrase: '', passphraseAgain: '', recipients: ['k1'] }, keys, null)).toEqual([]);
  });

  it('refuses a locked or missing own key, a short, weak, unrated or mistyped passphrase, and a package protected by nothing', () => {
    expect(protectionProblems(base, { ownKeysUnlocked: false, ownKeyExists: true }, strong)).toEqual(['unlock-needed']);
    expect(protectionProblems(base, { ownKeysUnlocked: false, ownKeyExists: false }, strong)).toEqual(['no-own-key']);
    expect(protectionProblems({ ...base, passphrase: 'corta', passphraseAgain: 'corta' }, keys, strong)).toEqual(['short']);
    expect(protectionProblems(base, keys, { acceptable: false })).toEqual(['weak']);
    expect(protectionProblems(base, keys, null)).toEqual(['estimating']);
    expect(protectionProblems({ ...base, passphraseAgain: 'otra cosa distinta' }, keys, strong)).toEqual(['mismatch']);
    expect(protectionProblems({ ...base, usePassphrase: false, recipients: [] }, keys, null)).toEqual(['no-protection']);
  });
});

describe('moving between steps', () => {
  it('a later step opens only when every step before it is clean; earlier steps always open', () => {
    expect(EXPORT_STEPS.every((step) => stepOpens(step, 'content', clean))).toBe(true);
    const headerBroken = { ...clean, header: 2 };
    expect(stepOpens('protection', 'content', headerBroken)).toBe(false);
    expect(stepOpens('save', 'content', headerBroken)).toBe(false);
    expect(stepOpens('header', 'content', headerBroken)).toBe(true);
    // From the save step the analyst can always go back, even to a step that now has problems.
    expect(stepOpens('content', 'save', { ...clean, content: 1 })).toBe(true);
  });

  it('back and next stop at the ends', () => {
    expect(neighbourStep('content', -1)).toBe('content');
    expect(neighbourStep('content', 1)).toBe('policy');
    expect(neighbourStep('save', 1)).toBe('save');
    expect(neighbourStep('save', -1)).toBe('protection');
  });
});
