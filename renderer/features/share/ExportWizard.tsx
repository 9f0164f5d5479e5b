import { useEffect, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_CAVEAT,
  FIELD_RULES,
  fieldEffect,
  linkageResistantPolicy,
  linkageWarnings,
  POLICY_KINDS,
  SanitisationPolicySchema,
  SavedPolicySchema,
  defaultPolicy,
  type ChartInput,
  type FieldAction,
  type FieldRule,
  type PolicyKind,
  type SanitisationPolicy,
  type SharedHit,
} from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { typologyName } from '../alerts/typologyNames';
import { FilePicker, platform } from '../../platform';
import { RECORD_GROUPS, emptyChoice, selectionOf, selectionSize, type ContentChoice, type GroupMode, type RecordGroup } from './selection';
import { CancelledError, buildInWorker, type BuildTask, type Progress } from './packageClient';
import { usePassphraseStrength } from './PassphraseMeter';
import { ProtectionStep } from './ProtectionStep';
import { HeaderStep } from './HeaderStep';
import { headerFromDraft, headerIssues, type HeaderDraft } from './headerDraft';
import { ProgressLine } from './ProgressLine';
import { savePolicy } from './store';
import { prepareExportCustody } from '../audit/custodyFiles';
import { ExportCustodyNotice } from '../audit/ExportCustodyNotice';
import { errorText, type ShareData } from './useShareData';

const STEPS = ['content', 'policy', 'header', 'protection', 'save'] as const;
type Step = (typeof STEPS)[number];
const DAY = 86_400_000;
const PICK_LIMIT = 300;

/** A reply built from match hits: the wizard starts with these records and carries the hits. */
export interface ReplyDraft {
  picked: Record<RecordGroup, string[]>;
  hits: SharedHit[];
  inReplyTo: string;
  recipientUnit: string;
}


const isoDay = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 10);

