import { useEffect, useMemo, useReducer, useState } from 'react';
import { SanitisationPolicySchema, type ChartInput } from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { ContentStep, type SelectionCounts } from './ContentStep';
import { EXPORT_STEPS, exportDraftReducer, initialExportDraft, neighbourStep, protectionProblems, stepOpens, type ExportStep, type ProtectionProblem, type ReplyDraft } from './exportDraft';
import { HeaderStep } from './HeaderStep';
import { headerIssues } from './headerDraft';
import { usePassphraseStrength } from './PassphraseMeter';
import { PolicyStep } from './PolicyStep';
import { ProtectionStep } from './ProtectionStep';
import { SaveStep } from './SaveStep';
import { selectionOf, selectionSize } from './selection';
import type { ShareData } from './useShareData';

export type { ReplyDraft } from './exportDraft';

const PROTECTION_MESSAGE: Record<ProtectionProblem, string> = {
  'unlock-needed': 'share.unlock.needed',
  'no-own-key': 'share.protect.noOwnKey',
  short: 'share.protect.short',
  weak: 'share.protect.weak',
  estimating: 'share.protect.estimating',
  mismatch: 'share.protect.mismatch',
  'no-protection': 'share.protect.none',
};

/** The five steps that turn a case into a sanitised, signed package for a partner unit; the state lives in exportDraft.ts. */
export function ExportWizard({ data, reply, onGoToKeys }: { data: ShareData; reply: ReplyDraft | null; onGoToKeys(): void }) {
  const { t } = useI18n();
  const { caseRow, dataset, alerts } = useWorkspace();
  const [draft, dispatch] = useReducer(exportDraftReducer, null, () =>
    initialExportDraft(reply, { now: Date.now(), ownUnit: data.ownPublic?.unit, caseNumber: caseRow?.number, classification: caseRow?.classification, analyst: caseRow?.analyst }),
  );
  const { step, header } = draft;
  const [charts, setCharts] = useState<ChartInput[]>([]);

  useEffect(() => {
    if (!caseRow) return;
    let live = true;
    void database()
      .charts.where('caseId')
      .equals(caseRow.id)
      .toArray()
      .then((rows) => live && setCharts(rows.map((row) => ({ id: row.id, name: row.name, view: row.view, nodes: row.nodes }))));
    return () => {
      live = false;
    };
  }, [caseRow]);

  // The unit's own key may load after the wizard opened: its unit becomes the sender unless the analyst typed one.
  // (Only a non-empty unit: a new header object re-runs this effect.)
  useEffect(() => {
    if (data.ownPublic?.unit && !header.originatingUnit) dispatch({ type: 'header', header: { ...header, originatingUnit: data.ownPublic.unit } });
  }, [data.ownPublic, header]);

  const selection = useMemo(() => (dataset ? selectionOf(draft.choice, dataset, alerts) : null), [draft.choice, dataset, alerts]);
  const policyCheck = useMemo(() => SanitisationPolicySchema.safeParse(draft.policy), [draft.policy]);
  const strength = usePassphraseStrength(draft.usePassphrase ? draft.passphrase : '', [header.originatingUnit, header.recipientUnit, header.reference]);

  if (!caseRow || !dataset || !selection) return <p className="muted">{t('common.noCase')}</p>;
  if (caseRow.partnerPackageId) {
    return (
      <p className="share-warning" data-testid="share-export-partner-case">
        {t('share.export.partnerCase')}
      </p>
    );
  }

  const headerProblems = headerIssues(header, Date.now()).map((issue) =>
    issue.code === 'required'
      ? t('share.header.required', { field: t(`share.header.${issue.field}`) })
      : issue.code === 'reference-chars'
        ? t('share.header.referenceChars')
        : issue.code === 'expiry-past'
          ? t('share.header.expiryPast')
          : `${t(`share.header.${issue.field}`)}: ${issue.message}`,
  );
  const problemsOf: Record<ExportStep, string[]> = {
    content: selectionSize(selection) === 0 ? [t('share.content.empty')] : [],
    policy: policyCheck.success ? [] : policyCheck.error.issues.map((issue) => issue.message),
    header: headerProblems,
    protection: protectionProblems(draft, { ownKeysUnlocked: data.ownKeys !== null, ownKeyExists: data.ownPublic !== null }, strength).map((problem) => t(PROTECTION_MESSAGE[problem])),
    save: [],
  };
  const problemCounts = Object.fromEntries(EXPORT_STEPS.map((id) => [id, problemsOf[id].length])) as Record<ExportStep, number>;
  const stepIndex = EXPORT_STEPS.indexOf(step);
  const counts: SelectionCounts = { parties: selection.parties.length, accounts: selection.accounts.length, transactions: selection.transactions.length, alerts: selection.alerts.length, charts: selection.charts.length };

  return (
    <div className="share-wizard" data-testid="share-export">
      <ol className="share-steps">
        {EXPORT_STEPS.map((id, index) => (
          <li key={id} className={id === step ? 'current' : index < stepIndex ? 'done' : ''}>
            <button type="button" data-testid={`share-step-${id}`} disabled={!stepOpens(id, step, problemCounts)} onClick={() => dispatch({ type: 'go', step: id })}>
              {index + 1}. {t(`share.step.${id}`)}
            </button>
          </li>
        ))}
      </ol>

      {step === 'content' && <ContentStep alerts={alerts} charts={charts} dataset={dataset} choice={draft.choice} counts={counts} dispatch={dispatch} />}
      {step === 'policy' && <PolicyStep data={data} draft={draft} policyValid={policyCheck.success} dispatch={dispatch} />}
      {step === 'header' && <HeaderStep header={header} onChange={(next) => dispatch({ type: 'header', header: next })} />}
      {step === 'protection' && (
        <ProtectionStep
          data={data}
          onGoToKeys={onGoToKeys}
          usePassphrase={draft.usePassphrase}
          onUsePassphrase={(value) => dispatch({ type: 'use-passphrase', value })}
          passphrase={draft.passphrase}
          onPassphrase={(value) => dispatch({ type: 'passphrase', value })}
          passphraseAgain={draft.passphraseAgain}
          onPassphraseAgain={(value) => dispatch({ type: 'passphrase-again', value })}
          strength={strength}
          recipients={draft.recipients}
          onToggleRecipient={(id) => dispatch({ type: 'toggle-recipient', id })}
        />
      )}
      {step === 'save' && <SaveStep data={data} draft={draft} caseRow={caseRow} alerts={alerts} charts={charts} selection={selection} counts={counts} reply={reply} />}

      <datalist id="share-partner-units">
        {data.partners.map((partner) => (
          <option key={partner.id} value={partner.unit} />
        ))}
      </datalist>

      {problemsOf[step].length > 0 && (
        <ul className="share-problems" data-testid="share-problems">
          {problemsOf[step].map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="share-nav">
        <button type="button" disabled={stepIndex === 0} onClick={() => dispatch({ type: 'go', step: neighbourStep(step, -1) })}>
          {t('share.back')}
        </button>
        {step !== 'save' && (
          <button type="button" className="primary" data-testid="share-next" disabled={problemsOf[step].length > 0} onClick={() => dispatch({ type: 'go', step: neighbourStep(step, 1) })}>
            {t('share.next')}
          </button>
        )}
      </div>
    </div>
  );
}
