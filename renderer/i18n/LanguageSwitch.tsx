import { useI18n } from './I18nProvider';

/** The language picker of the header and of the lock screen (an analyst from a partner unit may read English first). */
export function LanguageSwitch({ className = 'language-switch' }: { className?: string }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className={className}>
      {t('app.language')}
      <select data-testid="language" value={language} onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'es')}>
        <option value="es">Español</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
