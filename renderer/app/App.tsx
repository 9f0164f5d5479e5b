import { useEffect, useState } from 'react';
import { DetectionRunner } from '../features/alerts/useDetection';
import { partnerCaveatFor } from '../features/share/partnerCaveat';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { CustodyBadge } from '../features/lock/CustodyGate';
import { VIEW_IDS } from './views';
import { VIEW_COMPONENTS } from './viewComponents';
import { WorkspaceProvider, useWorkspace } from './workspace';

export function App() {
  return (
    <WorkspaceProvider>
      {/* Detection follows the open case from any view, so alerts are ready when the analyst looks. */}
      <DetectionRunner />
      <Shell />
    </WorkspaceProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const { view, setView, caseRow } = useWorkspace();
  const View = VIEW_COMPONENTS[view];
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden>◆</span>
          <span className="brand-name">{t('app.title')}</span>
          {caseRow && (
            <span className="case-badge" data-testid="current-case">
              {caseRow.number} · {caseRow.name}
            </span>
          )}
        </div>
        <div className="header-right">
          <span className="offline-badge" title={t('app.offline')}>● {t('app.offline')}</span>
          <CustodyBadge />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="shell-nav">
        {VIEW_IDS.map((id) => (
          <button key={id} type="button" data-testid={`nav-${id}`} className={id === view ? 'active' : ''} onClick={() => setView(id)}>
            {t(`nav.${id}`)}
          </button>
        ))}
      </nav>
      <PartnerBanner />
      <main className="shell-main" data-testid={`view-${view}`}>
        <View />
      </main>
    </div>
  );
}

/**
 * Egmont's third-party rule travels with the data: while a partner unit's
 * case or overlay is open, every view carries the originator's caveat.
 */
function PartnerBanner() {
  const { language } = useI18n();
  const { caseRow, overlay } = useWorkspace();
  const [stamp, setStamp] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void partnerCaveatFor(caseRow, overlay).then((caveat) => {
      if (live) setStamp(caveat?.stamp(language) ?? null);
    });
    return () => {
      live = false;
    };
  }, [caseRow, overlay, language]);
  if (!stamp) return null;
  return (
    <div className="partner-banner" role="note" data-testid="partner-banner">
      {stamp}
    </div>
  );
}
