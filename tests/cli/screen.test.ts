import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const lists = join(root, 'tests/shared/screen/fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-screen-cli-'));
const cli = join(scratch, 'bin/caudal.mjs');

interface HitOut {
  party: string;
  list: string;
  entry: string;
  name: string;
  score: number;
  explanation: string;
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PARTIES = [
  'id,name,kind,id_type,id_number,nationality,birth_date',
  'C-1,Juan Carlos Ramírez,person,,,CO,1963-02-16',
  'C-2,Pepe Pérez Gómez,person,,,CO,',
  'C-3,COMERCIALIZADORA DEL PACÍFICO SA DE CV,company,RFC,CPA980512AB3,MX,',
  'C-4,José García Martínez,person,,,CO,1990-01-01',
  'C-5,Juan Carlos Ramírez Abadía,person,,,CO,1988-07-01',
  '',
].join('\n');

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
  writeFileSync(join(scratch, 'parties.csv'), PARTIES);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('caudal screen', () => {
  it('prints hits with the party id from the file, the list, the entry id of each format, the matched name, a score and an explanation', () => {
    const { code, stdout, stderr } = run(
      'screen',
      join(scratch, 'parties.csv'),
      ...['un-consolidated.xml', 'sdn.csv', 'alt.csv', 'add.csv', 'entities.ftm.json', 'sat-69b.csv'].flatMap((file) => ['--list', join(lists, file)]),
      '--format',
      'json',
    );
    expect(code, stderr).toBe(0);
    const hits = (JSON.parse(stdout) as { hits: HitOut[] }).hits;
    const pairs = hits.map((hit) => `${hit.party}→${hit.entry}`).sort();
    expect(pairs).toEqual(['C-1→9760', 'C-1→QDi.901', 'C-2→NK-abc123', 'C-3→1', 'C-3→9761'].sort());
    const un = hits.find((hit) => hit.entry === 'QDi.901') as HitOut;
    expect(un.list).toBe('UN Security Council consolidated list');
    expect(un.name).toBe('JUAN CARLOS RAMIREZ ABADIA');
    expect(un.score).toBeGreaterThanOrEqual(0.95);
    expect(un.explanation).toContain('segundo apellido ausente en el cliente');
    expect(un.explanation).toContain('fecha de nacimiento coincide');
    expect(hits.find((hit) => hit.entry === 'NK-abc123')?.explanation).toContain('hipocorístico: pepe = jose');
    for (const hit of hits) expect(hit.explanation.length).toBeGreaterThan(10);
    // The same name born 25 years later is not the listed man: no hit for C-5.
    expect(hits.some((hit) => hit.party === 'C-5')).toBe(false);
    expect(stderr).toContain('OFAC SDN list, 3 entries');
  });

  it('honours --threshold and --language', () => {
    const strict = run('screen', join(scratch, 'parties.csv'), '--list', join(lists, 'un-consolidated.xml'), '--threshold', '0.3', '--language', 'en');
    expect(strict.code, strict.stderr).toBe(0);
    const hits = (JSON.parse(strict.stdout) as { hits: HitOut[] }).hits;
    const c5 = hits.find((hit) => hit.party === 'C-5');
    expect(c5?.explanation).toContain('date of birth contradicts');
    expect(c5?.score).toBeLessThan(0.8);
  });

  it('rejects bad usage and unreadable lists with the file named', () => {
    expect(run('screen', join(scratch, 'parties.csv')).code).toBe(64);
    expect(run('screen', join(scratch, 'parties.csv'), '--list', join(lists, 'un-consolidated.xml'), '--threshold', '2').code).toBe(64);
    writeFileSync(join(scratch, 'bad.xml'), '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</INDIVIDUALS>');
    const bad = run('screen', join(scratch, 'parties.csv'), '--list', join(scratch, 'bad.xml'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.xml');
    const missing = run('screen', join(scratch, 'parties.csv'), '--list', join(scratch, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv: no such file');
  });
});
