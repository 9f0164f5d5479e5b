import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// Imported by URL: scripts/ are plain .mjs without type declarations.
const { locateElectron, MISSING_BUILD_MESSAGE, MISSING_ELECTRON_MESSAGE } = (await import(pathToFileURL(join(root, 'scripts/start.mjs')).href)) as {
  locateElectron(root: string): string | null;
  MISSING_BUILD_MESSAGE: string;
  MISSING_ELECTRON_MESSAGE: string;
};
const work = mkdtempSync(join(tmpdir(), 'caudal-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A throw-away project root holding a copy of scripts/start.mjs and whatever the case needs. */
function fakeProject(name: string, options: { electronPackage?: boolean; pathTxt?: string; binary?: boolean; built?: boolean }) {
  const project = join(work, name);
  mkdirSync(join(project, 'scripts'), { recursive: true });
  cpSync(join(root, 'scripts/start.mjs'), join(project, 'scripts/start.mjs'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'caudal', type: 'module', main: 'dist/main/main.cjs' }));
  const electronDir = join(project, 'node_modules/electron');
  if (options.electronPackage) {
    mkdirSync(join(electronDir, 'dist'), { recursive: true });
    writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '39.8.10', main: 'index.js' }));
    writeFileSync(join(electronDir, 'index.js'), 'module.exports = "never used";\n');
  }
  if (options.pathTxt !== undefined) writeFileSync(join(electronDir, 'path.txt'), options.pathTxt);
  if (options.binary) {
    // Records how it was started instead of opening a window.
    writeFileSync(join(electronDir, 'dist', 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(project, 'electron-args.txt')}"\nexit 0\n`);
    chmodSync(join(electronDir, 'dist', 'electron'), 0o755);
  }
  if (options.built) {
    mkdirSync(join(project, 'dist/main'), { recursive: true });
    mkdirSync(join(project, 'dist/renderer'), { recursive: true });
    for (const file of ['dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html']) writeFileSync(join(project, file), '');
  }
  return project;
}

function runStart(project: string) {
  return spawnSync(process.execPath, [join(project, 'scripts/start.mjs')], { cwd: project, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
}

describe('locateElectron', () => {
  it('is null without the electron package, without path.txt, or without the downloaded binary', () => {
    expect(locateElectron(fakeProject('none', {}))).toBeNull();
    expect(locateElectron(fakeProject('no-path-txt', { electronPackage: true }))).toBeNull();
    expect(locateElectron(fakeProject('no-binary', { electronPackage: true, pathTxt: 'electron' }))).toBeNull();
  });

  it('finds the binary that path.txt names under dist/', () => {
    const project = fakeProject('complete', { electronPackage: true, pathTxt: 'electron', binary: true });
    expect(locateElectron(project)).toBe(join(project, 'node_modules/electron/dist/electron'));
  });
});

describe('scripts/start.mjs', () => {
  it('prints one sentence with the fix and exits non-zero when Electron was never downloaded', () => {
    const result = runStart(fakeProject('start-missing', { electronPackage: true, built: true }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(MISSING_ELECTRON_MESSAGE);
    expect(MISSING_ELECTRON_MESSAGE).toContain('npm install electron');
    expect(MISSING_ELECTRON_MESSAGE).toContain('npm run web');
  });

  it('asks for a build when Electron is there but dist/ is not', () => {
    const result = runStart(fakeProject('start-unbuilt', { electronPackage: true, pathTxt: 'electron', binary: true }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(MISSING_BUILD_MESSAGE);
  });

  it('starts Electron on the app folder, whose package.json points at dist/main/main.cjs', () => {
    const project = fakeProject('start-ok', { electronPackage: true, pathTxt: 'electron', binary: true, built: true });
    const result = runStart(project);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(project, 'electron-args.txt'), 'utf8').trim()).toBe(project);
  });
});
