import { DEFAULT_CAVEAT, defaultPolicy, type FieldAction, type PolicyKind, type SanitisationPolicy, type SharedHit } from '../../../shared/package';
import type { HeaderDraft } from './headerDraft';
import { emptyChoice, type ContentChoice, type GroupMode, type RecordGroup } from './selection';

/**
 * The export wizard's state and its pure transitions, kept apart from the view so every rule the wizard
 * enforces (which step may open, what blocks the protection step) is tested in Node.
 */
export const EXPORT_STEPS = ['content', 'policy', 'header', 'protection', 'save'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

const DAY_MS = 86_400_000;
/** A package a partner receives stays readable for a quarter unless the analyst says otherwise. */
const DEFAULT_VALID_DAYS = 90;

/** A reply built from match hits: the wizard starts with these records and carries the hits. */
export interface ReplyDraft {
  picked: Record<RecordGroup, string[]>;
  hits: SharedHit[];
  inReplyTo: string;
  recipientUnit: string;
}

export interface ExportDraft {
  step: ExportStep;
  choice: ContentChoice;
  policy: SanitisationPolicy;
  header: HeaderDraft;
  usePassphrase: boolean;
  passphrase: string;
  passphraseAgain: string;
  /** Partner key ids the package is also sealed to. */
  recipients: string[];
  /** The name a policy is saved under. */
  policyName: string;
}

export type ExportAction =
  | { type: 'go'; step: ExportStep }
  | { type: 'toggle-alert'; id: string }
  | { type: 'toggle-chart'; id: string }
  | { type: 'group-mode'; group: RecordGroup; mode: GroupMode }
  | { type: 'group-picked'; group: RecordGroup; ids: string[] }
  | { type: 'policy'; policy: SanitisationPolicy }
  | { type: 'field-action'; kind: PolicyKind; field: string; action: FieldAction }
  | { type: 'policy-name'; name: string }
  | { type: 'header'; header: HeaderDraft }
  | { type: 'use-passphrase'; value: boolean }
  | { type: 'passphrase'; value: string }
  | { type: 'passphrase-again'; value: string }
  | { type: 'toggle-recipient'; id: string };

const isoDay = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 10);

export interface DraftContext {
  now: number;
  ownUnit?: string;
  caseNumber?: string;
  classification?: string;
  analyst?: string;
}

/** A fresh draft: a reply starts from the hit records (picked by hand, no transactions) and the partner's unit. */
export function initialExportDraft(reply: ReplyDraft | null, context: DraftContext): ExportDraft {
  return {
    step: 'content',
    choice: reply ? { ...emptyChoice(), modes: { parties: 'pick', accounts: 'pick', transactions: 'none' }, picked: reply.picked } : emptyChoice(),
    policy: defaultPolicy(),
    header: {
      originatingUnit: context.ownUnit ?? '',
      recipientUnit: reply?.recipientUnit ?? '',
      reference: `${context.caseNumber ?? 'CASE'}-${isoDay(context.now).replace(/-/g, '')}`,
      purpose: '',
      legalBasis: '',
      classification: context.classification || 'RESERVADO',
      caveatEn: DEFAULT_CAVEAT.en,
      caveatEs: DEFAULT_CAVEAT.es,
      expires: isoDay(context.now + DEFAULT_VALID_DAYS * DAY_MS),
      contact: context.analyst ?? '',
      inReplyTo: reply?.inReplyTo ?? '',
    },
    usePassphrase: true,
    passphrase: '',
    passphraseAgain: '',
    recipients: [],
    policyName: '',
  };
}

export function toggled(list: readonly string[], id: string): string[] {
  return list.includes(id) ? list.filter((item) => item !== id) : [...list, id];
}

export function withFieldAction(policy: SanitisationPolicy, kind: PolicyKind, field: string, action: FieldAction): SanitisationPolicy {
  return { ...policy, fields: { ...policy.fields, [kind]: { ...policy.fields[kind], [field]: action } } };
}

export function exportDraftReducer(draft: ExportDraft, action: ExportAction): ExportDraft {
  switch (action.type) {
    case 'go':
      return { ...draft, step: action.step };
    case 'toggle-alert':
      return { ...draft, choice: { ...draft.choice, alerts: toggled(draft.choice.alerts, action.id) } };
    case 'toggle-chart':
      return { ...draft, choice: { ...draft.choice, charts: toggled(draft.choice.charts, action.id) } };
    case 'group-mode':
      return { ...draft, choice: { ...draft.choice, modes: { ...draft.choice.modes, [action.group]: action.mode } } };
    case 'group-picked':
      return { ...draft, choice: { ...draft.choice, picked: { ...draft.choice.picked, [action.group]: action.ids } } };
    case 'policy':
      return { ...draft, policy: action.policy };
    case 'field-action':
      return { ...draft, policy: withFieldAction(draft.policy, action.kind, action.field, action.action) };
    case 'policy-name':
      return { ...draft, policyName: action.name };
    case 'header':
      return { ...draft, header: action.header };
    case 'use-passphrase':
      return { ...draft, usePassphrase: action.value };
    case 'passphrase':
      return { ...draft, passphrase: action.value };
    case 'passphrase-again':
      return { ...draft, passphraseAgain: action.value };
    case 'toggle-recipient':
      return { ...draft, recipients: toggled(draft.recipients, action.id) };
  }
}

/** Shorter passphrases are refused outright, before any strength estimate. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type ProtectionProblem = 'unlock-needed' | 'no-own-key' | 'short' | 'weak' | 'estimating' | 'mismatch' | 'no-protection';

/**
 * What keeps the package from being sealed: the unit's own signing key must be unlocked, and it must be
 * protected by a strong passphrase typed twice, or sealed to at least one partner's key.
 */
export function protectionProblems(
  draft: Pick<ExportDraft, 'usePassphrase' | 'passphrase' | 'passphraseAgain' | 'recipients'>,
  keys: { ownKeysUnlocked: boolean; ownKeyExists: boolean },
  strength: { acceptable: boolean } | null,
): ProtectionProblem[] {
  const problems: ProtectionProblem[] = [];
  if (!keys.ownKeysUnlocked) problems.push(keys.ownKeyExists ? 'unlock-needed' : 'no-own-key');
  if (draft.usePassphrase) {
    if (draft.passphrase.length < MIN_PASSPHRASE_LENGTH) problems.push('short');
    else if (!strength) problems.push('estimating');
    else if (!strength.acceptable) problems.push('weak');
    if (draft.passphrase !== draft.passphraseAgain) problems.push('mismatch');
  } else if (draft.recipients.length === 0) problems.push('no-protection');
  return problems;
}

/** A later step opens only once every step before it is free of problems; earlier steps always open. */
export function stepOpens(step: ExportStep, current: ExportStep, problemCounts: Record<ExportStep, number>): boolean {
  const index = EXPORT_STEPS.indexOf(step);
  return index <= EXPORT_STEPS.indexOf(current) || EXPORT_STEPS.slice(0, index).every((earlier) => problemCounts[earlier] === 0);
}

export function neighbourStep(step: ExportStep, direction: -1 | 1): ExportStep {
  const index = Math.min(EXPORT_STEPS.length - 1, Math.max(0, EXPORT_STEPS.indexOf(step) + direction));
  return EXPORT_STEPS[index] as ExportStep;
}
