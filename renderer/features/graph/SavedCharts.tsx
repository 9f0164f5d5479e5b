import { useState } from 'react';
import type { ChartRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';

export interface SavedChartsProps {
  charts: ChartRow[];
  name: string;
  onSave(name: string): void;
  onOpen(row: ChartRow): void;
}

/** Saved charts of the case: save the current one under a name, reopen one where it was left. */
export function SavedCharts({ charts, name, onSave, onOpen }: SavedChartsProps) {
  const { t, date } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? name;
  return (
    <section className="graph-charts">
      <h3>{t('graph.charts')}</h3>
      <div className="path-field">
        <input data-testid="chart-name" placeholder={t('graph.charts.name')} aria-label={t('graph.charts.name')} value={value} onChange={(event) => setDraft(event.target.value)} />
        <button
          type="button"
          data-testid="chart-save"
          onClick={() => {
            onSave(value);
            setDraft(null);
          }}
        >
          {t('graph.charts.save')}
        </button>
      </div>
      {charts.length === 0 ? (
        <p className="muted small">{t('graph.charts.none')}</p>
      ) : (
        <ul className="saved-charts">
          {charts.map((row) => (
            <li key={row.id}>
              <button
                type="button"
                className="link-button"
                data-testid="chart-open"
                data-chart-name={row.name}
                onClick={() => {
                  setDraft(null);
                  onOpen(row);
                }}
              >
                {row.name}
              </button>{' '}
              <span className="muted small">
                {t(`graph.view.${row.view}`)} · {date(row.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
