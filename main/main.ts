// Electron's main process, kept thin: wiring only. Everything with a
// decision in it lives in security.ts, ipc.ts and handlers/, which are
// plain functions tested under Vitest.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, type MenuItemConstructorOptions } from 'electron';
import * as fs from 'node:fs/promises';
import { join } from 'node:path';
import { registerIpcHandlers } from './handlers';
import { createSenderCheck, createValidatedHandle } from './ipc';
import type { DialogLike } from './ports';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  START_URL,
  createAppProtocolHandler,
  hardenWebContents,
  installSessionGuards,
} from './security';
import { createWindowOptions } from './window';

// dist/main/main.cjs sits next to preload.cjs; Vite builds the renderer (with assets/) into dist/renderer.
const rendererRoot = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const iconPath = join(rendererRoot, 'icons', 'caudal-512.png');

let mainWindow: BrowserWindow | null = null;

const report = (message: string) => console.warn(`[caudal] ${message}`);

function fatal(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(message);
  dialog.showErrorBox('Caudal', message);
  app.exit(1);
}

function menuTemplate(): MenuItemConstructorOptions[] {
  // The default menu's Help entries open electronjs.org; Caudal's menu has none.
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

const dialogForMainWindow: DialogLike = {
  showOpenDialog: (options) => (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options)),
  showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
};

function createMainWindow(): void {
  const window = new BrowserWindow(createWindowOptions({ preloadPath, iconPath, devTools: !app.isPackaged }));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => report(`The window's renderer stopped: ${details.reason} (${details.exitCode})`));
  // The start screen offers "Open the demo case", so a first run has something to explore.
  window.loadURL(START_URL).catch(fatal);
}

function start(): void {
  installSessionGuards(session.defaultSession, report);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererRoot, fs }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  const isTrustedSender = createSenderCheck(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null));
  registerIpcHandlers(createValidatedHandle(ipcMain, isTrustedSender), {
    dialog: dialogForMainWindow,
    fs,
    defaultDirectory: () => app.getPath('documents'),
    appInfo: { version: app.getVersion(), platform: process.platform, electron: process.versions['electron'] ?? 'unknown' },
    safeStorage,
  });
  createMainWindow();
}

// Must precede `ready`: the scheme needs its privileges before any page loads.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME_PRIVILEGES.scheme, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } }]);
app.enableSandbox();

// One instance only: two would fight over the same IndexedDB files.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, report));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) createMainWindow();
  });
  app.whenReady().then(start).catch(fatal);
}
