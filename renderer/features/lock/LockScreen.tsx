import { useEffect, useState, type FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH, WrongPassphraseError, type AnalystRecord } from '../../../shared/audit';
import { enrollAnalyst, listAnalysts, unlockAs, type UnlockResult } from '../../db/analysts';
import { KeystoreError } from '../../db/keystore';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { AnalystPassphraseFields } from './AnalystPassphraseFields';
import { RestoreForm } from './RestoreForm';
import './lock.css';

/**
 * The first screen: enrol the workstation's first analyst, or pick an
 * analyst and give the passphrase. Nothing of the cases is rendered before.
 */
export function LockScreen({ onUnlocked, notice }: { onUnlocked(result: UnlockResult): void; notice?: string | null }) {
  const { t } = useI18n();
  const [analysts, setAnalysts] = useState<AnalystRecord[] | null>(null);
  useEffect(() => {
    void listAnalysts(database()).then(setAnalysts);
  }, []);
  if (!analysts) return <div className="lock-screen" data-testid="lock-loading" />;
  return (
    <div className="lock-screen" data-testid="lock-screen">
      <div className="lock-card panel">
        <LanguageSwitch className="language-switch lock-language" />
        <h1>
          <span aria-hidden>◆</span> {t('lock.title')}
        </h1>
        <p className="muted">{t('lock.intro')}</p>
        {notice && (
          <p className="lock-notice" data-testid="lock-notice">
            {notice}
          </p>
        )}
        {analysts.length === 0 ? (
          <>
            <EnrollForm onUnlocked={onUnlocked} />
            <RestoreForm onUnlocked={onUnlocked} />
          </>
        ) : (
          <UnlockForm analysts={analysts} onUnlocked={onUnlocked} />
        )}
      </div>
    </div>
  );
}

function UnlockForm({ analysts, onUnlocked }: { analysts: AnalystRecord[]; onUnlocked(result: UnlockResult): void }) {
  const { t } = useI18n();
  const [analystId, setAnalystId] = useState(() => localStorage.getItem('caudal.lastAnalyst') ?? analysts[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = analysts.find((row) => row.id === analystId) ?? analysts[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const result = await unlockAs(database(), chosen.id, passphrase);
      localStorage.setItem('caudal.lastAnalyst', chosen.id);
      onUnlocked(result);
    } catch (reason) {
      setError(
        reason instanceof WrongPassphraseError
          ? t('lock.wrong', { name: chosen.name })
          : reason instanceof KeystoreError
            ? `${t('lock.keystore', { name: chosen.name })} (${reason.message})`
            : t('lock.failed', { reason: reason instanceof Error ? reason.message : String(reason) }),
      );
      setBusy(false);
    }
  };

  return (
    <form className="lock-form" onSubmit={(event) => void submit(event)}>
      <AnalystPassphraseFields analysts={analysts} analystId={chosen?.id ?? ''} onAnalyst={setAnalystId} passphrase={passphrase} onPassphrase={setPassphrase} testIdPrefix="lock" autoFocus />
      {error && (
        <p className="error" role="alert" data-testid="lock-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="lock-unlock" disabled={busy || !passphrase}>
        {busy ? t('lock.unlocking') : t('lock.unlock')}
      </button>
    </form>
  );
}

function EnrollForm({ onUnlocked }: { onUnlocked(result: UnlockResult): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== confirm) {
      setError(t('lock.enroll.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await enrollAnalyst(database(), { name, passphrase }, null);
      localStorage.setItem('caudal.lastAnalyst', result.analyst.analyst.id);
      onUnlocked(result);
    } catch (reason) {
      setError(t('lock.failed', { reason: reason instanceof Error ? reason.message : String(reason) }));
      setBusy(false);
    }
  };

  return (
    <form className="lock-form" onSubmit={(event) => void submit(event)} data-testid="lock-enroll">
      <h2>{t('lock.enroll.title')}</h2>
      <p className="muted">{t('lock.enroll.intro')}</p>
      <label>
        {t('lock.enroll.name')}
        <input data-testid="lock-enroll-name" autoFocus value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        {t('lock.enroll.passphrase', { min: MIN_PASSPHRASE_LENGTH })}
        <input type="password" data-testid="lock-enroll-passphrase" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      </label>
      <label>
        {t('lock.enroll.confirm')}
        <input type="password" data-testid="lock-enroll-confirm" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="lock-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="lock-enroll-submit" disabled={busy || !name.trim() || passphrase.length < MIN_PASSPHRASE_LENGTH}>
        {busy ? t('lock.unlocking') : t('lock.enroll.submit')}
      </button>
    </form>
  );
}
