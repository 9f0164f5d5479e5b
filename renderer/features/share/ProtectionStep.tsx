import { formatFingerprint, publicKeysOf, type PassphraseStrength } from '../../../shared/package';
import { useI18n } from '../../i18n/I18nProvider';
import { PassphraseMeter } from './PassphraseMeter';
import type { ShareData } from './useShareData';

/** Step 4 of the export wizard: who signs, the passphrase (with its strength) and the recipient keys (unverified ones flagged). */
export function ProtectionStep(props: {
  data: ShareData;
  onGoToKeys(): void;
  usePassphrase: boolean;
  onUsePassphrase(value: boolean): void;
  passphrase: string;
  onPassphrase(value: string): void;
  passphraseAgain: string;
  onPassphraseAgain(value: string): void;
  strength: PassphraseStrength | null;
  recipients: readonly string[];
  onToggleRecipient(id: string): void;
}) {
  const { t } = useI18n();
  const { data, onGoToKeys, usePassphrase, passphrase, passphraseAgain, strength, recipients } = props;
  return (
    <section className="panel share-section">
      <h3>{t('share.protect.title')}</h3>
      {data.ownKeys ? (
        <p className="muted">
          {t('share.protect.signedBy', { unit: data.ownKeys.unit })} <code>{formatFingerprint(publicKeysOf(data.ownKeys).fingerprint)}</code>
        </p>
      ) : (
        <p className="share-warning">
          {data.ownPublic ? (
            t('share.unlock.needed')
          ) : (
            <>
              {t('share.protect.noOwnKey')}{' '}
              <button type="button" data-testid="share-go-keys" onClick={onGoToKeys}>
                {t('share.tab.keys')}
              </button>
            </>
          )}
        </p>
      )}
      <label className="share-check">
        <input type="checkbox" data-testid="share-use-passphrase" checked={usePassphrase} onChange={(event) => props.onUsePassphrase(event.target.checked)} />
        {t('share.protect.passphrase')}
      </label>
      {usePassphrase && (
        <div className="share-form">
          <label>
            {t('share.protect.passphraseLabel')}
            <input type="password" autoComplete="new-password" data-testid="share-passphrase" value={passphrase} onChange={(event) => props.onPassphrase(event.target.value)} />
          </label>
          <label>
            {t('share.protect.again')}
            <input type="password" autoComplete="new-password" data-testid="share-passphrase-again" value={passphraseAgain} onChange={(event) => props.onPassphraseAgain(event.target.value)} />
          </label>
          <PassphraseMeter strength={strength} testId="share-passphrase-strength" />
          <p className="muted wide">{t('share.protect.passphraseHint')}</p>
        </div>
      )}
      <h4>{t('share.protect.recipients')}</h4>
      {data.partners.length === 0 ? (
        <p className="muted">{t('share.protect.noPartners')}</p>
      ) : (
        <ul className="share-checklist">
          {data.partners.map((partner) => (
            <li key={partner.id}>
              <label>
                <input type="checkbox" checked={recipients.includes(partner.id)} onChange={() => props.onToggleRecipient(partner.id)} />
                {partner.unit} <code>{formatFingerprint(partner.fingerprint)}</code>
              </label>
              {!partner.verification && (
                <span className="share-danger" data-testid="share-recipient-unverified">
                  {' '}
                  {recipients.includes(partner.id) ? t('share.keys.unverifiedRecipient', { unit: partner.unit }) : t('share.keys.unverified')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
