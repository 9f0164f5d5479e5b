import { useI18n } from '../../i18n/I18nProvider';
import type { Progress } from './packageClient';

export function ProgressLine({ progress, onCancel }: { progress: Progress | null; onCancel(): void }) {
  const { t, number } = useI18n();
  return (
    <div className="share-progress" data-testid="share-progress">
      <progress max={progress?.total || 1} value={progress?.done ?? 0} />
      <span className="muted">{progress ? t(`share.progress.${progress.stage}`, { done: number(progress.done), total: number(progress.total) }) : t('share.progress.start')}</span>
      <button type="button" data-testid="share-cancel" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
