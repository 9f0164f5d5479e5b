import { useCallback, useRef, useState } from 'react';
import { INFORMATION_GRADES, SOURCE_GRADES } from '../../../shared/graph';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { draftStatus, saveImportGrade, UNGRADED_DRAFT, withInformation, withSource, type GradeDraft } from './importGrade';
import './importGrade.css';

export interface ImportGradePickerProps {
  draft: GradeDraft;
  onChange(draft: GradeDraft): void;
  /** goAML files: the grade goes to each report of a file (the hint says so only there). */
  perReport?: boolean;
}

/** Source (A–F) and information (1–6) grade for the files being imported; both empty = ungraded. */
export function ImportGradePicker({ draft, onChange, perReport = false }: ImportGradePickerProps) {
  const { t } = useI18n();
  const status = draftStatus(draft);
  return (
    <fieldset className="import-grade" data-testid="import-grade" data-status={status}>
      <legend>{t('graph.grades.atImport')}</legend>
      <label>
        {t('graph.grades.source')}{' '}
        <select data-testid="import-grade-source" value={draft.source} onChange={(event) => onChange(withSource(draft, event.target.value))}>
          <option value="">{t('graph.grades.notGraded')}</option>
          {SOURCE_GRADES.map((value) => (
            <option key={value} value={value}>
              {value} — {t(`graph.grades.source.${value}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('graph.grades.information')}{' '}
        <select data-testid="import-grade-information" value={draft.information} onChange={(event) => onChange(withInformation(draft, event.target.value))}>
          <option value="">{t('graph.grades.notGraded')}</option>
          {INFORMATION_GRADES.map((value) => (
            <option key={value} value={value}>
              {value} — {t(`graph.grades.information.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <p className={status === 'incomplete' ? 'warn small' : 'muted small'}>{t(status === 'incomplete' ? 'graph.grades.atImportIncomplete' : perReport ? 'graph.grades.atImportHintReports' : 'graph.grades.atImportHint')}</p>
    </fieldset>
  );
}

/**
 * The grade draft of an import screen: `picker` goes to ImportGradePicker,
 * `save` stores the latest draft for a file once it is committed (read
 * through a ref, so a grade chosen on the review screen, after the run
 * started, still counts).
 */
export function useImportGrade() {
  const [draft, setDraft] = useState<GradeDraft>(UNGRADED_DRAFT);
  const latest = useRef(draft);
  const onChange = useCallback((next: GradeDraft) => {
    latest.current = next;
    setDraft(next);
  }, []);
  // The file is committed by now: a grade that fails to store must not report the import as failed. It is
  // reported as the chart's own grade edits are (the file stays ungraded, gradable in the chart).
  const save = useCallback(
    (caseId: string, fileSha256: string) =>
      saveImportGrade(database(), caseId, fileSha256, latest.current).catch((error: unknown) => {
        reportError(error);
        return null;
      }),
    [],
  );
  return { picker: { draft, onChange }, save };
}
