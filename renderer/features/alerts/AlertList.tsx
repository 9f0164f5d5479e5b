import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Alert } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { statusOf, type TriageRecord } from './repository';
import { typologyName } from './typologyNames';

/** "3 mar 2026 – 19 mar 2026", or one date when the pattern happened on a single day. */
export function formatWindow(window: Alert['window'], i18n: Pick<I18n, 'date'>): string {
  const from = i18n.date(window.from);
  const to = i18n.date(window.to);
  return from === to ? from : `${from} – ${to}`;
}

export function formatTotals(totals: Alert['totals'], i18n: Pick<I18n, 'amount'>): string {
  return Object.entries(totals)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amount]) => i18n.amount(amount, currency))
    .join(' · ');
}

/**
 * The ranked alerts, virtualised: a large case can raise thousands of alerts
 * and each row wraps a sentence of explanation, so rows are measured as they render.
 */
export function AlertList({ alerts, triage, suppressedIds }: { alerts: Alert[]; triage: ReadonlyMap<string, TriageRecord>; suppressedIds?: ReadonlySet<string> }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { selectedAlertId, selectAlert, setView } = useWorkspace();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: alerts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 128,
    overscan: 8,
    getItemKey: (index) => alerts[index]?.id ?? index,
  });

  const openOnChart = (alert: Alert) => {
    selectAlert(alert.id);
    setView('graph');
  };
  const showDetails = (event: MouseEvent, alert: Alert) => {
    event.stopPropagation();
    selectAlert(alert.id);
  };
  const onKey = (event: KeyboardEvent, alert: Alert) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openOnChart(alert);
    }
  };

  return (
    <div className="alert-list" ref={scrollRef} data-testid="alert-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const alert = alerts[item.index];
          if (!alert) return null;
          const status = statusOf(triage, alert.id);
          const suppressed = suppressedIds?.has(alert.id) ?? false;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`alert-row${alert.id === selectedAlertId ? ' selected' : ''}${suppressed ? ' suppressed' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              data-testid="alert-row"
              data-typology={alert.typology}
              data-alert-id={alert.id}
              data-status={status}
              data-suppressed={suppressed ? 'true' : 'false'}
              data-focus={alert.focus && alert.accounts.includes(alert.focus) ? alert.focus : ''}
              data-score={alert.score}
              role="button"
              tabIndex={0}
              title={t('alerts.openChart')}
              onClick={() => openOnChart(alert)}
              onKeyDown={(event) => onKey(event, alert)}
            >
              <div className="alert-row-score" title={t('alerts.scoreTitle')} style={{ ['--score' as string]: alert.score }}>
                <span className="score-value" data-testid="alert-score">{Math.round(alert.score)}</span>
                <span className="score-label">{t('alerts.score')}</span>
              </div>
              <div className="alert-row-body">
                <div className="alert-row-title">
                  <strong data-testid="alert-typology">{typologyName(alert.typology, language)}</strong>
                  <span className={`status-pill status-${status}`} data-testid="alert-status">
                    {t(`alerts.status.${status}`)}
                  </span>
                  {suppressed && <span className="status-pill status-dismissed">{t('alerts.suppressed.pill')}</span>}
                </div>
                <p className="alert-explanation" data-testid="alert-explanation">
                  {alert.explanation[language]}
                </p>
                <div className="alert-row-facts">
                  <span>
                    <span className="muted">{t('alerts.window')}:</span> {formatWindow(alert.window, i18n)}
                  </span>
                  <span>
                    <span className="muted">{t('alerts.totals')}:</span> {formatTotals(alert.totals, i18n) || '—'}
                  </span>
                  <span className="muted">{t('alerts.transactionsCount', { count: i18n.number(alert.transactions.length) })}</span>
                  <button type="button" className="link-button" data-testid="alert-details" onClick={(event) => showDetails(event, alert)}>
                    {t('alerts.details')}
                  </button>
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
