import type { CsvSniff, MappingSpec } from '../../../shared/import';
import { useI18n } from '../../i18n/I18nProvider';
import { columnsOf, dateReadings } from './mappingEdit';

const PREVIEW_ROWS = 8;

/** Every column the mapping reads, in field order (a combined date and time reads two). */
export function mappedColumns(spec: MappingSpec): string[] {
  return Object.values(spec.fields).flatMap((source) => columnsOf(source)).filter((column) => column !== '');
}

/** The first rows as the sniffer read them, each column marked with the fields it feeds. */
export function Preview({ sniff, spec }: { sniff: CsvSniff; spec: MappingSpec }) {
  const { t } = useI18n();
  const fieldsByColumn = new Map<string, string[]>();
  for (const [field, source] of Object.entries(spec.fields)) {
    for (const column of columnsOf(source)) fieldsByColumn.set(column, [...(fieldsByColumn.get(column) ?? []), field]);
  }
  const rows = sniff.sampleRows.slice(0, PREVIEW_ROWS);
  return (
    <div className="preview">
      <h3>{t('import.preview', { count: rows.length })}</h3>
      <div className="preview-scroll">
        <table className="data" data-testid="preview-table">
          <thead>
            <tr>
              {sniff.headers.map((header, index) => (
                <th key={`${header}-${index}`} className={fieldsByColumn.has(header) ? 'mapped' : ''}>
                  {header}
                  {(fieldsByColumn.get(header) ?? []).map((field) => (
                    <div key={field} className="mapped-to">
                      {t('import.preview.mappedTo', { field: t(`import.field.${field}`) })}
                    </div>
                  ))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {sniff.headers.map((_, index) => (
                  <td key={index}>{row[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A date column whose samples read both ways (03/04/2025): the analyst says which, with the two readings shown. */
export function DateQuestion({ column, sniff, onAnswer }: { column: string; sniff: CsvSniff; onAnswer(order: 'DMY' | 'MDY'): void }) {
  const { t, locale } = useI18n();
  const index = sniff.headers.indexOf(column);
  const example = sniff.sampleRows.map((row) => row[index] ?? '').find((value) => value.trim() !== '') ?? '';
  const readings = dateReadings(example, locale) ?? { dmy: '?', mdy: '?' };
  return (
    <fieldset className="date-question" data-testid="date-ambiguity">
      <legend>{t('import.dates.question')}</legend>
      <p>{t('import.dates.explain', { column, example })}</p>
      <label>
        <input type="radio" name="date-order" data-testid="date-order-dmy" onChange={() => onAnswer('DMY')} />
        {t('import.dates.dmy', { example, dmy: readings.dmy })}
      </label>
      <label>
        <input type="radio" name="date-order" data-testid="date-order-mdy" onChange={() => onAnswer('MDY')} />
        {t('import.dates.mdy', { example, mdy: readings.mdy })}
      </label>
    </fieldset>
  );
}
