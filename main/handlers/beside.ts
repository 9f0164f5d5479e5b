import { createHash, randomBytes } from 'node:crypto';
import type { IpcParsedRequest, IpcResponse } from '../../shared/ipc';
import type { FileSystemLike } from '../ports';
import { writeAtomically } from './files';

/**
 * The files the analyst saved through the save dialog in this session, by
 * SHA-256 of what was written. `files:saveBeside` (issue 12) may write only
 * `<that file>.sig` or `<that file>.manifest.json` next to one of them: the
 * page never names a folder or a file, and cannot write anywhere the analyst
 * did not just choose in a dialog.
 */
export class SavedFiles {
  private readonly bySha = new Map<string, string>();

  constructor(private readonly capacity = 100) {}

  record(bytes: Uint8Array, path: string): void {
    const sha = createHash('sha256').update(bytes).digest('hex');
    this.bySha.delete(sha);
    this.bySha.set(sha, path);
    while (this.bySha.size > this.capacity) {
      const oldest = this.bySha.keys().next().value;
      if (oldest === undefined) break;
      this.bySha.delete(oldest);
    }
  }

  pathOf(sha256: string): string | undefined {
    return this.bySha.get(sha256);
  }
}

export function createSaveBesideHandler(dependencies: { fs: Pick<FileSystemLike, 'writeFile' | 'rename' | 'rm'>; savedFiles: SavedFiles; newSuffix?: () => string }) {
  const newSuffix = dependencies.newSuffix ?? (() => randomBytes(6).toString('hex'));
  return async (request: IpcParsedRequest<'files:saveBeside'>): Promise<IpcResponse<'files:saveBeside'>> => {
    const original = dependencies.savedFiles.pathOf(request.fileSha256);
    // Not saved in this session (or evicted): the renderer falls back to the save dialog.
    if (original === undefined) return { saved: false };
    const target = `${original}${request.suffix}`;
    await writeAtomically(dependencies.fs, target, request.bytes, newSuffix(), 'files:saveBeside');
    return { saved: true, location: target };
  };
}
