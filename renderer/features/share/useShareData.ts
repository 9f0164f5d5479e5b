import { useCallback, useEffect, useState } from 'react';
import type { PublicKeys, SavedPolicy, UnitKeyPair } from '../../../shared/package';
import { errorTextIn } from '../../../shared/model';
import { database } from '../../db/database';
import { listPartnerKeys, listSavedPolicies, loadOwnKeyState, unlockOwnKeys, type PartnerKeyRow } from './store';

export interface ShareData {
  loaded: boolean;
  /** The unit's key pair when unlocked; null when there is none or it is still locked. */
  ownKeys: UnitKeyPair | null;
  /** The unit's public keys whenever a key pair exists (locked or not). */
  ownPublic: PublicKeys | null;
  partners: PartnerKeyRow[];
  policies: (SavedPolicy & { id: string })[];
  error: string | null;
  reload(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
}

/** The key book and saved policies, re-read after every change the feature makes. */
export function useShareData(): ShareData {
  const [state, setState] = useState<Omit<ShareData, 'reload' | 'unlock'>>({ loaded: false, ownKeys: null, ownPublic: null, partners: [], policies: [], error: null });
  const reload = useCallback(async () => {
    const db = database();
    try {
      const [own, partners, policies] = await Promise.all([loadOwnKeyState(db), listPartnerKeys(db), listSavedPolicies(db)]);
      setState({ loaded: true, ownKeys: own?.pair ?? null, ownPublic: own?.publicKeys ?? null, partners, policies, error: null });
    } catch (error) {
      setState((current) => ({ ...current, loaded: true, error: error instanceof Error ? error.message : String(error) }));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const unlock = useCallback(
    async (passphrase: string) => {
      await unlockOwnKeys(database(), passphrase);
      await reload();
    },
    [reload],
  );
  return { ...state, reload, unlock };
}

export function bytesOfBlob(blob: Blob): Promise<Uint8Array> {
  return blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

/** An error's text in the reader's language (its Spanish wording where it carries one: refusals, exchange errors). */
export const errorText = errorTextIn;

/** An error in both languages, for a view that words it when it draws it (so a language switch rewords it too). */
export function errorDetail(error: unknown): { detail: string; detailEs: string } {
  return { detail: errorTextIn('en', error), detailEs: errorTextIn('es', error) };
}
