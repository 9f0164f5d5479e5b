// fake-indexeddb must be installed before Dexie loads.
import { freshDatabase } from '../renderer/db/helpers';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyManifest, VerifyFailure } from '../../cli/verify';
import { parseAnalysisManifest } from '../../shared/audit';
import { runDetection } from '../../shared/detect';
import { builtinProfile } from '../../shared/profiles';
import { enrollAnalyst, lockSession } from '../../renderer/db/analysts';
import { readAuditLog } from '../../renderer/db/audit';
import { auditDetection } from '../../renderer/db/auditEvents';
import { createCase } from '../../renderer/db/cases';
import { withCustody } from '../../renderer/db/database';
import { loadCaseDataset } from '../../renderer/db/dataset';
import { commitImport } from '../../renderer/db/imports';
import { manifestBySha256 } from '../../renderer/db/manifests';
import type { CaudalDatabase } from '../../renderer/db/schema';
import { runGoamlJob } from '../../renderer/features/import/goaml/goamlJob';
import type { FromGoamlWorker } from '../../renderer/features/import/goaml/goamlProtocol';

/*
 * Issue 12: a case built from goAML reports in the app is replayable by
 * `caudal verify` like a CSV case. Two reports: the repository's fixture and
 * a hand-written one that repeats a transaction of the first with another
 * amount (a duplicate id the app skips, so the replay must read the files in the same order and skip it
 * too) and adds a payment to a high-risk jurisdiction.
 */
const root = resolve(import.meta.dirname, '../..');
const FIXTURE = join(root, 'tests/fixtures/goaml/str-two-reports.xml');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-goaml-manifest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SECOND_REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <rentity_id>1042</rentity_id>
  <report_code>STR</report_code>
  <entity_reference>ROS-2025-0031</entity_reference>
  <currency_code_local>DOP</currency_code_local>
  <transaction>
    <transactionnumber>TX-1003</transactionnumber>
    <date_transaction>2025-10-06T11:05:00</date_transaction>
    <transmode_code>SWIFT</transmode_code>
    <amount_local>475000.00</amount_local>
    <t_from_my_client><from_account><institution_name>Banco Caribe Demo</institution_name><account>9600112233</account></from_account><from_country>DO</from_country></t_from_my_client>
    <t_to><to_entity><name>Golden Jade Trading Co</name><incorporation_country_code>MM</incorporation_country_code><tax_number>MM-4417-0099</tax_number></to_entity><to_country>MM</to_country></t_to>
  </transaction>
  <transaction>
    <transactionnumber>TX-2001</transactionnumber>
    <date_transaction>2025-10-20T15:30:00</date_transaction>
    <transmode_code>SWIFT</transmode_code>
    <amount_local>915000.00</amount_local>
    <t_from_my_client><from_account><institution_name>Banco Caribe Demo</institution_name><account>9600112233</account></from_account><from_country>DO</from_country></t_from_my_client>
    <t_to><to_entity><name>Pyongyang Maritime Supply</name><incorporation_country_code>KP</incorporation_country_code><tax_number>KP-0099-17</tax_number></to_entity><to_country>KP</to_country></t_to>
  </transaction>
