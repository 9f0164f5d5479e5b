#!/usr/bin/env node
// `npm run dist:check`: validates electron-builder.yml on a machine that
// cannot download Electron. It stages the built app in a temporary folder,
// hands electron-builder a stub "Electron" folder (-c.electronDist) and packs
// an unpacked Linux app (--linux dir), then checks what went into app.asar.
// The installers themselves (nsis, portable, dmg, AppImage, deb) need the real
// Electron binary and their own tools, so they are built on a connected machine.
// Usage: node scripts/check-packaging.mjs [--keep] [--renderer <built renderer folder, default dist/renderer>]
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const ELECTRON_VERSION = '45.6.1';
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, FileProtocolExtraPrivileges.
const ELECTRON_DEFAULT_FUSES = '10110001';
const EXPECTED_FUSES = '01001100';
const keep = process.argv.includes('--keep');
const rendererFlag = process.argv.indexOf('--renderer');
const rendererDir = rendererFlag > 0 && process.argv[rendererFlag + 1] ? resolve(process.argv[rendererFlag + 1]) : join(root, 'dist/renderer');

function fail(message) {
  console.error(`dist:check: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  if (result.error) fail(`${command} could not run: ${result.error.message}`);
  return result;
}

const work = mkdtempSync(join(tmpdir(), 'caudal-packaging-'));
try {
  // A stand-in for Electron's prebuilt folder: enough for electron-builder to copy and rename.
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  // It carries Electron's fuse wire (sentinel, version 1, 8 fuses at Electron's defaults) so the
  // electronFuses settings are flipped and checked too.
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stub Electron used by dist:check; it cannot run Caudal" >&2\nexit 1\n# '),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
      Buffer.from(ELECTRON_DEFAULT_FUSES),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), `v${ELECTRON_VERSION}`);
  writeFileSync(join(electronDist, 'LICENSE'), 'stub\n');

  // A private copy of the project as `npm run build` leaves it, so a concurrent build of dist/ cannot interfere.
  const project = join(work, 'project');
  mkdirSync(join(project, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(project, 'package.json'));
  cpSync(join(root, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
  cpSync(join(root, 'assets/icons'), join(project, 'assets/icons'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'junction');
  const mainBuild = run(process.execPath, [join(root, 'scripts/build-node.mjs'), 'main', '--outdir', join(project, 'dist/main')]);
  if (mainBuild.status !== 0) fail(`building main/ failed:\n${mainBuild.stderr}`);
  if (existsSync(join(rendererDir, 'index.html'))) {
    cpSync(rendererDir, join(project, 'dist/renderer'), { recursive: true });
  } else {
    // Packaging is checked, not the renderer: a placeholder page stands in when it has not been built.
    console.log('dist:check: dist/renderer is not built; packing a placeholder page (run `npm run build:renderer` to pack the real one)');
    mkdirSync(join(project, 'dist/renderer'), { recursive: true });
    writeFileSync(join(project, 'dist/renderer/index.html'), '<!doctype html><title>Caudal</title>\n');
  }

  const output = join(work, 'out');
  const builderCli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const builder = run(
    process.execPath,
    [
      builderCli,
      '--linux',
      'dir',
      '--projectDir',
      project,
      '--config',
      join(project, 'electron-builder.yml'),
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
      '--publish',
      'never',
    ],
    { cwd: project, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_BUILDER_CACHE: join(work, 'cache') } },
  );
  process.stdout.write(builder.stdout);
  if (builder.status !== 0) fail(`electron-builder rejected the configuration:\n${builder.stderr}`);

  const unpacked = join(output, 'linux-unpacked');
  const asarPath = join(unpacked, 'resources', 'app.asar');
  if (!existsSync(asarPath)) fail(`electron-builder finished but ${asarPath} is missing`);
  const asar = require('@electron/asar');
  const files = asar.listPackage(asarPath).map((file) => file.replaceAll('\\', '/'));
  const required = ['/package.json', '/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html'];
  const missing = required.filter((file) => !files.includes(file));
  if (missing.length > 0) fail(`app.asar lacks ${missing.join(', ')}`);
  const unwanted = files.filter((file) => /^\/(node_modules|main|renderer|shared|cli|tests|scripts|dist\/types|dist\/cli)\//.test(file));
  if (unwanted.length > 0) fail(`app.asar carries files it should not: ${unwanted.slice(0, 10).join(', ')}`);
  const packagedManifest = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8'));
  if (packagedManifest.main !== 'dist/main/main.cjs') fail(`the packaged package.json points "main" at ${packagedManifest.main}`);
  const executable = join(unpacked, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name);
  if (!existsSync(executable)) fail(`the unpacked app lacks its executable ${executable}`);
  const binary = readFileSync(executable);
  const wireStart = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
  const fuses = binary.subarray(wireStart, wireStart + EXPECTED_FUSES.length).toString('latin1');
  if (fuses !== EXPECTED_FUSES) fail(`the packaged binary's fuses are ${fuses}, expected ${EXPECTED_FUSES} (see electronFuses in electron-builder.yml)`);
  console.log(`dist:check: electron-builder.yml is valid; fuses ${fuses}; app.asar holds ${files.length} entries, no node_modules and no sources${keep ? `; kept in ${output}` : ''}`);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
