import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../../main/security';

/**
 * main.ts and preload.ts are the two files that need Electron, which is not
 * installed here. These tests run their real bundles against a recording
 * fake of the `electron` module, so the wiring (order of calls, what is
 * registered, which options the window gets) is checked all the same.
 */
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'caudal-wiring-'));
const distMain = join(work, 'dist', 'main');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'main', '--outdir', distMain], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  mkdirSync(join(work, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(work, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Caudal</title>');
});

/** Runs a CommonJS bundle as if Electron loaded it, with `electron` replaced by `fake`. */
function runBundle(file: string, fake: unknown): void {
  const realRequire = createRequire(file);
  const wrapped = runInThisContext(Module.wrap(readFileSync(file, 'utf8')), { filename: file }) as (
    exports: object,
    require: (id: string) => unknown,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapped(module.exports, (id) => (id === 'electron' ? fake : realRequire(id)), module, file, distMain);
}

type Listener = (...args: unknown[]) => unknown;

function fakeElectron(options: { singleInstance?: boolean } = {}) {
  const calls: string[] = [];
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  let ready!: () => void;
  const whenReady = new Promise<void>((resolvePromise) => (ready = resolvePromise));
  const mainFrame = { url: 'app://caudal/index.html', parent: null, processId: 3, routingId: 1 };
  const windows: { options: { webPreferences: Record<string, unknown> }; loaded: string[] }[] = [];
  let protocolHandler: Listener | undefined;
  let requestFilter: Listener | undefined;
  let menuTemplate: unknown;
  class BrowserWindow {
    readonly webContents = { mainFrame, on: vi.fn(), setWindowOpenHandler: vi.fn() };
    private readonly record: (typeof windows)[number];
    constructor(windowOptions: { webPreferences: Record<string, unknown> }) {
      calls.push('new BrowserWindow');
      this.record = { options: windowOptions, loaded: [] };
      windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => calls.push('app.enableSandbox'),
      requestSingleInstanceLock: () => options.singleInstance ?? true,
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
      whenReady: () => whenReady,
      quit: () => calls.push('app.quit'),
      exit: (code: number) => calls.push(`app.exit ${code}`),
      getVersion: () => '0.1.0',
      getPath: () => '/home/analyst/Documents',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: Listener) => {
        calls.push(`protocol.handle ${scheme}`);
        protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (listener: Listener) => (requestFilter = listener) },
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
        setDevicePermissionHandler: () => calls.push('setDevicePermissionHandler'),
        setSpellCheckerEnabled: (enabled: boolean) => calls.push(`setSpellCheckerEnabled ${enabled}`),
      },
    },
    ipcMain: { handle: (channel: string, listener: Listener) => ipcHandlers.set(channel, listener) },
    // Electron 45's synchronous safeStorage; the handler must reach this module, not a copy.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`os:${plain}`),
      decryptString: (wrapped: Buffer) => wrapped.toString().replace(/^os:/, ''),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => (menuTemplate = template),
      setApplicationMenu: () => calls.push('Menu.setApplicationMenu'),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
    BrowserWindow,
  };
  return {
    electron,
    calls,
    appListeners,
    ipcHandlers,
    windows,
    mainFrame,
    ready: async () => {
      ready();
      await whenReady;
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
    },
    protocolHandler: () => protocolHandler,
    requestFilter: () => requestFilter,
    menuTemplate: () => menuTemplate,
  };
}

