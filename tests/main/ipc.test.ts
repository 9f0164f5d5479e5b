import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ChosenFiles, registerIpcHandlers } from '../../main/handlers';
import { createSenderCheck, createValidatedHandle, IpcRefusedError } from '../../main/ipc';
import type { DialogLike } from '../../main/ports';
import { IPC_CHANNELS, MAX_READ_LENGTH } from '../../shared/ipc';
import { eventFrom, fakeIpcMain, fakeSafeStorage, MAIN_FRAME } from './fakes';

const work = mkdtempSync(join(tmpdir(), 'caudal-ipc-'));
const csvPath = join(work, 'movimientos.csv');
writeFileSync(csvPath, 'cuenta;monto\n001;1.234,56\n');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function setUp(options: { mainFrame?: typeof MAIN_FRAME | null } = {}) {
  const fake = fakeIpcMain();
  const dialog: DialogLike = {
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [csvPath] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(work, 'informe.pdf') })),
  };
  const mainFrame = options.mainFrame === undefined ? MAIN_FRAME : options.mainFrame;
  const validatedHandle = createValidatedHandle(fake.ipcMain, createSenderCheck(() => mainFrame));
  const chosenFiles = new ChosenFiles();
  registerIpcHandlers(validatedHandle, {
    dialog,
    fs,
    defaultDirectory: () => work,
    appInfo: { version: '0.1.0', platform: 'linux', electron: '39.8.10' },
    chosenFiles,
    safeStorage: fakeSafeStorage().safeStorage,
  });
  const fromApp = eventFrom(MAIN_FRAME);
  return { ...fake, dialog, chosenFiles, fromApp };
}

async function refusal(promise: Promise<unknown>): Promise<IpcRefusedError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IpcRefusedError);
  return error as IpcRefusedError;
}

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    expect(setUp().channels()).toEqual([...IPC_CHANNELS].sort());
  });
});

