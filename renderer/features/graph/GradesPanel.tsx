import { INFORMATION_GRADES, SOURCE_GRADES, UNGRADED, type Grade } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';

export interface GradesPanelProps {
  /** Imported files of the case: SHA-256 → the name it was imported under. */
  files: ReadonlyMap<string, string>;
  grades: ReadonlyMap<string, Grade>;
  onGrade(file: string, grade: Grade): void;
}

/** The Admiralty grade of each imported file; nodes and links carry the weakest grade behind them. */
export function GradesPanel({ files, grades, onGrade }: GradesPanelProps) {
  const { t } = useI18n();
  return (
    <section className="graph-grades" data-testid="grades-panel">
      <h3>{t('graph.grades')}</h3>
      <p className="muted small">{t('graph.grades.hint')}</p>
      <ul className="grade-list small">
        {[...files].map(([file, name]) => {
          const grade = grades.get(file) ?? UNGRADED;
          return (
            <li key={file} data-testid="grade-row" data-file={file}>
              <span className="grade-file" title={file}>
                {name}
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
