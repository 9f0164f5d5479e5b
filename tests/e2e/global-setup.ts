import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Builds the renderer into a private folder (so parallel runs never clobber
 * each other's dist/) and serves it on 127.0.0.1 with the same CSP the
 * Electron shell sets.
 */
export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '../..');
  const outDir = process.env.CAUDAL_E2E_DIST ?? mkdtempSync(join(tmpdir(), 'caudal-e2e-'));
  if (!process.env.CAUDAL_E2E_DIST) {
    const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('vite build of the renderer failed; see the output above');
  }
  const server = await startStaticServer(outDir);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
    if (!process.env.CAUDAL_E2E_DIST) rmSync(outDir, { recursive: true, force: true });
  };
}
