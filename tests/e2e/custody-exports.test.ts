import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignatureCommand } from '../../cli/signature';
import { parseAuditJsonLines } from '../../shared/audit/report';
import { savesFrom } from './custodyDownloads';
import { DEMO_TIMEOUT, E2E_ANALYST, openApp, openDemoCase, openDrawnChart, SCREENSHOT_DIR, type AppSession } from './browser';

/** `caudal verify-signature` (the CLI's own command function) on files written to a folder. */
function verifySignature(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = verifySignatureCommand(args, (text) => (out += text), (text) => (err += text));
  return { code, out, err };
}

describe('every export is signed (issue 12)', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it("the chart toolbar's quick PNG and a GEXF export carry a signature and manifest that verify under the enrolled analyst's key", async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'es');
    await page.getByTestId('nav-alerts').click();
    const bar = page.getByTestId('detection-status');
    await expect.poll(async () => ((await bar.getAttribute('data-run-profile')) === 'co-uiaf' && (await bar.getAttribute('data-phase')) !== 'running' ? 'ready' : 'waiting'), { timeout: DEMO_TIMEOUT, interval: 250 }).toBe('ready');

    await openDrawnChart(page, 10);

    // Quick PNG from the toolbar: the chart says who signed it and offers the files beside it.
    const files = new Map<string, Buffer>();
    for (const [name, bytes] of await savesFrom(page, 'export-png', 1)) files.set(name, bytes);
    const pngName = [...files.keys()][0] ?? '';
    expect(pngName).toMatch(/-chart\.png$/);
    await expect.poll(() => page.getByTestId('export-custody').textContent()).toContain(`${pngName} está firmado por ${E2E_ANALYST.name}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-quick-png-signed.png') });
    for (const [name, bytes] of await savesFrom(page, 'export-custody-save', 2)) files.set(name, bytes);

    // GEXF from the export dialog's graph-file row: signed the same way.
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-summary').waitFor();
    const gexf = await savesFrom(page, 'export-gexf-save', 1);
    const gexfName = [...gexf.keys()][0] ?? '';
    expect(gexfName).toMatch(/\.gexf$/);
    for (const [name, bytes] of gexf) files.set(name, bytes);
    await expect.poll(() => page.getByTestId('export-custody').textContent()).toContain(`${gexfName} está firmado por ${E2E_ANALYST.name}`);
    for (const [name, bytes] of await savesFrom(page, 'export-custody-save', 2)) files.set(name, bytes);
    expect([...files.keys()].sort()).toEqual([pngName, `${pngName}.manifest.json`, `${pngName}.sig`, gexfName, `${gexfName}.manifest.json`, `${gexfName}.sig`].sort());
    await page.getByTestId('export-close').click();

    // The trail logs both exports and both signatures; its enrolled analyst is the key to trust.
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => page.getByTestId('audit-chain').getAttribute('data-ok')).toBe('true');
    const trail = await savesFrom(page, 'audit-export-jsonl', 1);
    const [trailName, trailBytes] = [...trail.entries()][0] ?? ['', Buffer.alloc(0)];
    const entries = parseAuditJsonLines(trailBytes.toString('utf8'));
    const exportsLogged = entries.filter((entry) => entry.action === 'export.chart').map((entry) => entry.params['format']);
    expect(exportsLogged).toEqual(expect.arrayContaining(['png', 'gexf']));
    const signed = entries.filter((entry) => entry.action === 'export.signed').map((entry) => entry.params['fileName']);
    expect(signed).toEqual(expect.arrayContaining([pngName, gexfName]));
    const enrolledKey = entries.find((entry) => entry.action === 'analyst.create')?.params['publicKey'];
    expect(typeof enrolledKey).toBe('string');

    const folder = mkdtempSync(join(tmpdir(), 'caudal-signed-exports-'));
    try {
      for (const [name, bytes] of [...files, [trailName, trailBytes] as const]) writeFileSync(join(folder, name), bytes);
      for (const name of [pngName, gexfName]) {
        expect(verifySignature([join(folder, name), '--key', String(enrolledKey)])).toMatchObject({ code: 0, err: '' });
        expect(verifySignature([join(folder, name), '--trail', join(folder, trailName)])).toMatchObject({ code: 0, err: '' });
        // A stranger's key is not the enrolled one: exit 6.
        expect(verifySignature([join(folder, name), '--key', 'ab'.repeat(32)]).code).toBe(6);
        // One appended byte: exit 5.
        writeFileSync(join(folder, name), Buffer.concat([files.get(name) ?? Buffer.alloc(0), Buffer.from('\n')]));
        expect(verifySignature([join(folder, name), '--key', String(enrolledKey)]).code).toBe(5);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(session.pageErrors).toEqual([]);
  });
});
