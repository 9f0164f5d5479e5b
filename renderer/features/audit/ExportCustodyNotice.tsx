import { useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { preparedCustody, savePreparedCustody } from './custodyFiles';

/**
 * Under an export: who signed it, and one button that saves the signature
 * (and the analysis manifest) beside the exported file. Shows only what was
 * prepared while it is on screen, never an earlier export's files.
 */
export function ExportCustodyNotice() {
  const { t } = useI18n();
  const latest = useSyncExternalStore(preparedCustody.subscribe, preparedCustody.get);
  const [mountedAt] = useState(() => Date.now());
  const [saved, setSaved] = useState<string | null>(null);
  const ready = latest && latest.preparedAt >= mountedAt ? latest : null;
  if (!ready) return null;
  return (
    <p className="export-custody muted" data-testid="export-custody">
      {t(ready.manifest ? 'audit.custody.signedWithManifest' : 'audit.custody.signed', { file: ready.fileName, name: ready.analystName, key: ready.keyFingerprint.slice(0, 16) })}{' '}
      {ready.savedBeside ? (
        <span data-testid="export-custody-saved">{t('audit.custody.savedBeside', { files: ready.files.map((file) => file.name).join(', ') })}</span>
      ) : (
        <button
          type="button"
          data-testid="export-custody-save"
          onClick={() => {
            void savePreparedCustody(ready).then((all) => setSaved(all ? ready.fileName : null));
          }}
        >
          {t(ready.manifest ? 'audit.custody.saveBoth' : 'audit.custody.saveSignature')}
        </button>
      )}
      {saved === ready.fileName && <span data-testid="export-custody-saved"> {t('audit.custody.saved')}</span>}
    </p>
  );
}