export function ExportWizard({ data, reply, onGoToKeys }: { data: ShareData; reply: ReplyDraft | null; onGoToKeys(): void }) {
  const { t, language, number: formatNumber } = useI18n();
  const { caseRow, dataset, alerts } = useWorkspace();
  const [step, setStep] = useState<Step>('content');
  const [choice, setChoice] = useState<ContentChoice>(() =>
    reply ? { ...emptyChoice(), modes: { parties: 'pick', accounts: 'pick', transactions: 'none' }, picked: reply.picked } : emptyChoice(),
  );
  const [charts, setCharts] = useState<ChartInput[]>([]);
  const [policy, setPolicy] = useState<SanitisationPolicy>(defaultPolicy);
  const [header, setHeader] = useState<HeaderDraft>(() => ({
    originatingUnit: data.ownPublic?.unit ?? '',
    recipientUnit: reply?.recipientUnit ?? '',
    reference: `${caseRow?.number ?? 'CASE'}-${isoDay(Date.now()).replace(/-/g, '')}`,
    purpose: '',
    legalBasis: '',
    classification: caseRow?.classification || 'RESERVADO',
    caveatEn: DEFAULT_CAVEAT.en,
    caveatEs: DEFAULT_CAVEAT.es,
    expires: isoDay(Date.now() + 90 * DAY),
    contact: caseRow?.analyst ?? '',
    inReplyTo: reply?.inReplyTo ?? '',
  }));
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  const [usePassphrase, setUsePassphrase] = useState(true);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ fileName: string; sha256: string; saved: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [policyName, setPolicyName] = useState('');
  const [policyNotice, setPolicyNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const taskRef = useRef<BuildTask | null>(null);
  useEffect(() => () => taskRef.current?.cancel(), []);

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

  useEffect(() => {
    if (data.ownPublic && !header.originatingUnit) setHeader((current) => ({ ...current, originatingUnit: data.ownPublic?.unit ?? '' }));
  }, [data.ownPublic, header.originatingUnit]);

  const selection = useMemo(() => (dataset ? selectionOf(choice, dataset, alerts) : null), [choice, dataset, alerts]);
  const policyCheck = useMemo(() => SanitisationPolicySchema.safeParse(policy), [policy]);
  const strength = usePassphraseStrength(usePassphrase ? passphrase : '', [header.originatingUnit, header.recipientUnit, header.reference]);

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

  const protectionProblems: string[] = [];
  if (!data.ownKeys) protectionProblems.push(data.ownPublic ? t('share.unlock.needed') : t('share.protect.noOwnKey'));
  if (usePassphrase && passphrase.length < 12) protectionProblems.push(t('share.protect.short'));
  else if (usePassphrase && !strength?.acceptable) protectionProblems.push(strength ? t('share.protect.weak') : t('share.protect.estimating'));
  if (usePassphrase && passphrase !== passphraseAgain) protectionProblems.push(t('share.protect.mismatch'));
  if (!usePassphrase && recipients.length === 0) protectionProblems.push(t('share.protect.none'));

  const problemsOf: Record<Step, string[]> = {
    content: selectionSize(selection) === 0 ? [t('share.content.empty')] : [],
    policy: policyCheck.success ? [] : policyCheck.error.issues.map((issue) => issue.message),
    header: headerProblems,
    protection: protectionProblems,
    save: [],
  };
  const stepIndex = STEPS.indexOf(step);
  const canAdvance = problemsOf[step].length === 0;

  const effectText = (effect: ReturnType<typeof fieldEffect>): string => {
    switch (effect.effect) {
      case 'keep-derived':
        return t('share.effect.keep-derived', { sources: effect.sources.map((source) => t(`share.domain.${source}`)).join(', ') });
      case 'pseudonymise':
        return t('share.effect.pseudonymise', { domain: t(`share.domain.${effect.domain}`) });
      case 'generalise':
        return t(`share.effect.generalise.${effect.generaliser}`);
      default:
        return t(`share.effect.${effect.effect}`);
    }
  };
  const setMode = (group: RecordGroup, mode: GroupMode) => setChoice((current) => ({ ...current, modes: { ...current.modes, [group]: mode } }));
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((item) => item !== id) : [...list, id]);

  const save = async () => {
    if (!data.ownKeys) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const parsedPolicy = SanitisationPolicySchema.parse(policy);
      const task = buildInWorker(
        {
          caseId: caseRow.id,
          alerts: alerts.filter((alert) => selection.alerts.includes(alert.id)),
          charts: charts.filter((chart) => selection.charts.includes(chart.id)),
          selection,
          policy: parsedPolicy,
          header: headerFromDraft(header, Date.now()),
          sender: data.ownKeys,
          ...(usePassphrase ? { passphrase } : {}),
          recipients: data.partners.filter((partner) => recipients.includes(partner.id)).map((partner) => partner.keys),
          hits: reply?.hits ?? [],
        },
        setProgress,
      );
      taskRef.current = task;
      const built = await task.result;
      const saved = await platform.saveFile({
        suggestedName: built.fileName,
        data: built.bytes,
        mimeType: 'application/zip',
        filters: [{ name: 'Caudal package', extensions: ['caudal'] }],
      });
      // Issue 12: the analyst's detached signature, offered to save beside the package (no manifest: it would name what the package hides).
      if (saved.saved) await prepareExportCustody(database(), { caseId: caseRow.id, profileId: caseRow.profileId, fileName: built.fileName, data: built.bytes, withManifest: false });
      setResult({ fileName: built.fileName, sha256: built.sha256, saved: saved.saved });
    } catch (reason) {
      setError(reason instanceof CancelledError ? t('share.progress.cancelled') : errorText(reason));
    } finally {
      taskRef.current = null;
      setBusy(false);
      setProgress(null);
    }
  };

  const counts = { parties: selection.parties.length, accounts: selection.accounts.length, transactions: selection.transactions.length, alerts: selection.alerts.length, charts: selection.charts.length };

  return (
    <div className="share-wizard" data-testid="share-export">
      <ol className="share-steps">
        {STEPS.map((id, index) => (
          <li key={id} className={id === step ? 'current' : index < stepIndex ? 'done' : ''}>
            <button type="button" data-testid={`share-step-${id}`} disabled={index > stepIndex && STEPS.slice(0, index).some((earlier) => problemsOf[earlier].length > 0)} onClick={() => setStep(id)}>
              {index + 1}. {t(`share.step.${id}`)}
            </button>
          </li>
        ))}
      </ol>

      {step === 'content' && (
        <section className="panel share-section">
          <h3>{t('share.content.title')}</h3>
          <p className="muted">{t('share.content.intro')}</p>
          <h4>{t('share.content.alerts', { count: alerts.length })}</h4>
          {alerts.length === 0 ? (
            <p className="muted">{t('share.content.noAlerts')}</p>
          ) : (
            <ul className="share-checklist">
              {[...alerts].sort((a, b) => b.score - a.score).slice(0, PICK_LIMIT).map((alert) => (
                <li key={alert.id}>
                  <label>
                    <input type="checkbox" checked={choice.alerts.includes(alert.id)} onChange={() => setChoice((current) => ({ ...current, alerts: toggle(current.alerts, alert.id) }))} />
                    <strong>{typologyName(alert.typology, language)}</strong> · {formatNumber(alert.score)} · {alert.explanation[language]}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {charts.length > 0 && (
            <>
              <h4>{t('share.content.charts')}</h4>
              <ul className="share-checklist">
                {charts.map((chart) => (
                  <li key={chart.id}>
                    <label>
                      <input type="checkbox" checked={choice.charts.includes(chart.id)} onChange={() => setChoice((current) => ({ ...current, charts: toggle(current.charts, chart.id) }))} />
                      {chart.name} ({formatNumber(chart.nodes.length)})
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
          {RECORD_GROUPS.map((group) => (
            <GroupPicker
              key={group}
              group={group}
              records={dataset[group].map((record) => ({ id: record.id, label: labelOf(group, record as unknown as Record<string, unknown>) }))}
              mode={choice.modes[group]}
              picked={choice.picked[group]}
              chosen={counts[group]}
              onMode={(mode) => setMode(group, mode)}
              onPicked={(ids) => setChoice((current) => ({ ...current, picked: { ...current.picked, [group]: ids } }))}
            />
          ))}
          <p className="share-summary" data-testid="share-selection-summary">
            {t('share.content.summary', counts)}
          </p>
        </section>
      )}

      {step === 'policy' && (
        <section className="panel share-section">
          <h3>{t('share.policy.title')}</h3>
          <p className="muted">{t('share.policy.intro')}</p>
          <div className="share-row">
            <label>
              {t('share.policy.load')}
              <select
                data-testid="share-policy-load"
                value=""
                onChange={(event) => {
                  const saved = data.policies.find((entry) => entry.id === event.target.value);
                  if (saved) {
                    setPolicy(saved.policy);
                    setPolicyNotice(t('share.policy.loaded', { name: saved.name, partner: saved.partner }));
                  }
                }}
              >
                <option value="">{t('share.policy.choose')}</option>
                {data.policies.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.partner} — {entry.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setPolicy(defaultPolicy())}>
              {t('share.policy.reset')}
            </button>
            <button type="button" data-testid="share-policy-linkage-preset" onClick={() => setPolicy(linkageResistantPolicy())}>
              {t('share.policy.linkagePreset')}
            </button>
          </div>
          {linkageWarnings(policy).length > 0 && (
            <p className="share-warning" data-testid="share-policy-linkage-warning">
              {t('share.policy.linkageWarning', { fields: linkageWarnings(policy).map((entry) => `${t(`share.kind.${entry.kind}`)} · ${t(`share.field.${entry.field}`)}`).join(', ') })}
            </p>
          )}
          <div className="share-policy-grid">
            {POLICY_KINDS.filter((kind) => kind !== 'shipment').map((kind) => (
              <table key={kind} className="data share-policy">
                <caption>{t(`share.kind.${kind}`)}</caption>
                <tbody>
                  {Object.entries(FIELD_RULES[kind] as Record<string, FieldRule>).map(([field, rule]) => {
                    const value: FieldAction = (policy.fields[kind][field] as FieldAction | undefined) ?? rule.default;
                    return (
                      <tr key={field}>
                        <td>
                          {t(`share.field.${field}`)}
                          {rule.freeText && value === 'keep' && <span className="share-freetext"> ⚠ {t('share.policy.freeText')}</span>}
                        </td>
                        <td>
                          <select
                            data-testid={`share-policy-${kind}-${field}`}
                            value={value}
                            disabled={rule.allowed.length === 1}
                            onChange={(event) => setPolicy((current) => withAction(current, kind, field, event.target.value as FieldAction))}
                          >
                            {rule.allowed.map((action) => (
                              <option key={action} value={action}>
                                {t(`share.action.${action}`)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td className="muted share-effect" data-testid={`share-policy-effect-${kind}-${field}`}>
                          {effectText(fieldEffect(kind, field, value))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ))}
          </div>
          <div className="share-row">
            <input placeholder={t('share.policy.name')} value={policyName} onChange={(event) => setPolicyName(event.target.value)} />
            <button
              type="button"
              disabled={!policyCheck.success || !policyName.trim() || !header.recipientUnit.trim()}
              title={header.recipientUnit.trim() ? '' : t('share.policy.needPartner')}
              onClick={() =>
                void savePolicy(database(), { name: policyName, partner: header.recipientUnit, policy })
                  .then(() => data.reload())
                  .then(() => setPolicyNotice(t('share.policy.saved', { name: policyName, partner: header.recipientUnit })))
                  .catch((reason: unknown) => setPolicyNotice(errorText(reason)))
              }
            >
              {t('share.policy.save', { partner: header.recipientUnit || '…' })}
            </button>
          </div>
          <label>
            {t('share.header.recipientUnit')}
            <input value={header.recipientUnit} list="share-partner-units" onChange={(event) => setHeader({ ...header, recipientUnit: event.target.value })} />
          </label>
          <div className="share-row">
            <button
              type="button"
              data-testid="share-policy-export"
              disabled={!policyCheck.success}
              onClick={() => {
                const saved = { name: policyName.trim() || 'policy', partner: header.recipientUnit.trim() || 'any', policy };
                void platform.saveFile({
                  suggestedName: `${saved.partner}-${saved.name}.caudal-policy.json`.replace(/[^\p{L}\p{N}._-]+/gu, '-'),
                  data: `${JSON.stringify(saved, null, 2)}\n`,
                  mimeType: 'application/json',
                  filters: [{ name: 'Caudal policy', extensions: ['json'] }],
                });
              }}
            >
              {t('share.policy.exportFile')}
            </button>
            <FilePicker
              accept={['.json']}
              label={t('share.policy.importFile')}
              testId="share-policy-file"
              onFiles={(files) =>
                void files[0]?.blob
                  .text()
                  .then((text) => {
                    const parsed = SavedPolicySchema.safeParse(JSON.parse(text));
                    if (!parsed.success) {
                      const issue = parsed.error.issues[0];
                      throw new Error(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
                    }
                    setPolicy(parsed.data.policy);
                    return savePolicy(database(), parsed.data)
                      .then(() => data.reload())
                      .then(() => setPolicyNotice(t('share.policy.imported', { name: parsed.data.name, partner: parsed.data.partner })));
                  })
                  .catch((reason: unknown) => setPolicyNotice(t('share.policy.importRefused', { reason: errorText(reason) })))
              }
            />
          </div>
          {policyNotice && (
            <p className="muted" data-testid="share-policy-notice">
              {policyNotice}
            </p>
          )}
        </section>
      )}

      {step === 'header' && <HeaderStep header={header} onChange={setHeader} />}

      {step === 'protection' && (
        <ProtectionStep
          data={data}
          onGoToKeys={onGoToKeys}
          usePassphrase={usePassphrase}
          onUsePassphrase={setUsePassphrase}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          passphraseAgain={passphraseAgain}
          onPassphraseAgain={setPassphraseAgain}
          strength={strength}
          recipients={recipients}
          onToggleRecipient={(id) => setRecipients((current) => toggle(current, id))}
        />
      )}

      {step === 'save' && (
        <section className="panel share-section">
          <h3>{t('share.save.title')}</h3>
          <dl className="share-dl">
            <dt>{t('share.header.recipientUnit')}</dt>
            <dd>{header.recipientUnit}</dd>
            <dt>{t('share.header.reference')}</dt>
            <dd>{header.reference}</dd>
            <dt>{t('share.header.classification')}</dt>
            <dd>{header.classification}</dd>
            <dt>{t('share.header.expires')}</dt>
            <dd>{header.expires}</dd>
            <dt>{t('share.step.content')}</dt>
            <dd>{t('share.content.summary', counts)}</dd>
            <dt>{t('share.save.protection')}</dt>
            <dd>
              {[usePassphrase ? t('share.protect.passphrase') : null, ...data.partners.filter((partner) => recipients.includes(partner.id)).map((partner) => partner.unit)].filter(Boolean).join(' · ')}
            </dd>
          </dl>
          <p className="share-caveat-preview">{language === 'es' ? header.caveatEs : header.caveatEn}</p>
          <button type="button" className="primary" data-testid="share-save" disabled={busy} onClick={() => void save()}>
            {busy ? t('share.save.busy') : t('share.save.button')}
          </button>
          {busy && <ProgressLine progress={progress} onCancel={() => taskRef.current?.cancel()} />}
          {result && (
            <p className="share-ok" data-testid="share-export-done">
              {result.saved ? t('share.save.done', { file: result.fileName }) : t('share.save.cancelled')} <code>SHA-256 {result.sha256.slice(0, 16)}…</code>
            </p>
          )}
          <ExportCustodyNotice />
          {error && (
            <p className="error" role="alert" data-testid="share-export-error">
              {error}
            </p>
          )}
        </section>
      )}

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
        <button type="button" disabled={stepIndex === 0} onClick={() => setStep(STEPS[stepIndex - 1] ?? 'content')}>
          {t('share.back')}
        </button>
        {step !== 'save' && (
          <button type="button" className="primary" data-testid="share-next" disabled={!canAdvance} onClick={() => setStep(STEPS[stepIndex + 1] ?? 'save')}>
            {t('share.next')}
          </button>
        )}
      </div>
    </div>
  );
}

function withAction(policy: SanitisationPolicy, kind: PolicyKind, field: string, action: FieldAction): SanitisationPolicy {
  return { ...policy, fields: { ...policy.fields, [kind]: { ...policy.fields[kind], [field]: action } } };
}

function labelOf(group: RecordGroup, record: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  if (group === 'parties') return `${text(record.name)} · ${text(record.idNumber) || text(record.id)}`;
  if (group === 'accounts') return `${text(record.id)} · ${text(record.holderName)} ${text(record.institution)}`;
  return `${text(record.id)} · ${text(record.fromAccount)} → ${text(record.toAccount)} · ${text(record.amount)} ${text(record.currency)}`;
}

function GroupPicker(props: {
  group: RecordGroup;
  records: { id: string; label: string }[];
  mode: GroupMode;
  picked: string[];
  chosen: number;
  onMode(mode: GroupMode): void;
  onPicked(ids: string[]): void;
}) {
  const { t, number: formatNumber } = useI18n();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => props.records.filter((record) => !needle || record.label.toLowerCase().includes(needle)).slice(0, PICK_LIMIT), [props.records, needle]);
  const picked = new Set(props.picked);
  return (
    <fieldset className="share-group">
      <legend>
        {t(`share.group.${props.group}`)} ({formatNumber(props.chosen)} / {formatNumber(props.records.length)})
      </legend>
      <div className="share-row">
        {(['none', 'alerts', 'all', 'pick'] as const).map((mode) => (
          <label key={mode} className="share-check">
            <input type="radio" name={`share-mode-${props.group}`} data-testid={`share-mode-${props.group}-${mode}`} checked={props.mode === mode} onChange={() => props.onMode(mode)} />
            {t(`share.mode.${mode}`)}
          </label>
        ))}
      </div>
      {props.mode === 'pick' && (
        <>
          <input className="share-filter" placeholder={t('share.content.filter')} value={filter} onChange={(event) => setFilter(event.target.value)} />
          <ul className="share-checklist">
            {shown.map((record) => (
              <li key={record.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.has(record.id)}
                    onChange={() => props.onPicked(picked.has(record.id) ? props.picked.filter((id) => id !== record.id) : [...props.picked, record.id])}
                  />
                  {record.label}
                </label>
              </li>
            ))}
          </ul>
          {props.records.length > shown.length && <p className="muted">{t('share.content.more', { shown: shown.length })}</p>}
        </>
      )}
    </fieldset>
  );
}
