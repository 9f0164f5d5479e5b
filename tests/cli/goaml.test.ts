import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'tests/fixtures/goaml/str-two-reports.xml');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-cli-goaml-'));
const cli = join(scratch, 'bin/caudal.mjs');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('caudal analyze with goAML reports', () => {
  it('recognises a goAML file by its root element whatever its name, and prints the alerts', () => {
    const renamed = join(scratch, 'export-banco.dat');
    copyFileSync(fixture, renamed);
    const { code, stdout, stderr } = run('analyze', renamed, '--profile', 'do-uaf');
    expect(stderr).toContain('goAML, 2 reports (ROS-2025-0017, ROS-2025-0018); 5 units read, 5 imported, 0 quarantined');
    expect(code).toBe(0);
    const alerts = (JSON.parse(stdout) as { alerts: { typology: string; transactions: string[] }[] }).alerts;
    expect(alerts).toEqual([expect.objectContaining({ typology: 'high-risk-jurisdiction', transactions: ['TX-1003'] })]);
  });

  it('takes several files and folders, reads the same bytes once, and quarantines with element paths (exit 2)', () => {
    const folder = join(scratch, 'reportes');
    mkdirSync(folder, { recursive: true });
    copyFileSync(fixture, join(folder, 'a.xml'));
    writeFileSync(
      join(folder, 'b.xml'),
      `<report><currency_code_local>DOP</currency_code_local><transaction><transactionnumber>Z-1</transactionnumber><date_transaction>2025-10-09</date_transaction>` +
        `<t_from><from_person><first_name>Ana</first_name></from_person></t_from><t_to><to_person><first_name>Luis</first_name></to_person></t_to></transaction></report>`,
    );
    const { code, stderr } = run('analyze', fixture, folder, '--profile', 'do-uaf');
    expect(stderr).toContain('the same bytes as');
    expect(stderr).toMatch(/b\.xml, line 1, \/report\[1\]\/transaction\[1\]\/amount_local: <amount_local> is missing — quarantined/);
    expect(code).toBe(2);
  });

  it('names file, line and column of malformed XML (exit 1)', () => {
    const broken = join(scratch, 'roto.xml');
    writeFileSync(broken, '<report>\n<transaction>\n<amount_local>5</amount>\n</transaction></report>');
    const { code, stderr } = run('analyze', broken);
    expect(code).toBe(1);
    expect(stderr).toMatch(/roto\.xml, line 3, column \d+: unexpected close tag/);
  });

  it('refuses to mix goAML reports with a CSV (exit 64)', () => {
    const csv = join(scratch, 'x.csv');
    writeFileSync(csv, 'Fecha;Monto\n01/01/2025;5\n');
    const { code, stderr } = run('analyze', fixture, csv);
    expect(code).toBe(64);
    expect(stderr).toContain('not a goAML report');
  });
});
