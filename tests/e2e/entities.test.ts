import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, DEMO_TIMEOUT, openApp, openDemoCase, SCREENSHOT_DIR, type AppSession } from './browser';


/**
 * A second registry extract, in the demo registry's layout: Brayan Arango
 * Moreno again with his cédula written with dots and no type (the same party:
 * joined automatically), and Carlos Andrés Salazar Arango without accents or
 * ID (perhaps the same person: proposed, merged only on confirmation).
 */
const REGISTRY_EXTRACT = [
  'id,name,kind,id_type,id_number,nationality,birth_date,pep',
  ',BRAYAN ARANGO MORENO,person,,39.439.567,CO,,true',
  ',CARLOS ANDRES SALAZAR ARANGO,person,,,CO,1961-06-01,false',
  '',
].join('\n');

const CARLOS = 'CC:87094409';
const CARLOS_BY_NAME = 'NAME:carlos andres salazar arango';

const row = (page: Page, partyId: string) => page.locator(`[data-testid="party-row"][data-party-id="${partyId}"]`);
const carlosProposal = (page: Page) => page.locator(`[data-testid="proposal"][data-merge="${CARLOS_BY_NAME}"]`);

async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('entities-search').fill(text);
}

describe('people and companies', () => {
  let session: AppSession | undefined;
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'caudal-entities-e2e-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('joins the same person across files, proposes a near-duplicate with its reason, merges it only on confirmation and undoes it', { timeout: DEMO_TIMEOUT + 120_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'es');

    await page.getByTestId('nav-entities').click();
    await page.getByTestId('entities-summary').waitFor();
    const summary = async (name: 'records' | 'parties') => Number(await page.getByTestId('entities-summary').getAttribute(`data-${name}`));
    const demoRecords = await summary('records');
    const demoParties = await summary('parties');
    expect(demoRecords).toBeGreaterThan(500);

    // Import the second registry extract through the import screen, with the demo's saved mapping.
    const extract = join(scratch, 'registro-complementario.csv');
    writeFileSync(extract, REGISTRY_EXTRACT, 'utf8');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-kind').selectOption('party');
    await page.getByTestId('import-file').setInputFiles(extract);
    await page.getByTestId('mapping-editor').waitFor();
    await page.getByTestId('mapping-saved').selectOption('Registro — personas y empresas');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor({ timeout: 60_000 });

    await page.getByTestId('nav-entities').click();
    expect(await page.getByTestId('nav-entities').textContent()).toBe('Personas y empresas');
    await page.getByTestId('entities-summary').waitFor();
    // Two new records, one new party: Brayan's two records are one party.
    await expect.poll(() => summary('records')).toBe(demoRecords + 2);
    expect(await summary('parties')).toBe(demoParties + 1);

    // The same cédula written "39.439.567" without a type: one party, both records as its sources, PEP from the new file.
    await search(page, '39.439.567');
    await expect.poll(() => page.getByTestId('party-row').count()).toBe(1);
    expect(await row(page, 'CC:39439567').getAttribute('data-records')).toBe('2');
    expect(await row(page, 'CC:39439567').textContent()).toContain('registro-complementario.csv:2');
    expect(await row(page, 'CC:39439567').textContent()).toContain('PEP');
    // A Colombian cédula carries no check digit: nothing is missing, and the badge says so rather than "without its check digit".
    expect(await row(page, 'CC:39439567').getByTestId('check-badge').getAttribute('data-check')).toBe('no-scheme');
    expect(await row(page, 'CC:39439567').getByTestId('check-badge').textContent()).toBe('tipo sin dígito de verificación');

    // The near-duplicate is proposed with its reason and both records' provenance, and not merged yet.
    await search(page, 'andres salazar arango');
    await expect.poll(() => page.getByTestId('party-row').count()).toBe(2);
    const proposal = carlosProposal(page);
    await proposal.waitFor();
    expect(await proposal.getAttribute('data-reason')).toBe('similar-name');
    expect(await proposal.getByTestId('proposal-reason').textContent()).toBe('Nombres parecidos — 100 % de similitud');
    expect(await proposal.textContent()).toContain('registro-complementario.csv, línea 3');
    expect(await proposal.textContent()).toContain('parties.csv, línea 5');
    expect(await proposal.locator(`input[value="${CARLOS}"]`).isChecked()).toBe(true);
    await page.getByTestId('entities-search').fill('');
    await expect.poll(() => page.getByTestId('party-row').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'entities.png') });

    await proposal.getByTestId('merge-confirm').click();
    await expect.poll(() => carlosProposal(page).count()).toBe(0);
    await page.getByTestId('decision-merged').waitFor();
    await search(page, 'andres salazar arango');
    await expect.poll(() => page.getByTestId('party-row').count()).toBe(1);
    expect(await row(page, CARLOS).getAttribute('data-records')).toBe('2');
    await row(page, CARLOS).click();
    expect(await page.getByTestId('party-detail').textContent()).toContain('registro-complementario.csv, línea 3');
    expect(await page.getByTestId('party-detail').textContent()).toContain('parties.csv, línea 5');
    expect(await summary('parties')).toBe(demoParties);

    // The merge is stored: it holds after a reload.
    await page.reload();
    await page.getByTestId('nav-entities').click();
    await search(page, 'andres salazar arango');
    await expect.poll(() => page.getByTestId('party-row').count()).toBe(1);
    await page.getByTestId('decision-merged').waitFor();

    await page.getByTestId('merge-undo').click();
    await expect.poll(() => page.getByTestId('party-row').count()).toBe(2);
    await carlosProposal(page).waitFor();
    expect(await page.getByTestId('decision-merged').count()).toBe(0);

    // "Not the same" is remembered: the proposal does not come back.
    await carlosProposal(page).getByTestId('merge-reject').click();
    await page.getByTestId('decision-rejected').waitFor();
    expect(await carlosProposal(page).count()).toBe(0);
    expect(await page.getByTestId('party-row').count()).toBe(2);
  });
});
