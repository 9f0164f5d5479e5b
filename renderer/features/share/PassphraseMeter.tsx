import { useEffect, useState } from 'react';
import { passphraseStrength, type PassphraseStrength } from '../../../shared/package';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * A live strength estimate (zxcvbn) under a passphrase field. The engine
 * enforces the same floor; this tells the analyst before they try to save.
 */
export function usePassphraseStrength(passphrase: string, context: readonly string[]): PassphraseStrength | null {
  const [strength, setStrength] = useState<{ for: string; value: PassphraseStrength } | null>(null);
  const contextKey = context.join('\u0000');
  useEffect(() => {
    if (!passphrase) return;
    let live = true;
    const timer = setTimeout(() => {
      void passphraseStrength(passphrase, contextKey.split('\u0000')).then((value) => live && setStrength({ for: passphrase, value }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [passphrase, contextKey]);
  return strength?.for === passphrase ? strength.value : null;
}

export function PassphraseMeter({ strength, testId }: { strength: PassphraseStrength | null; testId: string }) {
  const { t } = useI18n();
  if (!strength) return null;
  return (
    <p className={strength.acceptable ? 'share-ok wide' : 'share-danger wide'} data-testid={testId} data-acceptable={strength.acceptable}>
      <meter min={0} max={4} value={strength.score} /> {t('share.protect.strength', { score: strength.score, exponent: Math.floor(strength.guessesLog10) })}{' '}
      {strength.acceptable ? t('share.protect.strong') : t('share.protect.weak')}
      {strength.warning && <span className="muted"> {strength.warning}</span>}
    </p>
  );
}
