/**
 * The subset of Electron's API that main.ts and preload.ts use, declared by
 * hand: the `electron` package (and so its typings) cannot be installed on
 * the build machines, which have no route to Electron's binary download.
 * Signatures follow https://www.electronjs.org/docs/latest/api/ for
 * Electron 39; keep them narrower than the real ones, never wider.
 */
declare module 'electron' {
  interface Event {
    preventDefault(): void;
  }

  interface WebFrameMain {
    readonly url: string;
    readonly parent: WebFrameMain | null;
    readonly processId: number;
    readonly routingId: number;
  }

  interface OnBeforeRequestListenerDetails {
    id: number;
    url: string;
    method: string;
    resourceType: string;
  }

  interface WebRequest {
    onBeforeRequest(listener: (details: OnBeforeRequestListenerDetails, callback: (response: { cancel?: boolean }) => void) => void): void;
  }

  interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(handler: (webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: (webContents: WebContents | null, permission: string) => boolean): void;
    setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
    setSpellCheckerEnabled(enabled: boolean): void;
  }

  interface RenderProcessGoneDetails {
    reason: string;
    exitCode: number;
  }

  interface WebContents {
    readonly id: number;
    readonly mainFrame: WebFrameMain;
    readonly session: Session;
    on(
      event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview',
      listener: (event: Event, ...rest: unknown[]) => void,
    ): this;
    on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): this;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
    loadURL(url: string): Promise<void>;
  }

  interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    spellcheck?: boolean;
    experimentalFeatures?: boolean;
    navigateOnDragDrop?: boolean;
    safeDialogs?: boolean;
    devTools?: boolean;
  }

  interface BrowserWindowConstructorOptions {
    title?: string;
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    backgroundColor?: string;
    icon?: string;
    webPreferences?: WebPreferences;
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadURL(url: string): Promise<void>;
    show(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    isDestroyed(): boolean;
    once(event: 'ready-to-show', listener: () => void): this;
    on(event: 'closed', listener: () => void): this;
  }

  interface FileFilter {
    name: string;
    extensions: string[];
  }

  interface OpenDialogOptions {
    title?: string;
    filters?: FileFilter[];
    properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'dontAddToRecent'>;
  }

  interface SaveDialogOptions {
    title?: string;
    defaultPath?: string;
    filters?: FileFilter[];
    properties?: Array<'createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent'>;
  }

  interface Dialog {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
    showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }>;
    showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }>;
    showErrorBox(title: string, content: string): void;
  }

  interface CustomScheme {
    scheme: string;
    privileges?: {
      standard?: boolean;
      secure?: boolean;
      bypassCSP?: boolean;
      allowServiceWorkers?: boolean;
      supportFetchAPI?: boolean;
      corsEnabled?: boolean;
      stream?: boolean;
      codeCache?: boolean;
    };
  }

  interface Protocol {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }

  interface IpcMainInvokeEvent {
    readonly sender: WebContents;
    readonly senderFrame: WebFrameMain | null;
  }

  interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  }

  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  }

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  interface MenuItemConstructorOptions {
    role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu';
  }

  class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  interface App {
    readonly isPackaged: boolean;
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'activate' | 'second-instance', listener: () => void): this;
    on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): this;
    quit(): void;
    exit(exitCode?: number): void;
    requestSingleInstanceLock(): boolean;
    enableSandbox(): void;
    getVersion(): string;
    getPath(name: 'documents' | 'userData' | 'temp'): string;
  }

  /** Both generations: the synchronous calls are deprecated in 45 and removed in 46. */
  interface SafeStorage {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
    isAsyncEncryptionAvailable?(): Promise<boolean>;
    encryptStringAsync?(plainText: string): Promise<Buffer>;
    decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
    getSelectedStorageBackend?(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  }

  const app: App;
  const safeStorage: SafeStorage;
  const dialog: Dialog;
  const ipcMain: IpcMain;
  const ipcRenderer: IpcRenderer;
  const contextBridge: ContextBridge;
  const protocol: Protocol;
  const session: { readonly defaultSession: Session };
}
