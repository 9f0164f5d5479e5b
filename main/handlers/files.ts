import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileHandle, IpcParsedRequest, IpcResponse } from '../../shared/ipc';
import type { DialogLike, FileSystemLike } from '../ports';

/**
 * Files the analyst chose in the open dialog, by opaque token. The renderer
 * never sends a path: `files:read` can reach only these files, so a
 * compromised page cannot read anything else on the disk.
 */
export class ChosenFiles {
  private readonly byToken = new Map<string, { path: string; name: string }>();

  constructor(
    private readonly newToken: () => string = () => randomBytes(16).toString('hex'),
    private readonly capacity = 1000,
  ) {}

  register(path: string): string {
    const token = this.newToken();
    this.byToken.set(token, { path, name: basename(path) });
    // Long sessions pick many files; forget the oldest rather than grow without bound.
    while (this.byToken.size > this.capacity) {
      const oldest = this.byToken.keys().next().value;
      if (oldest === undefined) break;
      this.byToken.delete(oldest);
    }
    return token;
  }

  pathOf(token: string): string | undefined {
    return this.byToken.get(token)?.path;
  }

  get size(): number {
    return this.byToken.size;
  }
}

export class FileAccessError extends Error {
  override name = 'FileAccessError';
}

/**
 * Writes beside the target under a fresh hidden name, then renames it into
 * place: a crash or a full disk never leaves a half-written export (or
 * signature) under the name the analyst will hand over. The one owner of
 * this for files:save and files:saveBeside.
 */
export async function writeAtomically(fs: Pick<FileSystemLike, 'writeFile' | 'rename' | 'rm'>, target: string, bytes: Uint8Array, suffix: string, channel: string): Promise<void> {
  const partial = join(dirname(target), `.${basename(target)}.${suffix}.partial`);
  try {
    await fs.writeFile(partial, bytes, { flag: 'wx' });
    await fs.rename(partial, target);
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => {});
    throw new FileAccessError(`${channel}: could not write ${basename(target)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function createOpenFilesHandler(dependencies: { dialog: DialogLike; fs: Pick<FileSystemLike, 'stat'>; chosenFiles: ChosenFiles }) {
  return async (request: IpcParsedRequest<'files:open'>): Promise<IpcResponse<'files:open'>> => {
    const result = await dependencies.dialog.showOpenDialog({
      properties: request.multiple ? ['openFile', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'dontAddToRecent'],
      ...(request.filters.length > 0 ? { filters: request.filters } : {}),
    });
    if (result.canceled) return { files: [] };
    const files: FileHandle[] = [];
    for (const path of request.multiple ? result.filePaths : result.filePaths.slice(0, 1)) {
      const stats = await dependencies.fs.stat(path);
      if (!stats.isFile()) throw new FileAccessError(`files:open: ${basename(path)} is not a regular file`);
      files.push({ token: dependencies.chosenFiles.register(path), name: basename(path), size: stats.size });
    }
    return { files };
  };
}

export function createReadFileHandler(dependencies: { fs: Pick<FileSystemLike, 'open'>; chosenFiles: ChosenFiles }) {
  return async (request: IpcParsedRequest<'files:read'>): Promise<IpcResponse<'files:read'>> => {
    const path = dependencies.chosenFiles.pathOf(request.token);
    if (path === undefined) throw new FileAccessError('files:read: token: no file was chosen with this token; choose the file again');
    const handle = await dependencies.fs.open(path, 'r');
    try {
      const buffer = new Uint8Array(request.length);
      const { bytesRead } = await handle.read(buffer, 0, request.length, request.offset);
      // A copy, not a view: IPC would otherwise serialise the whole 8 MiB buffer behind a short read.
      return bytesRead === request.length ? buffer : buffer.slice(0, bytesRead);
    } finally {
      await handle.close();
    }
  };
}

/**
 * Asks where to save, then writes to a temporary file beside the target and
 * renames it over, so a failed write never leaves a half-written export or
 * destroys the file it was replacing.
 */
export function createSaveFileHandler(dependencies: {
  dialog: DialogLike;
  fs: Pick<FileSystemLike, 'writeFile' | 'rename' | 'rm'>;
  defaultDirectory: () => string;
  newSuffix?: () => string;
  /** Issue 12: remembers what was saved where, so a signature can be written beside it (handlers/beside.ts). */
  onSaved?: (bytes: Uint8Array, path: string) => void;
}) {
  const newSuffix = dependencies.newSuffix ?? (() => randomBytes(6).toString('hex'));
  return async (request: IpcParsedRequest<'files:save'>): Promise<IpcResponse<'files:save'>> => {
    const result = await dependencies.dialog.showSaveDialog({
      defaultPath: join(dependencies.defaultDirectory(), request.suggestedName),
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      ...(request.filters && request.filters.length > 0 ? { filters: request.filters } : {}),
    });
    if (result.canceled || !result.filePath) return { saved: false };
    const target = result.filePath;
    await writeAtomically(dependencies.fs, target, request.bytes, newSuffix(), 'files:save');
    dependencies.onSaved?.(request.bytes, target);
    return { saved: true, location: target };
  };
}
