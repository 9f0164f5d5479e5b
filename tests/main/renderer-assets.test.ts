import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../main/security';

/**
 * The real renderer build, served through the app:// handler the way
 * Electron will: every file Vite emits (entry, workers, styles, the demo
 * case) must come back with a type the browser accepts for it.
 */
const root = resolve(import.meta.dirname, '../..');
const outDir = mkdtempSync(join(tmpdir(), 'caudal-renderer-assets-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
}, 180_000);

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

describe('the renderer build over app://', () => {
  it('serves every emitted file with a specific content type and the CSP', async () => {
    const handle = createAppProtocolHandler({ rootDir: outDir, fs });
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const path = relative(outDir, file).split(sep).map(encodeURIComponent).join('/');
      const response = await handle({ url: `app://caudal/${path}`, method: 'GET' });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).not.toBe('application/octet-stream');
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('refers only to its own files from index.html, so the app:// origin is all it needs', async () => {
    const html = await fs.readFile(join(outDir, 'index.html'), 'utf8');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^\.\//);
  });
});
