import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ChosenFiles, createOpenFilesHandler, createReadFileHandler, createSaveFileHandler, FileAccessError } from '../../main/handlers';
import type { DialogLike, FileSystemLike } from '../../main/ports';

const work = mkdtempSync(join(tmpdir(), 'caudal-handlers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

function dialogReturning(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath?: string } = { canceled: true }): DialogLike {
  return { showOpenDialog: vi.fn(async () => open), showSaveDialog: vi.fn(async () => save) };
}

describe('files:open', () => {
  it('hands back tokens, names and sizes, never paths, and keeps the file out of the recent list', async () => {
    const a = join(work, 'a.csv');
    const b = join(work, 'b.csv');
    writeFileSync(a, 'x'.repeat(10));
    writeFileSync(b, 'y'.repeat(3));
    const chosenFiles = new ChosenFiles();
    const dialog = dialogReturning({ canceled: false, filePaths: [a, b] });
    const open = createOpenFilesHandler({ dialog, fs, chosenFiles });
    const result = await open({ filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true });
    expect(result.files.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: 'a.csv', size: 10 },
      { name: 'b.csv', size: 3 },
    ]);
    for (const file of result.files) {
      expect(file.token).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(file)).not.toContain(work);
    }
    expect(chosenFiles.pathOf(result.files[1]?.token ?? '')).toBe(b);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({
      properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });

  it('returns nothing when the analyst cancels, and at most one file when multiple is false', async () => {
    const chosenFiles = new ChosenFiles();
    const cancelled = createOpenFilesHandler({ dialog: dialogReturning({ canceled: true, filePaths: [] }), fs, chosenFiles });
    expect(await cancelled({ filters: [], multiple: false })).toEqual({ files: [] });
    const a = join(work, 'single.csv');
    writeFileSync(a, 'z');
    const single = createOpenFilesHandler({ dialog: dialogReturning({ canceled: false, filePaths: [a, a] }), fs, chosenFiles });
    expect((await single({ filters: [], multiple: false })).files).toHaveLength(1);
    expect(chosenFiles.size).toBe(1);
  });

  it('refuses a folder', async () => {
    const open = createOpenFilesHandler({ dialog: dialogReturning({ canceled: false, filePaths: [work] }), fs, chosenFiles: new ChosenFiles() });
    await expect(open({ filters: [], multiple: false })).rejects.toThrow(FileAccessError);
  });
});

describe('ChosenFiles', () => {
  it('forgets the oldest token beyond its capacity', () => {
    let counter = 0;
    const chosenFiles = new ChosenFiles(() => (counter++).toString(16).padStart(32, '0'), 2);
    const first = chosenFiles.register('/a');
    const second = chosenFiles.register('/b');
    const third = chosenFiles.register('/c');
    expect(chosenFiles.pathOf(first)).toBeUndefined();
    expect(chosenFiles.pathOf(second)).toBe('/b');
    expect(chosenFiles.pathOf(third)).toBe('/c');
  });
});

