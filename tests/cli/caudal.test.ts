import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlantedPattern } from '../../shared/generator';
import { builtinProfile, profileToJson } from '../../shared/profiles';
import { STRAY_QUOTE_LINE, strayQuoteCsv } from '../helpers/strayQuoteFile';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/cli');
const demo = join(root, 'assets/demo');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-cli-'));
const cli = join(scratch, 'bin/caudal.mjs');

interface AlertOut {
  id: string;
  typology: string;
  score: number;
  accounts: string[];
  transactions: string[];
  window: { from: string; to: string };
  explanation: string;
  shapes: string[];
  scoreComponents?: { id: string; label: string; value: number }[];
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function alertsOf(stdout: string): AlertOut[] {
  return (JSON.parse(stdout) as { alerts: AlertOut[] }).alerts;
}

beforeAll(() => {
  // The real artifact: bundled by the project's esbuild script, run with plain node.
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('caudal analyze', () => {
  it('finds the demo funnel in the bank export, mapping the Spanish headers itself', () => {
    const { code, stdout, stderr } = run('analyze', join(demo, 'transactions.csv'));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('no mapping given for transactions.csv');
    expect(stderr).toMatch(/amount\s+← "Monto"/);
    const alerts = alertsOf(stdout);
    const labels = (JSON.parse(readFileSync(join(demo, 'labels.json'), 'utf8')) as { labels: PlantedPattern[] }).labels;
    const funnel = labels.find((l) => l.typology === 'fan-in')!;
    const found = alerts.find((a) => a.typology === 'fan-in' && funnel.transactions.every((id) => a.transactions.includes(id)));
    expect(found).toBeDefined();
    expect(Object.keys(found!).sort()).toEqual(['accounts', 'explanation', 'id', 'score', 'scoreComponents', 'shapes', 'transactions', 'typology', 'window']);
    // The score is explained in the profile's language, and its pieces add up to it (rounded to tenths).
    const components = found!.scoreComponents ?? [];
    expect(components.length).toBeGreaterThan(0);
    expect(components.every((component) => component.label.length > 0)).toBe(true);
    expect(Math.abs(components.reduce((sum, component) => sum + component.value, 0) - found!.score)).toBeLessThanOrEqual(0.5);
    expect(found!.shapes).toContain('fan-in');
    expect(found!.window.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(found!.window.to)).toBeGreaterThanOrEqual(Date.parse(found!.window.from));
    // co-uiaf works in Spanish.
    expect(found!.explanation).toMatch(/cuentas/);
  });

  it('reads a layout it cannot guess once given the saved mapping, and says which fields it could not map without it', () => {
    const file = join(fixtures, 'ledger-custom.csv');
    const unmapped = run('analyze', file);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stdout).toBe('');
    expect(unmapped.stderr).toContain('ledger-custom.csv');
    expect(unmapped.stderr).toMatch(/no column found for required fields .*amount/);
    expect(unmapped.stderr).toContain('--mapping');

    const mapped = run('analyze', file, '--mapping', join(fixtures, 'ledger-custom.mapping.json'));
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stderr).not.toContain('no mapping given');
    const funnel = alertsOf(mapped.stdout).find((a) => a.typology === 'fan-in');
    expect(funnel?.accounts).toContain('53871204419');
    expect(funnel?.transactions).toHaveLength(16);
  });

  it('names the line, column and reason of each bad row, analyses the good ones and exits 2', () => {
    const file = join(fixtures, 'bad-rows.csv');
    const { code, stdout, stderr } = run('analyze', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad-rows\.csv, line 6, column 'Monto', field amount: '9,8 millones' is not a valid number/);
    expect(stderr).toMatch(/bad-rows\.csv, line 8, .*field timestamp: '31\/02\/2025 12:00:00' is not a valid date/);
    expect(stderr).toContain('7 rows read, 5 imported, 2 quarantined');
    const structuring = alertsOf(stdout).filter((a) => a.typology === 'structuring');
    expect(structuring).toHaveLength(1);
    expect(structuring[0]!.transactions).toEqual(['7000000101', '7000000102', '7000000104', '7000000106']);

    const accepted = run('analyze', file, '--allow-bad-rows');
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toContain('line 6');
  });

  it('imports every good row after a stray quote and quarantines only its line, counting every physical line (issue 10)', () => {
    const file = join(scratch, 'stray-quote.csv');
    writeFileSync(file, strayQuoteCsv());
    const { code, stderr } = run('analyze', file);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(`stray-quote.csv, line 2: a quote opened on this line is never closed`);
    expect(stderr).toContain(STRAY_QUOTE_LINE);
    expect(stderr).toContain('300001 rows read, 300000 imported, 1 quarantined, 0 duplicates');
    expect(stderr).toContain('300002 lines in file = 1 header/preamble + 0 blank + 300000 imported + 1 quarantined + 0 duplicate');
  });

  it('refuses a missing file, a bad mapping and an unknown profile with a message and a non-zero exit', () => {
    const missing = run('analyze', join(scratch, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv: no such file');
    expect(missing.stdout).toBe('');

    const badMapping = join(scratch, 'bad-mapping.json');
    writeFileSync(badMapping, JSON.stringify({ schema: 'caudal.mapping/1', name: 'x', kind: 'transaction', fields: { amount: { column: '' } } }));
    const mapping = run('analyze', join(fixtures, 'bad-rows.csv'), '--mapping', badMapping);
    expect(mapping.code).toBe(1);
    expect(mapping.stderr).toMatch(/bad-mapping\.json: Invalid mapping spec at fields\.amount/);

    const wrongKind = run('analyze', join(demo, 'transactions.csv'), '--mapping', join(demo, 'mappings/bancolombia-productos.json'));
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain('this mapping is for account records');

    const profile = run('analyze', join(fixtures, 'bad-rows.csv'), '--profile', 'zz-nowhere');
    expect(profile.code).toBe(1);
    expect(profile.stderr).toContain("unknown profile 'zz-nowhere'");
    expect(profile.stderr).toContain('co-uiaf');

    const unwritable = run('analyze', join(fixtures, 'bad-rows.csv'), '--allow-bad-rows', '--out', join(scratch, 'no-such-folder', 'alerts.json'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/no-such-folder\/alerts\.json: cannot write \(ENOENT: the folder does not exist\)/);

    const usage = run('analyze');
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('Usage:');
  });

  it('applies the profile: a higher cash threshold means the deposits are no longer structuring', () => {
    const file = join(fixtures, 'bad-rows.csv');
    const base = builtinProfile('co-uiaf')!;
    const raised = join(scratch, 'raised.json');
    writeFileSync(raised, profileToJson({ ...base, id: 'co-uiaf-test', builtIn: false, cashThreshold: { ...base.cashThreshold, amount: 50_000_000 } }));
    const strict = alertsOf(run('analyze', file, '--allow-bad-rows', '--profile', 'co-uiaf').stdout);
    const relaxed = run('analyze', file, '--allow-bad-rows', '--profile', raised);
    expect(relaxed.code, relaxed.stderr).toBe(0);
    expect(strict.some((a) => a.typology === 'structuring')).toBe(true);
    expect(alertsOf(relaxed.stdout).some((a) => a.typology === 'structuring')).toBe(false);

    const english = join(scratch, 'english.json');
    writeFileSync(english, profileToJson({ ...base, id: 'co-uiaf-en', builtIn: false, language: 'en' }));
    const inEnglish = alertsOf(run('analyze', file, '--allow-bad-rows', '--profile', english).stdout);
    expect(inEnglish[0]?.explanation).toMatch(/cash deposits/i);

    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(profileToJson(base)), cashThreshold: { amount: -5, currency: 'COP' } }));
    const refused = run('analyze', file, '--profile', broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/broken\.json: Invalid profile: .*cashThreshold\.amount/);
  });

  it('prints one CSV row per alert and writes to --out instead of standard output', () => {
    const json = alertsOf(run('analyze', join(demo, 'transactions.csv')).stdout);
    const out = join(scratch, 'alerts.csv');
    const { code, stdout } = run('analyze', join(demo, 'transactions.csv'), '--format', 'csv', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,typology,score,window_from,window_to,accounts,transactions,explanation');
    expect(lines).toHaveLength(json.length + 1);
    expect(lines[1]!.startsWith(`${json[0]!.id},${json[0]!.typology},${json[0]!.score},`)).toBe(true);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('uses accounts, parties and shipments files when given, so trade typologies run too', () => {
    const { code, stdout, stderr } = run(
      'analyze', join(demo, 'transactions.csv'),
      '--mapping', join(demo, 'mappings/bancolombia-movimientos.json'),
      '--shipments', join(demo, 'shipments.csv'), '--shipments-mapping', join(demo, 'mappings/dian-declaraciones.json'),
      '--accounts', join(demo, 'accounts.csv'), '--accounts-mapping', join(demo, 'mappings/bancolombia-productos.json'),
      '--parties', join(demo, 'parties.csv'), '--parties-mapping', join(demo, 'mappings/registro-personas.json'),
    );
    expect(code, stderr).toBe(0);
    expect(stderr).not.toContain('no mapping given');
    const typologies = new Set(alertsOf(stdout).map((a) => a.typology));
    expect(typologies.has('trade-unit-value')).toBe(true);
  });
});

describe('caudal generate', () => {
  it('writes the CSVs, mappings and labels deterministically, and analyze reads them back', () => {
    const first = join(scratch, 'gen-a');
    const second = join(scratch, 'gen-b');
    const a = run('generate', '--seed', '99', '--transactions', '1500', '--out', first);
    expect(a.code, a.stderr).toBe(0);
    expect(run('generate', '--seed', '99', '--transactions', '1500', '--out', second).code).toBe(0);
    for (const file of ['transactions.csv', 'accounts.csv', 'parties.csv', 'shipments.csv', 'labels.json', 'mappings/bancolombia-movimientos.json']) {
      expect(readFileSync(join(first, file), 'utf8'), file).toBe(readFileSync(join(second, file), 'utf8'));
    }
    const text = readFileSync(join(first, 'transactions.csv'), 'utf8');
    expect(text.trimEnd().split('\r\n')).toHaveLength(1500 + 3);
    const labels = JSON.parse(readFileSync(join(first, 'labels.json'), 'utf8')) as { generator: { seed: number }; labels: PlantedPattern[] };
    expect(labels.generator.seed).toBe(99);
    expect(labels.labels.length).toBeGreaterThanOrEqual(13 * 3);

    const analysed = run('analyze', join(first, 'transactions.csv'), '--mapping', join(first, 'mappings/bancolombia-movimientos.json'));
    expect(analysed.code, analysed.stderr).toBe(0);
    expect(alertsOf(analysed.stdout).length).toBeGreaterThan(0);
  });

  it('asks for the date order when every date in the file fits both DD/MM and MM/DD, and takes --date-order', () => {
    // The bad-rows fixture without its 31/02 row: all its dates are days 1-5 of March.
    const text = readFileSync(join(fixtures, 'bad-rows.csv'), 'utf8')
      .split('\r\n')
      .filter((line) => !line.startsWith('31/02/2025'))
      .join('\r\n');
    const file = join(scratch, 'early-march.csv');
    writeFileSync(file, text);
    const ambiguous = run('analyze', file);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/early-march\.csv, line 3, column 'Fecha \+ Hora', field timestamp: the dates fit both DD\/MM\/YYYY and MM\/DD\/YYYY.*; pass --date-order DMY/);
    const dayFirst = run('analyze', file, '--date-order', 'DMY', '--allow-bad-rows');
    expect(dayFirst.code, dayFirst.stderr).toBe(0);
    const structuring = alertsOf(dayFirst.stdout).find((a) => a.typology === 'structuring');
    expect(structuring?.window.from).toBe('2025-03-01T09:12:40.000Z');
    expect(run('analyze', file, '--date-order', 'DDMM').code).toBe(64);
  });

  it('maps a simulator export in English abbreviations itself, and takes the currency from --currency when the file has none', () => {
    // AMLSim's layout (tran_id, orig_acct, bene_acct, tx_type, base_amt, tran_timestamp), labels stripped: no currency column.
    const rows = ['tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp'];
    for (let i = 0; i < 6; i++) rows.push(`${i + 1},S${i},HUB,TRANSFER,${400 + i * 37}.50,2017-01-0${1 + (i % 3)}T00:00:00Z`);
    const file = join(scratch, 'amlsim-shaped.csv');
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    const refused = run('analyze', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no column found for required field currency');
    expect(refused.stderr).toContain('--currency');
    const taken = run('analyze', file, '--currency', 'usd');
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/fromAccount\s+← "orig_acct"/);
    expect(taken.stderr).toMatch(/toAccount\s+← "bene_acct"/);
    expect(taken.stderr).toMatch(/amount\s+← "base_amt"/);
    expect(taken.stderr).toMatch(/currency\s+← constant "USD"/);
    expect(taken.stderr).toContain('6 imported');
    expect(run('analyze', file, '--currency', 'dollars').code).toBe(64);

    // AMLSim's accounts file states each account's reporting currency: one currency for all of them says what the
    // transfers' amounts are in; accounts in two currencies say nothing, and the file is refused as before.
    const accounts = join(scratch, 'amlsim-accounts.csv');
    const accountRows = (second: string) => ['acct_id,dsply_nm,type,acct_stat,acct_rptng_crncy,branch_id,open_dt,close_dt,initial_deposit,bank_id,country', ...['HUB', 'S0', 'S1', 'S2', 'S3', 'S4', 'S5'].map((id, k) => `${id},C_${id},I,A,${k === 6 ? second : 'USD'},1,0,1000000,5000.0,bank_a,US`)];
    writeFileSync(accounts, accountRows('USD').join('\r\n') + '\r\n');
    const fromAccounts = run('analyze', file, '--accounts', accounts);
    expect(fromAccounts.code, fromAccounts.stderr).toBe(0);
    expect(fromAccounts.stderr).toMatch(/id\s+← "acct_id"/);
    expect(fromAccounts.stderr).toMatch(/currency\s+← "acct_rptng_crncy"/);
    expect(fromAccounts.stderr).toContain('every account that states a currency is in USD');
    expect(fromAccounts.stderr).toMatch(/currency\s+← constant "USD"/);
    writeFileSync(accounts, accountRows('EUR').join('\r\n') + '\r\n');
    const mixed = run('analyze', file, '--accounts', accounts);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('no column found for required field currency');

    // A forged accounts file cannot hand the transfers a formula or a made-up code as their currency: the row is
    // quarantined with its line and field, the currency comes only from valid codes, and the run exits 2.
    const forged = accountRows('USD');
    forged[2] = "S1,C_S1,I,A,=cmd|' /C calc'!A0,1,0,1000000,5000.0,bank_a,US";
    writeFileSync(accounts, forged.join('\r\n') + '\r\n');
    const hostile = run('analyze', file, '--accounts', accounts);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toContain("line 3, column 'acct_rptng_crncy', field currency");
    expect(hostile.stderr).toMatch(/currency\s+← constant "USD"/);
    expect(hostile.stderr).not.toContain('constant "=cmd');
  });

  it('refuses missing or out-of-range options', () => {
    expect(run('generate', '--seed', '1', '--out', scratch).code).toBe(64);
    const tooMany = run('generate', '--seed', '1', '--transactions', '5000000', '--out', scratch);
    expect(tooMany.code).toBe(64);
    expect(tooMany.stderr).toContain('--transactions must be an integer from 1000 to 2000000');
  });
});
