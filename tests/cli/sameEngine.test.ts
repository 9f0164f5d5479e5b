import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetection } from '../../shared/detect';
import { sniffCsv, suggestMapping } from '../../shared/import';
import type { RecordKind } from '../../shared/model';
import { builtinProfile } from '../../shared/profiles';
import { createCase } from '../../renderer/db/cases';
import { loadCaseDataset, loadRawCaseDataset } from '../../renderer/db/dataset';
import { commitImport } from '../../renderer/db/imports';
import { CaudalDatabase } from '../../renderer/db/schema';
import { runImportJob } from '../../renderer/workers/importJob';

/*
 * Issue 10: the CLI runs the app's engine, party resolution included, so the
 * same files raise the same alerts in both. The case is built so resolution
 * matters: one depositor, named by her Ecuadorian cédula on two deposits and
 * by her RUC (cédula + 001) on two more, makes four cash deposits just under
 * the COP 10M threshold into four accounts; only the resolved party reaches
 * the three deposits structuring needs.
 */

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-same-engine-'));
const cli = join(scratch, 'bin/caudal.mjs');

const PARTIES = ['nombre,tipo,tipo documento,numero documento', 'María Pérez,persona,CEDULA,1710034065', 'MARIA PEREZ,persona,RUC,1710034065001', 'Ana Ruiz,persona,CC,55'].join('\n') + '\n';
const TRANSACTIONS =
  [
    'id,fecha,monto,moneda,cuenta origen,cuenta destino,canal,documento ordenante,ordenante',
    'T1,2026-03-02 09:00,8500000,COP,CAJA,ACC1,efectivo,1710034065,María Pérez',
    'T2,2026-03-02 11:00,8700000,COP,CAJA,ACC2,efectivo,1710034065001,MARIA PEREZ',
    'T3,2026-03-03 10:00,8600000,COP,CAJA,ACC3,efectivo,1710034065,María Pérez',
    'T4,2026-03-04 15:00,8800000,COP,CAJA,ACC4,efectivo,1710034065001,MARIA PEREZ',
    'T5,2026-03-05 15:00,120000,COP,ACC9,ACC8,transferencia,55,Ana Ruiz',
  ].join('\n') + '\n';

interface AlertOut {
  id: string;
  typology: string;
  score: number;
  accounts: string[];
  transactions: string[];
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), 'cli', '--outdir', join(scratch, 'bin')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
  writeFileSync(join(scratch, 'movimientos.csv'), TRANSACTIONS);
  writeFileSync(join(scratch, 'personas.csv'), PARTIES);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function appAlerts(): Promise<{ resolved: AlertOut[]; unresolved: AlertOut[] }> {
  const db = new CaudalDatabase(`caudal-same-engine-${process.pid}`);
  const caseId = (await createCase(db, { number: 'T-10', name: 'Mismo motor', profileId: 'co-uiaf', analyst: '', classification: '' })).id;
  for (const [kind, name] of [
    ['transaction', 'movimientos.csv'],
    ['party', 'personas.csv'],
  ] as [RecordKind, string][]) {
    const bytes = readFileSync(join(scratch, name));
    const spec = suggestMapping(kind, sniffCsv(bytes), name).spec;
    const staged = await runImportJob(db, { caseId, kind, blob: new Blob([bytes]), name, size: bytes.byteLength, spec, mappingName: spec.name }, { signal: new AbortController().signal, progress: () => undefined });
    if (staged.status !== 'staged') throw new Error(`${name} was not staged: ${JSON.stringify(staged)}`);
    await commitImport(db, staged.importId);
  }
  const profile = builtinProfile('co-uiaf')!;
  const shape = (alerts: ReturnType<typeof runDetection>): AlertOut[] =>
    alerts.map((alert) => ({ id: alert.id, typology: alert.typology, score: alert.score, accounts: alert.accounts, transactions: alert.transactions }));
  const resolved = shape(runDetection(await loadCaseDataset(db, caseId), profile));
  const unresolved = shape(runDetection(await loadRawCaseDataset(db, caseId), profile));
  db.close();
  await db.delete();
  return { resolved, unresolved };
}

describe('the CLI runs the app’s engine', () => {
  it('raises exactly the alerts the app raises on the same files, party resolution included', async () => {
    const result = spawnSync(process.execPath, [cli, 'analyze', join(scratch, 'movimientos.csv'), '--parties', join(scratch, 'personas.csv')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const cliAlerts = (JSON.parse(result.stdout) as { alerts: AlertOut[] }).alerts.map(({ id, typology, score, accounts, transactions }) => ({ id, typology, score, accounts, transactions }));
    const app = await appAlerts();
    expect(cliAlerts).toEqual(app.resolved);
    // The case really depends on resolution: without it the depositor's deposits split in two.
    const structuring = app.resolved.filter((alert) => alert.typology === 'structuring');
    expect(structuring.map((alert) => alert.transactions)).toEqual([['T1', 'T2', 'T3', 'T4']]);
    expect(app.unresolved.filter((alert) => alert.typology === 'structuring')).toEqual([]);
  });
});
