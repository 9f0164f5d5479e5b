import { useCallback, useEffect, useRef, useState } from 'react';
import { ProfileError, profileToJson, type UnitProfile } from '../../../shared/profiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform, type PickedFile } from '../../platform';
import { labelIssue } from './issueLabels';
import { ProfileEditor, type EditorMode } from './ProfileEditor';
import { profileChanges } from './profileEvents';
import { ProfileSwitcher } from './ProfileSwitcher';
import { useProfileEntries } from './useProfileEntries';
import {
  assignProfileToCase,
  copyOfProfile,
  deleteCustomProfile,
  freeProfileId,
  importProfileJson,
  ProfileRepositoryError,
  unconfirmedFigures,
} from './repository';
import './profiles.css';

type Notice = { kind: 'ok' | 'error'; text: string; details?: string[] };

/** Built-in and custom unit profiles: pick one for the open case, copy, edit, import, export, delete. */
export function ProfilesView() {
  const { t, language } = useI18n();
  const { caseRow, refreshCase } = useWorkspace();
  // Switching the case's profile re-runs detection: the shell's <DetectionRunner/> follows the case's profile, whichever view is open.
  const { entries, version } = useProfileEntries();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<UnitProfile | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const currentId = selectedId ?? caseRow?.profileId ?? entries[0]?.profile.id ?? null;
  const selected = entries.find((entry) => entry.profile.id === currentId) ?? entries[0] ?? null;
  const list = useRef<HTMLUListElement>(null);

  // A profile just saved or imported sits at the end of the list: bring its card into view.
  useEffect(() => {
    if (!currentId) return;
    list.current?.querySelector(`[data-profile-id="${CSS.escape(currentId)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [currentId, entries]);

  const fail = useCallback(
    (error: unknown, heading?: string) => {
      if (error instanceof ProfileRepositoryError) setNotice({ kind: 'error', text: t(`profiles.error.${error.code}`, error.params) });
      else if (error instanceof ProfileError)
        setNotice({ kind: 'error', text: heading ?? t('profiles.invalid'), details: (error.issues.length > 0 ? error.issues : [error.message]).map((issue) => labelIssue(issue, t, language)) });
      else setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    },
    [t, language],
  );

  const startCopy = async (profile: UnitProfile) => {
    const id = await freeProfileId(database(), profile.id);
    setDraft(copyOfProfile(profile, id, t('profiles.copyName', { name: profile.name })));
    setNotice(null);
  };

  const onImport = (files: PickedFile[]) => {
    const file = files[0];
    if (!file) return;
    setNotice(null);
    file.blob
      .text()
      .then((text) => importProfileJson(database(), text))
      .then(({ profile, replaced }) => {
        profileChanges.notify();
        setDraft(null);
        setSelectedId(profile.id);
        setNotice({ kind: 'ok', text: t(replaced ? 'profiles.importedReplaced' : 'profiles.imported', { name: profile.name }) });
      })
      .catch((error: unknown) => fail(error, `${file.name}: ${t('profiles.invalidImport')}`));
  };

  const onExport = (profile: UnitProfile) => {
    const suggestedName = `${profile.id}.caudal-profile.json`;
    platform
      .saveFile({ suggestedName, data: profileToJson(profile), mimeType: 'application/json', filters: [{ name: 'JSON', extensions: ['json'] }] })
      .then((result) => result.saved && setNotice({ kind: 'ok', text: t('profiles.exported', { file: suggestedName }) }))
      .catch(fail);
  };

  const onDelete = (id: string) => {
    if (confirmDelete !== id) {
      setConfirmDelete(id);
      return;
    }
    setConfirmDelete(null);
    deleteCustomProfile(database(), id)
      .then(() => {
        profileChanges.notify();
        setSelectedId(null);
        setNotice({ kind: 'ok', text: t('profiles.deleted') });
      })
      .catch(fail);
  };

  const onUse = (id: string) => {
    if (!caseRow) return;
    assignProfileToCase(database(), caseRow.id, id)
      .then(() => refreshCase())
      .catch(fail);
  };

  const editorProfile = draft ?? selected?.profile ?? null;
  const editorMode: EditorMode = draft ? 'create' : selected?.builtIn ? 'view' : 'update';

  return (
    <div className="profiles-view" data-testid="profiles-view">
      <header className="profiles-header">
        <div>
          <h2>{t('profiles.title')}</h2>
          <p className="muted">{t('profiles.intro')}</p>
        </div>
        <div className="profiles-header-actions">
          {caseRow && <ProfileSwitcher testId="profiles-case-profile" />}
          <FilePicker accept={['.json', 'application/json']} label={t('profiles.import')} testId="profile-import" onFiles={onImport} onError={fail} />
        </div>
      </header>
      {notice && (
        <div className={`banner ${notice.kind === 'ok' ? 'banner-ok' : 'banner-error'}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="profiles-notice">
          <p>{notice.text}</p>
          {notice.details && (
            <ul>
              {notice.details.map((detail) => (
                <li key={detail} className="mono">
                  {detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="profiles-body">
        <ul className="profile-list" data-testid="profile-list" ref={list}>
          {entries.map(({ profile, builtIn }) => {
            const isSelected = !draft && profile.id === selected?.profile.id;
            const inUse = caseRow?.profileId === profile.id;
            const unconfirmed = unconfirmedFigures(profile).length > 0;
            return (
              <li key={profile.id} className={`profile-card${isSelected ? ' selected' : ''}`} data-testid="profile-card" data-profile-id={profile.id}>
                <button
                  type="button"
                  className="profile-card-main"
                  data-testid={`profile-open-${profile.id}`}
                  onClick={() => {
                    setDraft(null);
                    setSelectedId(profile.id);
                    setConfirmDelete(null);
                  }}
                >
                  <strong>{profile.name}</strong>
                  <span className="muted small">{profile.unit}</span>
                  <span className="profile-tags">
                    <span className="tag">{builtIn ? t('profiles.builtIn') : t('profiles.custom')}</span>
                    <span className="tag">{profile.country} · {profile.currency}</span>
                    {inUse && <span className="tag tag-use">{t('profiles.inUse')}</span>}
                    {unconfirmed && <span className="tag tag-default">{t('profiles.defaultBanner')}</span>}
                  </span>
                </button>
                <div className="profile-card-actions">
                  {caseRow && !inUse && (
                    <button type="button" data-testid={`profile-use-${profile.id}`} onClick={() => onUse(profile.id)}>
                      {t('profiles.use')}
                    </button>
                  )}
                  <button type="button" data-testid={`profile-copy-${profile.id}`} onClick={() => void startCopy(profile)}>
                    {t('profiles.copy')}
                  </button>
                  <button type="button" data-testid={`profile-export-${profile.id}`} onClick={() => onExport(profile)}>
                    {t('profiles.export')}
                  </button>
                  {!builtIn && (
                    <button type="button" className="danger" data-testid={`profile-delete-${profile.id}`} onClick={() => onDelete(profile.id)}>
                      {confirmDelete === profile.id ? t('profiles.deleteConfirm') : t('profiles.delete')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        <section className="profile-editor-pane">
          {editorProfile && (
            <ProfileEditor
              key={`${editorMode}:${editorProfile.id}:${version}`}
              profile={editorProfile}
              mode={editorMode}
              onCopy={() => void startCopy(editorProfile)}
              onCancel={() => setDraft(null)}
              onSaved={(saved) => {
                setDraft(null);
                setSelectedId(saved.id);
                setNotice({ kind: 'ok', text: t('profiles.saved') });
              }}
            />
          )}
        </section>
      </div>
    </div>
  );
}
