import { useEffect, useReducer, useRef } from 'react';
import { errorTextIn } from '../../../../shared/model';
import { useWorkspace } from '../../../app/workspace';
import { database } from '../../../db/database';
import { abortImport, commitImport } from '../../../db/imports';
import { useI18n } from '../../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../../platform';
import { getProfile } from '../../profiles/repository';
import { discardRelationships } from '../../interop/relationshipStore';
import { FtmCaseExport } from '../../interop/FtmCaseExport';
import { GoamlCodesEditor } from '../../interop/GoamlCodesEditor';
import { QuarantineTable } from '../QuarantineTable';
import { ImportGradePicker, useImportGrade } from '../ImportGradePicker';
import { runGoamlImport } from './goamlClient';
import { goamlPanelReducer, initialGoamlPanel, needsReview, type GoamlResult } from './goamlPanel';
import { reasonAfterFile } from '../reasonText';

/** goAML as a record source beside CSV: its own picker, worker and summary; commits through the same import log. */
export function GoamlImportPanel({ format = 'goaml' }: { format?: 'goaml' | 'ftm' }) {
  const { t, number, dateTime, language } = useI18n();
  const { caseRow, refreshCase } = useWorkspace();
  const [state, dispatch] = useReducer(goamlPanelReducer, initialGoamlPanel);
  const abortRef = useRef<AbortController | null>(null);
  const decisionRef = useRef<((commit: boolean) => void) | null>(null);
  const importGrade = useImportGrade();
  useEffect(
    () => () => {
      abortRef.current?.abort();
      decisionRef.current?.(false);
    },
    [],
  );
  if (!caseRow || caseRow.partnerPackageId) return null;
  const caseId = caseRow.id;

  const run = async (files: PickedFile[]) => {
    dispatch({ type: 'reset' });
    const profile = await getProfile(database(), caseRow.profileId);
    for (const picked of files) {
      const controller = new AbortController();
      abortRef.current = controller;
      dispatch({ type: 'start', name: picked.name });
      let result: GoamlResult;
      try {
        const outcome = await runGoamlImport(
          { caseId, blob: picked.blob, name: picked.name, size: picked.size, codes: profile?.goamlCodes, defaultCurrency: profile?.currency ?? 'USD', format },
          { signal: controller.signal, onProgress: (progress) => dispatch({ type: 'progress', progress }) },
        );
        if (outcome.status === 'already-imported') result = { status: 'already', name: picked.name, previous: outcome.previous };
        else if (outcome.status === 'cancelled') result = { status: 'cancelled', name: picked.name };
        else {
          const { status: _status, ...staged } = outcome;
          let commit = true;
          if (needsReview(staged)) {
            dispatch({ type: 'review', staged });
            commit = await new Promise<boolean>((resolve) => (decisionRef.current = resolve));
            decisionRef.current = null;
          }
          if (commit) {
            await commitImport(database(), staged.importId);
            await importGrade.save(caseId, staged.file.sha256);
            result = { status: 'committed', name: picked.name, staged };
          } else {
            await abortImport(database(), staged.importId);
            await discardRelationships(database(), staged.importId);
            result = { status: 'discarded', name: picked.name };
          }
        }
      } catch (error) {
        result = { status: 'failed', name: picked.name, message: errorTextIn(language, error) };
      }
      dispatch({ type: 'result', result });
      if (result.status === 'committed') await refreshCase();
    }
    abortRef.current = null;
  };

  const running = state.step === 'running' ? state : null;
  const review = state.step === 'review' ? state : null;
  return (
    <section className="panel" data-testid={`${format}-panel`}>
      <h2>{t(`${format}.title`)}</h2>
      <p className="muted small">{t(`${format}.intro`)}</p>
      <ImportGradePicker {...importGrade.picker} perReport={format === 'goaml'} />
      <FilePicker
        accept={format === 'ftm' ? ['.json', '.jsonl', '.ftm', 'application/json'] : ['.xml', 'application/xml', 'text/xml']}
        multiple
        label={t(`${format}.pick`)}
        testId={`${format}-file`}
        disabled={state.step !== 'idle'}
        onFiles={(files) => void run(files)}
      />
      {format === 'ftm' && <FtmCaseExport />}
      {format === 'goaml' && <GoamlCodesEditor profileId={caseRow.profileId} />}
      {running && (
        <p data-testid={`${format}-progress`}>
          {running.progress?.phase === 'hashing' || !running.progress
            ? t('goaml.hashing', { name: running.name })
            : t('goaml.running', { name: running.name, units: number(running.progress.units), percent: `${Math.round((running.progress.bytes / Math.max(1, running.progress.totalBytes)) * 100)} %` })}{' '}
          <button type="button" data-testid="goaml-cancel" onClick={() => abortRef.current?.abort()}>
            {t('goaml.cancel')}
          </button>
        </p>
      )}
      {review && (
        <div data-testid={`${format}-review`}>
          <p>
            {t('goaml.review', {
              name: review.name,
              imported: number(review.staged.file.counts.imported),
              read: number(review.staged.file.counts.read),
              quarantined: number(review.staged.file.counts.quarantined),
              duplicates: number(review.staged.file.counts.duplicates),
            })}
          </p>
          {review.staged.unknownCodes.length > 0 && (
            <>
              <p className="small">{t('goaml.unknownCodes')}</p>
              <ul className="small" data-testid="goaml-unknown-codes">
                {review.staged.unknownCodes.map((code) => (
                  <li key={`${code.list}:${code.code}`}>{t('goaml.unknownCode', { list: code.list, code: code.code, count: number(code.count), path: code.firstPath, line: number(code.firstLine) })}</li>
                ))}
              </ul>
            </>
          )}
          {review.staged.quarantine.length > 0 && <QuarantineTable entries={review.staged.quarantine} />}
          <ImportGradePicker {...importGrade.picker} perReport={format === 'goaml'} />
          <button type="button" className="primary" data-testid={`${format}-commit`} onClick={() => decisionRef.current?.(true)}>
            {t('goaml.commit')}
          </button>{' '}
          <button type="button" data-testid={`${format}-discard`} onClick={() => decisionRef.current?.(false)}>
            {t('goaml.discard')}
          </button>
        </div>
      )}
      {state.results.length > 0 && (
        <ul data-testid={`${format}-results`}>
          {state.results.map((result, index) => (
            <li key={index} data-testid={`${format}-result`} data-status={result.status} data-timings={result.status === 'committed' ? JSON.stringify(result.staged.timings) : undefined}>
              {describe(result)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  function describe(result: GoamlResult): string {
    switch (result.status) {
      case 'committed':
        return t('goaml.committed', {
          name: result.name,
          reports: number(result.staged.reports.length),
          transactions: number(result.staged.written.transactions),
          parties: number(result.staged.written.parties),
          accounts: number(result.staged.written.accounts),
          links: number(result.staged.written.relationships),
        });
      case 'already':
        return t('goaml.already', { name: result.name, date: dateTime(result.previous.importedAt), previous: result.previous.name });
      case 'cancelled':
        return t('goaml.cancelled', { name: result.name });
      case 'discarded':
        return t('goaml.discarded', { name: result.name });
      case 'failed':
        return t('goaml.failed', { name: result.name, message: reasonAfterFile(result.name, result.message) });
    }
  }
}
