import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisManifest } from '../../shared/audit';

const root = resolve(import.meta.dirname, '../..');
const demo = join(root, 'assets/demo');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-verify-'));
const cli = join(scratch, 'bin/caudal.mjs');
const data = join(scratch, 'data');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const readManifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as AnalysisManifest;
const alertIds = (stdout: string) => (JSON.parse(stdout) as { alerts: { id: string }[] }).alerts.map((alert) => alert.id);

function analyze(manifest: string, env: Record<string, string>): Run {
  return run(['analyze', join(data, 'transactions.csv'), '--accounts', join(data, 'accounts.csv'), '--mapping', join(demo, 'mappings/bancolombia-movimientos.json'), '--accounts-mapping', join(demo, 'mappings/bancolombia-productos.json'), '--manifest', manifest], env);
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(data);
  for (const name of ['transactions.csv', 'accounts.csv']) copyFileSync(join(demo, name), join(data, name));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('caudal analyze --manifest and caudal verify', () => {
  const bogota = { TZ: 'America/Bogota', LANG: 'es_CO.UTF-8', LC_ALL: 'es_CO.UTF-8' };
  // Tokyo is 14 hours from Bogotá; Turkish is the locale where 'i'.toUpperCase() is not 'I'.
  const tokyo = { TZ: 'Asia/Tokyo', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };
  let manifestPath = '';

  it('gives the same alert ids, order and results hash in two time zones and locales', () => {
    manifestPath = join(scratch, 'run.json');
    const first = analyze(manifestPath, bogota);
    expect(first.code, first.stderr).toBe(0);
    const second = analyze(join(scratch, 'run-tokyo.json'), tokyo);
    expect(second.code, second.stderr).toBe(0);
    const ids = alertIds(first.stdout);
    expect(ids.length).toBeGreaterThan(3);
    expect(alertIds(second.stdout)).toEqual(ids);
    const [a, b] = [readManifest(manifestPath), readManifest(join(scratch, 'run-tokyo.json'))];
    expect(b.results).toEqual(a.results);
    expect(a.results.alerts.map((alert) => alert.id)).toEqual(ids);
    expect(a.inputs.map((input) => [input.kind, input.name])).toEqual([['transaction', 'transactions.csv'], ['account', 'accounts.csv']]);
    expect(a.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((a.profile as { id: string }).id).toBe('co-uiaf');
  });

  it('replays the manifest from the original files (in another time zone) and exits 0', () => {
    const replay = run(['verify', manifestPath], tokyo);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(readManifest(manifestPath).results.resultsHash);
  });

  it('names the input file that changed, and exits 3', () => {
    const changed = join(scratch, 'changed');
    mkdirSync(changed);
    copyFileSync(join(data, 'transactions.csv'), join(changed, 'transactions.csv'));
    // One digit of one amount: the kind of edit nobody sees by eye.
    const text = readFileSync(join(data, 'accounts.csv'), 'utf8');
    writeFileSync(join(changed, 'accounts.csv'), text.replace(/\d(?=\D*$)/, (digit) => String((Number(digit) + 1) % 10)));
    const replay = run(['verify', manifestPath, '--data', changed]);
    expect(replay.code).toBe(3);
    expect(replay.stderr).toContain(join(changed, 'accounts.csv'));
    expect(replay.stderr).toMatch(/input file differs/);
  });

  it('prints the first difference when the recorded results do not match the replay, and exits 4', () => {
    const manifest = readManifest(manifestPath);
    const [first, second] = manifest.results.alerts;
    manifest.results.alerts[0] = second!;
    manifest.results.alerts[1] = first!;
    const swapped = join(scratch, 'swapped.json');
    writeFileSync(swapped, JSON.stringify(manifest));
    const replay = run(['verify', swapped, '--data', data]);
    expect(replay.code).toBe(4);
    expect(replay.stderr).toContain(`alert #1: expected ${second!.id}`);
    expect(replay.stderr).toContain(`${second!.id} is at #2`);
  });

  it('re-runs under the recorded profile parameters: a different threshold gives different results', () => {
    const manifest = readManifest(manifestPath);
    const profile = manifest.profile as { disabledTypologies: string[] };
    profile.disabledTypologies.push(manifest.results.alerts[0]!.typology);
    const edited = join(scratch, 'edited-profile.json');
    writeFileSync(edited, JSON.stringify(manifest));
    const replay = run(['verify', edited, '--data', data]);
    expect(replay.code).toBe(4);
    expect(replay.stderr).toMatch(/results differ: alert #\d+/);
  });

  it('refuses a manifest that is not one, naming the file and field', () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...readManifest(manifestPath), inputs: [{ kind: 'transaction', name: 'x.csv', sha256: 'nope' }] }));
    const replay = run(['verify', broken]);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain(`${broken}: field inputs.0.sha256`);
    expect(run(['verify']).code).toBe(64);
  });
  it('writes and replays a manifest of goAML reports: the report is hashed and read again with the goAML reader', () => {
    const goamlDir = join(scratch, 'goaml');
    mkdirSync(goamlDir);
    copyFileSync(join(root, 'tests/fixtures/goaml/str-two-reports.xml'), join(goamlDir, 'ros.xml'));
    const goamlManifest = join(scratch, 'goaml-run.json');
    const analyzed = run(['analyze', join(goamlDir, 'ros.xml'), '--profile', 'do-uaf', '--manifest', goamlManifest], bogota);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const written = readManifest(goamlManifest);
    expect(written.inputs.map((input) => [input.kind, input.name, input.mapping])).toEqual([['goaml', 'ros.xml', { format: 'goaml', defaultCurrency: 'DOP' }]]);
    expect(written.results.count).toBeGreaterThan(0);
    const replay = run(['verify', goamlManifest], tokyo);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(written.results.resultsHash);
    // The same report with one amount changed: exit 3 naming it.
    const changed = join(scratch, 'goaml-changed');
    mkdirSync(changed);
    writeFileSync(join(changed, 'ros.xml'), readFileSync(join(goamlDir, 'ros.xml'), 'utf8').replace('472000.00', '472000.01'));
    const differs = run(['verify', goamlManifest, '--data', changed]);
    expect(differs.code).toBe(3);
    expect(differs.stderr).toContain(join(changed, 'ros.xml'));
  });
});
