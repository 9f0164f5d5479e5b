import { useEffect, useState } from 'react';
import type { UnitProfile } from '../../../shared/profiles/schema';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { getProfile, isBuiltinId, saveCustomProfile } from '../profiles/repository';
import { CODE_LISTS, defaultsOf, parseTables, tableText, type CodeListName } from './codeTables';

/** The unit profile's goAML code tables, edited as `CODE = value` lines over the defaults. */
export function GoamlCodesEditor({ profileId }: { profileId: string }) {
  const { t } = useI18n();
  const [profile, setProfile] = useState<UnitProfile | null>(null);
  const [texts, setTexts] = useState<Record<CodeListName, string>>({ transmode: '', funds: '', role: '', identification: '' });
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    void getProfile(database(), profileId).then((found) => {
      if (!live || !found) return;
      setProfile(found);
      setTexts({ transmode: tableText(found.goamlCodes?.transmode), funds: tableText(found.goamlCodes?.funds), role: tableText(found.goamlCodes?.role), identification: tableText(found.goamlCodes?.identification) });
    });
    return () => {
      live = false;
    };
  }, [profileId]);
  if (!profile) return null;
  const builtIn = isBuiltinId(profile.id);

  const save = async () => {
    const parsed = parseTables(texts);
    if (!parsed.ok) {
      setNotice({ tone: 'error', text: t('goaml.codes.invalid', { list: parsed.list, line: String(parsed.line), message: parsed.message }) });
      return;
    }
    try {
      const saved = await saveCustomProfile(database(), { ...profile, goamlCodes: parsed.codes }, 'update');
      setProfile(saved);
      setNotice({ tone: 'ok', text: t('goaml.codes.saved', { profile: saved.name }) });
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <details className="goaml-codes" data-testid="goaml-codes">
      <summary>{t('goaml.codes.title', { profile: profile.name })}</summary>
      <p className="muted small">{builtIn ? t('goaml.codes.builtIn') : t('goaml.codes.hint')}</p>
      {CODE_LISTS.map((list) => (
        <label key={list} className="goaml-code-list">
          <strong>{t(`goaml.codes.list.${list}`)}</strong>
          <textarea rows={3} data-testid={`goaml-codes-${list}`} disabled={builtIn} value={texts[list]} placeholder="CODE = value" onChange={(event) => setTexts({ ...texts, [list]: event.target.value })} />
          <span className="muted small" title={defaultsOf(list)}>
            {t('goaml.codes.defaults', { codes: defaultsOf(list).split('\n').slice(0, 6).join(' · ') })} …
          </span>
        </label>
      ))}
      {!builtIn && (
        <button type="button" data-testid="goaml-codes-save" onClick={() => void save()}>
          {t('goaml.codes.save')}
        </button>
      )}
      {notice && (
        <p className={notice.tone === 'error' ? 'error' : 'muted'} data-testid="goaml-codes-notice">
          {notice.text}
        </p>
      )}
    </details>
  );
}
