// fake-indexeddb must be installed before Dexie loads.
import { freshDatabase, sourceFile } from '../db/helpers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { parseAnalysisManifest, parseSignatureFile, verifySignatureFile } from '../../../shared/audit';
import { enrollAnalyst, lockSession } from '../../../renderer/db/analysts';
import { readAuditLog } from '../../../renderer/db/audit';
import { createCase } from '../../../renderer/db/cases';
import { withCustody } from '../../../renderer/db/database';
import type { CaudalDatabase } from '../../../renderer/db/schema';
import { preparedCustody, prepareExportCustody, recordSignedExport } from '../../../renderer/features/audit/custodyFiles';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignatureCommand } from '../../../cli/signature';
import { createBridge } from '../../../main/bridge';
import { registerIpcHandlers } from '../../../main/handlers';
import { createSenderCheck, createValidatedHandle } from '../../../main/ipc';
import { eventFrom, fakeIpcMain, fakeSafeStorage, MAIN_FRAME } from '../../main/fakes';

const CHART = '<svg xmlns="http://www.w3.org/2000/svg"><text>UIAF-12</text></svg>';
const alert = { id: 'fan-in:A1', typology: 'fan-in', score: 80, accounts: ['A1'], parties: [], transactions: ['T1'], shipments: [], window: { from: 1, to: 2 }, totals: { COP: 10 }, explanation: { es: 'x', en: 'x' } };

