import { useMemo, useState, type Dispatch } from 'react';
import type { Alert, CaseDataset } from '../../../shared/model';
import type { ChartInput } from '../../../shared/package';
import { useI18n } from '../../i18n/I18nProvider';
import { typologyName } from '../alerts/typologyNames';
import { toggled, type ExportAction } from './exportDraft';
import { RECORD_GROUPS, type ContentChoice, type GroupMode, type RecordGroup } from './selection';

/** Lists longer than this show their first entries and a filter: a case can hold a million transactions. */
const PICK_LIMIT = 300;

export type SelectionCounts = Record<RecordGroup | 'alerts' | 'charts', number>;

/** Step 1 of the export wizard: which alerts, charts and records go into the package. */
export function ContentStep(props: { alerts: readonly Alert[]; charts: readonly ChartInput[]; dataset: CaseDataset; choice: ContentChoice; counts: SelectionCounts; dispatch: Dispatch<ExportAction> }) {
  const { alerts, charts, dataset, choice, counts, dispatch } = props;
  const { t, language, number: formatNumber } = useI18n();
  const ranked = useMemo(() => [...alerts].sort((a, b) => b.score - a.score).slice(0, PICK_LIMIT), [alerts]);
  return (
    <section className="panel share-section">
      <h3>{t('share.content.title')}</h3>
      <p className="muted">{t('share.content.intro')}</p>
      <h4>{t('share.content.alerts', { count: formatNumber(alerts.length) })}</h4>
      {alerts.length === 0 ? (
        <p className="muted">{t('share.content.noAlerts')}</p>
      ) : (
        <ul className="share-checklist">
          {ranked.map((alert) => (
            <li key={alert.id}>
              <label>
                <input type="checkbox" checked={choice.alerts.includes(alert.id)} onChange={() => dispatch({ type: 'toggle-alert', id: alert.id })} />
                <strong>{typologyName(alert.typology, language)}</strong> · {formatNumber(alert.score)} · {alert.explanation[language]}
              </label>
            </li>
          ))}
        </ul>
      )}
      {charts.length > 0 && (
        <>
          <h4>{t('share.content.charts')}</h4>
          <ul className="share-checklist">
            {charts.map((chart) => (
              <li key={chart.id}>
                <label>
                  <input type="checkbox" checked={choice.charts.includes(chart.id)} onChange={() => dispatch({ type: 'toggle-chart', id: chart.id })} />
                  {chart.name} ({formatNumber(chart.nodes.length)})
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {RECORD_GROUPS.map((group) => (
        <GroupPicker
          key={group}
          group={group}
          records={dataset[group].map((record) => ({ id: record.id, label: labelOf(group, record as unknown as Record<string, unknown>) }))}
          mode={choice.modes[group]}
          picked={choice.picked[group]}
          chosen={counts[group]}
          onMode={(mode) => dispatch({ type: 'group-mode', group, mode })}
          onPicked={(ids) => dispatch({ type: 'group-picked', group, ids })}
        />
      ))}
      <p className="share-summary" data-testid="share-selection-summary">
        {t('share.content.summary', counts)}
      </p>
    </section>
  );
}

function labelOf(group: RecordGroup, record: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  if (group === 'parties') return `${text(record.name)} · ${text(record.idNumber) || text(record.id)}`;
  if (group === 'accounts') return `${text(record.id)} · ${text(record.holderName)} ${text(record.institution)}`;
  return `${text(record.id)} · ${text(record.fromAccount)} → ${text(record.toAccount)} · ${text(record.amount)} ${text(record.currency)}`;
}

function GroupPicker(props: {
  group: RecordGroup;
  records: { id: string; label: string }[];
  mode: GroupMode;
  picked: string[];
  chosen: number;
  onMode(mode: GroupMode): void;
  onPicked(ids: string[]): void;
}) {
  const { t, number: formatNumber } = useI18n();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => props.records.filter((record) => !needle || record.label.toLowerCase().includes(needle)).slice(0, PICK_LIMIT), [props.records, needle]);
  const picked = new Set(props.picked);
  return (
    <fieldset className="share-group">
      <legend>
        {t(`share.group.${props.group}`)} ({formatNumber(props.chosen)} / {formatNumber(props.records.length)})
      </legend>
      <div className="share-row">
        {(['none', 'alerts', 'all', 'pick'] as const).map((mode) => (
          <label key={mode} className="share-check">
            <input type="radio" name={`share-mode-${props.group}`} data-testid={`share-mode-${props.group}-${mode}`} checked={props.mode === mode} onChange={() => props.onMode(mode)} />
            {t(`share.mode.${mode}`)}
          </label>
        ))}
      </div>
      {props.mode === 'pick' && (
        <>
          <input className="share-filter" placeholder={t('share.content.filter')} value={filter} onChange={(event) => setFilter(event.target.value)} />
          <ul className="share-checklist">
            {shown.map((record) => (
              <li key={record.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.has(record.id)}
                    onChange={() => props.onPicked(toggled(props.picked, record.id))}
                  />
                  {record.label}
                </label>
              </li>
            ))}
          </ul>
          {props.records.length > shown.length && <p className="muted">{t('share.content.more', { shown: formatNumber(shown.length) })}</p>}
        </>
      )}
    </fieldset>
  );
}
