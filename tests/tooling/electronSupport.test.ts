import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Check {
  ok: boolean;
  major: number | null;
  message: string;
}
const root = resolve(import.meta.dirname, '../..');
// Imported by URL: scripts/ are plain .mjs without type declarations.
const { checkElectronSupport: check } = (await import(pathToFileURL(join(root, 'scripts/check-electron-support.mjs')).href)) as {
  checkElectronSupport(input: { packageJson: unknown; table: unknown; today: Date }): Check;
};
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
const table = JSON.parse(readFileSync(join(root, 'scripts/electron-support.json'), 'utf8')) as unknown;

describe('the pinned Electron major is supported', () => {
  it('is not past its end-of-support date today', () => {
    const result = check({ packageJson, table, today: new Date() });
    expect(result.ok, result.message).toBe(true);
    expect(result.major).toBeGreaterThanOrEqual(43);
  });

  it('fails on the end-of-support day, and for a major the table does not know', () => {
    expect(check({ packageJson: { optionalDependencies: { electron: '39.8.10' } }, table, today: new Date('2026-05-06T00:00:00Z') })).toMatchObject({ ok: false, major: 39 });
    expect(check({ packageJson: { optionalDependencies: { electron: '39.8.10' } }, table, today: new Date('2026-05-05T12:00:00Z') })).toMatchObject({ ok: true });
    expect(check({ packageJson: { optionalDependencies: { electron: '99.0.0' } }, table, today: new Date() }).message).toMatch(/not in scripts\/electron-support.json/);
    expect(check({ packageJson: {}, table, today: new Date() }).ok).toBe(false);
  });
});
