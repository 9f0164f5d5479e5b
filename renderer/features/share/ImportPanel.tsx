import { useEffect, useRef, useState } from 'react';
import { formatFingerprint, refusalDetailIn } from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { loadCaseDataset } from '../../db/dataset';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../platform';
import { CaveatNotice } from './CaveatNotice';
import { CancelledError, RefusedError, openInWorker, type OpenTask, type Progress, type VerifiedSummary } from './packageClient';
import { ProgressLine } from './ProgressLine';
import { trustedKeys } from './store';
import { bytesOfBlob, errorDetail, type ShareData } from './useShareData';

interface Refusal {
  reason: string;
  detail: string;
  /** Spanish, for a refusal by the engine; an error that is no refusal has English only. */
  detailEs?: string;
  signer?: { unit: string; fingerprint: string };
}

/**
 * Import: the worker verifies, decrypts and validates the file completely and
 * keeps the content; this panel receives only the header and shows the
 * caveat. Only the analyst's acknowledgement makes the worker store the
 * partner case. A refusal, a cancel or a declined caveat stores nothing.
 */
export function ImportPanel({ data, onGoToKeys }: { data: ShareData; onGoToKeys(): void }) {
  const { t, language } = useI18n();
  const { caseRow, setOverlay, overlay, openCase, setView } = useWorkspace();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [acceptUnknown, setAcceptUnknown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [verified, setVerified] = useState<VerifiedSummary | null>(null);
  const [stored, setStored] = useState<{ caseId: string; summary: VerifiedSummary } | null>(null);
  const [overlayBusy, setOverlayBusy] = useState(false);
  const taskRef = useRef<OpenTask | null>(null);
  useEffect(() => () => taskRef.current?.cancel(), []);

  const discard = () => {
    taskRef.current?.cancel();
    taskRef.current = null;
  };

  const fail = (error: unknown) => {
    if (error instanceof CancelledError) return;
    setRefusal(error instanceof RefusedError ? { reason: error.reason, detail: error.detail, detailEs: error.detailEs, ...(error.signer ? { signer: error.signer } : {}) } : { reason: 'container', ...errorDetail(error) });
  };

  const verify = async () => {
    if (!file) return;
    discard();
    setBusy(true);
    setRefusal(null);
    setVerified(null);
    setStored(null);
    setProgress(null);
    try {
      const task = openInWorker(
        {
          bytes: await bytesOfBlob(file.blob),
          fileName: file.name,
          keyBook: await trustedKeys(database()),
          ...(passphrase ? { passphrase } : {}),
          ownKeys: data.ownKeys ? [data.ownKeys] : [],
          acceptUnknownSigner: acceptUnknown,
          now: Date.now(),
        },
        setProgress,
      );
      taskRef.current = task;
      setVerified(await task.verified);
    } catch (error) {
      taskRef.current = null;
      fail(error);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const acknowledge = async () => {
    const task = taskRef.current;
    if (!verified || !task) return;
    setBusy(true);
    try {
      const caseId = await task.store(Date.now());
      setStored({ caseId, summary: verified });
    } catch (error) {
      fail(error);
    } finally {
      taskRef.current = null;
      setVerified(null);
      setBusy(false);
    }
  };

  const decline = () => {
    discard();
    setVerified(null);
  };

  const showOverlay = async () => {
    if (!stored) return;
    setOverlayBusy(true);
    try {
      const { header } = stored.summary.manifest;
      setOverlay({ packageId: header.packageId, label: `${header.originatingUnit} · ${header.reference}`, dataset: await loadCaseDataset(database(), stored.caseId) });
    } finally {
      setOverlayBusy(false);
    }
  };

  const canOverlay = Boolean(stored && caseRow && !caseRow.partnerPackageId);
  const overlayActive = Boolean(stored && overlay?.packageId === stored.summary.manifest.header.packageId);

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
            discard();
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
        <p className="muted wide">{data.ownKeys ? t('share.import.ownKey', { unit: data.ownKeys.unit }) : data.ownPublic ? t('share.unlock.needed') : t('share.import.noOwnKey')}</p>
      </div>
      <button type="button" className="primary" data-testid="share-import-verify" disabled={!file || busy} onClick={() => void verify()}>
        {busy ? t('share.import.busy') : t('share.import.verify')}
      </button>
      {busy && !verified && <ProgressLine progress={progress} onCancel={discard} />}

      {refusal && (
        <div className="share-refusal" role="alert" data-testid="share-import-refused" data-reason={refusal.reason}>
          <strong>{t('share.refused.title')}</strong> {t(`share.refused.${refusal.reason}`)}
          <p className="muted" data-testid="share-import-refused-detail">
            {refusalDetailIn(language, refusal)}
          </p>
          <p>{t('share.refused.nothing')}</p>
          {(refusal.reason === 'unknown-signer' || refusal.reason === 'signer-mismatch') && refusal.signer && (
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

      {verified && <CaveatNotice opened={verified} busy={busy} onAcknowledge={() => void acknowledge()} onCancel={decline} />}

      {stored && (
        <div className="share-imported" data-testid="share-imported">
          <p className="share-partner-mark">{t('share.imported.mark', { unit: stored.summary.manifest.header.originatingUnit })}</p>
          <p>
            {t('share.imported.done', { reference: stored.summary.manifest.header.reference })}
            {stored.summary.signer.trust !== 'verified' && <strong className="share-danger" data-testid="share-imported-unverified"> {t('share.imported.unverified')}</strong>}
          </p>
          <div className="share-row">
            <button type="button" className="primary" data-testid="share-overlay" disabled={!canOverlay || overlayActive || overlayBusy} onClick={() => void showOverlay()}>
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
