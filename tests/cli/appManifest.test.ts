// fake-indexeddb must be installed before Dexie loads.
import { freshDatabase } from '../renderer/db/helpers';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyManifest, VerifyFailure } from '../../cli/verify';
import { manifestAlertsOf, parseAnalysisManifest, resultsHashOf } from '../../shared/audit';
import { runDetection } from '../../shared/detect';
import { parseMappingSpec } from '../../shared/import';
import type { RecordKind } from '../../shared/model';
import { builtinProfile } from '../../shared/profiles';
import { enrollAnalyst, lockSession } from '../../renderer/db/analysts';
import { readAuditLog } from '../../renderer/db/audit';
import { auditDetection } from '../../renderer/db/auditEvents';
import { createCase } from '../../renderer/db/cases';
import { withCustody } from '../../renderer/db/database';
import { loadCaseDataset } from '../../renderer/db/dataset';
import { commitImport } from '../../renderer/db/imports';
import { manifestBySha256 } from '../../renderer/db/manifests';
import { runImportJob } from '../../renderer/workers/importJob';

/*
 * Issue 12: a detection run in the app writes the manifest `caudal analyze
 * --manifest` writes, and `caudal verify` replays it from the same files.
 * The case is the demo (assets/demo, part of the repository), imported through
 * the app's own import job into a sealed database, with an analyst's merge
 * decision on top, so the replay must apply the merge to agree.
 */
const root = resolve(import.meta.dirname, '../..');
const demo = join(root, 'assets/demo');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-app-manifest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FILES: [RecordKind, string, string][] = [
  ['transaction', 'transactions.csv', 'mappings/bancolombia-movimientos.json'],
  ['account', 'accounts.csv', 'mappings/bancolombia-productos.json'],
  ['party', 'parties.csv', 'mappings/registro-personas.json'],
  ['shipment', 'shipments.csv', 'mappings/dian-declaraciones.json'],
];

async function appRunManifest(): Promise<{ path: string; alerts: number; merged: string[]; mergeMatters: boolean }> {
  const db = withCustody(freshDatabase());
  await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: 'correct horse battery', iterations: 1_000 }, null);
  const caseId = (await createCase(db, { number: 'UIAF-12', name: 'Manifiesto', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' })).id;
  for (const [kind, name, mapping] of FILES) {
    const bytes = readFileSync(join(demo, name));
    const spec = parseMappingSpec(JSON.parse(readFileSync(join(demo, mapping), 'utf8')));
    const staged = await runImportJob(db, { caseId, kind, blob: new Blob([bytes]), name, size: bytes.byteLength, spec, mappingName: spec.name }, { signal: new AbortController().signal, progress: () => undefined });
    if (staged.status !== 'staged') throw new Error(`${name} was not staged: ${staged.status}`);
    await commitImport(db, staged.importId);
  }
  const profile = builtinProfile('co-uiaf');
  if (!profile) throw new Error('co-uiaf is built in');
  // The analyst merges a party some alert cites into another party by hand: the replay has to apply it to agree.
  const before = runDetection(await loadCaseDataset(db, caseId), profile);
  const cited = before.find((alert) => alert.parties.length > 0)?.parties[0];
  const keep = (await loadCaseDataset(db, caseId)).parties.find((party) => party.id !== cited)?.id;
  if (!keep || !cited) throw new Error('the demo should have alerts citing parties');
  const merged = cited;
  await db.partyMerges.add({ id: 'm1', caseId, decision: 'merged', keepId: keep, mergedIds: [merged], reason: 'manual', records: [], confirmedAt: 5 });
  const alerts = runDetection(await loadCaseDataset(db, caseId), profile);
  const mergeMatters = resultsHashOf(manifestAlertsOf(before)) !== resultsHashOf(manifestAlertsOf(alerts));
  await auditDetection(db, profile, { kind: 'ran', result: { caseId, alerts, ranAt: Date.UTC(2026, 11, 4) } });

  const entry = (await readAuditLog(db)).at(-1);
  expect(entry?.action).toBe('detection.run');
  const manifestSha = entry?.outputs[1] ?? '';
  const row = await manifestBySha256(db, manifestSha);
  if (!row) throw new Error('the run should have stored its manifest');
  // At rest the manifest is sealed like the alerts it lists.
  lockSession();
  const path = join(scratch, 'app-run.manifest.json');
  writeFileSync(path, row.text);
  expect(bytesToHex(sha256(readFileSync(path)))).toBe(manifestSha);
  db.close();
  await db.delete();
  return { path, alerts: alerts.length, merged: [keep, merged], mergeMatters };
}

describe('an app detection run, replayed by caudal verify', () => {
  it('verifies on the same files, and names a changed input file', async () => {
    const run = await appRunManifest();
    const manifest = parseAnalysisManifest(run.path, readFileSync(run.path, 'utf8'));
    expect(manifest.inputs.map((input) => input.name)).toEqual(FILES.map(([, name]) => name));
    expect(manifest.inputs.every((input) => input.path === undefined)).toBe(true);
    expect(manifest.merges).toEqual([{ keepId: run.merged[0], mergedIds: [run.merged[1]] }]);
    expect(manifest.results.count).toBe(run.alerts);
    expect(run.alerts).toBeGreaterThan(0);
    expect(run.mergeMatters).toBe(true);

    const report = await verifyManifest(run.path, demo);
    expect(report.alerts).toBe(run.alerts);
    expect(report.resultsHash).toBe(manifest.results.resultsHash);

    // The same folder with one digit changed in accounts.csv: exit 3, naming the file.
    const changed = join(scratch, 'changed');
    rmSync(changed, { recursive: true, force: true });
    mkdirSync(changed);
    for (const [, name] of FILES) copyFileSync(join(demo, name), join(changed, name));
    const accounts = readFileSync(join(changed, 'accounts.csv'), 'utf8');
    writeFileSync(join(changed, 'accounts.csv'), accounts.replace(/\d/, (digit) => String((Number(digit) + 1) % 10)));
    const failure = await verifyManifest(run.path, changed).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(VerifyFailure);
    expect((failure as VerifyFailure).exitCode).toBe(3);
    expect((failure as VerifyFailure).message).toMatch(/input file differs: .*accounts\.csv/);

    // The same manifest with the analyst's merge dropped: the replay differs exactly when the merge changed the run's alerts.
    const withoutMerge = join(scratch, 'no-merge.manifest.json');
    writeFileSync(withoutMerge, JSON.stringify({ ...manifest, merges: [] }));
    const replay = await verifyManifest(withoutMerge, demo).then(
      () => 0,
      (error: unknown) => (error instanceof VerifyFailure ? error.exitCode : -1),
    );
    expect(replay).toBe(4);

    // An input the app took from a partner package or an FtM file has no CSV mapping: verify names it and says why.
    const notCsv = join(scratch, 'not-csv.manifest.json');
    writeFileSync(notCsv, JSON.stringify({ ...manifest, inputs: manifest.inputs.map((input, index) => (index === 2 ? { ...input, mappingName: 'FollowTheMoney', mapping: { format: 'ftm' } } : input)) }));
    const refused = await verifyManifest(notCsv, demo).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(VerifyFailure);
    expect((refused as VerifyFailure).exitCode).toBe(1);
    expect((refused as VerifyFailure).message).toMatch(/parties\.csv was imported as "FollowTheMoney", not with a CSV column mapping .*replays CSV and goAML imports only/);
  }, 120_000);
});
