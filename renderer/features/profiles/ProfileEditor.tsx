import { useMemo, useState, type ReactNode } from 'react';
import { TYPOLOGIES } from '../../../shared/detect';
import { ProfileError, type UnitProfile } from '../../../shared/profiles';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { profileChanges } from './profileEvents';
import { formToProfile, paramSpecs, parseDecimal, profileToForm, type ParamSpec, type ProfileForm, type ThresholdForm } from './profileForm';
import { labelIssue } from './issueLabels';
import { ProfileRepositoryError, saveCustomProfile } from './repository';
import { SensitivityFieldset } from './SensitivityFieldset';

export type EditorMode = 'view' | 'create' | 'update';

/** FATF revises its lists three times a year; older than this, the editor says so plainly. */
const LISTS_STALE_AFTER_MONTHS = 5;

export function DefaultBanner({ testId }: { testId?: string }) {
  const { t } = useI18n();
  return (
    <p className="banner banner-default default-banner" data-testid={testId ?? 'default-banner'}>
      ⚠ {t('profiles.defaultBanner')}
    </p>
  );
}

function Field({ label, hint, children, wide }: { label: string; hint?: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field${wide ? ' wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint muted small">{hint}</span>}
    </label>
  );
}

function monthsSince(isoDate: string, now: number): number {
  const then = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(then)) return 0;
  return (now - then) / (30.44 * 86_400_000);
}

function rangeText(spec: ParamSpec, number: (value: number, digits?: number) => string): string {
  const lower = spec.exclusiveMinimum !== undefined ? `> ${number(spec.exclusiveMinimum, 6)}` : spec.minimum !== undefined ? `≥ ${number(spec.minimum, 6)}` : '';
  const upper = spec.exclusiveMaximum !== undefined ? `< ${number(spec.exclusiveMaximum, 6)}` : spec.maximum !== undefined ? `≤ ${number(spec.maximum, 6)}` : '';
  return [lower, upper].filter(Boolean).join(', ');
}

interface ProfileEditorProps {
  profile: UnitProfile;
  mode: EditorMode;
  onSaved(profile: UnitProfile): void;
  onCancel?(): void;
  onCopy?(): void;
}

