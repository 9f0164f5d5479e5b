import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** Beyond this the table would stop being readable; the chart and the PDF export carry the full evidence. */
export const MAX_EVIDENCE_ROWS = 500;

export interface EvidenceColumn {
  header: ReactNode;
  numeric?: boolean;
}

/**
 * One evidence table of an alert (its transactions or its shipments): a heading with the count, a note when only the
 * first MAX_EVIDENCE_ROWS are shown, and a row per id; an id the case no longer holds says so instead of vanishing.
 */
export function EvidenceTable({
  title,
  ids,
  columns,
  testId,
  rowTestId,
  cells,
}: {
  title: string;
  ids: readonly string[];
  columns: EvidenceColumn[];
  testId: string;
  rowTestId?: string;
  /** The row's cells, or undefined when the record is missing from the case. */
  cells(id: string): ReactNode | undefined;
}) {
  const { t, number } = useI18n();
  return (
    <section>
      <h4>{title}</h4>
      {ids.length > MAX_EVIDENCE_ROWS && <p className="muted small">{t('alerts.detail.truncated', { shown: number(MAX_EVIDENCE_ROWS), total: number(ids.length) })}</p>}
      <div className="table-scroll">
        <table className="data evidence" data-testid={testId}>
          <thead>
            <tr>
              {columns.map((column, at) => (
                <th key={at} className={column.numeric ? 'num' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.slice(0, MAX_EVIDENCE_ROWS).map((id) => {
              const row = cells(id);
              return row === undefined ? (
                <tr key={id}>
                  <td className="mono">{id}</td>
                  <td colSpan={columns.length - 1} className="muted">
                    {t('alerts.detail.missing')}
                  </td>
                </tr>
              ) : (
                <tr key={id} data-testid={rowTestId}>
                  {row}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
