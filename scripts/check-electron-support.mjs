#!/usr/bin/env node
// Fails (exit 1) when the Electron major pinned in package.json is past its
// end of support, or missing from the dated table in electron-support.json.
// Run by `npm run check:electron` and by tests/tooling/electronSupport.test.ts,
// so CI turns red the day the pinned major stops getting security fixes.
//
// Installing Electron ≥ 40 needs Node ≥ 22.12 (its package's engines field);
// it stays an optionalDependency so `npm ci` on Node 20 still succeeds
// without it (npm start then says the binary is missing).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ ok: boolean, major: number | null, message: string }} */
export function checkElectronSupport({ packageJson, table, today }) {
  const pinned = packageJson.optionalDependencies?.electron ?? packageJson.dependencies?.electron ?? packageJson.devDependencies?.electron;
  const match = typeof pinned === 'string' ? /^\D*(\d+)\./.exec(pinned) ?? /^\D*(\d+)$/.exec(pinned) : null;
  if (!match) return { ok: false, major: null, message: `package.json pins no Electron version (found ${String(pinned)})` };
  const major = Number(match[1]);
  const row = table.majors?.[String(major)];
  if (!row) return { ok: false, major, message: `Electron ${major} is not in scripts/electron-support.json: add its stable and end-of-support dates` };
  const day = today.toISOString().slice(0, 10);
  if (day >= row.endOfSupport) return { ok: false, major, message: `Electron ${major} (pinned ${pinned}) reached end of support on ${row.endOfSupport}${row.estimated ? ' (estimated)' : ''}: move to a supported major` };
  const daysLeft = Math.round((Date.parse(row.endOfSupport) - Date.parse(day)) / 86_400_000);
  return { ok: true, major, message: `Electron ${major} (pinned ${pinned}) is supported until ${row.endOfSupport}${row.estimated ? ' (estimated)' : ''}: ${daysLeft} days left` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = checkElectronSupport({
    packageJson: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
    table: JSON.parse(readFileSync(join(root, 'scripts/electron-support.json'), 'utf8')),
    today: process.env.CAUDAL_TODAY ? new Date(process.env.CAUDAL_TODAY) : new Date(),
  });
  (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
