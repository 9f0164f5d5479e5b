import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Alert } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { watchlistAlerts } from './repository';

/** Bumped whenever a screening run or a decision is saved, so the alert list re-reads the watchlist alerts. */
let version = 0;
const listeners = new Set<() => void>();
export const screeningChanges = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getVersion: () => version,
  notify(): void {
    version++;
    for (const listener of listeners) listener();
  },
};

/** The open case's watchlist alerts (screening hits not ruled out by a decision), for the alert list. */
export function useWatchlistAlerts(): Alert[] {
  const { caseRow, dataset } = useWorkspace();
  const changes = useSyncExternalStore(screeningChanges.subscribe, screeningChanges.getVersion);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const caseId = caseRow?.id;
  useEffect(() => {
    if (!caseId || !dataset) {
      setAlerts([]);
      return;
    }
    let live = true;
    void watchlistAlerts(database(), caseId, dataset).then((found) => live && setAlerts(found));
    return () => {
      live = false;
    };
  }, [caseId, dataset, changes]);
  return alerts;
}
