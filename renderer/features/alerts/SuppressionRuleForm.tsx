import { useState } from 'react';
import {
  ACCOUNT_ROLES,
  alertShapes,
  PAIR_RELATIONS,
  accountRoleName,
  pairRelationName,
  suggestTarget,
  type AccountRole,
  type PairRelation,
} from '../../../shared/detect/suppression';
import type { Alert } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';
import { detectionService } from './detectionService';
import { SuppressionRuleError } from './suppressionRepository';
import { typologyName } from './typologyNames';

/**
 * Offered on a dismissed alert: turn "this was a benign pattern" into a rule
 * (this account is a payroll hub, these two are family) so the same benign
 * shape stops taking the analyst's time. The alert is then counted as
 * suppressed, never dropped, and the rule can be undone from the rules list.
 */
export function SuppressionRuleForm({ alert, defaultNote }: { alert: Alert; defaultNote: string }) {
  const { t, language } = useI18n();
  const suggested = suggestTarget(alert);
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<AccountRole>('other');
  const [relation, setRelation] = useState<PairRelation>('other');
  const [onlyTheseShapes, setOnlyTheseShapes] = useState(true);
  const [scope, setScope] = useState<'case' | 'profile'>('case');
  const [note, setNote] = useState(defaultNote);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!suggested) return <p className="muted small" data-testid="suppress-unavailable">{t('alerts.suppress.unavailable')}</p>;
  const shapes = alertShapes(alert);

  const save = () => {
    setBusy(true);
    setError(null);
    const target = suggested.kind === 'account' ? { ...suggested, role } : { ...suggested, relation };
    detectionService
      .addRule({ target, typologies: onlyTheseShapes ? shapes : [], note, scope, createdFromAlert: alert.id })
      .then(() => setOpen(false))
      .catch((failure: unknown) => {
        if (failure instanceof SuppressionRuleError && failure.code === 'note_required') setError(t('alerts.suppress.noteRequired'));
        else setError(t('alerts.triage.error', { message: failure instanceof Error ? failure.message : String(failure) }));
      })
      .finally(() => setBusy(false));
  };

  if (!open) {
    return (
      <button type="button" data-testid="suppress-open" onClick={() => setOpen(true)}>
        {t('alerts.suppress.open')}
      </button>
    );
  }
  return (
    <div className="suppress-form" data-testid="suppress-form">
      <h5>{t('alerts.suppress.title')}</h5>
      {suggested.kind === 'account' ? (
        <label>
          {t('alerts.suppress.accountIs', { account: suggested.account })}
          <select data-testid="suppress-role" value={role} onChange={(event) => setRole(event.target.value as AccountRole)}>
            {ACCOUNT_ROLES.map((id) => (
              <option key={id} value={id}>
                {accountRoleName(id)[language]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {t('alerts.suppress.pairIs', { a: suggested.accounts[0], b: suggested.accounts[1] })}
          <select data-testid="suppress-relation" value={relation} onChange={(event) => setRelation(event.target.value as PairRelation)}>
            {PAIR_RELATIONS.map((id) => (
              <option key={id} value={id}>
                {pairRelationName(id)[language]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" data-testid="suppress-only-shapes" checked={onlyTheseShapes} onChange={(event) => setOnlyTheseShapes(event.target.checked)} />
        {t('alerts.suppress.onlyShapes', { shapes: shapes.map((id) => typologyName(id, language)).join(', ') })}
      </label>
      <fieldset className="suppress-scope">
        <legend>{t('alerts.suppress.scope')}</legend>
        <label className="checkbox">
          <input type="radio" name={`scope-${alert.id}`} checked={scope === 'case'} onChange={() => setScope('case')} data-testid="suppress-scope-case" />
          {t('alerts.suppress.scopeCase')}
        </label>
        <label className="checkbox">
          <input type="radio" name={`scope-${alert.id}`} checked={scope === 'profile'} onChange={() => setScope('profile')} data-testid="suppress-scope-profile" />
          {t('alerts.suppress.scopeProfile')}
        </label>
      </fieldset>
      <label htmlFor={`suppress-note-${alert.id}`}>{t('alerts.suppress.note')}</label>
      <textarea id={`suppress-note-${alert.id}`} data-testid="suppress-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      <p className="muted small">{t('alerts.suppress.hint')}</p>
      {error && (
        <p className="error" role="alert" data-testid="suppress-error">
          {error}
        </p>
      )}
      <div className="triage-actions">
        <button type="button" className="primary" data-testid="suppress-save" disabled={busy} onClick={save}>
          {t('alerts.suppress.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
