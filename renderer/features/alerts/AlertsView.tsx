import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ALERT_STATUSES, type AlertStatus } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { ProfileSwitcher } from '../profiles/ProfileSwitcher';
import { unconfirmedFigures } from '../profiles/repository';
import { AlertDetail } from './AlertDetail';
import { AlertList } from './AlertList';
import { DetectionBar } from './DetectionBar';
import { SuppressionRules } from './SuppressionRules';
import { countByStatus, loadTriage, orphanedTriage, statusOf, type TriageRecord } from './repository';
import { typologyName } from './typologyNames';
import { useDetection } from './useDetection';
import { useWatchlistAlerts } from '../screening/useWatchlistAlerts';
import './alerts.css';

export function AlertsView() {
  const { t, language, number } = useI18n();
  const { caseRow, alerts: detected, selectedAlertId } = useWorkspace();
  // Screening hits (issue 14) join the detectors' alerts as the watchlist typology.
  const watchlist = useWatchlistAlerts();
  const alerts = useMemo(() => (watchlist.length > 0 ? [...detected, ...watchlist] : detected), [detected, watchlist]);
  const detection = useDetection();
  const [triage, setTriage] = useState<Map<string, TriageRecord>>(new Map());
  const [statusFilter, setStatusFilter] = useState<AlertStatus | 'all'>('all');
  const [typologyChoice, setTypologyFilter] = useState<string>('all');
  const [minScore, setMinScore] = useState(0);
  const [showSuppressed, setShowSuppressed] = useState(false);
  const detailPane = useRef<HTMLElement>(null);

  // Each alert's detail starts at its top: its explanation, not the middle of the previous alert's evidence.
  useEffect(() => {
    detailPane.current?.scrollTo?.(0, 0);
  }, [selectedAlertId]);

  const caseId = caseRow?.id ?? null;
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void loadTriage(database(), caseId).then((rows) => live && setTriage(rows));
    return () => {
      live = false;
    };
  }, [caseId]);

  const onTriageChanged = useCallback((row: TriageRecord) => {
    setTriage((current) => new Map(current).set(row.alertId, row));
  }, []);

  const counts = useMemo(() => countByStatus(alerts, triage), [alerts, triage]);
  // Suppressed alerts are still produced by the run: their triage is not orphaned.
  const produced = useMemo(() => [...alerts, ...detection.suppressed.map((entry) => entry.alert)], [alerts, detection.suppressed]);
  const orphans = useMemo(() => orphanedTriage(produced, triage), [produced, triage]);
  const typologiesPresent = useMemo(
    () => [...new Set(alerts.map((alert) => alert.typology))].sort((a, b) => typologyName(a, language).localeCompare(typologyName(b, language), language)),
    [alerts, language],
  );
  // A re-run under another profile may no longer raise the filtered typology: show everything rather than an empty list.
  const typologyFilter = typologyChoice !== 'all' && typologiesPresent.includes(typologyChoice) ? typologyChoice : 'all';
  // Ranked by score, ties by id so the order never shuffles between runs.
  const suppressedAlerts = useMemo(() => detection.suppressed.map((entry) => entry.alert), [detection.suppressed]);
  const suppressedIds = useMemo(() => new Set(suppressedAlerts.map((alert) => alert.id)), [suppressedAlerts]);
  const listed = useMemo(() => (showSuppressed ? [...alerts, ...suppressedAlerts] : alerts), [alerts, suppressedAlerts, showSuppressed]);
  const visible = useMemo(
    () =>
      listed
        .filter((alert) => statusFilter === 'all' || statusOf(triage, alert.id) === statusFilter)
        .filter((alert) => typologyFilter === 'all' || alert.typology === typologyFilter)
        .filter((alert) => alert.score >= minScore)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    [listed, triage, statusFilter, typologyFilter, minScore],
  );
  // A just-suppressed alert keeps its detail open, so the analyst sees what the rule did.
  const selected = alerts.find((alert) => alert.id === selectedAlertId) ?? suppressedAlerts.find((alert) => alert.id === selectedAlertId) ?? null;
  const activeRules = detection.rules.filter((rule) => rule.revokedAt === undefined).length;

  if (!caseRow) return <p className="muted">{t('common.noCase')}</p>;

  const unconfirmed = detection.profile ? unconfirmedFigures(detection.profile) : [];
  return (
    <div className="alerts-view" data-testid="alerts-view">
      <header className="alerts-header">
        <div className="alerts-heading">
          <h2>{t('alerts.title')}</h2>
          <p className="muted">{t('alerts.intro')}</p>
        </div>
        <div className="alerts-profile">
          <ProfileSwitcher />
          <p className="muted small">{t('alerts.profileHint')}</p>
        </div>
      </header>

      {detection.profile === null && (
        <p className="banner banner-error" role="alert">
          {t('alerts.missingProfile', { id: caseRow.profileId })}
        </p>
      )}
      {unconfirmed.length > 0 && (
        <p className="banner banner-default" data-testid="alerts-unconfirmed">
          <strong>{t('alerts.unconfirmed')}</strong> — {t('alerts.unconfirmedDetail', { figures: unconfirmed.map((figure) => t(`alerts.figure.${figure}`)).join(', ') })}
        </p>
      )}

      <DetectionBar detection={detection} />

      <div className="alerts-toolbar">
        <div className="status-counts" role="group" aria-label={t('alerts.counts')}>
          {ALERT_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={`status-chip status-${status}${statusFilter === status ? ' active' : ''}`}
              data-testid={`count-${status}`}
              aria-pressed={statusFilter === status}
              onClick={() => setStatusFilter(statusFilter === status ? 'all' : status)}
            >
              {t(`alerts.status.${status}`)} <strong>{counts[status]}</strong>
            </button>
          ))}
        </div>
        <label>
          {t('alerts.filter.status')}
          <select data-testid="filter-status" value={statusFilter} onChange={(event) => setStatusFilter(event.target.value as AlertStatus | 'all')}>
            <option value="all">{t('alerts.filter.allStatuses')}</option>
            {ALERT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`alerts.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alerts.filter.typology')}
          <select data-testid="filter-typology" value={typologyFilter} onChange={(event) => setTypologyFilter(event.target.value)}>
            <option value="all">{t('alerts.filter.allTypologies')}</option>
            {typologiesPresent.map((id) => (
              <option key={id} value={id}>
                {typologyName(id, language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('alerts.filter.minScore')}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={minScore}
            data-testid="filter-min-score"
            onChange={(event) => setMinScore(Number(event.target.value))}
          />
          <output className="score-output">{minScore}</output>
        </label>
        <button
          type="button"
          className={`status-chip status-suppressed${showSuppressed ? ' active' : ''}`}
          data-testid="count-suppressed"
          data-count={detection.suppressed.length}
          aria-pressed={showSuppressed}
          title={t('alerts.suppressed.title')}
          onClick={() => setShowSuppressed(!showSuppressed)}
        >
          {t('alerts.suppressed.chip')} <strong>{detection.suppressed.length}</strong>
        </button>
        <span className="muted" data-testid="alerts-shown" data-shown={visible.length} data-total={alerts.length}>
          {t('alerts.shown', { shown: number(visible.length), total: number(alerts.length) })}
        </span>
      </div>
      {orphans.length > 0 && <p className="muted small">{t('alerts.triage.orphans', { count: orphans.length })}</p>}
      <details className="suppression-panel" data-testid="suppression-panel">
        <summary>{t('alerts.rules.title', { active: activeRules, suppressed: detection.suppressed.length })}</summary>
        <SuppressionRules rules={detection.rules} countsByRule={detection.countsByRule} />
      </details>

      <div className="alerts-body">
        <section className="alerts-list-pane">
          {alerts.length > 0 && <p className="muted small">{t('alerts.rowHint')}</p>}
          {visible.length === 0 ? (
            <p className="muted empty">{alerts.length === 0 ? emptyMessage(detection.outcome?.kind, detection.run !== null, t) : t('alerts.noneFiltered')}</p>
          ) : (
            <AlertList alerts={visible} triage={triage} suppressedIds={suppressedIds} />
          )}
        </section>
        <aside className="alerts-detail-pane" data-testid="alert-detail-pane" ref={detailPane}>
          {selected ? <AlertDetail key={selected.id} alert={selected} suppressed={suppressedIds.has(selected.id)} triage={triage.get(selected.id)} onTriageChanged={onTriageChanged} /> : <p className="muted">{t('alerts.detail.empty')}</p>}
        </aside>
      </div>
    </div>
  );
}

function emptyMessage(outcome: string | undefined, hasRun: boolean, t: (key: string) => string): string {
  if (outcome === 'no-data') return t('alerts.noData');
  return hasRun ? t('alerts.noneAtAll') : t('alerts.noRun');
}