describe('files:read', () => {
  it('returns the requested slice of a 9 MiB file exactly, as a copy sized to what was read', async () => {
    const path = join(work, 'big.bin');
    const content = new Uint8Array(9 * 1024 * 1024);
    for (let index = 0; index < content.length; index += 1) content[index] = (index * 31 + 7) % 251;
    writeFileSync(path, content);
    const chosenFiles = new ChosenFiles();
    const token = chosenFiles.register(path);
    const read = createReadFileHandler({ fs, chosenFiles });
    const middle = await read({ token, offset: 4 * 1024 * 1024 - 3, length: 4 * 1024 * 1024 });
    // Buffer.equals, not toEqual: a deep equality over 4 MiB element by element takes most of a minute.
    expect(Buffer.from(middle).equals(content.subarray(4 * 1024 * 1024 - 3, 8 * 1024 * 1024 - 3))).toBe(true);
    const tail = await read({ token, offset: 8 * 1024 * 1024, length: 8 * 1024 * 1024 });
    expect(tail.byteLength).toBe(1024 * 1024);
    expect(tail.buffer.byteLength).toBe(1024 * 1024);
    expect(Buffer.from(tail).equals(content.subarray(8 * 1024 * 1024))).toBe(true);
  });

  it('closes the file even when reading fails', async () => {
    const close = vi.fn(async () => {});
    const failing: Pick<FileSystemLike, 'open'> = {
      open: async () => ({
        read: async () => {
          throw new Error('EIO');
        },
        close,
      }),
    };
    const chosenFiles = new ChosenFiles();
    const read = createReadFileHandler({ fs: failing, chosenFiles });
    await expect(read({ token: chosenFiles.register('/x'), offset: 0, length: 1 })).rejects.toThrow('EIO');
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('files:save', () => {
  function recordingFs() {
    const calls: string[] = [];
    const written = new Map<string, Uint8Array>();
    const fake: Pick<FileSystemLike, 'writeFile' | 'rename' | 'rm'> = {
      writeFile: async (path, data) => {
        calls.push(`writeFile ${path}`);
        written.set(path, data);
      },
      rename: async (from, to) => {
        calls.push(`rename ${from} -> ${to}`);
      },
      rm: async (path) => {
        calls.push(`rm ${path}`);
      },
    };
    return { fake, calls, written };
  }

  it('writes nothing until the dialog returns a path, then writes beside it and renames over', async () => {
    const answer = deferred<{ canceled: boolean; filePath?: string }>();
    const dialog: DialogLike = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(() => answer.promise) };
    const disk = recordingFs();
    const save = createSaveFileHandler({ dialog, fs: disk.fake, defaultDirectory: () => '/home/analyst/Documents', newSuffix: () => 'abc123' });
    const bytes = new TextEncoder().encode('%PDF-1.7');
    const pending = save({ suggestedName: 'informe-caso-12.pdf', bytes, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(disk.calls).toEqual([]);
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: '/home/analyst/Documents/informe-caso-12.pdf',
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    answer.resolve({ canceled: false, filePath: '/media/usb/informe.pdf' });
    expect(await pending).toEqual({ saved: true, location: '/media/usb/informe.pdf' });
    expect(disk.calls).toEqual(['writeFile /media/usb/.informe.pdf.abc123.partial', 'rename /media/usb/.informe.pdf.abc123.partial -> /media/usb/informe.pdf']);
    expect(disk.written.get('/media/usb/.informe.pdf.abc123.partial')).toBe(bytes);
  });

  it('writes nothing when the analyst cancels', async () => {
    const disk = recordingFs();
    for (const answer of [{ canceled: true, filePath: '' }, { canceled: false, filePath: '' }, { canceled: false }]) {
      const dialog: DialogLike = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(async () => answer) };
      const save = createSaveFileHandler({ dialog, fs: disk.fake, defaultDirectory: () => '/tmp' });
      expect(await save({ suggestedName: 'a.csv', bytes: new Uint8Array([1]) })).toEqual({ saved: false });
    }
    expect(disk.calls).toEqual([]);
  });

  it('removes the partial file and leaves the existing target alone when writing fails', async () => {
    const target = join(work, 'existing.csv');
    writeFileSync(target, 'previous export');
    const dialog: DialogLike = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const rm = vi.fn(fs.rm);
    const failingDisk: Pick<FileSystemLike, 'writeFile' | 'rename' | 'rm'> = {
      writeFile: async (path, data, options) => {
        await fs.writeFile(path, data.subarray(0, 1), options);
        throw new Error('ENOSPC: no space left on device');
      },
      rename: fs.rename,
      rm,
    };
    const save = createSaveFileHandler({ dialog, fs: failingDisk, defaultDirectory: () => work, newSuffix: () => 'fail' });
    await expect(save({ suggestedName: 'existing.csv', bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow(
      'files:save: could not write existing.csv: ENOSPC: no space left on device',
    );
    expect(rm).toHaveBeenCalledWith(join(work, '.existing.csv.fail.partial'), { force: true });
    expect(readFileSync(target, 'utf8')).toBe('previous export');
    await expect(fs.stat(join(work, '.existing.csv.fail.partial'))).rejects.toThrow();
  });

  it('replaces the target on the real disk', async () => {
    const target = join(work, 'replace.csv');
    writeFileSync(target, 'old');
    const dialog: DialogLike = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) };
    const save = createSaveFileHandler({ dialog, fs, defaultDirectory: () => work });
    await save({ suggestedName: 'replace.csv', bytes: new TextEncoder().encode('new') });
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});
