import { useCallback, useEffect, useState } from 'react';
import type { PublicKeys, SavedPolicy, UnitKeyPair } from '../../../shared/package';
import { database } from '../../db/database';
import type { KeyBookRow } from '../../db/schema';
import { listPartnerKeys, listSavedPolicies, loadOwnKeys } from './store';

export interface ShareData {
  loaded: boolean;
  ownKeys: UnitKeyPair | null;
  partners: (KeyBookRow & { keys: PublicKeys })[];
  policies: (SavedPolicy & { id: string })[];
  error: string | null;
  reload(): Promise<void>;
}

/** The key book and saved policies, re-read after every change the feature makes. */
export function useShareData(): ShareData {
  const [state, setState] = useState<Omit<ShareData, 'reload'>>({ loaded: false, ownKeys: null, partners: [], policies: [], error: null });
  const reload = useCallback(async () => {
    const db = database();
    try {
      const [ownKeys, partners, policies] = await Promise.all([loadOwnKeys(db), listPartnerKeys(db), listSavedPolicies(db)]);
      setState({ loaded: true, ownKeys, partners, policies, error: null });
    } catch (error) {
      setState((current) => ({ ...current, loaded: true, error: error instanceof Error ? error.message : String(error) }));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}

export function bytesOfBlob(blob: Blob): Promise<Uint8Array> {
  return blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
