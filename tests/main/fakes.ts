import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { registerIpcHandlers, type HandlerDependencies } from '../../main/handlers';
import { createSenderCheck, createValidatedHandle, IpcRefusedError } from '../../main/ipc';
import type { DialogLike, FrameLike, IpcInvokeEventLike, IpcMainLike, SafeStorageLike } from '../../main/ports';

export const MAIN_FRAME: FrameLike = { url: 'app://caudal/index.html', parent: null, processId: 4, routingId: 1 };

export function eventFrom(frame: FrameLike | null): IpcInvokeEventLike {
  return { senderFrame: frame };
}

/** Captures what main/ registers with ipcMain.handle, and invokes it as Electron would. */
export function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      listeners.set(channel, listener);
    },
  };
  return {
    ipcMain,
    channels: () => [...listeners.keys()].sort(),
    async invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
      const listener = listeners.get(channel);
      if (!listener) throw new Error(`No handler registered for '${channel}'`);
      return listener(event, ...args);
    },
  };
}

/**
 * A stand-in for Electron's safeStorage: AES-256-GCM under a key that lives
 * only in this object, so a second fake is "another machine or user" whose
 * wrappings do not open. `api` picks the synchronous (≤ 45) or asynchronous
 * (≥ 38, only one from 46) generation of the real module.
 */
export function fakeSafeStorage(options: { available?: boolean; backend?: string; api?: 'sync' | 'async'; rotateOnNextDecrypt?: boolean } = {}) {
  const machineKey = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  let rotate = options.rotateOnNextDecrypt ?? false;
  const available = () => options.available ?? true;
  const encrypt = (plain: string): Buffer => {
    calls.encrypt += 1;
    if (!available()) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', machineKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, body, cipher.getAuthTag()]);
  };
  const decrypt = (wrapped: Buffer): string => {
    calls.decrypt += 1;
    if (!available()) throw new Error('Decryption is not available.');
    if (wrapped.length < 3 + 12 + 16 || wrapped.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', machineKey, wrapped.subarray(3, 15));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(15, wrapped.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  };
  const backend = options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend ?? 'unknown' };
  const safeStorage: SafeStorageLike =
    options.api === 'async'
      ? {
          ...backend,
          isAsyncEncryptionAvailable: async () => available(),
          encryptStringAsync: async (plain) => encrypt(plain),
          decryptStringAsync: async (wrapped) => {
            const result = decrypt(wrapped);
            const shouldReEncrypt = rotate;
            rotate = false;
            return { result, shouldReEncrypt };
          },
        }
      : { ...backend, isEncryptionAvailable: available, encryptString: encrypt, decryptString: decrypt };
  return { safeStorage, calls };
}

/** A dialog for tests that never open one: using it fails the test. */
export const UNUSED_DIALOG: DialogLike = {
  showOpenDialog: async () => {
    throw new Error('not used');
  },
  showSaveDialog: async () => {
    throw new Error('not used');
  },
};

/**
 * Every handler main/ registers, behind the real sender check and zod
 * contract, on a fake ipcMain; `fromApp` is a call from Caudal's own page.
 * The one wiring the main-process and renderer custody tests share.
 */
export function mainWithHandlers(dependencies: Partial<HandlerDependencies> = {}) {
  const fake = fakeIpcMain();
  registerIpcHandlers(createValidatedHandle(fake.ipcMain, createSenderCheck(() => MAIN_FRAME)), {
    dialog: UNUSED_DIALOG,
    fs: {} as never,
    defaultDirectory: () => '/tmp',
    appInfo: { version: '0.1.0', platform: 'win32', electron: '45.6.1' },
    safeStorage: fakeSafeStorage().safeStorage,
    ...dependencies,
  });
  return { invoke: fake.invoke, fromApp: eventFrom(MAIN_FRAME) };
}

/** The message of the refusal a call must end in (sender check or contract), failing the test otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IpcRefusedError);
  return (error as Error).message;
}
