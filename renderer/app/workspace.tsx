import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Alert, CaseDataset } from '../../shared/model';
import { database } from '../db/database';
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
  alerts: Alert[];
  setAlerts(alerts: Alert[]): void;
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

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [view, setView] = useState<ViewId>('cases');
  const [caseRow, setCaseRow] = useState<CaseRow | null>(null);
  const [dataset, setDataset] = useState<CaseDataset | null>(null);
  const [datasetVersion, setDatasetVersion] = useState(0);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [selectedAlertId, selectAlert] = useState<string | null>(null);
  const [overlay, setOverlay] = useState<PartnerOverlay | null>(null);

  const load = useCallback(async (caseId: string | null) => {
    if (!caseId) {
      setCaseRow(null);
      setDataset(null);
      setAlerts([]);
      selectAlert(null);
      setOverlay(null);
      return;
    }
    const db = database();
    const row = (await db.cases.get(caseId)) ?? null;
    const data = row ? await loadCaseDataset(db, caseId) : null;
    const run = row ? await db.alertRuns.get(caseId) : undefined;
    setCaseRow(row);
    setDataset(data);
    setAlerts(run?.alerts ?? []);
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
    () => ({ view, setView, caseRow, openCase, refreshCase, dataset, datasetVersion, alerts, setAlerts, selectedAlertId, selectAlert, overlay, setOverlay }),
    [view, caseRow, openCase, refreshCase, dataset, datasetVersion, alerts, selectedAlertId, overlay],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const context = useContext(WorkspaceContext);
  if (!context) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return context;
}
