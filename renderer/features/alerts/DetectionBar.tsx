import { useWorkspace } from '../../app/workspace';
import { useI18n } from '../../i18n/I18nProvider';
import { localDateTime } from './localTime';
import { typologyName } from './typologyNames';
import { detectionService } from './detectionService';
import type { DetectionSnapshot } from './detectionState';

/** Where detection stands for the open case: progress with cancel while it runs, the last run and "run again" otherwise. */
export function DetectionBar({ detection }: { detection: DetectionSnapshot }) {
  const { t, language, locale, number } = useI18n();
  const { caseRow } = useWorkspace();
  const { status, run, profile } = detection;
  const mine = status.caseId === caseRow?.id;
  const running = mine && (status.phase === 'loading' || status.phase === 'running' || status.phase === 'saving');
  const percent = Math.round(status.fraction * 100);

  let line: string;
  if (running && status.phase === 'loading') line = t('alerts.phase.loading');
  else if (running && status.phase === 'saving') line = t('alerts.phase.saving');
  else if (running) line = t('alerts.phase.running', { typology: status.typologyId ? typologyName(status.typologyId, language) : '…', percent });
  else if (mine && status.phase === 'cancelled') line = t('alerts.cancelled');
  else if (mine && status.phase === 'failed') line = t('alerts.failed', { message: status.error ?? '' });
  else if (run) line = t('alerts.lastRun', { date: localDateTime(run.ranAt, locale), profile: profile && profile.id === run.profileId ? profile.name : run.profileId, count: number(run.alerts.length) });
  else line = '';

  return (
    <div className={`detection-bar${mine && status.phase === 'failed' ? ' failed' : ''}`} data-testid="detection-status" data-phase={mine ? status.phase : 'idle'} data-ran-at={run?.ranAt ?? ''} data-run-profile={run?.profileId ?? ''} data-alert-count={run?.alerts.length ?? ''}>
      <div className="detection-line">
        <span role="status">{line}</span>
        {running && (
          <progress max={100} value={status.phase === 'running' ? percent : undefined} aria-label={line} data-testid="detection-progress" />
        )}
      </div>
      <div className="detection-actions">
        {running ? (
          <button type="button" data-testid="cancel-detection" onClick={() => detectionService.cancel()}>
            {t('alerts.cancel')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="run-detection" disabled={!profile} onClick={() => void detectionService.rerun()}>
            {t('alerts.runAgain')}
          </button>
        )}
      </div>
    </div>
  );
}
