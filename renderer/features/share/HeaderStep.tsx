import { useI18n } from '../../i18n/I18nProvider';
import type { HeaderDraft } from './headerDraft';

/** Step 3 of the export wizard: the header fields, validated by headerDraft.ts against the engine's schema. */
export function HeaderStep({ header, onChange }: { header: HeaderDraft; onChange(header: HeaderDraft): void }) {
  const { t } = useI18n();
  const setHeader = onChange;
  return (
    <section className="panel share-section">
      <h3>{t('share.header.title')}</h3>
      <p className="muted">{t('share.header.intro')}</p>
      <div className="share-form">
        {(['originatingUnit', 'recipientUnit', 'reference', 'purpose', 'legalBasis', 'classification', 'contact', 'inReplyTo'] as const).map((field) => (
          <label key={field}>
            {t(`share.header.${field}`)}
            <input data-testid={`share-header-${field}`} value={header[field]} list={field === 'recipientUnit' ? 'share-partner-units' : undefined} onChange={(event) => setHeader({ ...header, [field]: event.target.value })} />
          </label>
        ))}
        <label>
          {t('share.header.expires')}
          <input type="date" data-testid="share-header-expires" value={header.expires} onChange={(event) => setHeader({ ...header, expires: event.target.value })} />
        </label>
        <label className="wide">
          {t('share.header.caveatEs')}
          <textarea rows={2} value={header.caveatEs} onChange={(event) => setHeader({ ...header, caveatEs: event.target.value })} />
        </label>
        <label className="wide">
          {t('share.header.caveatEn')}
          <textarea rows={2} value={header.caveatEn} onChange={(event) => setHeader({ ...header, caveatEn: event.target.value })} />
        </label>
      </div>
    </section>
  );
}
