/**
 * The few shapes of Electron objects that main/ touches, declared
 * structurally so every module but main.ts and preload.ts runs in plain
 * Node under Vitest with small fakes (Electron is not installed here, and
 * handlers should not need it anyway).
 */
import type { FileFilter } from '../shared/ipc';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export interface IpcInvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export type GuardedWebContentsEvent = 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview';

export interface WebContentsLike {
  on(event: GuardedWebContentsEvent, listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface OnBeforeRequestDetails {
  url: string;
}

export interface SessionLike {
  webRequest: {
    onBeforeRequest(listener: (details: OnBeforeRequestDetails, callback: (response: { cancel: boolean }) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  /** Chromium's spellchecker downloads dictionaries from the internet. */
  setSpellCheckerEnabled(enabled: boolean): void;
}

export type OpenDialogProperty = 'openFile' | 'multiSelections' | 'dontAddToRecent';
export type SaveDialogProperty = 'createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent';

/** Electron's dialog with the parent window already bound, so handlers need not know about windows. */
export interface DialogLike {
  showOpenDialog(options: { properties: OpenDialogProperty[]; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { defaultPath: string; properties: SaveDialogProperty[]; filters?: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface ReadableFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** The subset of node:fs/promises the handlers use; tests pass a recording fake or the real module. */
export interface FileSystemLike {
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  open(path: string, flags: 'r'): Promise<ReadableFileHandle>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/**
 * Electron's safeStorage: the synchronous calls (Electron ≤ 45) and the
 * asynchronous ones (Electron ≥ 38, the only ones from 46 on). Every member
 * is optional so one type covers both generations; the handler prefers the
 * asynchronous API.
 */
export interface SafeStorageLike {
  isEncryptionAvailable?(): boolean;
  encryptString?(plainText: string): Uint8Array;
  decryptString?(encrypted: Buffer): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Uint8Array>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}
