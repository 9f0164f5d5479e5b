#!/usr/bin/env node
// `npm start` runs the build, then this: it launches the built app in
// Electron, or explains in one sentence why it cannot (Electron's binary is
// downloaded from the internet at install time, which an air-gapped or
// proxied machine cannot do).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed (it is downloaded from the internet at install time): run `npm install electron` on a connected machine, or use `npm run web` to open Caudal in your browser on 127.0.0.1.';
export const MISSING_BUILD_MESSAGE = 'Caudal is not built yet: run `npm run build` first (or just `npm start`, which builds and then starts).';

/**
 * Finds the Electron executable the way the electron package does (its
 * path.txt names the binary under dist/), without executing the package.
 * Returns the executable's path, or null when the module or the binary is absent.
 */
export function locateElectron(root = defaultRoot) {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  let packageJsonPath;
  try {
    packageJsonPath = requireFromRoot.resolve('electron/package.json');
  } catch {
    return null;
  }
  const packageDir = dirname(packageJsonPath);
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativeBinary = readFileSync(pathFile, 'utf8').trim();
  if (relativeBinary === '') return null;
  const binary = join(packageDir, 'dist', relativeBinary);
  return existsSync(binary) ? binary : null;
}

export function missingBuildOutputs(root = defaultRoot) {
  return ['dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html'].filter((file) => !existsSync(join(root, file)));
}

function start(root = defaultRoot) {
  const electron = locateElectron(root);
  if (!electron) {
    console.error(MISSING_ELECTRON_MESSAGE);
    return process.exit(1);
  }
  if (missingBuildOutputs(root).length > 0) {
    console.error(MISSING_BUILD_MESSAGE);
    return process.exit(1);
  }
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const environment = { ...process.env };
  delete environment.ELECTRON_RUN_AS_NODE;
  // The app folder, whose package.json "main" is dist/main/main.cjs, so the app reports its own name and version.
  const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit', env: environment, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Electron could not be started (${error.message}): reinstall it with \`npm install electron\`, or use \`npm run web\`.`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) start();
