import { useEffect, useState } from 'react';
import { useWorkspace } from '../../app/workspace';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportWizard } from './ExportWizard';
import { ImportPanel } from './ImportPanel';
import { KeyBookPanel } from './KeyBookPanel';
import { MatchPanel } from './MatchPanel';
import { partnerCaveatFor, type PartnerCaveat } from './partnerCaveat';
import { SentPanel } from './SentPanel';
import { useShareData } from './useShareData';
import './share.css';

const TABS = ['export', 'import', 'keys', 'match', 'sent'] as const;
type Tab = (typeof TABS)[number];

export function ShareView() {
  const { t, language, date } = useI18n();
  const { caseRow, overlay, setOverlay } = useWorkspace();
  const data = useShareData();
  const [tab, setTab] = useState<Tab>('export');
  const [caveat, setCaveat] = useState<PartnerCaveat | null>(null);

  useEffect(() => {
    let live = true;
    void partnerCaveatFor(caseRow).then((value) => live && setCaveat(value));
    return () => {
      live = false;
    };
  }, [caseRow]);

  return (
    <div className="share-view" data-testid="share-view">
      <header className="share-header">
        <h2>{t('share.title')}</h2>
        <p className="muted">{t('share.intro')}</p>
      </header>
      {caveat && (
        <p className="share-partner-mark" data-testid="share-partner-banner">
          {caveat.stamp(language)}
          {caveat.expiresAt > 0 && caveat.expiresAt < Date.now() && <strong className="share-danger"> {t('share.banner.expired', { date: date(caveat.expiresAt) })}</strong>}
        </p>
      )}
      {overlay && (
        <p className="share-overlay-active" data-testid="share-overlay-active">
          {t('share.overlay.active', { label: overlay.label })}{' '}
          <button type="button" data-testid="share-overlay-remove" onClick={() => setOverlay(null)}>
            {t('share.overlay.remove')}
          </button>
        </p>
      )}
      {data.ownPublic && !data.ownKeys && <UnlockBar unit={data.ownPublic.unit} onUnlock={data.unlock} />}
      <nav className="share-tabs" role="tablist">
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={id === tab} className={id === tab ? 'active' : ''} data-testid={`share-tab-${id}`} onClick={() => setTab(id)}>
            {t(`share.tab.${id}`)}
          </button>
        ))}
      </nav>
      {data.error && (
        <p className="error" role="alert">
          {data.error}
        </p>
      )}
      {!data.loaded ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          {tab === 'export' && <ExportWizard data={data} reply={null} onGoToKeys={() => setTab('keys')} />}
          {tab === 'import' && <ImportPanel data={data} onGoToKeys={() => setTab('keys')} />}
          {tab === 'keys' && <KeyBookPanel data={data} />}
          {tab === 'match' && <MatchPanel data={data} />}
          {tab === 'sent' && <SentPanel />}
        </>
      )}
    </div>
  );
}

/** The unit key is sealed at rest; signing, opening addressed packages and key-based matching need it unlocked once per session. */
function UnlockBar({ unit, onUnlock }: { unit: string; onUnlock(passphrase: string): Promise<void> }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="share-unlock"
      data-testid="share-unlock"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        onUnlock(passphrase)
          .then(() => setPassphrase(''))
          .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)))
          .finally(() => setBusy(false));
      }}
    >
      <span>{t('share.unlock.text', { unit })}</span>
      <input type="password" autoComplete="current-password" data-testid="share-unlock-passphrase" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
      <button type="submit" disabled={busy || !passphrase}>
        {t('share.unlock.button')}
      </button>
      {error && <span className="error">{t('share.unlock.failed')}</span>}
    </form>
  );
}