describe('the files prepared beside an export', () => {
  let db: CaudalDatabase;
  let caseId = '';
  let publicKey = '';
  beforeEach(async () => {
    db = withCustody(freshDatabase());
    publicKey = (await enrollAnalyst(db, { name: 'Ana Gómez', passphrase: 'correct horse battery', iterations: 1_000 }, null)).analyst.analyst.publicKey;
    caseId = (await createCase(db, { number: 'UIAF-12', name: 'Firmas', profileId: 'co-uiaf', analyst: 'Ana', classification: 'RESERVADO' })).id;
  });
  afterEach(async () => {
    lockSession();
    db.close();
    await db.delete();
  });

  it('signs a chart and its manifest once detection has run, and logs both', async () => {
    await db.imports.add({ id: `${caseId}:${'a'.repeat(64)}`, caseId, status: 'committed', file: sourceFile('a'.repeat(64), { kind: 'transaction', name: 'extracto.csv' }), quarantine: [] });
    await db.alertRuns.put({ caseId, profileId: 'co-uiaf', ranAt: 1, alerts: [alert] });
    const ready = await prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'UIAF-12-money.svg', data: CHART, filters: { view: 'money' }, selection: ['A1', 'A2'] }, Date.UTC(2026, 11, 4));
    expect(ready.files.map((file) => file.name)).toEqual(['UIAF-12-money.svg.manifest.json', 'UIAF-12-money.svg.sig']);
    expect(preparedCustody.get()).toBe(ready);
    const manifest = parseAnalysisManifest('m', ready.files[0]?.text ?? '');
    expect(manifest).toMatchObject({ selection: ['A1', 'A2'], filters: { view: 'money' }, results: { count: 1, alerts: [{ id: 'fan-in:A1' }] } });
    const signature = parseSignatureFile('s', ready.files[1]?.text ?? '');
    expect(verifySignatureFile(signature, utf8ToBytes(CHART), { trustedKeys: [publicKey], manifestBytes: utf8ToBytes(ready.files[0]?.text ?? '') })).toMatchObject({ ok: true, trusted: true });
    const entry = (await readAuditLog(db)).at(-1);
    expect(entry).toMatchObject({ action: 'export.signed', caseId, params: { fileName: 'UIAF-12-money.svg', manifestFile: 'UIAF-12-money.svg.manifest.json' } });
    expect(entry?.outputs).toEqual([bytesToHex(sha256(utf8ToBytes(ready.files[1]?.text ?? ''))), bytesToHex(sha256(utf8ToBytes(ready.files[0]?.text ?? '')))]);
  });

  it('logs and signs any export with one call (quick PNG, GEXF): export.chart then export.signed on the same file hash', async () => {
    const gexf = '<?xml version="1.0"?><gexf><graph><nodes><node id="A1"/></nodes></graph></gexf>';
    const ready = await recordSignedExport(db, { format: 'gexf', caseId, profileId: 'co-uiaf', fileName: 'UIAF-12-accounts.gexf', data: gexf, filters: { view: 'accounts' } });
    const fileSha = bytesToHex(sha256(utf8ToBytes(gexf)));
    const [logged, signed] = (await readAuditLog(db)).slice(-2);
    expect(logged).toMatchObject({ action: 'export.chart', caseId, params: { format: 'gexf', fileName: 'UIAF-12-accounts.gexf', fileSha256: fileSha }, outputs: [fileSha] });
    expect(signed).toMatchObject({ action: 'export.signed', caseId, params: { fileName: 'UIAF-12-accounts.gexf', fileSha256: fileSha }, inputs: [fileSha] });
    const signature = parseSignatureFile('s', ready.files.at(-1)?.text ?? '');
    expect(verifySignatureFile(signature, utf8ToBytes(gexf), { trustedKeys: [publicKey] })).toMatchObject({ ok: true, trusted: true });
    // A PNG (bytes, not text) is hashed as bytes; the evidence hash of an annex export travels in the log entry.
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await recordSignedExport(db, { format: 'png', caseId, profileId: 'co-uiaf', fileName: 'UIAF-12-chart.png', data: new Blob([png]), evidenceHash: 'e'.repeat(64) });
    const [pngLogged] = (await readAuditLog(db)).slice(-2);
    expect(pngLogged).toMatchObject({ action: 'export.chart', params: { format: 'png', fileSha256: bytesToHex(sha256(png)), evidenceHash: 'e'.repeat(64) }, inputs: ['e'.repeat(64)] });
    lockSession();
    await expect(recordSignedExport(db, { format: 'png', caseId, profileId: 'co-uiaf', fileName: 'x.png', data: png })).rejects.toThrow(/locked/);
  });

  it('signs without a manifest when detection has not run, or for a partner package, and says why', async () => {
    const noRun = await prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'a.pdf', data: new Uint8Array([1, 2, 3]) });
    expect(noRun.files.map((file) => file.name)).toEqual(['a.pdf.sig']);
    expect((await readAuditLog(db)).at(-1)?.params).toMatchObject({ manifest: 'none: detection has not run for this case and profile' });

    await db.alertRuns.put({ caseId, profileId: 'co-uiaf', ranAt: 1, alerts: [alert] });
    const pkg = await prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'p.caudal', data: new Uint8Array([9]), withManifest: false });
    expect(pkg.manifest).toBeNull();
    expect((await readAuditLog(db)).at(-1)?.params).toMatchObject({ manifest: 'none: not written beside a partner package' });
    expect(pkg.files.map((file) => file.name)).toEqual(['p.caudal.sig']);
    expect(pkg.files[0]?.text).not.toContain('fan-in:A1');
    // Detection ran, but on records from a partner package: there is no file to replay, so no manifest.
    const noFiles = await prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'b.pdf', data: 'y' });
    expect(noFiles.manifest).toBeNull();
    expect((await readAuditLog(db)).at(-1)?.params).toMatchObject({ manifest: 'none: the case has no imported files to replay' });
    expect(await db.analysisManifests.count()).toBe(0);
  });

  it('in the desktop app, writes the signature and manifest beside the saved export at once, and caudal verify-signature accepts them', async () => {
    await db.imports.add({ id: `${caseId}:${'a'.repeat(64)}`, caseId, status: 'committed', file: sourceFile('a'.repeat(64), { kind: 'transaction', name: 'extracto.csv' }), quarantine: [] });
    await db.alertRuns.put({ caseId, profileId: 'co-uiaf', ranAt: 1, alerts: [alert] });
    const folder = mkdtempSync(join(tmpdir(), 'caudal-desktop-export-'));
    const target = join(folder, 'UIAF-12-money.pdf');
    const fake = fakeIpcMain();
    registerIpcHandlers(createValidatedHandle(fake.ipcMain, createSenderCheck(() => MAIN_FRAME)), {
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: false, filePath: target }) },
      fs,
      defaultDirectory: () => folder,
      appInfo: { version: '0.1.0', platform: 'win32', electron: '45.6.1' },
      safeStorage: fakeSafeStorage().safeStorage,
    });
    const bridge = createBridge((channel, ...args) => fake.invoke(channel, eventFrom(MAIN_FRAME), ...args));
    const scope = globalThis as Record<string, unknown>;
    scope['caudal'] = bridge;
    try {
      const pdf = utf8ToBytes('%PDF-1.7 the chart');
      await bridge.saveFile({ suggestedName: 'UIAF-12-money.pdf', bytes: pdf });
      const ready = await prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'UIAF-12-money.pdf', data: pdf });
      expect(ready.savedBeside).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(['UIAF-12-money.pdf', 'UIAF-12-money.pdf.manifest.json', 'UIAF-12-money.pdf.sig']);
      const out: string[] = [];
      expect(verifySignatureCommand([target, '--key', publicKey], (text) => void out.push(text), (text) => void out.push(text))).toBe(0);
      expect(out.join('')).toMatch(/the analysis manifest .* is the one signed/);
    } finally {
      delete scope['caudal'];
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to sign while locked', async () => {
    lockSession();
    await expect(prepareExportCustody(db, { caseId, profileId: 'co-uiaf', fileName: 'a.pdf', data: 'x' })).rejects.toThrow(/locked/);
  });
});
