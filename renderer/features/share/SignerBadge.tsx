import { formatFingerprint, type SignerIdentity } from '../../../shared/package';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Who signed, named by the key book only. Green for a confirmed key whose
 * label matches the package's claims; anything else in red as an unknown
 * signer, with the claim that did not match.
 */
export function SignerBadge({ signer, testId }: { signer: Pick<SignerIdentity, 'unit' | 'fingerprint' | 'trust' | 'claimedUnit'>; testId?: string }) {
  const { t } = useI18n();
  return (
    <span data-testid={testId} data-trust={signer.trust} className={signer.trust === 'verified' ? 'share-ok' : 'share-danger'}>
      {t(`share.signer.${signer.trust}`, { unit: signer.unit, claimed: signer.claimedUnit })}
      <br />
      <code>{formatFingerprint(signer.fingerprint)}</code>
    </span>
  );
}
