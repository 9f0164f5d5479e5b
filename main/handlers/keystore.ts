import type { IpcParsedRequest, IpcResponse } from '../../shared/ipc';
import type { SafeStorageLike } from '../ports';

/**
 * The two keystore channels over Electron's safeStorage. The plaintext handed
 * to the OS is `CAUDAL-KEYSTORE-V1\n<analyst id>\n<passphrase-sealed record>`:
 * the prefix keeps the channel from decrypting other safeStorage strings for
 * the page, and the analyst id stops a wrapped record being moved onto
 * another analyst. What comes out is still sealed under the passphrase.
 */
const PREFIX = 'CAUDAL-KEYSTORE-V1\n';

const plaintextFor = (analystId: string, sealed: string) => `${PREFIX}${analystId}\n${sealed}`;

/**
 * Linux without a secret store falls back to a hard-coded password
 * ("basic_text"): wrapping under it would only look like protection, so it
 * is treated as no keystore at all.
 */
const WEAK_BACKENDS = new Set(['basic_text']);

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

interface Keystore {
  available(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(wrapped: Buffer): Promise<{ plain: string; shouldReEncrypt: boolean }>;
  backend(): string;
}

/** The asynchronous API where it exists (the synchronous one is removed in Electron 46), the synchronous one otherwise. */
function keystoreOver(safeStorage: SafeStorageLike): Keystore {
  const asyncApi = safeStorage.isAsyncEncryptionAvailable && safeStorage.encryptStringAsync && safeStorage.decryptStringAsync ? safeStorage : null;
  return {
    available: async () => (asyncApi?.isAsyncEncryptionAvailable ? asyncApi.isAsyncEncryptionAvailable() : (safeStorage.isEncryptionAvailable?.() ?? false)),
    encrypt: async (plain) => {
      if (asyncApi?.encryptStringAsync) return asyncApi.encryptStringAsync(plain);
      if (!safeStorage.encryptString) throw new Error('safeStorage offers no encryption');
      return safeStorage.encryptString(plain);
    },
    decrypt: async (wrapped) => {
      if (asyncApi?.decryptStringAsync) {
        const answer = await asyncApi.decryptStringAsync(wrapped);
        return { plain: answer.result, shouldReEncrypt: answer.shouldReEncrypt };
      }
      if (!safeStorage.decryptString) throw new Error('safeStorage offers no decryption');
      return { plain: safeStorage.decryptString(wrapped), shouldReEncrypt: false };
    },
    // Only Linux reports a backend; elsewhere the OS store is the one named by the platform.
    backend: () => safeStorage.getSelectedStorageBackend?.() ?? 'os',
  };
}

async function refusalIfUnusable(keystore: Keystore): Promise<{ reason: 'unavailable' | 'weak-backend'; detail: string } | null> {
  let available: boolean;
  try {
    available = await keystore.available();
  } catch (error) {
    return { reason: 'unavailable', detail: `the operating system keystore did not answer: ${messageOf(error)}` };
  }
  if (!available) return { reason: 'unavailable', detail: 'the operating system keystore is not available' };
  const backend = keystore.backend();
  if (WEAK_BACKENDS.has(backend)) return { reason: 'weak-backend', detail: `the keystore backend "${backend}" stores its key in plain text on disk` };
  return null;
}

export function createWrapKeyHandler(safeStorage: SafeStorageLike) {
  const keystore = keystoreOver(safeStorage);
  return async (request: IpcParsedRequest<'keystore:wrap'>): Promise<IpcResponse<'keystore:wrap'>> => {
    const refusal = await refusalIfUnusable(keystore);
    if (refusal) return { ok: false, ...refusal };
    let wrapped: Uint8Array;
    try {
      wrapped = await keystore.encrypt(plaintextFor(request.analystId, request.sealed));
    } catch (error) {
      return { ok: false, reason: 'unavailable', detail: `the operating system keystore refused to encrypt: ${messageOf(error)}` };
    }
    return { ok: true, wrapped: toBase64(wrapped), backend: keystore.backend() };
  };
}

export function createUnwrapKeyHandler(safeStorage: SafeStorageLike) {
  const keystore = keystoreOver(safeStorage);
  return async (request: IpcParsedRequest<'keystore:unwrap'>): Promise<IpcResponse<'keystore:unwrap'>> => {
    // A weak backend can still open what it wrapped earlier; only a missing keystore stops an unwrap.
    const refusal = await refusalIfUnusable(keystore);
    if (refusal?.reason === 'unavailable') return { ok: false, reason: 'unavailable', detail: refusal.detail };
    let opened: { plain: string; shouldReEncrypt: boolean };
    try {
      opened = await keystore.decrypt(Buffer.from(request.wrapped, 'base64'));
    } catch (error) {
      return { ok: false, reason: 'undecryptable', detail: `this key was wrapped by another user account or machine: ${messageOf(error)}` };
    }
    if (!opened.plain.startsWith(PREFIX)) return { ok: false, reason: 'undecryptable', detail: 'the wrapped value is not a Caudal key record' };
    const [analystId, sealed, ...rest] = opened.plain.slice(PREFIX.length).split('\n');
    if (analystId !== request.analystId || rest.length > 0) return { ok: false, reason: 'other-analyst', detail: 'the wrapped key record belongs to another analyst' };
    if (sealed === undefined || !/^(?:[0-9a-f]{2})+$/.test(sealed)) return { ok: false, reason: 'undecryptable', detail: 'the wrapped key record is damaged' };
    if (!opened.shouldReEncrypt) return { ok: true, sealed };
    const rewrapped = await keystore.encrypt(plaintextFor(analystId, sealed)).then(toBase64, () => undefined);
    return rewrapped === undefined ? { ok: true, sealed } : { ok: true, sealed, rewrapped };
  };
}
