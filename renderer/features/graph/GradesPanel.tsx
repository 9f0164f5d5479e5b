import { INFORMATION_GRADES, SOURCE_GRADES, UNGRADED, type Grade } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';
import type { GradedSource } from './gradeStore';

export interface GradesPanelProps {
  /** Imported files of the case, each goAML report under its file. */
  sources: readonly GradedSource[];
  grades: ReadonlyMap<string, Grade>;
  onGrade(key: string, grade: Grade): void;
}

/**
 * The Admiralty grade of each imported file and each goAML report (a report
 * without its own grade takes its file's); nodes and links carry the weakest
 * grade behind them.
 */
export function GradesPanel({ sources, grades, onGrade }: GradesPanelProps) {
  const { t } = useI18n();
  return (
    <section className="graph-grades" data-testid="grades-panel">
      <h3>{t('graph.grades')}</h3>
      <p className="muted small">{t('graph.grades.hint')}</p>
      <ul className="grade-list small">
        {sources.map(({ key: file, name, report }) => {
          const fileKey = file.slice(0, 64);
          const grade = grades.get(file) ?? (report ? grades.get(fileKey) : undefined) ?? UNGRADED;
          return (
            <li key={file} data-testid="grade-row" data-file={file} data-report={report?.ordinal} className={report ? 'grade-report' : undefined}>
              <span className="grade-file" title={file}>
                {report ? t('graph.grades.report', { ordinal: report.ordinal, code: report.code ?? '', reference: report.reference ?? '' }) : name}
              </span>
              <select data-testid="grade-source" aria-label={t('graph.grades.source')} value={grade.source} onChange={(event) => onGrade(file, { ...grade, source: event.target.value as Grade['source'] })}>
                {SOURCE_GRADES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
              <select data-testid="grade-information" aria-label={t('graph.grades.information')} value={grade.information} onChange={(event) => onGrade(file, { ...grade, information: event.target.value as Grade['information'] })}>
                {INFORMATION_GRADES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
