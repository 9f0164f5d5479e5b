import { useSyncExternalStore } from 'react';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { resealStatus, startReseal, type ResealState } from './resealService';

function describe(state: ResealState, t: ReturnType<typeof useI18n>['t']): string {
  switch (state.phase) {
    case 'idle':
      return t('audit.reseal.starting');
    case 'running':
      return state.progress
        ? t('audit.reseal.running', { table: state.progress.table, index: Math.min(state.progress.tableIndex + 1, state.progress.tables), tables: state.progress.tables, resealed: state.progress.resealed })
        : t('audit.reseal.starting');
    case 'failed':
      return t('audit.reseal.failed', { reason: state.message });
    case 'done':
      switch (state.outcome.kind) {
        case 'finished':
          return t('audit.reseal.finished', { resealed: state.outcome.resealed, scanned: state.outcome.scanned });
        case 'paused':
          return t('audit.reseal.paused', { resealed: state.outcome.resealed });
        case 'locked':
          return t('audit.reseal.locked');
        case 'sealing-off':
          return t('audit.reseal.off');
      }
  }
}

/** How far the background re-encryption of older rows is, and a way to look again. */
export function ResealStatus() {
  const { t } = useI18n();
  const state = useSyncExternalStore(resealStatus.subscribe, resealStatus.get);
  const progress = state.phase === 'running' && state.progress ? state.progress : null;
  return (
    <p className="audit-reseal" data-testid="reseal-status" data-phase={state.phase} data-outcome={state.phase === 'done' ? state.outcome.kind : ''}>
      {describe(state, t)}{' '}
      {progress && <progress max={progress.tables} value={progress.tableIndex} />}
      {state.phase !== 'running' && (
        <button type="button" data-testid="reseal-recheck" onClick={() => void startReseal(database(), { restart: true })}>
          {t('audit.reseal.recheck')}
        </button>
      )}
    </p>
  );
}