/** Every figure of a unit profile, editable for custom profiles, with a banner on each default the unit has not confirmed. */
export function ProfileEditor({ profile, mode, onSaved, onCancel, onCopy }: ProfileEditorProps) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const initial = useMemo(() => profileToForm(profile, language), [profile, language]);
  const [form, setForm] = useState<ProfileForm>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [errorHeading, setErrorHeading] = useState('');
  const [busy, setBusy] = useState(false);
  const readOnly = mode === 'view';
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const update = (changes: Partial<ProfileForm>) => setForm((current) => ({ ...current, ...changes }));
  const updateThreshold = (key: 'cash' | 'aggregate', changes: Partial<ThresholdForm>) =>
    setForm((current) => ({ ...current, [key]: { ...current[key], ...changes } }));

  const labelled = (issue: string) => labelIssue(issue, t, language);

  const save = () => {
    setErrors([]);
    const { candidate, unreadable } = formToProfile(form, language);
    if (unreadable.length > 0) {
      setErrorHeading(t('profiles.invalid'));
      setErrors(unreadable.map(({ path, text }) => labelled(`${path}: ${t('profiles.error.notNumber', { text })}`)));
      return;
    }
    setBusy(true);
    saveCustomProfile(database(), candidate, mode === 'create' ? 'create' : 'update')
      .then((saved) => {
        profileChanges.notify();
        onSaved(saved);
      })
      .catch((error: unknown) => {
        setErrorHeading(t('profiles.invalid'));
        if (error instanceof ProfileError) setErrors((error.issues.length > 0 ? error.issues : [error.message]).map(labelled));
        else if (error instanceof ProfileRepositoryError) setErrors([t(`profiles.error.${error.code}`, error.params)]);
        else setErrors([error instanceof Error ? error.message : String(error)]);
      })
      .finally(() => setBusy(false));
  };

  const months = monthsSince(form.asOf, Date.now());
  const thresholdFields = (key: 'cash' | 'aggregate', testPrefix: string) => {
    const value = form[key];
    const amount = parseDecimal(value.amount, language);
    return (
      <div className="threshold" data-testid={`${testPrefix}-threshold`}>
        {!value.confirmed && <DefaultBanner testId={`${testPrefix}-default-banner`} />}
        <div className="field-row">
          <Field label={t('profiles.field.amount')} hint={Number.isNaN(amount) ? undefined : t('profiles.equals', { amount: i18n.amount(amount, value.currency || undefined) })}>
            <input
              type="text"
              inputMode="decimal"
              data-testid={`${testPrefix}-amount`}
              value={value.amount}
              disabled={readOnly}
              onChange={(event) => updateThreshold(key, { amount: event.target.value })}
            />
          </Field>
          <Field label={t('profiles.field.thresholdCurrency')}>
            <input type="text" className="code" maxLength={3} value={value.currency} disabled={readOnly} onChange={(event) => updateThreshold(key, { currency: event.target.value })} />
          </Field>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid={`${testPrefix}-confirmed`}
              checked={value.confirmed}
              disabled={readOnly}
              onChange={(event) => updateThreshold(key, { confirmed: event.target.checked })}
            />
            {t('profiles.field.confirmed')}
          </label>
        </div>
        <Field label={t('profiles.field.note')} wide>
          <textarea rows={2} value={value.note} disabled={readOnly} onChange={(event) => updateThreshold(key, { note: event.target.value })} />
        </Field>
      </div>
    );
  };

  return (
    <div className="profile-editor" data-testid="profile-editor" data-mode={mode} data-profile-id={profile.id}>
      <header className="profile-editor-header">
        <div>
          <h3>{form.name || profile.name}</h3>
          <p className="muted small mono">{form.id}</p>
        </div>
        <div className="profile-editor-actions">
          {readOnly ? (
            onCopy && (
              <button type="button" className="primary" data-testid="editor-copy" onClick={onCopy}>
                {t('profiles.copy')}
              </button>
            )
          ) : (
            <>
              {dirty && <span className="muted small">{t('profiles.unsaved')}</span>}
              {(dirty || mode === 'create') && (
                <button
                  type="button"
                  data-testid="profile-revert"
                  onClick={() => {
                    setForm(initial);
                    setErrors([]);
                    onCancel?.();
                  }}
                >
                  {mode === 'create' ? t('common.cancel') : t('profiles.revert')}
                </button>
              )}
              <button type="button" className="primary" data-testid="profile-save" disabled={busy || (!dirty && mode !== 'create')} onClick={save}>
                {t('common.save')}
              </button>
            </>
          )}
        </div>
      </header>
      {readOnly && <p className="banner banner-info">{t('profiles.readOnly')}</p>}
      {errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="profile-errors">
          <p>{errorHeading}</p>
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}

      <fieldset disabled={readOnly}>
        <legend>{t('profiles.section.identity')}</legend>
        <div className="field-grid">
          <Field label={t('profiles.field.id')} hint={mode === 'create' ? t('profiles.field.idHint') : undefined}>
            <input type="text" className="mono" data-testid="profile-id" value={form.id} disabled={mode !== 'create'} onChange={(event) => update({ id: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.name')}>
            <input type="text" data-testid="profile-name" value={form.name} onChange={(event) => update({ name: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.unit')}>
            <input type="text" value={form.unit} onChange={(event) => update({ unit: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.country')}>
            <input type="text" className="code" maxLength={2} value={form.country} onChange={(event) => update({ country: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.currency')}>
            <input type="text" className="code" maxLength={3} data-testid="profile-currency" value={form.currency} onChange={(event) => update({ currency: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.language')}>
            <select value={form.language} onChange={(event) => update({ language: event.target.value === 'en' ? 'en' : 'es' })}>
              <option value="es">{t('profiles.language.es')}</option>
              <option value="en">{t('profiles.language.en')}</option>
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{t('profiles.section.thresholds')}</legend>
        <h4>{t('profiles.field.cashThreshold')}</h4>
        {thresholdFields('cash', 'cash')}
        <label className="checkbox">
          <input type="checkbox" checked={form.hasAggregate} data-testid="has-aggregate" onChange={(event) => update({ hasAggregate: event.target.checked })} />
          {t('profiles.field.hasAggregate')}
        </label>
        {form.hasAggregate && (
          <>
            <h4>{t('profiles.field.aggregateThreshold')}</h4>
            {thresholdFields('aggregate', 'aggregate')}
          </>
        )}
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{t('profiles.section.fx')}</legend>
        {!form.fxConfirmed && <DefaultBanner testId="fx-default-banner" />}
        <div className="fx-grid">
          {form.fx.map((row, position) => (
            <div key={position} className="fx-row">
              <input
                type="text"
                className="code"
                maxLength={3}
                aria-label={t('profiles.field.thresholdCurrency')}
                value={row.currency}
                onChange={(event) => update({ fx: form.fx.map((item, index) => (index === position ? { ...item, currency: event.target.value } : item)) })}
              />
              <input
                type="text"
                inputMode="decimal"
                aria-label={t('profiles.field.rate')}
                value={row.rate}
                onChange={(event) => update({ fx: form.fx.map((item, index) => (index === position ? { ...item, rate: event.target.value } : item)) })}
              />
              {!readOnly && (
                <button type="button" className="link-button" onClick={() => update({ fx: form.fx.filter((_, index) => index !== position) })}>
                  {t('profiles.field.removeCurrency')}
                </button>
              )}
            </div>
          ))}
        </div>
        {!readOnly && (
          <button type="button" onClick={() => update({ fx: [...form.fx, { currency: '', rate: '' }] })}>
            {t('profiles.field.addCurrency')}
          </button>
        )}
        <div className="field-row">
          <label className="checkbox">
            <input type="checkbox" data-testid="fx-confirmed" checked={form.fxConfirmed} onChange={(event) => update({ fxConfirmed: event.target.checked })} />
            {t('profiles.field.fxConfirmed')}
          </label>
        </div>
        <Field label={t('profiles.field.fxNote')} wide>
          <textarea rows={2} value={form.fxNote} onChange={(event) => update({ fxNote: event.target.value })} />
        </Field>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{t('profiles.section.jurisdictions')}</legend>
        <p className={`banner ${months > LISTS_STALE_AFTER_MONTHS ? 'banner-default' : 'banner-info'}`} data-testid="lists-age">
          {months > LISTS_STALE_AFTER_MONTHS
            ? t('profiles.listsOld', { months: LISTS_STALE_AFTER_MONTHS, date: form.asOf })
            : t('profiles.listsAge', { date: form.asOf })}
        </p>
        <div className="field-grid">
          <Field label={t('profiles.field.asOf')}>
            <input type="date" data-testid="lists-as-of" value={form.asOf} onChange={(event) => update({ asOf: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.jurisdictionSource')} wide>
            <textarea rows={2} value={form.jurisdictionSource} onChange={(event) => update({ jurisdictionSource: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.highRisk')} hint={t('profiles.field.codesHint')} wide>
            <input type="text" className="mono" value={form.highRisk} onChange={(event) => update({ highRisk: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.monitored')} hint={t('profiles.field.codesHint')} wide>
            <textarea rows={2} className="mono" value={form.monitored} onChange={(event) => update({ monitored: event.target.value })} />
          </Field>
          <Field label={t('profiles.field.unitAdded')} hint={t('profiles.field.codesHint')} wide>
            <input type="text" className="mono" value={form.unitAdded} onChange={(event) => update({ unitAdded: event.target.value })} />
          </Field>
        </div>
      </fieldset>

      <SensitivityFieldset value={form.sensitivity} readOnly={readOnly} onChange={(sensitivity) => update({ sensitivity })} />
      <fieldset disabled={readOnly}>
        <legend>{t('profiles.section.typologies')}</legend>
        {TYPOLOGIES.map((typology) => {
          const enabled = !form.disabled.includes(typology.id);
          const specs = paramSpecs(typology.params);
          const values = form.params[typology.id] ?? {};
          const setValue = (key: string, value: string | boolean) =>
            setForm((current) => ({ ...current, params: { ...current.params, [typology.id]: { ...(current.params[typology.id] ?? {}), [key]: value } } }));
          return (
            <div key={typology.id} className={`typology-settings${enabled ? '' : ' off'}`} data-testid={`typology-${typology.id}`}>
              <div className="typology-heading">
                <strong>{typology.names[language]}</strong>
                <label className="checkbox small">
                  <input
                    type="checkbox"
                    checked={enabled}
                    data-testid={`typology-enabled-${typology.id}`}
                    onChange={(event) =>
                      update({ disabled: event.target.checked ? form.disabled.filter((id) => id !== typology.id) : [...form.disabled, typology.id] })
                    }
                  />
                  {t('profiles.typology.enabled')}
                </label>
              </div>
              <p className="muted small">{typology.description[language]}</p>
              {specs.length === 0 ? (
                <p className="muted small">{t('profiles.typology.noParams')}</p>
              ) : (
                <div className="param-grid">
                  {specs.map((spec) => (
                    <ParamInput key={spec.key} typologyId={typology.id} spec={spec} value={values[spec.key]} disabled={readOnly || !enabled} onChange={(value) => setValue(spec.key, value)} rangeText={rangeText(spec, i18n.number)} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function ParamInput({
  typologyId,
  spec,
  value,
  disabled,
  onChange,
  rangeText: range,
}: {
  typologyId: string;
  spec: ParamSpec;
  value: string | boolean | undefined;
  disabled: boolean;
  onChange(value: string | boolean): void;
  rangeText: string;
}) {
  const { t, number } = useI18n();
  const labelKey = `profiles.param.${spec.key}`;
  const translated = t(labelKey);
  // A parameter added to a detector after this catalogue was written still reads as words, not as an identifier.
  const label = translated === labelKey ? spec.key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase() : translated;
  const defaultText =
    typeof spec.defaultValue === 'number' ? number(spec.defaultValue, 6) : Array.isArray(spec.defaultValue) ? spec.defaultValue.join(', ') : String(spec.defaultValue ?? '—');
  // The JSON key is shown too: it is what the unit sees when it exchanges profile files.
  const hint = [t('profiles.typology.default', { value: defaultText }), range ? t('profiles.typology.range', { range }) : '', spec.key].filter(Boolean).join(' · ');
  const testId = `param-${typologyId}-${spec.key}`;
  if (spec.kind === 'boolean') {
    return (
      <label className="checkbox" title={spec.description ?? spec.key}>
        <input type="checkbox" data-testid={testId} checked={Boolean(value)} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
    );
  }
  return (
    <label className="field" title={spec.description ?? spec.key}>
      <span className="field-label">{label}</span>
      {spec.kind === 'enum' ? (
        <select data-testid={testId} value={String(value ?? '')} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
          {(spec.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          type="text"
          inputMode={spec.kind === 'number' || spec.kind === 'integer' ? 'decimal' : 'text'}
          data-testid={testId}
          value={String(value ?? '')}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <span className="field-hint muted small">{hint}</span>
    </label>
  );
}
