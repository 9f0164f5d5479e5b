import { useMemo, useReducer, useRef, useState } from 'react';
import { DEFAULT_CAVEAT, PSI_DEFAULT_REQUEST_CAP, refusalDetailIn, type PackageHeader } from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform, type PickedFile } from '../../platform';
import { initialSubjectPick, matchedSubjects, matchSubjects, pickedSelection, subjectPickReducer, visibleSubjects } from './matchSelection';
import { CancelledError, RefusedError, matchRequestInWorker, openMatchInWorker, type MatchOpenTask, type MatchOpened, type Progress } from './packageClient';
import { ProgressLine } from './ProgressLine';
import { SignerBadge } from './SignerBadge';
import { trustedKeys } from './store';
import { bytesOfBlob, errorDetail, type ShareData } from './useShareData';

const SHOWN_SUBJECTS = 300;
const MATCH_VALIDITY_MS = 30 * 86_400_000;

/**
 * Private set intersection with one partner unit (docs/PACKAGE_FORMAT.md §7):
 * the analyst picks subjects explicitly and sends a blinded request; the
 * partner answers from its open case; the reply shows this unit the overlap
 * and nothing else. Neither file lets its holder test guesses offline.
 */
export function MatchPanel({ data }: { data: ShareData }) {
  const { t, number, language } = useI18n();
  const { caseRow, dataset } = useWorkspace();
  const [partnerId, setPartnerId] = useState('');
  const [pick, dispatch] = useReducer(subjectPickReducer, initialSubjectPick);
  const [purpose, setPurpose] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [consent, setConsent] = useState('');
  const [cap, setCap] = useState(PSI_DEFAULT_REQUEST_CAP);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<{ reason: string; detail: string; detailEs?: string } | null>(null);
  const [opened, setOpened] = useState<MatchOpened | null>(null);
  const openTask = useRef<MatchOpenTask | null>(null);
  const cancelRef = useRef<() => void>(() => {});
  const subjects = useMemo(() => (dataset ? matchSubjects(dataset) : []), [dataset]);
  const shown = useMemo(() => visibleSubjects(subjects, pick.filter), [subjects, pick.filter]);
  const chosen = useMemo(() => pickedSelection(subjects, pick.picked), [subjects, pick.picked]);
  const partner = data.partners.find((entry) => entry.id === partnerId) ?? null;
  const recordLabel = useMemo(() => new Map(subjects.map((subject) => [subject.key, subject.label])), [subjects]);
  const overlap = useMemo(() => (opened?.kind === 'reply' ? matchedSubjects(opened.matches) : []), [opened]);

  if (!caseRow || !dataset) return <p className="muted">{t('common.noCase')}</p>;
  const partnerCase = Boolean(caseRow.partnerPackageId);
  const ownKeys = data.ownKeys;

  const header = (recipientUnit: string, extra: Partial<PackageHeader> = {}): Omit<PackageHeader, 'packageId'> => {
    const now = Date.now();
    return {
      originatingUnit: ownKeys?.unit ?? '',
      recipientUnit,
      reference: `MATCH-${now.toString(36).toUpperCase()}`,
      purpose: purpose.trim(),
      legalBasis: legalBasis.trim(),
      classification: t('share.match.classification'),
      caveat: { ...DEFAULT_CAVEAT },
      expiresAt: now + MATCH_VALIDITY_MS,
      contact: ownKeys?.unit ?? '',
      createdAt: now,
      ...extra,
    };
  };

  const fail = (reason: unknown) => {
    if (reason instanceof CancelledError) return;
    setError(reason instanceof RefusedError ? { reason: reason.reason, detail: reason.detail, detailEs: reason.detailEs } : { reason: 'failed', ...errorDetail(reason) });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setProgress(null);
    try {
      await work();
    } catch (reason) {
      fail(reason);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const saveBuilt = async (built: { bytes: Uint8Array; fileName: string }) =>
    platform.saveFile({ suggestedName: built.fileName, data: built.bytes, mimeType: 'application/octet-stream', filters: [{ name: 'Caudal package', extensions: ['caudal'] }] });

  const sendRequest = () =>
    run(async () => {
      if (!ownKeys || !partner) return;
      const task = matchRequestInWorker(
        { caseId: caseRow.id, selection: chosen.selection, header: header(partner.unit), sender: ownKeys, recipient: partner.keys, ...(partnerCase ? { consentReference: consent } : {}) },
        setProgress,
      );
      cancelRef.current = task.cancel;
      await saveBuilt(await task.result);
      setNotice(t('share.match.requestSaved', { identifiers: number(chosen.identifiers), unit: partner.unit }));
    });

  const openFile = (file: PickedFile) =>
    run(async () => {
      openTask.current?.cancel();
      setOpened(null);
      const task = openMatchInWorker(
        { bytes: await bytesOfBlob(file.blob), fileName: file.name, keyBook: await trustedKeys(database()), ownKeys: ownKeys ? [ownKeys] : [], acceptUnknownSigner: false, now: Date.now() },
        setProgress,
      );
      openTask.current = task;
      cancelRef.current = task.cancel;
      setOpened(await task.opened);
    });

  const answer = () =>
    run(async () => {
      const task = openTask.current;
      if (!task || opened?.kind !== 'request' || !ownKeys) return;
      const request = opened.summary.manifest.header;
      const built = await task.answer({
        caseId: caseRow.id,
        maxRequestElements: cap,
        header: header(opened.summary.signer.unit, { purpose: request.purpose, legalBasis: request.legalBasis, inReplyTo: request.reference }),
        sender: ownKeys,
        ...(partnerCase ? { consentReference: consent } : {}),
      });
      openTask.current = null;
      await saveBuilt(built);
      setNotice(t('share.match.replySaved', { unit: opened.summary.signer.unit }));
      setOpened(null);
    });

  const consentField = partnerCase && (
    <label className="wide">
      {t('share.match.consent')}
      <input data-testid="share-match-consent" value={consent} onChange={(event) => setConsent(event.target.value)} />
    </label>
  );
  const consentMissing = partnerCase && !consent.trim();

  return (
    <section className="panel share-section" data-testid="share-match">
      <h3>{t('share.match.title')}</h3>
      <p className="muted">{t('share.match.intro')}</p>
      {!ownKeys && <p className="share-warning">{data.ownPublic ? t('share.unlock.needed') : t('share.protect.noOwnKey')}</p>}
      {partnerCase && <p className="share-warning" data-testid="share-match-partner-case">{t('share.match.partnerCase')}</p>}

      <h4>{t('share.match.ask')}</h4>
      <div className="share-form">
        <label>
          {t('share.match.partner')}
          <select data-testid="share-match-partner" value={partnerId} onChange={(event) => setPartnerId(event.target.value)}>
            <option value="">—</option>
            {data.partners.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.verification ? entry.unit : t('share.keys.unverifiedOption', { unit: entry.unit })}
              </option>
            ))}
          </select>
        </label>
        {partner && !partner.verification && (
          <p className="share-danger wide" data-testid="share-match-unverified-warning">
            {t('share.keys.unverifiedRecipient', { unit: partner.unit })}
          </p>
        )}
        <label>
          {t('share.header.purpose')}
          <input data-testid="share-match-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value)} />
        </label>
        <label>
          {t('share.header.legalBasis')}
          <input data-testid="share-match-legal-basis" value={legalBasis} onChange={(event) => setLegalBasis(event.target.value)} />
        </label>
        {consentField}
      </div>
      <div className="share-row">
        <input placeholder={t('share.match.filter')} data-testid="share-match-filter" value={pick.filter} onChange={(event) => dispatch({ type: 'filter', text: event.target.value })} />
        <button type="button" data-testid="share-match-pick-visible" onClick={() => dispatch({ type: 'pick-visible', keys: shown.map((subject) => subject.key) })}>
          {t('share.match.pickVisible', { count: number(shown.length) })}
        </button>
        <button type="button" onClick={() => dispatch({ type: 'clear' })}>
          {t('share.match.clear')}
        </button>
      </div>
      <ul className="share-match-subjects">
        {shown.slice(0, SHOWN_SUBJECTS).map((subject) => (
          <li key={subject.key}>
            <label className="share-check">
              <input type="checkbox" data-testid="share-match-subject" data-key={subject.key} checked={pick.picked.includes(subject.key)} onChange={() => dispatch({ type: 'toggle', key: subject.key })} />
              {t(`share.match.subjectKind.${subject.kind}`)}: {subject.label}
            </label>
          </li>
        ))}
        {shown.length > SHOWN_SUBJECTS && <li className="muted">{t('share.match.more', { count: number(shown.length - SHOWN_SUBJECTS) })}</li>}
      </ul>
      <p data-testid="share-match-count">{t('share.match.count', { subjects: number(chosen.subjects), identifiers: number(chosen.identifiers) })}</p>
      <div className="share-row">
        <button
          type="button"
          className="primary"
          data-testid="share-match-save-request"
          disabled={busy || !ownKeys || !partner || chosen.identifiers === 0 || !purpose.trim() || !legalBasis.trim() || consentMissing}
          onClick={() => void sendRequest()}
        >
          {t('share.match.saveRequest', { identifiers: number(chosen.identifiers) })}
        </button>
      </div>

      <h4>{t('share.match.openTitle')}</h4>
      <p className="muted">{t('share.match.openIntro')}</p>
      <FilePicker accept={['.caudal']} label={t('share.match.pick')} testId="share-match-file" onFiles={(files) => files[0] && void openFile(files[0])} onError={(reason) => setError({ reason: 'container', detail: reason.message })} />
      {busy && <ProgressLine progress={progress} onCancel={() => cancelRef.current()} />}

      {opened?.kind === 'request' && (
        <div className="share-match-request" data-testid="share-match-request">
          <p>
            <SignerBadge signer={opened.summary.signer} testId="share-match-signer" />
          </p>
          <dl className="share-dl">
            <div className="share-dl-row">
              <dt>{t('share.header.purpose')}</dt>
              <dd data-testid="share-match-request-purpose">{opened.summary.manifest.header.purpose}</dd>
            </div>
            <div className="share-dl-row">
              <dt>{t('share.header.legalBasis')}</dt>
              <dd>{opened.summary.manifest.header.legalBasis}</dd>
            </div>
            <div className="share-dl-row">
              <dt>{t('share.match.requestSize')}</dt>
              <dd data-testid="share-match-request-size">{number(opened.identifiers)}</dd>
            </div>
          </dl>
          <p className="muted">{t('share.match.answerExplains')}</p>
          <div className="share-form">
            <label>
              {t('share.match.cap')}
              <input type="number" min={1} data-testid="share-match-cap" value={cap} onChange={(event) => setCap(Math.max(1, Number(event.target.value) || 1))} />
            </label>
            {consentField}
          </div>
          {opened.identifiers > cap && <p className="share-danger">{t('share.match.overCap', { size: number(opened.identifiers), cap: number(cap) })}</p>}
          <button type="button" className="primary" data-testid="share-match-answer" disabled={busy || !ownKeys || opened.identifiers > cap || consentMissing} onClick={() => void answer()}>
            {t('share.match.answer')}
          </button>
        </div>
      )}

      {opened?.kind === 'reply' && (
        <div data-testid="share-match-result">
          <p>
            <SignerBadge signer={opened.summary.signer} testId="share-match-signer" />
          </p>
          <p data-testid="share-match-summary">
            {t('share.match.overlap', { count: number(opened.matches.length), sent: number(opened.requestSize), unit: opened.summary.signer.unit, size: number(opened.responderSetSize) })}{' '}
            {overlap.length > 0 && t('share.match.overlapSubjects', { subjects: number(overlap.length) })}
          </p>
          {opened.caseId !== caseRow.id && <p className="share-warning">{t('share.match.otherCase')}</p>}
          {opened.matches.length > 0 && (
            <table className="data">
              <thead>
                <tr>
                  <th>{t('share.match.kind')}</th>
                  <th>{t('share.match.record')}</th>
                  <th>{t('share.match.on')}</th>
                </tr>
              </thead>
              <tbody>
                {overlap.map((subject) => (
                  <tr key={`${subject.kind}:${subject.recordId}`} data-testid="share-match-row">
                    <td>{t(`share.match.subjectKind.${subject.kind}`)}</td>
                    <td>{recordLabel.get(`${subject.kind}:${subject.recordId}`) ?? subject.recordId}</td>
                    <td>{subject.types.map((type) => t(`share.match.type.${type}`)).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {notice && (
        <p className="share-ok" data-testid="share-match-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="share-match-error" data-reason={error.reason}>
          {error.reason !== 'failed' && `${t(`share.refused.${error.reason}`)} `}
          {refusalDetailIn(language, error)}
        </p>
      )}
    </section>
  );
}
