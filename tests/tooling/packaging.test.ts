import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('npm run dist:check', () => {
  it('packs an unpacked Linux app from electron-builder.yml against a stub Electron, with only dist/ in the asar and the fuses flipped', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/check-packaging.mjs')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/dist:check: electron-builder\.yml is valid; fuses 01001100; app\.asar holds \d+ entries, no node_modules and no sources/);
  });
});
