import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../main/window';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', devTools: false });

  it('turns on every isolation flag of the Electron security checklist', () => {
    expect(options.webPreferences).toMatchObject({
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
    });
  });

  it('loads the given preload and hides developer tools unless asked', () => {
    expect(options.webPreferences.preload).toBe('/app/dist/main/preload.cjs');
    expect(options.webPreferences.devTools).toBe(false);
    expect(createWindowOptions({ preloadPath: '/p.cjs', devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('waits for ready-to-show instead of flashing an empty window', () => {
    expect(options.show).toBe(false);
  });
});
