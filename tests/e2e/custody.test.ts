import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSignatureFile, verifyAuditChain, verifySignatureFile, type AuditEntry } from '../../shared/audit';
import { verifyManifest } from '../../cli/verify';
import { parseAuditJsonLines } from '../../shared/audit/report';
import { saveFrom, savesFrom } from './custodyDownloads';
import { DEMO_TIMEOUT, openApp, openDemoCase, openDrawnChart, SCREENSHOT_DIR, unlockApp, type AppSession } from './browser';

const ANALYST = { name: 'Ana Gómez Restrepo', passphrase: 'la cadena de custodia 2026' };

async function auditActions(page: Page): Promise<string[]> {
  return page.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action') ?? ''));
}

describe('chain of custody in the app', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('lock screen → unlock → import → triage → export: the audit view lists each step under the analyst; a backup restores into a fresh profile; an edited entry shows', async () => {
    session = await openApp({ unlock: false });
    const { page } = session;

    // A fresh workstation opens on the enrolment form; nothing of the cases is shown.
    await page.getByTestId('lock-enroll').waitFor();
    expect(await page.getByTestId('view-cases').count()).toBe(0);
    // The lock screen can be read in the analyst's language before anyone signs in.
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('.lock-card h1').textContent()).toContain('Caudal is locked');
    await page.getByTestId('language').selectOption('es');
    await expect.poll(() => page.locator('.lock-card h1').textContent()).toContain('Caudal está bloqueado');
    await page.getByTestId('lock-enroll-name').fill(ANALYST.name);
    await page.getByTestId('lock-enroll-passphrase').fill(ANALYST.passphrase);
    await page.getByTestId('lock-enroll-confirm').fill(ANALYST.passphrase);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-enrol.png') });
    await page.getByTestId('lock-enroll-submit').click();
    await page.getByTestId('custody-bar').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('custody-analyst').textContent()).toContain(ANALYST.name);

    // Lock by hand, refuse a wrong passphrase, unlock with the right one.
    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-passphrase').fill('not the passphrase');
    await page.getByTestId('lock-unlock').click();
    await expect.poll(() => page.getByTestId('lock-error').textContent()).toContain(ANALYST.name);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-lock.png') });
    await unlockApp(page, ANALYST);

    // Import: the demo case goes through the real import pipeline (four files).
    await openDemoCase(page, 'es');

    // At rest, the records are ciphertext: only the indexed fields are readable in IndexedDB.
    const stored = await page.evaluate(
      async () =>
        new Promise<{ chunks: number; sealed: number; plainNames: boolean }>((resolve, reject) => {
          const open = indexedDB.open('caudal');
          open.onerror = () => reject(new Error('cannot open the database'));
          open.onsuccess = () => {
            const request = open.result.transaction('chunks').objectStore('chunks').getAll();
            request.onsuccess = () => {
              const rows = request.result as Record<string, unknown>[];
              const text = JSON.stringify(rows.map((row) => Object.keys(row)));
              open.result.close();
              resolve({ chunks: rows.length, sealed: rows.filter((row) => row.$sealed instanceof Uint8Array && !('packed' in row) && !('rows' in row)).length, plainNames: text.includes('packed') });
            };
          };
        }),
    );
    expect(stored.chunks).toBeGreaterThan(3);
    expect(stored.sealed).toBe(stored.chunks);
    expect(stored.plainNames).toBe(false);

    // Triage: escalate the top alert once detection has run.
    await page.getByTestId('nav-alerts').click();
    const bar = page.getByTestId('detection-status');
    await expect.poll(async () => ((await bar.getAttribute('data-run-profile')) === 'co-uiaf' && (await bar.getAttribute('data-phase')) !== 'running' ? 'ready' : 'waiting'), { timeout: DEMO_TIMEOUT, interval: 250 }).toBe('ready');
    const firstRow = page.getByTestId('alert-row').first();
    await firstRow.waitFor();
    const alertId = (await firstRow.getAttribute('data-alert-id')) ?? '';
    await firstRow.getByTestId('alert-details').click();
    await page.getByTestId('triage-to-escalated').click();
    await expect.poll(() => page.getByTestId('triage-status').textContent()).toBe('Escalada');

    // Export: the chart's evidence annex. The alert just opened is what the chart shows: its evidence and the money around it.
    await openDrawnChart(page, 1);
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-summary').waitFor();
    const evidenceHash = (await page.getByTestId('export-hash').textContent()) ?? '';
    // The annex is signed, with its analysis manifest: one click saves both beside it.
    const annex = await saveFrom(page, 'export-annex-save');
    const annexName = annex.name;
    await expect.poll(() => page.getByTestId('export-custody').textContent()).toContain(`${annexName} está firmado por ${ANALYST.name}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-export-signed.png') });
    const annexFiles = await savesFrom(page, 'export-custody-save', 2);
    annexFiles.set(annexName, annex.bytes);
    expect([...annexFiles.keys()].sort()).toEqual([annexName, `${annexName}.manifest.json`, `${annexName}.sig`].sort());

    // The audit view lists every step, each under the analyst's name, and the chain checks out.
    await page.getByTestId('export-close').click();
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    await expect.poll(() => page.getByTestId('audit-chain').getAttribute('data-ok')).toBe('true');
    const actions = await auditActions(page);
    for (const action of ['analyst.create', 'session.unlock', 'case.create', 'import.commit', 'detection.run', 'triage.change', 'export.chart', 'export.signed']) expect(actions).toContain(action);
    expect(actions.filter((action) => action === 'import.commit')).toHaveLength(4);
    const names = await page.getByTestId('audit-analyst').allTextContents();
    expect(new Set(names)).toEqual(new Set([ANALYST.name]));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-audit.png') });
    // The details read in the analyst's language: the separator named, sizes written as Spanish numbers.
    const importDetails = (await page.locator('[data-testid="audit-row"][data-action="import.commit"]').first().textContent()) ?? '';
    expect(importDetails).toMatch(/separador: (punto y coma \(;\)|coma \(,\))/);
    expect(importDetails).toMatch(/tamaño \(bytes\): \d{1,3}(\.\d{3})+;/);

    // Filter to triage: one entry, naming the alert.
    await page.getByTestId('audit-filter-action').selectOption('triage.change');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    expect(await page.getByTestId('audit-row').first().textContent()).toContain(alertId);
    await page.getByTestId('audit-filter-action').selectOption('');

    // The JSON-lines export verifies outside the app, and any edit to it is caught.
    const exported = await saveFrom(page, 'audit-export-jsonl');
    const entries = parseAuditJsonLines(exported.bytes.toString('utf8'));
    expect(verifyAuditChain(entries)).toMatchObject({ ok: true, count: entries.length });
    const exportEntry = entries.find((entry) => entry.action === 'export.chart');
    expect(exportEntry?.inputs).toContain(evidenceHash);
    const forged: AuditEntry[] = JSON.parse(JSON.stringify(entries)) as AuditEntry[];
    const triage = forged.find((entry) => entry.action === 'triage.change')!;
    triage.params = { ...triage.params, status: 'dismissed' };
    expect(verifyAuditChain(forged).problem).toMatchObject({ seq: triage.seq, reason: 'altered' });
    // Outside the app: the annex's signature holds under the key the trail enrolled, and its manifest replays from the demo files.
    const enrolledKeys = entries.flatMap((entry) => (entry.action === 'analyst.create' ? [String(entry.params['publicKey'])] : []));
    const signature = parseSignatureFile(`${annexName}.sig`, annexFiles.get(`${annexName}.sig`)?.toString('utf8') ?? '');
    const annexBytes = annexFiles.get(annexName) ?? Buffer.alloc(0);
    const manifestBytes = annexFiles.get(`${annexName}.manifest.json`) ?? Buffer.alloc(0);
    expect(verifySignatureFile(signature, annexBytes, { trustedKeys: enrolledKeys, manifestBytes })).toMatchObject({ ok: true, trusted: true, analyst: { name: ANALYST.name } });
    expect(verifySignatureFile(signature, Buffer.concat([annexBytes, Buffer.from('\n')]), { trustedKeys: enrolledKeys })).toMatchObject({ ok: false, reason: 'file-differs' });
    const scratch = mkdtempSync(join(tmpdir(), 'caudal-custody-e2e-'));
    try {
      const manifestPath = join(scratch, `${annexName}.manifest.json`);
      writeFileSync(manifestPath, manifestBytes);
      const replay = await verifyManifest(manifestPath, join(import.meta.dirname, '../../assets/demo'));
      const run = entries.filter((entry) => entry.action === 'detection.run').at(-1);
      expect(replay.resultsHash).toBe(run?.outputs[0]);
      expect(entries.find((entry) => entry.action === 'export.signed')?.outputs).toContain(signature.manifest?.sha256);

      // The manifest of the detection run itself, saved from its audit entry, replays too.
      const runFiles = await savesFrom(page, 'audit-manifest', 2);
      const runManifest = [...runFiles.entries()].find(([name]) => name.endsWith('.manifest.json'));
      expect(runManifest?.[0]).toMatch(/^UIAF-2026-0042-run-\d+\.manifest\.json$/);
      const runPath = join(scratch, runManifest?.[0] ?? 'run.manifest.json');
      writeFileSync(runPath, runManifest?.[1] ?? '');
      expect((await verifyManifest(runPath, join(import.meta.dirname, '../../assets/demo'))).resultsHash).toBe(run?.outputs[0]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const pdf = await saveFrom(page, 'audit-export-pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // Backup of the case, restored into a fresh profile: same alerts, intact chain, the restore itself logged.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-row').first().waitFor();
    const alertIds = await page.getByTestId('alert-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alert-id')));
    await page.getByTestId('nav-audit').click();
    const backupDownload = page.waitForEvent('download');
    await page.getByTestId('audit-backup').click();
    const backupFile = await backupDownload;
    expect(backupFile.suggestedFilename()).toBe('UIAF-2026-0042.caudal-backup');
    const backupPath = (await backupFile.path()) as string;
    const restored = await openApp({ unlock: false });
    try {
      const other = restored.page;
      await other.getByTestId('lock-restore-file').setInputFiles({ name: 'UIAF-2026-0042.caudal-backup', mimeType: 'application/octet-stream', buffer: readFileSync(backupPath) });
      await expect.poll(() => other.getByTestId('lock-restore-summary').textContent()).toContain(ANALYST.name);
      await other.getByTestId('lock-restore-passphrase').fill(ANALYST.passphrase);
      await other.getByTestId('lock-restore-submit').click();
      await other.getByTestId('custody-bar').waitFor({ timeout: 60_000 });
      await other.locator('[data-testid="current-case"]:has-text("UIAF-2026-0042")').waitFor({ timeout: 60_000 });
      await other.getByTestId('nav-alerts').click();
      await other.getByTestId('alert-row').first().waitFor({ timeout: 60_000 });
      expect(await other.getByTestId('alert-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alert-id')))).toEqual(alertIds);
      await other.getByTestId('nav-audit').click();
      await expect.poll(() => other.getByTestId('audit-chain').getAttribute('data-ok')).toBe('true');
      expect(await other.getByTestId('audit-row').first().getAttribute('data-action')).toBe('backup.restore');
      // The restored tables are counted in the reader's words, not by their storage names.
      const restoreRow = (await other.getByTestId('audit-row').first().textContent()) ?? '';
      expect(restoreRow).toContain('archivos importados 4');
      expect(restoreRow).toContain('ejecuciones de detección 1');
      expect(restoreRow).not.toMatch(/alertRuns|partyMerges|imports \d/);
      expect(new Set(await other.getByTestId('audit-analyst').allTextContents())).toEqual(new Set([ANALYST.name]));
      await other.screenshot({ path: join(SCREENSHOT_DIR, 'custody-restored.png') });
      expect(restored.pageErrors).toEqual([]);
    } finally {
      await restored.close();
    }

    // Someone edits the stored triage entry in IndexedDB: the next unlock shows the break, and nothing repairs it.
    await page.evaluate(
      async ({ seq }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('caudal');
          open.onerror = () => reject(new Error('cannot open the database'));
          open.onsuccess = () => {
            const transaction = open.result.transaction('auditLog', 'readwrite');
            const store = transaction.objectStore('auditLog');
            const get = store.get(seq);
            get.onsuccess = () => {
              const entry = get.result as { params: Record<string, unknown> };
              entry.params = { ...entry.params, status: 'dismissed' };
              store.put(entry);
            };
            transaction.oncomplete = () => {
              open.result.close();
              resolve();
            };
            transaction.onerror = () => reject(new Error('cannot write'));
          };
        }),
      { seq: triage.seq },
    );
    await page.reload();
    await unlockApp(page, ANALYST);
    await page.getByTestId('chain-broken').waitFor();
    expect(await page.getByTestId('chain-broken').textContent()).toContain(String(triage.seq));
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => page.getByTestId('audit-chain').getAttribute('data-ok')).toBe('false');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-broken.png') });
    expect(session.pageErrors).toEqual([]);
    expect(session.externalRequests).toEqual([]);
  });
});
