import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENT_MAPPING_TAG } from '../../shared/import/statement';
import { makeXlsx } from '../shared/import/workbook/makeXlsx';
import { makeOds } from '../shared/import/workbook/makeOds';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-inputs-'));
const cli = join(scratch, 'bin/caudal.mjs');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Output {
  alerts: unknown[];
  statements: { file: string; account: string; complete: boolean | null; breaks: { line: number; previousLine: number; gap: number }[] }[];
  matching: { merged: number; byReference: number; unmatchedDebits: number; unmatchedCredits: number };
}

const SENDER = [
  'Banco Uno S.A.',
  'Cuenta No.: 1001-55',
  'Titular: Ana Ruiz',
  'Moneda: COP',
  '',
  'Fecha;Referencia;Descripción;Débito;Crédito;Saldo',
  '21/01/2026;T1;TRANSF A CTA 2002-77;500,00;;9.500,00',
  '22/01/2026;T2;TRANSF A CTA 2002-77;300,00;;9.200,00',
  '23/01/2026;T3;RETIRO CAJERO;100,00;;9.100,00',
  '24/01/2026;T4;TRANSF A CTA 2002-77;50,00;;9.050,00',
].join('\r\n');

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
/** The receiver's statement as a workbook, with T2's credit (line 8) removed: the balance breaks at line 8 (now T4). */
const RECEIVER_ROWS = [
  ['Número de cuenta:', '2002-77'],
  ['Titular:', 'Beto Gil'],
  ['Moneda:', 'COP'],
  [null],
  ['Fecha', 'Referencia', 'Concepto', 'Cargo', 'Abono', 'Saldo'],
  [day(21), 'T1', 'TRANSF DE CTA 1001-55', null, 500, 1500],
  [day(22), 'X9', 'COMPRA', 20, null, 1480],
  [day(24), 'T4', 'TRANSF DE CTA 1001-55', null, 50, 1830],
];

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(join(scratch, 'extractos'));
  writeFileSync(join(scratch, 'extractos/ana.csv'), SENDER);
  writeFileSync(join(scratch, 'extractos/beto.xlsx'), makeXlsx([{ name: 'Movimientos', rows: RECEIVER_ROWS }]));
  writeFileSync(join(scratch, 'extractos/leeme.pdf'), 'not a statement');
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('caudal analyze with statements', () => {
  it('reads a folder of statements (CSV and .xlsx), merges both sides and reports the broken balance at its line', () => {
    const { code, stdout, stderr } = run('analyze', join(scratch, 'extractos'), '--format', 'json');
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('skipped 1 file that is neither CSV nor a workbook');
    const output = JSON.parse(stdout) as Output;
    expect(output.statements.map((s) => [s.account, s.complete])).toEqual([
      ['1001-55', true],
      ['2002-77', false],
    ]);
    expect(output.statements[1]?.breaks).toEqual([expect.objectContaining({ line: 8, previousLine: 7, gap: 300 })]);
    expect(stderr).toMatch(/beto\.xlsx, line 8: the balance 1830\.00 does not follow from line 7 \(expected 1530\.00, gap 300\.00\)/);
    expect(output.matching).toMatchObject({ merged: 2, byReference: 2, unmatchedDebits: 3, unmatchedCredits: 0 });
    expect(stderr).toContain('2 pairs merged (2 by reference');
    expect(run('analyze', join(scratch, 'extractos'), '--allow-bad-rows').code).toBe(0);
  });

  it('reads an .ods statement (LibreOffice) exactly as the same statement saved as .xlsx: same statements, breaks, matching and alerts', () => {
    const outputs: Record<'xlsx' | 'ods', { code: number | null; stdout: string; stderr: string }> = {} as never;
    for (const format of ['xlsx', 'ods'] as const) {
      const folder = join(scratch, `formato-${format}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'ana.csv'), SENDER);
      writeFileSync(join(folder, `beto.${format}`), format === 'xlsx' ? makeXlsx([{ name: 'Movimientos', rows: RECEIVER_ROWS }]) : makeOds([{ name: 'Movimientos', rows: RECEIVER_ROWS }]));
      outputs[format] = run('analyze', folder, '--format', 'json');
    }
    // Only the file's name, its folder and its hash (the bytes differ) may differ.
    const same = (text: string) => text.replaceAll('beto.ods', 'beto.xlsx').replaceAll('formato-ods', 'formato-xlsx').replace(/\b[0-9a-f]{64}\b/g, 'SHA');
    expect(outputs.ods.code, outputs.ods.stderr).toBe(2);
    expect(outputs.ods.stderr).toMatch(/beto\.ods, line 8: the balance 1830\.00 does not follow from line 7/);
    expect(same(outputs.ods.stdout)).toBe(same(outputs.xlsx.stdout));
    expect(same(outputs.ods.stderr)).toBe(same(outputs.xlsx.stderr));
    const output = JSON.parse(outputs.ods.stdout) as Output;
    expect(output.statements.map((s) => [s.account, s.complete])).toEqual([
      ['1001-55', true],
      ['2002-77', false],
    ]);
    expect(output.matching).toMatchObject({ merged: 2, byReference: 2 });
  });

  it('names a password-protected .ods and how to remove the password', () => {
    const manifest = '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>';
    writeFileSync(join(scratch, 'clave.ods'), makeOds([], { content: Uint8Array.from({ length: 2048 }, (_, index) => (index * 31) % 256), manifest }));
    const { code, stderr } = run('analyze', join(scratch, 'clave.ods'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/clave\.ods: the spreadsheet is password-protected \(encrypted\); open it in LibreOffice/);
  });

  it('takes a saved statement mapping with --mapping (owner typed, signed amounts)', () => {
    const text = ['Date,Reference,Description,Amount,Balance', '2026-01-21,Z1,PAYMENT,-40.00,960.00', '2026-01-22,Z2,SALARY,1500.00,2460.00'].join('\n');
    writeFileSync(join(scratch, 'plain.csv'), text);
    const mapping = {
      schema: STATEMENT_MAPPING_TAG,
      name: 'Bank Z',
      owner: { from: 'typed', account: '777' },
      currency: 'USD',
      columns: { date: 'Date', reference: 'Reference', description: 'Description', balance: 'Balance' },
      direction: { convention: 'signed', amount: 'Amount' },
    };
    writeFileSync(join(scratch, 'bank-z.json'), JSON.stringify(mapping));
    const { code, stdout, stderr } = run('analyze', join(scratch, 'plain.csv'), '--mapping', join(scratch, 'bank-z.json'));
    expect(code, stderr).toBe(0);
    const output = JSON.parse(stdout) as Output;
    expect(output.statements[0]).toMatchObject({ account: '777', complete: true });
    expect(stderr).toContain('statement of account 777: 2 movements, 1 debits, 1 credits');
  });

  it('names the file and field of a broken statement mapping, and a missing input', () => {
    writeFileSync(join(scratch, 'bad.json'), JSON.stringify({ schema: STATEMENT_MAPPING_TAG, name: 'x', owner: { from: 'title' }, columns: { date: 'Fecha' }, direction: { convention: 'columns', debit: 'D' } }));
    const bad = run('analyze', join(scratch, 'extractos'), '--mapping', join(scratch, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.json: Invalid statement mapping at direction\.credit/);
    const missing = run('analyze', join(scratch, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nowhere: no such file or folder');
  });
});
