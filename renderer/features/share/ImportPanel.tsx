import { useState } from 'react';
import { PackageRefusal, formatFingerprint, importPackage, openPackage, type OpenedPackage } from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../platform';
import { CaveatNotice } from './CaveatNotice';
import { datasetOf, packageStore, trustedKeys } from './store';
import { bytesOfBlob, errorText, type ShareData } from './useShareData';

interface Refusal {
  reason: string;
  detail: string;
  signer?: { unit: string; fingerprint: string };
}

/**
 * Import: the file is verified, decrypted and validated completely in
 * memory; the caveat is shown next; only its acknowledgement stores the
 * partner layer. A refusal stores nothing.
 */
export function ImportPanel({ data, onGoToKeys }: { data: ShareData; onGoToKeys(): void }) {
  const { t } = useI18n();
  const { caseRow, setOverlay, overlay, openCase, setView } = useWorkspace();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [acceptUnknown, setAcceptUnknown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [opened, setOpened] = useState<OpenedPackage | null>(null);
  const [stored, setStored] = useState<{ caseId: string; opened: OpenedPackage } | null>(null);

  const verify = async () => {
    if (!file) return;
    setBusy(true);
    setRefusal(null);
    setOpened(null);
    setStored(null);
    try {
      const bytes = await bytesOfBlob(file.blob);
      const result = await openPackage(bytes, {
        keyBook: await trustedKeys(database()),
        ...(passphrase ? { passphrase } : {}),
        ownKeys: data.ownKeys ? [data.ownKeys] : [],
        acceptUnknownSigner: acceptUnknown,
        now: Date.now(),
      });
      setOpened(result);
    } catch (error) {
      setRefusal(error instanceof PackageRefusal ? { reason: error.reason, detail: error.detail, ...(error.signer ? { signer: error.signer } : {}) } : { reason: 'container', detail: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const acknowledge = async () => {
    if (!opened || !file) return;
    setBusy(true);
    try {
      // Re-verify from the bytes inside the store call path so what is stored is exactly what was verified.
      const { caseId } = await importPackage(
        await bytesOfBlob(file.blob),
        file.name,
        { keyBook: await trustedKeys(database()), ...(passphrase ? { passphrase } : {}), ownKeys: data.ownKeys ? [data.ownKeys] : [], acceptUnknownSigner: acceptUnknown, now: Date.now() },
        packageStore(database(), Date.now()),
      );
      setStored({ caseId, opened });
      setOpened(null);
    } catch (error) {
      setOpened(null);
      setRefusal(error instanceof PackageRefusal ? { reason: error.reason, detail: error.detail } : { reason: 'container', detail: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const canOverlay = Boolean(stored && caseRow && !caseRow.partnerPackageId);
  const overlayActive = Boolean(stored && overlay?.packageId === stored.opened.manifest.header.packageId);

  return (
    <section className="panel share-section" data-testid="share-import">
      <h3>{t('share.import.title')}</h3>
      <p className="muted">{t('share.import.intro')}</p>
      <div className="share-form">
        <FilePicker
          accept={['.caudal']}
          label={t('share.import.pick')}
          testId="share-import-file"
          onFiles={(files) => {
            setFile(files[0] ?? null);
            setRefusal(null);
            setStored(null);
            setAcceptUnknown(false);
          }}
          onError={(error) => setRefusal({ reason: 'container', detail: error.message })}
        />
        {file && <p data-testid="share-import-filename">{file.name}</p>}
        <label>
          {t('share.import.passphrase')}
          <input type="password" autoComplete="off" data-testid="share-import-passphrase" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
        </label>
        <p className="muted wide">{data.ownKeys ? t('share.import.ownKey', { unit: data.ownKeys.unit }) : t('share.import.noOwnKey')}</p>
      </div>
      <button type="button" className="primary" data-testid="share-import-verify" disabled={!file || busy} onClick={() => void verify()}>
        {busy ? t('share.import.busy') : t('share.import.verify')}
      </button>

      {refusal && (
        <div className="share-refusal" role="alert" data-testid="share-import-refused" data-reason={refusal.reason}>
          <strong>{t('share.refused.title')}</strong> {t(`share.refused.${refusal.reason}`)}
          <p className="muted">{refusal.detail}</p>
          <p>{t('share.refused.nothing')}</p>
          {refusal.reason === 'unknown-signer' && refusal.signer && (
            <div className="share-unknown-signer">
              <p>
                {t('share.refused.signerIs', { unit: refusal.signer.unit })} <code data-testid="share-unknown-fingerprint">{formatFingerprint(refusal.signer.fingerprint)}</code>
              </p>
              <p>{t('share.refused.compare')}</p>
              <button type="button" onClick={onGoToKeys}>
                {t('share.tab.keys')}
              </button>
              <label className="share-check share-danger">
                <input type="checkbox" data-testid="share-accept-unknown" checked={acceptUnknown} onChange={(event) => setAcceptUnknown(event.target.checked)} />
                {t('share.refused.acceptUnknown')}
              </label>
            </div>
          )}
        </div>
      )}

      {opened && <CaveatNotice opened={opened} busy={busy} onAcknowledge={() => void acknowledge()} onCancel={() => setOpened(null)} />}

      {stored && (
        <div className="share-imported" data-testid="share-imported">
          <p className="share-partner-mark">{t('share.imported.mark', { unit: stored.opened.manifest.header.originatingUnit })}</p>
          <p>
            {t('share.imported.done', { reference: stored.opened.manifest.header.reference })}
            {!stored.opened.signer.known && <strong className="share-danger"> {t('share.imported.unverified')}</strong>}
          </p>
          <div className="share-row">
            <button
              type="button"
              className="primary"
              data-testid="share-overlay"
              disabled={!canOverlay || overlayActive}
              title={canOverlay ? '' : t('share.imported.overlayNeedsCase')}
              onClick={() =>
                setOverlay({
                  packageId: stored.opened.manifest.header.packageId,
                  label: `${stored.opened.manifest.header.originatingUnit} · ${stored.opened.manifest.header.reference}`,
                  dataset: datasetOf(stored.opened),
                })
              }
            >
              {t('share.imported.overlay')}
            </button>
            <button type="button" data-testid="share-open-partner-case" onClick={() => void openCase(stored.caseId).then(() => setView('graph'))}>
              {t('share.imported.openCase')}
            </button>
          </div>
          {!canOverlay && <p className="muted">{t('share.imported.overlayNeedsCase')}</p>}
        </div>
      )}
    </section>
  );
}
