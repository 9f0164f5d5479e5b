import { keyProtectionOf, type AnalystRecord, type KeyProtection } from '../../shared/audit';
import { BRIDGE_GLOBAL } from '../../shared/ipc/channels';
import type { KeystoreUnwrapResponse, KeystoreWrapResponse } from '../../shared/ipc/keystore';

/**
 * The operating system keystore as the renderer sees it: the two calls the
 * desktop app's preload exposes (main/handlers/keystore.ts over Electron's
 * safeStorage). The web build has none, and analysts' records there are
 * protected by the passphrase alone.
 */
export interface AnalystKeystore {
  wrap(analystId: string, sealed: string): Promise<KeystoreWrapResponse>;
  unwrap(analystId: string, wrapped: string): Promise<KeystoreUnwrapResponse>;
}

/** The preload's keystore pair if this page runs in Caudal's Electron shell with a preload that has it. */
export function findAnalystKeystore(scope: object = globalThis): AnalystKeystore | null {
  const bridge: unknown = (scope as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof bridge !== 'object' || bridge === null) return null;
  const { wrapAnalystKey, unwrapAnalystKey } = bridge as Record<string, unknown>;
  if (typeof wrapAnalystKey !== 'function' || typeof unwrapAnalystKey !== 'function') return null;
  return {
    wrap: (analystId, sealed) => (wrapAnalystKey as (request: unknown) => Promise<KeystoreWrapResponse>).call(bridge, { analystId, sealed }),
    unwrap: (analystId, wrapped) => (unwrapAnalystKey as (request: unknown) => Promise<KeystoreUnwrapResponse>).call(bridge, { analystId, wrapped }),
  };
}

export class KeystoreError extends Error {
  override name = 'KeystoreError';
}

export interface Protection {
  record: AnalystRecord;
  protection: KeyProtection;
  /** Why the OS layer was not added, when a keystore was there but refused. */
  refused?: string;
}

/**
 * Adds the OS layer to a passphrase-sealed record when a keystore is there
 * and usable; otherwise returns the record unchanged with the reason. Never
 * throws for an unusable keystore: the passphrase still protects the key.
 */
export async function protectWithKeystore(record: AnalystRecord, keystore: AnalystKeystore | null): Promise<Protection> {
  if (record.keystore) return { record, protection: keyProtectionOf(record) };
  if (!keystore) return { record, protection: 'passphrase' };
  let answer: KeystoreWrapResponse;
  try {
    answer = await keystore.wrap(record.id, record.sealed);
  } catch (error) {
    return { record, protection: 'passphrase', refused: error instanceof Error ? error.message : String(error) };
  }
  if (!answer.ok) return { record, protection: 'passphrase', refused: answer.detail };
  const wrapped: AnalystRecord = { ...record, sealed: '', keystore: { name: 'electron-safeStorage', backend: answer.backend, wrapped: answer.wrapped } };
  return { record: wrapped, protection: 'passphrase+os-keystore' };
}

/**
 * The passphrase-sealed form of a record (what unlockAnalyst opens and what a
 * backup carries), taking the OS layer off where there is one. `rewrapped`
 * is the record to store when the OS rotated its key.
 */
export async function passphraseSealedRecord(record: AnalystRecord, keystore: AnalystKeystore | null): Promise<{ record: AnalystRecord; rewrapped?: AnalystRecord }> {
  if (!record.keystore) return { record };
  if (!keystore) {
    throw new KeystoreError(
      `${record.name}'s key is also protected by the operating system keystore of the computer and user account where it was enrolled; open it in the Caudal desktop app there`,
    );
  }
  const answer = await keystore.unwrap(record.id, record.keystore.wrapped);
  if (!answer.ok) {
    const why =
      answer.reason === 'unavailable'
        ? 'the operating system keystore is not available right now'
        : answer.reason === 'other-analyst'
          ? 'the stored key record belongs to another analyst (the database was edited)'
          : 'the operating system keystore of this computer and user account cannot open it (it was enrolled elsewhere, or the record was edited)';
    throw new KeystoreError(`${record.name}'s key cannot be opened: ${why}`);
  }
  const { keystore: layer, ...rest } = record;
  const opened: AnalystRecord = { ...rest, sealed: answer.sealed };
  return answer.rewrapped ? { record: opened, rewrapped: { ...record, keystore: { ...layer, wrapped: answer.rewrapped } } } : { record: opened };
}