describe('the sender check', () => {
  const otherFrames = {
    'a subframe of the window': { ...MAIN_FRAME, parent: MAIN_FRAME, routingId: 7 },
    'another window': { ...MAIN_FRAME, processId: 9, routingId: 1 },
    'the main frame after navigating away': { ...MAIN_FRAME, url: 'https://example.org/' },
    'the main frame on a file:// page': { ...MAIN_FRAME, url: 'file:///tmp/x.html' },
    'a look-alike host': { ...MAIN_FRAME, url: 'app://caudal.example/index.html' },
  };

  it.each(Object.entries(otherFrames))('refuses %s on every channel', async (_name, frame) => {
    const app = setUp();
    for (const channel of IPC_CHANNELS) {
      const error = await refusal(app.invoke(channel, eventFrom(frame), channel === 'app:info' ? undefined : {}));
      expect(error.message).toBe(`${channel}: sender: the request did not come from the Caudal window`);
    }
    expect(app.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(app.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses a destroyed frame and a closed main window', async () => {
    await refusal(setUp().invoke('app:info', eventFrom(null)));
    const closed = setUp({ mainFrame: null });
    await refusal(closed.invoke('app:info', closed.fromApp));
  });

  it('accepts the main window top frame on app://caudal', async () => {
    const app = setUp();
    await expect(app.invoke('app:info', app.fromApp)).resolves.toEqual({ version: '0.1.0', platform: 'linux', electron: '39.8.10' });
  });
});

describe('payload validation', () => {
  const token = 'a'.repeat(32);

  it('names the channel and the field of a wrong type', async () => {
    const app = setUp();
    const error = await refusal(app.invoke('files:read', app.fromApp, { token, offset: '0', length: 10 }));
    expect(error.message).toMatch(/^files:read: offset: /);
    const multiple = await refusal(app.invoke('files:open', app.fromApp, { filters: [], multiple: 'yes' }));
    expect(multiple.message).toMatch(/^files:open: multiple: /);
  });

  it('refuses extra fields, such as a path smuggled next to the token', async () => {
    const app = setUp();
    const error = await refusal(app.invoke('files:read', app.fromApp, { token, offset: 0, length: 10, path: '/etc/passwd' }));
    expect(error.message).toMatch(/^files:read: path: /);
  });

  it('refuses reads larger than 8 MiB, negative offsets and fractional lengths', async () => {
    const app = setUp();
    expect((await refusal(app.invoke('files:read', app.fromApp, { token, offset: 0, length: MAX_READ_LENGTH + 1 }))).message).toMatch(/^files:read: length: /);
    expect((await refusal(app.invoke('files:read', app.fromApp, { token, offset: -1, length: 1 }))).message).toMatch(/^files:read: offset: /);
    expect((await refusal(app.invoke('files:read', app.fromApp, { token, offset: 0, length: 1.5 }))).message).toMatch(/^files:read: length: /);
  });

  it('refuses a path where a token belongs', async () => {
    const app = setUp();
    const error = await refusal(app.invoke('files:read', app.fromApp, { token: csvPath, offset: 0, length: 10 }));
    expect(error.message).toContain('files:read: token: a file token is 32 lowercase hex digits');
  });

  it('refuses suggested names that carry a folder or a parent reference', async () => {
    const app = setUp();
    for (const suggestedName of ['../../.bashrc', 'C:\\Windows\\evil.dll', 'sub/informe.pdf', '..', '']) {
      const error = await refusal(app.invoke('files:save', app.fromApp, { suggestedName, bytes: new Uint8Array([1]) }));
      expect(error.message).toMatch(/^files:save: suggestedName: /);
    }
    expect(app.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses bytes that are not a Uint8Array and dialog filters with dotted or wild extensions', async () => {
    const app = setUp();
    expect((await refusal(app.invoke('files:save', app.fromApp, { suggestedName: 'a.pdf', bytes: [1, 2, 3] }))).message).toMatch(/^files:save: bytes: /);
    const filters = [{ name: 'CSV', extensions: ['.csv'] }];
    expect((await refusal(app.invoke('files:open', app.fromApp, { filters, multiple: false }))).message).toMatch(/^files:open: filters\.0\.extensions\.0: /);
  });

  it('refuses a payload on app:info and more than one argument anywhere', async () => {
    const app = setUp();
    expect((await refusal(app.invoke('app:info', app.fromApp, { version: 'x' }))).message).toMatch(/^app:info: payload: /);
    expect((await refusal(app.invoke('files:open', app.fromApp, { filters: [], multiple: false }, 'extra'))).message).toBe(
      'files:open: payload: expected one argument, received 2',
    );
  });

  it('refuses an unknown token without touching the disk', async () => {
    const app = setUp();
    await expect(app.invoke('files:read', app.fromApp, { token, offset: 0, length: 10 })).rejects.toThrow(
      'files:read: token: no file was chosen with this token; choose the file again',
    );
  });
});

describe('open then read through IPC', () => {
  it('reads back the exact bytes of the chosen file, slice by slice', async () => {
    const app = setUp();
    const opened = (await app.invoke('files:open', app.fromApp, { filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: false })) as {
      files: { token: string; name: string; size: number }[];
    };
    expect(opened.files).toHaveLength(1);
    const [file] = opened.files;
    expect(file).toMatchObject({ name: 'movimientos.csv', size: 26 });
    const first = (await app.invoke('files:read', app.fromApp, { token: file?.token, offset: 0, length: 7 })) as Uint8Array;
    const rest = (await app.invoke('files:read', app.fromApp, { token: file?.token, offset: 7, length: 100 })) as Uint8Array;
    expect(new TextDecoder().decode(first)).toBe('cuenta;');
    expect(new TextDecoder().decode(rest)).toBe('monto\n001;1.234,56\n');
    const beyond = (await app.invoke('files:read', app.fromApp, { token: file?.token, offset: 1000, length: 10 })) as Uint8Array;
    expect(beyond.byteLength).toBe(0);
  });
});
