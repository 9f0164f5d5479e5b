import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, createCase, openApp, openDrawnChart, SCREENSHOT_DIR, type AppSession } from './browser';

const STR = resolve(import.meta.dirname, '../fixtures/goaml/str-two-reports.xml');

function createGoamlCase(page: Page, number: string, profileId: string): Promise<void> {
  return createCase(page, { number, name: 'Reporte goAML de Banco Caribe', profile: profileId, thenImport: false });
}

async function openParty(page: Page, name: string): Promise<void> {
  await page.getByTestId('entities-search').fill(name);
  await expect.poll(() => page.getByTestId('party-row').count()).toBe(1);
  await page.getByTestId('party-row').first().click();
  await page.getByTestId('party-detail').waitFor();
}

async function saveFrom(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync((await file.path()) as string, 'utf8') };
}

async function importGoamlFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('goaml-file').setInputFiles(path);
  await expect.poll(() => page.getByTestId('goaml-result').last().getAttribute('data-status'), { timeout: 60_000 }).toBe('committed');
}

const links = (page: Page) => page.getByTestId('party-link').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-kind')}:${item.getAttribute('data-party')}>${item.getAttribute('data-target')}`).sort());

describe('goAML reports in the app', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('imports an STR with two reports: subjects, the signatory link on the party view, and the alerts', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createGoamlCase(page, 'UAF-2026-0013', 'do-uaf');

    await page.getByTestId('nav-import').click();
    await page.getByTestId('goaml-file').setInputFiles(STR);
    const result = page.getByTestId('goaml-result').last();
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('committed');
    expect(await result.textContent()).toContain('2 reportes, 3 transacciones, 7 partes, 3 cuentas, 5 vínculos');
    await expect.poll(async () => Number(await page.getByTestId('case-counts').getAttribute('data-transactions'))).toBe(3);

    // The same bytes again: refused by SHA-256, the case unchanged.
    await page.getByTestId('goaml-file').setInputFiles(STR);
    await expect.poll(() => page.getByTestId('goaml-result').last().getAttribute('data-status')).toBe('already');
    expect(Number(await page.getByTestId('case-counts').getAttribute('data-transactions'))).toBe(3);

    // The subjects, including the one of the activity report without transactions, and their links.
    await page.getByTestId('nav-entities').click();
    await page.getByTestId('entities-summary').waitFor();
    await openParty(page, 'Marisol Reyes');
    await expect.poll(() => links(page)).toEqual(['signatory:Marisol Reyes>9600445566']);
    await openParty(page, 'Luis Almonte');
    await expect.poll(() => links(page)).toEqual(['signatory:Luis Almonte>9600112233']);
    expect(await page.getByTestId('party-link').first().textContent()).toContain('es firmante de la cuenta 9600112233 como «Apoderado»');
    await openParty(page, 'Importadora Quisqueya');
    await expect.poll(() => links(page)).toEqual(['director:Ana Méndez>OTHER:131555551', 'holder:Importadora Quisqueya SRL>9600112233', 'signatory:Luis Almonte>9600112233']);
    // Provenance as the element path in the file, where CSV shows file and line.
    expect(await page.getByTestId('party-links').textContent()).toContain('/reportdata[1]/report[1]/transaction[1]/t_to_my_client[1]/to_account[1]/signatory[1]');
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'goaml-party-links.png') });

    // Detection runs on the case: the payment to Myanmar is flagged.
    await page.getByTestId('nav-alerts').click();
    const alert = page.locator('[data-testid="alert-row"][data-typology="high-risk-jurisdiction"]');
    await alert.first().waitFor({ timeout: 60_000 });
    expect(await alert.first().textContent()).toContain('9600112233');
  });

  it('shows a malformed file with line and column and leaves the case empty', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await createGoamlCase(page, 'UAF-2026-0014', 'do-uaf');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('goaml-file').setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from('<report>\n<transaction>\n<amount_local>5</amount>\n</transaction></report>') });
    const result = page.getByTestId('goaml-result').last();
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('failed');
    expect(await result.textContent()).toMatch(/^broken\.xml: line 3, column \d+: unexpected close tag/);
    expect(Number(await page.getByTestId('case-counts').getAttribute('data-transactions'))).toBe(0);
    // The code tables of the case's (built-in, read-only) profile, with the defaults shown.
    await page.getByTestId('goaml-codes').locator('summary').click();
    expect(await page.getByTestId('goaml-codes-transmode').isDisabled()).toBe(true);
    expect(await page.getByTestId('goaml-codes').textContent()).toContain('Built-in profiles are read-only');
  });

  it('exports the chart as GEXF and GraphML, and the case as FtM that imports into a fresh case with the same records and links', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await createGoamlCase(page, 'UAF-2026-0015', 'do-uaf');
    await importGoamlFile(page, STR);

    await openDrawnChart(page, 2);
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-interop').waitFor();
    const gexf = await saveFrom(page, 'export-gexf-save');
    expect(gexf.name).toMatch(/\.gexf$/);
    expect(gexf.text).toContain('<gexf xmlns="http://gexf.net/1.3"');
    const nodeCount = Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count'));
    expect(gexf.text.match(/<node /g)?.length).toBe(nodeCount);
    expect(gexf.text.match(/<viz:position /g)?.length).toBe(nodeCount);
    expect(gexf.text).toContain('9600112233');
    const graphml = await saveFrom(page, 'export-graphml-save');
    expect(graphml.text.match(/<node /g)?.length).toBe(nodeCount);
    await page.getByTestId('export-close').click();

    await page.getByTestId('nav-import').click();
    const ftm = await saveFrom(page, 'ftm-export-case');
    const entities = ftm.text.trim().split('\n').map((line) => JSON.parse(line) as { schema: string });
    expect(new Set(entities.map((entity) => entity.schema))).toEqual(new Set(['Person', 'Company', 'Identification', 'BankAccount', 'LegalEntity', 'Ownership', 'Directorship', 'Representation', 'Payment']));
    const folder = mkdtempSync(join(tmpdir(), 'caudal-ftm-'));
    const ftmPath = join(folder, ftm.name);
    writeFileSync(ftmPath, ftm.text);

    await createGoamlCase(page, 'UAF-2026-0016', 'do-uaf');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('ftm-file').setInputFiles(ftmPath);
    await expect.poll(() => page.getByTestId('ftm-result').last().getAttribute('data-status'), { timeout: 60_000 }).toBe('committed');
    const counts = page.getByTestId('case-counts');
    await expect.poll(async () => Number(await counts.getAttribute('data-transactions'))).toBe(3);
    expect(Number(await counts.getAttribute('data-parties'))).toBe(7);
    expect(Number(await counts.getAttribute('data-accounts'))).toBe(3);
    await page.getByTestId('nav-entities').click();
    await page.getByTestId('entities-summary').waitFor();
    await openParty(page, 'Importadora Quisqueya');
    await expect.poll(() => links(page)).toEqual(['director:Ana Méndez>OTHER:131555551', 'holder:Importadora Quisqueya SRL>9600112233', 'signatory:Luis Almonte>9600112233']);
  });
});
