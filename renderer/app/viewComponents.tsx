import type { ComponentType } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { ViewId } from './views';
import { AlertsView } from '../features/alerts/AlertsView';
import { ProfilesView } from '../features/profiles/ProfilesView';
import { CasesView } from '../features/cases/CasesView';
import { ImportView } from '../features/import/ImportView';
import { ShareView } from '../features/share/ShareView';

function Pending() {
  const { t } = useI18n();
  return <p className="muted">{t('common.loading')}</p>;
}

/** Each feature plugs its top-level view in here (one line per feature). */
export const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  cases: CasesView,
  import: ImportView,
  graph: Pending,
  alerts: AlertsView,
  share: ShareView,
  profiles: ProfilesView,
};
