/**
 * The one BrowserWindow's options. Every flag of the Electron security
 * checklist is spelled out even where it matches today's default, so a
 * future default change or a careless edit shows up in tests/main.
 */
export interface WindowOptionsInput {
  preloadPath: string;
  iconPath?: string;
  /** Developer tools only in unpackaged runs: an analyst's machine has no use for them. */
  devTools: boolean;
}

export function createWindowOptions(input: WindowOptionsInput) {
  return {
    title: 'Caudal',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show, so the analyst never sees a blank white frame.
    show: false,
    backgroundColor: '#f5f6f8',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.devTools,
    },
  } as const;
}
