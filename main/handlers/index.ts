import { ipcContract, type IpcResponse } from '../../shared/ipc';
import type { ValidatedHandle } from '../ipc';
import type { DialogLike, FileSystemLike, SafeStorageLike } from '../ports';
import { createAppInfoHandler } from './appInfo';
import { ChosenFiles, createOpenFilesHandler, createReadFileHandler, createSaveFileHandler } from './files';
import { createUnwrapKeyHandler, createWrapKeyHandler } from './keystore';
import { createSaveBesideHandler, SavedFiles } from './beside';

export { ChosenFiles, FileAccessError, createOpenFilesHandler, createReadFileHandler, createSaveFileHandler } from './files';
export { createAppInfoHandler } from './appInfo';
export { createUnwrapKeyHandler, createWrapKeyHandler } from './keystore';
export { createSaveBesideHandler, SavedFiles } from './beside';

export interface HandlerDependencies {
  dialog: DialogLike;
  fs: FileSystemLike;
  defaultDirectory: () => string;
  appInfo: IpcResponse<'app:info'>;
  chosenFiles?: ChosenFiles;
  savedFiles?: SavedFiles;
  /** Electron's safeStorage, which wraps the analysts' key records (issue 12). */
  safeStorage: SafeStorageLike;
}

/** Registers one validated handler per channel of the contract; nothing else is reachable over IPC. */
export function registerIpcHandlers(validatedHandle: ValidatedHandle, dependencies: HandlerDependencies): void {
  const chosenFiles = dependencies.chosenFiles ?? new ChosenFiles();
  const savedFiles = dependencies.savedFiles ?? new SavedFiles();
  validatedHandle('files:open', ipcContract['files:open'], createOpenFilesHandler({ dialog: dependencies.dialog, fs: dependencies.fs, chosenFiles }));
  validatedHandle('files:read', ipcContract['files:read'], createReadFileHandler({ fs: dependencies.fs, chosenFiles }));
  validatedHandle(
    'files:save',
    ipcContract['files:save'],
    createSaveFileHandler({ dialog: dependencies.dialog, fs: dependencies.fs, defaultDirectory: dependencies.defaultDirectory, onSaved: (bytes, path) => savedFiles.record(bytes, path) }),
  );
  validatedHandle('files:saveBeside', ipcContract['files:saveBeside'], createSaveBesideHandler({ fs: dependencies.fs, savedFiles }));
  validatedHandle('app:info', ipcContract['app:info'], createAppInfoHandler(dependencies.appInfo));
  validatedHandle('keystore:wrap', ipcContract['keystore:wrap'], createWrapKeyHandler(dependencies.safeStorage));
  validatedHandle('keystore:unwrap', ipcContract['keystore:unwrap'], createUnwrapKeyHandler(dependencies.safeStorage));
}
