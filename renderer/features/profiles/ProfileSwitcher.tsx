import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { assignProfileToCase } from './repository';
import { useProfileEntries } from './useProfileEntries';

/** Puts the open case under another unit profile; detection re-runs on its own because the run's inputs changed. */
export function ProfileSwitcher({ testId = 'case-profile' }: { testId?: string }) {
  const { t } = useI18n();
  const { caseRow, refreshCase } = useWorkspace();
  const { entries } = useProfileEntries();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!caseRow) return null;
  const known = entries.some((entry) => entry.profile.id === caseRow.profileId);
  const change = (profileId: string) => {
    setBusy(true);
    setError(null);
    assignProfileToCase(database(), caseRow.id, profileId)
      .then(() => refreshCase())
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => setBusy(false));
  };
  return (
    <label className="profile-switcher" title={t('profiles.switchHint')}>
      <span>{t('profiles.caseProfile')}</span>
      <select data-testid={testId} value={caseRow.profileId} disabled={busy} onChange={(event) => change(event.target.value)}>
        {!known && <option value={caseRow.profileId}>{caseRow.profileId}</option>}
        {entries.map(({ profile, builtIn }) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
            {builtIn ? '' : ` (${t('profiles.custom')})`}
          </option>
        ))}
      </select>
      {error && <span className="error">{error}</span>}
    </label>
  );
}
