import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Alert, CaseDataset } from '../../shared/model';
import { database } from '../db/database';
import { detectionService } from '../features/alerts/detectionService';
import { loadCaseDataset } from '../db/dataset';
import type { CaseRow } from '../db/schema';
import type { ViewId } from './views';

/**
 * What every feature shares: the open case, its data in engine form, the
 * alerts of the last detection run and the current selection. Features read
 * it through useWorkspace() and never reach into each other's state.
 */
export interface Workspace {
  view: ViewId;
  setView(view: ViewId): void;
  caseRow: CaseRow | null;
  openCase(caseId: string | null): Promise<void>;
  refreshCase(): Promise<void>;
  dataset: CaseDataset | null;
  datasetVersion: number;
  /** The open case's alerts that no suppression rule covers; owned by the detection service (features/alerts). */
  alerts: Alert[];
  selectedAlertId: string | null;
  selectAlert(alertId: string | null): void;
  /** A partner unit's package laid over the local chart, read-only (see features/share). */
  overlay: PartnerOverlay | null;
  setOverlay(overlay: PartnerOverlay | null): void;
}

export interface PartnerOverlay {
  packageId: string;
  label: string;
  dataset: CaseDataset;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const NO_ALERTS: Alert[] = [];

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [view, setView] = useState<ViewId>('cases');
  const [caseRow, setCaseRow] = useState<CaseRow | null>(null);
  const [dataset, setDataset] = useState<CaseDataset | null>(null);
  const [datasetVersion, setDatasetVersion] = useState(0);
  const detection = useSyncExternalStore(detectionService.subscribe, detectionService.getSnapshot);
  // A snapshot of another case (between opening a case and the service hearing of it) is never shown.
  const alerts = caseRow && detection.caseId === caseRow.id ? detection.visible : NO_ALERTS;
  const [selectedAlertId, selectAlert] = useState<string | null>(null);
  const [overlay, setOverlay] = useState<PartnerOverlay | null>(null);

  const load = useCallback(async (caseId: string | null) => {
    if (!caseId) {
      setCaseRow(null);
      setDataset(null);
      selectAlert(null);
      setOverlay(null);
      return;
    }
    const db = database();
    const row = (await db.cases.get(caseId)) ?? null;
    const data = row ? await loadCaseDataset(db, caseId) : null;
    setCaseRow(row);
    setDataset(data);
    setDatasetVersion((version) => version + 1);
  }, []);

  const openCase = useCallback(async (caseId: string | null) => {
    selectAlert(null);
    await load(caseId);
    if (caseId) localStorage.setItem('caudal.lastCase', caseId);
  }, [load]);

  const refreshCase = useCallback(async () => {
    await load(caseRow?.id ?? null);
  }, [load, caseRow]);

  useEffect(() => {
    const last = localStorage.getItem('caudal.lastCase');
    if (last) void load(last);
  }, [load]);

  const value = useMemo<Workspace>(
    () => ({ view, setView, caseRow, openCase, refreshCase, dataset, datasetVersion, alerts, selectedAlertId, selectAlert, overlay, setOverlay }),
    [view, caseRow, openCase, refreshCase, dataset, datasetVersion, alerts, selectedAlertId, overlay],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const context = useContext(WorkspaceContext);
  if (!context) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return context;
}
