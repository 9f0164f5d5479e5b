import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts/build-node.mjs');
const work = mkdtempSync(join(tmpdir(), 'caudal-build-node-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildNode(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
}

function requiredModules(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? ''))].sort();
}

describe('scripts/build-node.mjs main', () => {
  const outdir = join(work, 'main');
  const build = buildNode('main', '--outdir', outdir);

  it('bundles main and preload to CommonJS', () => {
    expect(build.status, build.stderr).toBe(0);
    for (const file of ['main.cjs', 'preload.cjs']) {
      const bundle = readFileSync(join(outdir, file), 'utf8');
      expect(bundle.startsWith('"use strict";')).toBe(true);
      expect(bundle).not.toMatch(/^(import|export) /m);
    }
  });

  it('leaves the sandboxed preload needing nothing but electron, and without zod', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/ZodError|safeParse/);
  });

  it('keeps electron external and bundles everything else into main', () => {
    const main = readFileSync(join(outdir, 'main.cjs'), 'utf8');
    expect(requiredModules(main).filter((name) => name !== 'electron' && !name.startsWith('node:'))).toEqual([]);
    expect(main.includes('registerSchemesAsPrivileged') && main.includes('frame-ancestors')).toBe(true);
  });
});

describe('scripts/build-node.mjs errors', () => {
  it('refuses an unknown target with a clear message', () => {
    const result = buildNode('renderer');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('build-node: expected "main" or "cli", got "renderer"');
  });

  it('builds the CLI with a shebang when cli/caudal.ts exists, and otherwise says it does not exist yet', () => {
    const outdir = join(work, 'cli');
    const result = buildNode('cli', '--outdir', outdir);
    if (existsSync(join(root, 'cli/caudal.ts'))) {
      expect(result.status, result.stderr).toBe(0);
      const bundle = readFileSync(join(outdir, 'caudal.mjs'), 'utf8');
      expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
      expect(statSync(join(outdir, 'caudal.mjs')).mode & 0o111).not.toBe(0);
    } else {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('cli/caudal.ts does not exist yet');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
