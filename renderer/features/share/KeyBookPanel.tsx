import { useState } from 'react';
import { exportPublicCard, fingerprintWords, formatFingerprint, type PublicKeys } from '../../../shared/package';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform } from '../../platform';
import { KeyReplacementRequired, addPartnerCard, confirmPartnerKey, createOwnKeys, removePartnerKey, type PartnerKeyRow } from './store';
import { PassphraseMeter, usePassphraseStrength } from './PassphraseMeter';
import { errorText, type ShareData } from './useShareData';

export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <span className="share-fingerprint" data-testid={testId}>
      <code>{formatFingerprint(value)}</code>
      <span className="muted"> · {fingerprintWords(value).join(' ')}</span>
    </span>
  );
}

export function KeyBookPanel({ data }: { data: ShareData }) {
  const { t, dateTime, language } = useI18n();
  const [unit, setUnit] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [keyPassphraseAgain, setKeyPassphraseAgain] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastImported, setLastImported] = useState<PublicKeys | null>(null);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [replacement, setReplacement] = useState<{ card: unknown; error: KeyReplacementRequired } | null>(null);
  const keyStrength = usePassphraseStrength(keyPassphrase, [unit]);

  const generate = async () => {
    setError(null);
    try {
      await createOwnKeys(database(), unit, keyPassphrase);
      setKeyPassphrase('');
      setKeyPassphraseAgain('');
      setConfirmRegenerate(false);
      await data.reload();
      setMessage(t('share.keys.generated'));
    } catch (reason) {
      setError(errorText(language, reason));
    }
  };

  const exportCard = async () => {
    if (!data.ownKeys) return;
    const card = exportPublicCard(data.ownKeys);
    const safeUnit = data.ownKeys.unit.replace(/[^\p{L}\p{N}._-]+/gu, '-');
    await platform.saveFile({ suggestedName: `${safeUnit}.caudal-key.json`, data: `${JSON.stringify(card, null, 2)}\n`, mimeType: 'application/json', filters: [{ name: 'Caudal key card', extensions: ['json'] }] });
    setMessage(t('share.keys.cardSaved'));
  };

  const addCard = async (card: unknown, replaceFingerprint?: string) => {
    setError(null);
    setLastImported(null);
    setReplacement(null);
    try {
      const keys = await addPartnerCard(database(), card, replaceFingerprint ? { replaceFingerprint } : {});
      setLastImported(keys);
      await data.reload();
    } catch (reason) {
      if (reason instanceof KeyReplacementRequired) setReplacement({ card, error: reason });
      else setError(t('share.keys.cardRefused', { reason: errorText(language, reason) }));
    }
  };

  const importCard = async (blob: Blob) => {
    try {
      await addCard(JSON.parse(await blob.text()) as unknown);
    } catch (reason) {
      setError(t('share.keys.cardRefused', { reason: errorText(language, reason) }));
    }
  };

  return (
    <section className="panel share-section" data-testid="share-keys">
      <h3>{t('share.keys.title')}</h3>
      <p className="muted">{t('share.keys.intro')}</p>
      <h4>{t('share.keys.own')}</h4>
      {data.ownPublic && !confirmRegenerate ? (
        <div className="share-own-key" data-testid="share-own-key">
          <p>
            <strong>{data.ownPublic.unit}</strong> {data.ownKeys && <span className="muted">({dateTime(data.ownKeys.createdAt)})</span>}
          </p>
          <Fingerprint value={data.ownPublic.fingerprint} testId="share-own-fingerprint" />
          <div className="share-row">
            <button type="button" data-testid="share-export-card" disabled={!data.ownKeys} title={data.ownKeys ? '' : t('share.unlock.needed')} onClick={() => void exportCard()}>
              {t('share.keys.exportCard')}
            </button>
            <button type="button" onClick={() => setConfirmRegenerate(true)}>
              {t('share.keys.replace')}
            </button>
          </div>
        </div>
      ) : (
        <div className="share-row">
          {confirmRegenerate && <p className="share-warning">{t('share.keys.replaceWarning')}</p>}
          <input className="share-wide-input" data-testid="share-own-unit" placeholder={t('share.keys.unitPlaceholder')} value={unit} onChange={(event) => setUnit(event.target.value)} />
          <input className="share-wide-input" type="password" autoComplete="new-password" data-testid="share-own-key-passphrase" placeholder={t('share.keys.passphrase')} value={keyPassphrase} onChange={(event) => setKeyPassphrase(event.target.value)} />
          <input className="share-wide-input" type="password" autoComplete="new-password" data-testid="share-own-key-passphrase-again" placeholder={t('share.protect.again')} value={keyPassphraseAgain} onChange={(event) => setKeyPassphraseAgain(event.target.value)} />
          <button type="button" className="primary" data-testid="share-generate-keys" disabled={!unit.trim() || !keyStrength?.acceptable || keyPassphrase !== keyPassphraseAgain} onClick={() => void generate()}>
            {t('share.keys.generate')}
          </button>
          <PassphraseMeter strength={keyStrength} testId="share-own-key-strength" />
          <p className="muted">{t('share.keys.passphraseHint')}</p>
          {confirmRegenerate && (
            <button type="button" onClick={() => setConfirmRegenerate(false)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      )}

      <h4>{t('share.keys.partners')}</h4>
      <FilePicker accept={['.json']} label={t('share.keys.importCard')} testId="share-card-file" onFiles={(files) => files[0] && void importCard(files[0].blob)} onError={(reason) => setError(reason.message)} />
      {replacement && (
        <div className="share-refusal" role="alert" data-testid="share-key-replacement">
          <p>
            <strong>{t('share.keys.replacementTitle', { unit: replacement.error.unit })}</strong>
          </p>
          <p>
            {t('share.keys.oldKey')} <Fingerprint value={replacement.error.oldFingerprint} testId="share-key-old-fingerprint" />
          </p>
          <p>
            {t('share.keys.newKey')} <Fingerprint value={replacement.error.newFingerprint} />
          </p>
          <p>{t('share.keys.replacementExplain')}</p>
          <div className="share-row">
            <button type="button" className="danger" data-testid="share-key-replace-confirm" onClick={() => void addCard(replacement.card, replacement.error.oldFingerprint)}>
              {t('share.keys.replacementConfirm')}
            </button>
            <button type="button" onClick={() => setReplacement(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {lastImported && (
        <div className="share-verify-phone" data-testid="share-card-imported">
          <p>{t('share.keys.compareByPhone', { unit: lastImported.unit })}</p>
          <Fingerprint value={lastImported.fingerprint} />
        </div>
      )}
      {data.partners.length === 0 ? (
        <p className="muted">{t('share.keys.noPartners')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('share.keys.unit')}</th>
              <th>{t('share.keys.fingerprint')}</th>
              <th>{t('share.keys.added')}</th>
              <th>{t('share.keys.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.partners.map((partner) => (
              <tr key={partner.id} data-testid="share-partner-row">
                <td>{partner.unit}</td>
                <td>
                  <Fingerprint value={partner.fingerprint} />
                </td>
                <td>{dateTime(partner.addedAt)}</td>
                <td>
                  <VerificationCell partner={partner} onDone={() => void data.reload()} />
                </td>
                <td>
                  <button type="button" onClick={() => void removePartnerKey(database(), partner.id).then(() => data.reload())}>
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && <p className="share-ok">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Unverified until the analyst confirms that the partner read the same words over a separate channel. */
function VerificationCell({ partner, onDone }: { partner: PartnerKeyRow; onDone(): void }) {
  const { t, dateTime, language } = useI18n();
  const [open, setOpen] = useState(false);
  const [confirmedWith, setConfirmedWith] = useState('');
  const [sameWords, setSameWords] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (partner.verification) {
    return (
      <span className="share-ok" data-testid="share-key-verified">
        {t('share.keys.verified', { who: partner.verification.confirmedWith, when: dateTime(partner.verification.confirmedAt) })}
      </span>
    );
  }
  if (!open) {
    return (
      <span className="share-danger" data-testid="share-key-unverified">
        {t('share.keys.unverified')}{' '}
        <button type="button" data-testid="share-key-confirm-open" onClick={() => setOpen(true)}>
          {t('share.keys.confirmOpen')}
        </button>
      </span>
    );
  }
  return (
    <div className="share-key-confirm" data-testid="share-key-confirm-form">
      <p>{t('share.keys.confirmExplain', { unit: partner.unit })}</p>
      <p>
        <strong data-testid="share-key-confirm-words">{fingerprintWords(partner.fingerprint).join(' ')}</strong>
      </p>
      <input placeholder={t('share.keys.confirmWith')} data-testid="share-key-confirm-with" value={confirmedWith} onChange={(event) => setConfirmedWith(event.target.value)} />
      <label className="share-check">
        <input type="checkbox" data-testid="share-key-confirm-same" checked={sameWords} onChange={(event) => setSameWords(event.target.checked)} />
        {t('share.keys.confirmSame')}
      </label>
      <button
        type="button"
        className="primary"
        data-testid="share-key-confirm"
        disabled={!sameWords || !confirmedWith.trim()}
        onClick={() =>
          void confirmPartnerKey(database(), partner.fingerprint, confirmedWith)
            .then(onDone)
            .catch((reason: unknown) => setError(errorText(language, reason)))
        }
      >
        {t('share.keys.confirm')}
      </button>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