</report>
`;

async function importReport(db: CaudalDatabase, caseId: string, name: string, bytes: Uint8Array): Promise<void> {
  const messages: FromGoamlWorker[] = [];
  await runGoamlJob(db, { caseId, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), name, size: bytes.byteLength, defaultCurrency: 'DOP' }, new AbortController().signal, (message) => messages.push(message));
  const staged = messages.find((message) => message.type === 'staged');
  if (staged?.type !== 'staged') throw new Error(`${name} was not staged: ${JSON.stringify(messages.at(-1))}`);
  await commitImport(db, staged.importId);
}

async function failureOf(run: Promise<unknown>): Promise<VerifyFailure> {
  const error = await run.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(VerifyFailure);
  return error as VerifyFailure;
}

describe('an app detection run over goAML reports, replayed by caudal verify', () => {
  it('verifies on the same reports, names a changed report, and refuses a forged goAML mapping', async () => {
    const data = join(scratch, 'reports');
    mkdirSync(data);
    copyFileSync(FIXTURE, join(data, 'str-two-reports.xml'));
    writeFileSync(join(data, 'ros-0031.xml'), SECOND_REPORT);

    const db = withCustody(freshDatabase());
    await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: 'correct horse battery', iterations: 1_000 }, null);
    const caseId = (await createCase(db, { number: 'UAF-12', name: 'goAML', profileId: 'do-uaf', analyst: 'Ana', classification: 'RESERVADO' })).id;
    await importReport(db, caseId, 'str-two-reports.xml', readFileSync(join(data, 'str-two-reports.xml')));
    await importReport(db, caseId, 'ros-0031.xml', readFileSync(join(data, 'ros-0031.xml')));
    const profile = builtinProfile('do-uaf');
    if (!profile) throw new Error('do-uaf is built in');
    const dataset = await loadCaseDataset(db, caseId);
    // TX-1003 came twice: the app kept the first report's.
    expect(dataset.transactions.map((transaction) => transaction.id).sort()).toEqual(['TX-1001', 'TX-1002', 'TX-1003', 'TX-2001']);
    expect(dataset.transactions.find((transaction) => transaction.id === 'TX-1003')?.amount).toBe(8000); // USD 8,000 as the first report gives it
    const alerts = runDetection(dataset, profile);
    // The second report's payment joins the first report's in the alert.
    expect(alerts.flatMap((alert) => alert.transactions)).toEqual(expect.arrayContaining(['TX-1003', 'TX-2001']));
    await auditDetection(db, profile, { kind: 'ran', result: { caseId, alerts, ranAt: Date.UTC(2026, 11, 4) } });
    const entry = (await readAuditLog(db)).at(-1);
    const row = await manifestBySha256(db, entry?.outputs[1] ?? '');
    if (!row) throw new Error('the run should have stored its manifest');
    lockSession();
    db.close();
    await db.delete();

    const path = join(scratch, 'goaml-run.manifest.json');
    writeFileSync(path, row.text);
    const manifest = parseAnalysisManifest(path, row.text);
    // The manifest says what each report is and what decoded it: no CSV mapping, the goAML reader with the unit's currency.
    expect(manifest.inputs.map((input) => [input.kind, input.name, input.mapping])).toEqual([
      ['goaml', 'str-two-reports.xml', { format: 'goaml', defaultCurrency: 'DOP' }],
      ['goaml', 'ros-0031.xml', { format: 'goaml', defaultCurrency: 'DOP' }],
    ]);

    const report = await verifyManifest(path, data);
    expect(report.alerts).toBe(alerts.length);
    expect(report.resultsHash).toBe(manifest.results.resultsHash);

    // The reports read in the other order: TX-1003 is now the second report's, with its other amount, and the results differ.
    const swapped = join(scratch, 'swapped.manifest.json');
    writeFileSync(swapped, JSON.stringify({ ...manifest, inputs: [...manifest.inputs].reverse() }));
    expect((await failureOf(verifyManifest(swapped, data))).exitCode).toBe(4);

    // One amount changed in the second report: exit 3 naming it.
    const changed = join(scratch, 'changed');
    mkdirSync(changed);
    copyFileSync(join(data, 'str-two-reports.xml'), join(changed, 'str-two-reports.xml'));
    writeFileSync(join(changed, 'ros-0031.xml'), SECOND_REPORT.replace('915000.00', '915000.01'));
    const differs = await failureOf(verifyManifest(path, changed));
    expect(differs.exitCode).toBe(3);
    expect(differs.message).toMatch(/input file differs: .*ros-0031\.xml/);

    // An attacker's manifest slipping an extra instruction into the goAML mapping is refused, naming the input and field.
    const forged = join(scratch, 'forged.manifest.json');
    writeFileSync(forged, JSON.stringify({ ...manifest, inputs: manifest.inputs.map((input, index) => (index === 1 ? { ...input, mapping: { format: 'goaml', defaultCurrency: 'dop' } } : input)) }));
    const refused = await failureOf(verifyManifest(forged, data));
    expect(refused.exitCode).toBe(1);
    expect(refused.message).toMatch(/mapping of ros-0031\.xml \(goAML\), field mapping\.defaultCurrency/);
  }, 120_000);
});
