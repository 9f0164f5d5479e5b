import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { BUILTIN_PROFILES } from '../../../shared/profiles/builtin';
import type { UnitProfile } from '../../../shared/profiles/schema';
import { useWorkspace } from '../../app/workspace';
import { CaseValidationError, CLASSIFICATIONS, createCase, deleteCase, listCases } from '../../db/cases';
import { database } from '../../db/database';
import type { CaseRow } from '../../db/schema';
import { sweepOnce } from '../../db/startup';
import { useI18n } from '../../i18n/I18nProvider';
import { DemoCaseButton } from './DemoCaseButton';
import './cases.css';

interface ProfileChoice {
  id: string;
  label: string;
}

function useProfiles(): { choices: ProfileChoice[]; labelOf(id: string): string } {
  const { t } = useI18n();
  const [custom, setCustom] = useState<UnitProfile[]>([]);
  useEffect(() => {
    let live = true;
    void database()
      .profiles.toArray()
      .then((rows) => live && setCustom(rows.map((row) => row.profile)));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const builtinIds = new Set(BUILTIN_PROFILES.map((profile) => profile.id));
    const choices: ProfileChoice[] = [
      ...BUILTIN_PROFILES.map((profile) => ({ id: profile.id, label: profile.name })),
      ...custom.filter((profile) => !builtinIds.has(profile.id)).map((profile) => ({ id: profile.id, label: t('cases.create.customProfile', { name: profile.name }) })),
    ];
    const byId = new Map(choices.map((choice) => [choice.id, choice.label]));
    return { choices, labelOf: (id: string) => byId.get(id) ?? id };
  }, [custom, t]);
}

export function CasesView() {
  const { t, dateTime } = useI18n();
  const { caseRow, openCase } = useWorkspace();
  const [cases, setCases] = useState<CaseRow[] | null>(null);
  const [swept, setSwept] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const profiles = useProfiles();

  const reload = useCallback(async () => {
    setCases(await listCases(database()));
  }, []);

  useEffect(() => {
    void sweepOnce(database()).then((count) => {
      setSwept(count);
      return reload();
    });
  }, [reload]);

  const remove = async (row: CaseRow) => {
    await deleteCase(database(), row.id);
    setConfirmDelete(null);
    if (caseRow?.id === row.id) await openCase(null);
    await reload();
  };

  return (
    <div className="cases-view">
      <section className="panel demo-panel">
        <div>
          <h2>{t('cases.demo.title')}</h2>
          <p className="muted">{t('cases.demo.text')}</p>
        </div>
        <DemoCaseButton />
      </section>

      {swept > 0 && (
        <p className="notice" data-testid="sweep-notice">
          {t('cases.sweep', { count: swept })}
        </p>
      )}

      <section className="panel">
        <h2>{t('cases.list.title')}</h2>
        <p className="muted">{t('cases.intro')}</p>
        {cases === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : cases.length === 0 ? (
          <p className="muted" data-testid="cases-empty">
            {t('cases.list.empty')}
          </p>
        ) : (
          <table className="data" data-testid="cases-table">
            <thead>
              <tr>
                <th>{t('cases.col.number')}</th>
                <th>{t('cases.col.name')}</th>
                <th>{t('cases.col.unit')}</th>
                <th>{t('cases.col.classification')}</th>
                <th>{t('cases.col.updated')}</th>
                <th>{t('cases.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((row) => (
                <tr key={row.id} data-testid="case-row" data-case-number={row.number} className={row.id === caseRow?.id ? 'current' : ''}>
                  <td>
                    <strong>{row.number}</strong>
                  </td>
                  <td>
                    {row.name}
                    {row.partnerPackageId && (
                      <span className="partner-tag" data-testid="case-partner-tag" title={t('cases.partnerTagHint')}>
                        {t('cases.partnerTag')}
                      </span>
                    )}
                  </td>
                  <td>{profiles.labelOf(row.profileId)}</td>
                  <td>
                    <span className="classification">{row.classification}</span>
                  </td>
                  <td>{dateTime(row.updatedAt)}</td>
                  <td>
                    <div className="actions">
                    {confirmDelete === row.id ? (
                      <span className="confirm" role="alertdialog">
                        <span>{t('cases.delete.confirm', { number: row.number })}</span>
                        <button type="button" className="danger" data-testid="case-delete-confirm" onClick={() => void remove(row)}>
                          {t('cases.delete.yes')}
                        </button>
                        <button type="button" onClick={() => setConfirmDelete(null)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <>
                        <button type="button" className={row.id === caseRow?.id ? '' : 'primary'} data-testid="case-open" onClick={() => void openCase(row.id)}>
                          {row.id === caseRow?.id ? t('cases.opened') : t('cases.open')}
                        </button>
                        <button type="button" data-testid="case-delete" onClick={() => setConfirmDelete(row.id)}>
                          {t('cases.delete')}
                        </button>
                      </>
                    )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <NewCaseForm choices={profiles.choices} onCreated={reload} />
    </div>
  );
}

function NewCaseForm({ choices, onCreated }: { choices: ProfileChoice[]; onCreated(): Promise<void> }) {
  const { t } = useI18n();
  const { openCase } = useWorkspace();
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [profileId, setProfileId] = useState('co-uiaf');
  const [analyst, setAnalyst] = useState('');
  const [classification, setClassification] = useState<string>(CLASSIFICATIONS[0]);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const row = await createCase(database(), { number, name, profileId, analyst, classification });
      setNumber('');
      setName('');
      await onCreated();
      await openCase(row.id);
    } catch (reason) {
      if (reason instanceof CaseValidationError) setError(t(`cases.error.${reason.field}`));
      else setError(t('cases.error.generic', { reason: reason instanceof Error ? reason.message : String(reason) }));
    }
  };

  return (
    <form className="panel new-case" onSubmit={(event) => void submit(event)} data-testid="new-case-form">
      <h2>{t('cases.create.title')}</h2>
      <div className="form-grid">
        <label>
          {t('cases.create.number')} *
          <input data-testid="case-number" value={number} placeholder={t('cases.create.numberHint')} onChange={(event) => setNumber(event.target.value)} />
        </label>
        <label>
          {t('cases.create.name')} *
          <input data-testid="case-name" value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t('cases.create.profile')} *
          <select data-testid="case-profile" value={profileId} onChange={(event) => setProfileId(event.target.value)}>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cases.create.analyst')}
          <input data-testid="case-analyst" value={analyst} onChange={(event) => setAnalyst(event.target.value)} />
        </label>
        <label>
          {t('cases.create.classification')}
          <input data-testid="case-classification" list="case-classifications" value={classification} onChange={(event) => setClassification(event.target.value)} />
          <datalist id="case-classifications">
            {CLASSIFICATIONS.map((marking) => (
              <option key={marking} value={marking} />
            ))}
          </datalist>
        </label>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="case-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="create-case">
        {t('cases.create.submit')}
      </button>
    </form>
  );
}
