import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../shared/model';
import { SanitisationPolicySchema, type ChartInput, type Selection } from '../../../shared/package';
import type { CaseRow } from '../../db/schema';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { prepareExportCustody } from '../audit/custodyFiles';
import { ExportCustodyNotice } from '../audit/ExportCustodyNotice';
import type { SelectionCounts } from './ContentStep';
import type { ExportDraft, ReplyDraft } from './exportDraft';
import { headerFromDraft } from './headerDraft';
import { CancelledError, buildInWorker, type BuildTask, type Progress } from './packageClient';
import { ProgressLine } from './ProgressLine';
import { errorText, type ShareData } from './useShareData';

/** Step 5 of the export wizard: a summary of what leaves, then the package built in a worker (progress, cancel) and saved. */
export function SaveStep(props: {
  data: ShareData;
  draft: ExportDraft;
  caseRow: CaseRow;
  alerts: readonly Alert[];
  charts: readonly ChartInput[];
  selection: Selection;
  counts: SelectionCounts;
  reply: ReplyDraft | null;
}) {
  const { data, draft, caseRow, alerts, charts, selection, counts, reply } = props;
  const { header, usePassphrase, passphrase, recipients } = draft;
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ fileName: string; sha256: string; saved: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const taskRef = useRef<BuildTask | null>(null);
  useEffect(() => () => taskRef.current?.cancel(), []);

  const save = async () => {
    if (!data.ownKeys) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const task = buildInWorker(
        {
          caseId: caseRow.id,
          alerts: alerts.filter((alert) => selection.alerts.includes(alert.id)),
          charts: charts.filter((chart) => selection.charts.includes(chart.id)),
          selection,
          policy: SanitisationPolicySchema.parse(draft.policy),
          header: headerFromDraft(header, Date.now()),
          sender: data.ownKeys,
          ...(usePassphrase ? { passphrase } : {}),
          recipients: data.partners.filter((partner) => recipients.includes(partner.id)).map((partner) => partner.keys),
          hits: reply?.hits ?? [],
        },
        setProgress,
      );
      taskRef.current = task;
      const built = await task.result;
      const saved = await platform.saveFile({
        suggestedName: built.fileName,
        data: built.bytes,
        mimeType: 'application/zip',
        filters: [{ name: 'Caudal package', extensions: ['caudal'] }],
      });
      // Issue 12: the analyst's detached signature, offered to save beside the package (no manifest: it would name what the package hides).
      if (saved.saved) await prepareExportCustody(database(), { caseId: caseRow.id, profileId: caseRow.profileId, fileName: built.fileName, data: built.bytes, withManifest: false });
      setResult({ fileName: built.fileName, sha256: built.sha256, saved: saved.saved });
    } catch (reason) {
      setError(reason instanceof CancelledError ? t('share.progress.cancelled') : errorText(language, reason));
    } finally {
      taskRef.current = null;
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section className="panel share-section">
      <h3>{t('share.save.title')}</h3>
      <dl className="share-dl">
        <dt>{t('share.header.recipientUnit')}</dt>
        <dd>{header.recipientUnit}</dd>
        <dt>{t('share.header.reference')}</dt>
        <dd>{header.reference}</dd>
        <dt>{t('share.header.classification')}</dt>
        <dd>{header.classification}</dd>
        <dt>{t('share.header.expires')}</dt>
        <dd>{header.expires}</dd>
        <dt>{t('share.step.content')}</dt>
        <dd>{t('share.content.summary', counts)}</dd>
        <dt>{t('share.save.protection')}</dt>
        <dd>{[usePassphrase ? t('share.protect.passphrase') : null, ...data.partners.filter((partner) => recipients.includes(partner.id)).map((partner) => partner.unit)].filter(Boolean).join(' · ')}</dd>
      </dl>
      <p className="share-caveat-preview">{language === 'es' ? header.caveatEs : header.caveatEn}</p>
      <button type="button" className="primary" data-testid="share-save" disabled={busy} onClick={() => void save()}>
        {busy ? t('share.save.busy') : t('share.save.button')}
      </button>
      {busy && <ProgressLine progress={progress} onCancel={() => taskRef.current?.cancel()} />}
      {result && (
        <p className="share-ok" data-testid="share-export-done">
          {result.saved ? t('share.save.done', { file: result.fileName }) : t('share.save.cancelled')} <code>SHA-256 {result.sha256.slice(0, 16)}…</code>
        </p>
      )}
      <ExportCustodyNotice />
      {error && (
        <p className="error" role="alert" data-testid="share-export-error">
          {error}
        </p>
      )}
    </section>
  );
}
