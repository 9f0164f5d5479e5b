import { useState } from 'react';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { prepareDemoCase, type DemoProgress } from './demo';

/** One click from a fresh install to a populated chart. */
export function DemoCaseButton() {
  const { t } = useI18n();
  const { openCase, setView } = useWorkspace();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const caseId = await prepareDemoCase(database(), setProgress);
      await openCase(caseId);
      setView('graph');
    } catch (reason) {
      setError(t('cases.demo.failed', { reason: reason instanceof Error ? reason.message : String(reason) }));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const fraction = progress ? (progress.fileIndex + (progress.progress && progress.progress.totalBytes > 0 ? progress.progress.bytes / progress.progress.totalBytes : 0)) / progress.fileCount : 0;
  return (
    <div className="demo-action">
      <button type="button" className="primary" data-testid="open-demo" disabled={busy} onClick={() => void open()}>
        {t('cases.demo.button')}
      </button>
      {busy && (
        <div className="demo-progress" data-testid="demo-progress">
          <progress max={1} value={fraction} />
          <span className="muted">{progress ? t('cases.demo.file', { name: progress.name, index: progress.fileIndex + 1, total: progress.fileCount }) : t('cases.demo.loading')}</span>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </div>
  );
}
