import type { ComponentType } from 'react';
import type { ViewId } from './views';
import { AlertsView } from '../features/alerts/AlertsView';
import { ProfilesView } from '../features/profiles/ProfilesView';
import { CasesView } from '../features/cases/CasesView';
import { ImportView } from '../features/import/ImportView';
import { ShareView } from '../features/share/ShareView';
import { GraphView } from '../features/graph/GraphView';
import { EntitiesView } from '../features/entities/EntitiesView';
import { AuditView } from '../features/audit/AuditView';
import { ScreeningView } from '../features/screening/ScreeningView';

/** Each feature plugs its top-level view in here (one line per feature). */
export const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  cases: CasesView,
  import: ImportView,
  entities: EntitiesView,
  graph: GraphView,
  alerts: AlertsView,
  share: ShareView,
  profiles: ProfilesView,
  audit: AuditView,
  screening: ScreeningView,
};
