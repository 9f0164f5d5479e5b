import { useState, type FormEvent } from 'react';
import { WrongPassphraseError } from '../../../shared/audit';
import type { BackupHeader } from '../../../shared/audit/backup';
import type { UnlockResult } from '../../db/analysts';
import { inspectBackup, restoreBackup } from '../../db/backup';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../platform';
import { AnalystPassphraseFields } from './AnalystPassphraseFields';

/** On a fresh workstation: restore a signed case backup, opened with the passphrase of an analyst in it. */
export function RestoreForm({ onUnlocked }: { onUnlocked(result: UnlockResult): void }) {
  const { t, dateTime } = useI18n();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array; header: BackupHeader } | null>(null);
  const [analystId, setAnalystId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (files: PickedFile[]) => {
    const chosen = files[0];
    setError(null);
    setFile(null);
    if (!chosen) return;
    try {
      const bytes = new Uint8Array(await chosen.blob.arrayBuffer());
      const header = inspectBackup(chosen.name, bytes);
      setFile({ name: chosen.name, bytes, header });
      setAnalystId(header.madeBy.id);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await restoreBackup(database(), file.name, file.bytes, analystId, passphrase);
      localStorage.setItem('caudal.lastAnalyst', result.analyst.analyst.id);
      localStorage.setItem('caudal.lastCase', result.caseId);
      onUnlocked(result);
    } catch (reason) {
      const name = file.header.analysts.find((row) => row.id === analystId)?.name ?? '';
      setError(reason instanceof WrongPassphraseError ? t('lock.wrong', { name }) : t('lock.failed', { reason: reason instanceof Error ? reason.message : String(reason) }));
      setBusy(false);
    }
  };

  return (
    <form className="lock-form" onSubmit={(event) => void submit(event)} data-testid="lock-restore">
      <h2>{t('lock.restore.title')}</h2>
      <p className="muted">{t('lock.restore.intro')}</p>
      <FilePicker accept={['.caudal-backup']} label={t('lock.restore.file')} testId="lock-restore-file" onFiles={(files) => void pick(files)} />
      {file && (
        <>
          <p data-testid="lock-restore-summary">
            {t('lock.restore.summary', { number: file.header.caseNumber, name: file.header.caseName, analyst: file.header.madeBy.name, date: dateTime(file.header.createdAt) })}
          </p>
          <AnalystPassphraseFields analysts={file.header.analysts} analystId={analystId} onAnalyst={setAnalystId} passphrase={passphrase} onPassphrase={setPassphrase} testIdPrefix="lock-restore" />
        </>
      )}
      {error && (
        <p className="error" role="alert" data-testid="lock-restore-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="lock-restore-submit" disabled={busy || !file || !passphrase}>
        {busy ? t('lock.unlocking') : t('lock.restore.submit')}
      </button>
    </form>
  );
}
