import { ipcContract, type IpcResponse } from '../../shared/ipc';
import type { ValidatedHandle } from '../ipc';
import type { DialogLike, FileSystemLike } from '../ports';
import { createAppInfoHandler } from './appInfo';
import { ChosenFiles, createOpenFilesHandler, createReadFileHandler, createSaveFileHandler } from './files';

export { ChosenFiles, FileAccessError, createOpenFilesHandler, createReadFileHandler, createSaveFileHandler } from './files';
export { createAppInfoHandler } from './appInfo';

export interface HandlerDependencies {
  dialog: DialogLike;
  fs: FileSystemLike;
  defaultDirectory: () => string;
  appInfo: IpcResponse<'app:info'>;
  chosenFiles?: ChosenFiles;
}

/** Registers one validated handler per channel of the contract; nothing else is reachable over IPC. */
export function registerIpcHandlers(validatedHandle: ValidatedHandle, dependencies: HandlerDependencies): void {
  const chosenFiles = dependencies.chosenFiles ?? new ChosenFiles();
  validatedHandle('files:open', ipcContract['files:open'], createOpenFilesHandler({ dialog: dependencies.dialog, fs: dependencies.fs, chosenFiles }));
  validatedHandle('files:read', ipcContract['files:read'], createReadFileHandler({ fs: dependencies.fs, chosenFiles }));
  validatedHandle(
    'files:save',
    ipcContract['files:save'],
    createSaveFileHandler({ dialog: dependencies.dialog, fs: dependencies.fs, defaultDirectory: dependencies.defaultDirectory }),
  );
  validatedHandle('app:info', ipcContract['app:info'], createAppInfoHandler(dependencies.appInfo));
}
