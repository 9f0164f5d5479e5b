import { useState, type Dispatch } from 'react';
import {
  FIELD_RULES,
  fieldEffect,
  linkageResistantPolicy,
  linkageWarnings,
  POLICY_KINDS,
  SavedPolicySchema,
  defaultPolicy,
  type FieldAction,
  type FieldRule,
  type SanitisationPolicy,
} from '../../../shared/package';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform } from '../../platform';
import type { ExportAction, ExportDraft } from './exportDraft';
import { savePolicy } from './store';
import { errorText, type ShareData } from './useShareData';

/**
 * Step 2 of the export wizard: what each field of each record becomes in the package (kept, pseudonymised,
 * generalised, dropped), with policies saved per partner, exported and imported as files.
 */
export function PolicyStep(props: { data: ShareData; draft: ExportDraft; policyValid: boolean; dispatch: Dispatch<ExportAction> }) {
  const { data, draft, policyValid, dispatch } = props;
  const { policy, policyName, header } = draft;
  const { t, language } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const setPolicy = (next: SanitisationPolicy) => dispatch({ type: 'policy', policy: next });
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
  const warnings = linkageWarnings(policy);
  const partner = header.recipientUnit.trim();
  return (
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
                setNotice(t('share.policy.loaded', { name: saved.name, partner: saved.partner }));
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
      {warnings.length > 0 && (
        <p className="share-warning" data-testid="share-policy-linkage-warning">
          {t('share.policy.linkageWarning', { fields: warnings.map((entry) => `${t(`share.kind.${entry.kind}`)} · ${t(`share.field.${entry.field}`)}`).join(', ') })}
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
                        onChange={(event) => dispatch({ type: 'field-action', kind, field, action: event.target.value as FieldAction })}
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
        <input placeholder={t('share.policy.name')} value={policyName} onChange={(event) => dispatch({ type: 'policy-name', name: event.target.value })} />
        <button
          type="button"
          disabled={!policyValid || !policyName.trim() || !partner}
          title={partner ? '' : t('share.policy.needPartner')}
          onClick={() =>
            void savePolicy(database(), { name: policyName, partner: header.recipientUnit, policy })
              .then(() => data.reload())
              .then(() => setNotice(t('share.policy.saved', { name: policyName, partner: header.recipientUnit })))
              .catch((reason: unknown) => setNotice(errorText(language, reason)))
          }
        >
          {t('share.policy.save', { partner: header.recipientUnit || '…' })}
        </button>
      </div>
      <label>
        {t('share.header.recipientUnit')}
        <input value={header.recipientUnit} list="share-partner-units" onChange={(event) => dispatch({ type: 'header', header: { ...header, recipientUnit: event.target.value } })} />
      </label>
      <div className="share-row">
        <button
          type="button"
          data-testid="share-policy-export"
          disabled={!policyValid}
          onClick={() => {
            const saved = { name: policyName.trim() || 'policy', partner: partner || 'any', policy };
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
                  .then(() => setNotice(t('share.policy.imported', { name: parsed.data.name, partner: parsed.data.partner })));
              })
              .catch((reason: unknown) => setNotice(t('share.policy.importRefused', { reason: errorText(language, reason) })))
          }
        />
      </div>
      {notice && (
        <p className="muted" data-testid="share-policy-notice">
          {notice}
        </p>
      )}
    </section>
  );
}