describe('dist/main/main.cjs', () => {
  it('privileges the app:// scheme, enables the sandbox and hardens every webContents before ready', () => {
    const fake = fakeElectron();
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    expect(fake.calls[0]).toBe(
      'registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"corsEnabled":true,"stream":true,"codeCache":true}}]',
    );
    expect(fake.calls).toContain('app.enableSandbox');
    expect(fake.windows).toHaveLength(0);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.on.mock.calls.map(([event]) => event).sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
  });

  it('on ready installs the guards and the protocol, registers the contract channels, then opens the window on app://caudal', async () => {
    const fake = fakeElectron();
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    await fake.ready();
    const order = fake.calls.filter((call) => !call.startsWith('registerSchemes') && call !== 'app.enableSandbox');
    expect(order).toEqual([
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
      'setSpellCheckerEnabled false',
      'protocol.handle app',
      'Menu.setApplicationMenu',
      'new BrowserWindow',
    ]);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    const [window] = fake.windows;
    expect(window?.loaded).toEqual(['app://caudal/index.html']);
    expect(window?.options.webPreferences).toMatchObject({ preload: join(distMain, 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(JSON.stringify(fake.menuTemplate())).not.toMatch(/help/i);
  });

  it('serves the renderer next to dist/main with the CSP, and cancels network requests', async () => {
    const fake = fakeElectron();
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    await fake.ready();
    const response = (await fake.protocolHandler()?.({ url: 'app://caudal/index.html', method: 'GET' })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const answers: unknown[] = [];
    fake.requestFilter()?.({ url: 'https://example.org/' }, (answer: unknown) => answers.push(answer));
    fake.requestFilter()?.({ url: 'app://caudal/assets/app.js' }, (answer: unknown) => answers.push(answer));
    expect(answers).toEqual([{ cancel: true }, { cancel: false }]);
  });

  it('answers IPC from the window top frame only', async () => {
    const fake = fakeElectron();
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    await fake.ready();
    const appInfo = fake.ipcHandlers.get('app:info');
    await expect(appInfo?.({ senderFrame: fake.mainFrame })).resolves.toMatchObject({ version: '0.1.0' });
    await expect(appInfo?.({ senderFrame: { ...fake.mainFrame, parent: fake.mainFrame, routingId: 9 } })).rejects.toThrow('app:info: sender');
  });

  it('wraps analysts\' key records with Electron\'s safeStorage', async () => {
    const fake = fakeElectron();
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    await fake.ready();
    const sealed = 'ab'.repeat(80);
    const answer = (await fake.ipcHandlers.get('keystore:wrap')?.({ senderFrame: fake.mainFrame }, { analystId: 'a-1', sealed })) as { ok: true; wrapped: string };
    expect(Buffer.from(answer.wrapped, 'base64').toString()).toBe(`os:CAUDAL-KEYSTORE-V1\na-1\n${sealed}`);
    await expect(fake.ipcHandlers.get('keystore:unwrap')?.({ senderFrame: fake.mainFrame }, { analystId: 'a-1', wrapped: answer.wrapped })).resolves.toEqual({ ok: true, sealed });
  });

  it('never hands anything to shell.openExternal', () => {
    const bundle = readFileSync(join(distMain, 'main.cjs'), 'utf8');
    expect(bundle.includes('openExternal')).toBe(false);
    expect(bundle.includes('.shell')).toBe(false);
  });

  it('quits at once when another Caudal is already running', () => {
    const fake = fakeElectron({ singleInstance: false });
    runBundle(join(distMain, 'main.cjs'), fake.electron);
    expect(fake.calls).toContain('app.quit');
    expect(fake.appListeners.size).toBe(0);
  });
});

describe('dist/main/preload.cjs', () => {
  it('exposes exactly one bridge, window.caudal, whose methods invoke their own channel', async () => {
    const exposeInMainWorld = vi.fn();
    const invoke = vi.fn(async () => ({ files: [] }));
    runBundle(join(distMain, 'preload.cjs'), { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } });
    expect(exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, bridge] = exposeInMainWorld.mock.calls[0] as [string, Record<string, (...args: unknown[]) => Promise<unknown>>];
    expect(key).toBe('caudal');
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'openFiles', 'readFile', 'saveBeside', 'saveFile', 'unwrapAnalystKey', 'wrapAnalystKey']);
    await bridge.openFiles?.({ filters: [], multiple: false });
    expect(invoke).toHaveBeenCalledWith('files:open', { filters: [], multiple: false });
  });
});
