import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, DEMO_TIMEOUT, openApp, openDemoCase, SCREENSHOT_DIR, type AppSession } from './browser';
import { importLists, PEP_LIST_NAME, UN_LIST_NAME, useScratchFolder } from './screeningSteps';

/**
 * A UN consolidated list in its real layout naming two of the demo case's
 * parties the way the UN writes them (name parts in capitals, no accents,
 * the company with its legal form spelt out), and a national PEP list as a
 * plain CSV naming a third with a sound-alike surname.
 */
const UN_LIST = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-15T10:00:00.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>9100001</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>BRAYAN</FIRST_NAME><SECOND_NAME>ARANGO</SECOND_NAME><THIRD_NAME>MORENO</THIRD_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.501</REFERENCE_NUMBER><LISTED_ON>2020-01-10</LISTED_ON>
      <NATIONALITY><VALUE>Colombia</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>El Mono</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1965-02-13</DATE></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>9100002</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>RAHMAN</SECOND_NAME><THIRD_NAME>ZAHIR</THIRD_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.502</REFERENCE_NUMBER><LISTED_ON>2011-05-02</LISTED_ON>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>9100003</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>FERRETERIA LOS ANDES LIMITADA</FIRST_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.601</REFERENCE_NUMBER><LISTED_ON>2019-07-01</LISTED_ON>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
`;

const NATIONAL_LIST = ['id,name,aliases,id_number,birth_date,nationality,listed_on,list', 'PEP-77,Jhon Jairo Rosario Kavrera,,,1953-12-12,DO,2018-03-01,Registro PEP de prueba', 'PEP-78,Hortensia Quiroga Villalobos,,,1950-01-01,CO,2018-03-01,Registro PEP de prueba', ''].join('\n');

const BRAYAN = 'CC:39439567';
const hitRow = (page: Page, party: string, entry: string) => page.locator(`[data-testid="screening-hit"][data-party="${party}"][data-entry="${entry}"]`);
const summary = (page: Page) => page.getByTestId('screening-summary');

describe('screening against lists', () => {
  let session: AppSession | undefined;
  const scratch = useScratchFolder('caudal-screening-e2e-', { 'consolidated.xml': UN_LIST, 'pep-nacional.csv': NATIONAL_LIST });
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('imports a UN list and a national list, screens the demo case, and a false match does not come back on re-screening', { timeout: DEMO_TIMEOUT + 120_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'es');
    await page.getByTestId('nav-screening').click();
    await expect(page.getByTestId('screening-licence').textContent()).resolves.toContain('CC BY-NC');
    // Nothing is selected on the chart: every party is screened, and the selection choice says why it is off.
    expect(await page.getByTestId('screening-scope-all').isChecked()).toBe(true);
    expect(await page.getByTestId('screening-scope-chart').isDisabled()).toBe(true);

    await importLists(page, [
      { file: scratch('consolidated.xml'), name: UN_LIST_NAME },
      { file: scratch('pep-nacional.csv'), name: PEP_LIST_NAME },
    ]);
    expect(await page.getByTestId('list-version').count()).toBe(2);

    await page.getByTestId('screening-run').click();
    await summary(page).waitFor({ timeout: 60_000 });
    await hitRow(page, BRAYAN, 'QDi.501').waitFor();
    await hitRow(page, 'NIT:8304546743', 'QDe.601').waitFor();
    await hitRow(page, 'CEDULA:07183631519', 'PEP-77').waitFor();
    const brayanWhy = await hitRow(page, BRAYAN, 'QDi.501').getByTestId('hit-explanation').textContent();
    expect(brayanWhy).toContain('apellido paterno igual (arango)');
    expect(brayanWhy).toContain('fecha de nacimiento coincide (1965-02-13)');
    expect(await hitRow(page, 'CEDULA:07183631519', 'PEP-77').getByTestId('hit-explanation').textContent()).toContain('suena igual (cabrera / kavrera)');
    const firstHits = Number(await summary(page).getAttribute('data-hits'));
    expect(await summary(page).getAttribute('data-suppressed')).toBe('0');

    // The hits are watchlist alerts in the alert list too.
    await page.getByTestId('nav-alerts').click();
    await page.locator('[data-testid="filter-typology"] option[value="watchlist"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByTestId('nav-screening').click();

    // Triage Brayan's hit as a false match, with the reason.
    const row = hitRow(page, BRAYAN, 'QDi.501');
    await row.getByTestId('hit-false').click();
    await row.getByTestId('hit-reason').fill('Otra persona: cédula y lugar de nacimiento distintos');
    await row.getByTestId('hit-confirm-false').click();
    await row.waitFor({ state: 'detached' });
    expect(await summary(page).getAttribute('data-suppressed')).toBe('1');

    // Re-screen (after leaving the view and coming back): it does not come back; the others do.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('nav-screening').click();
    await summary(page).waitFor();
    const firstRun = await summary(page).getAttribute('data-ran-at');
    await page.getByTestId('screening-run').click();
    await page.locator(`[data-testid="screening-summary"]:not([data-ran-at="${firstRun}"])`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('screening-message').count()).toBe(0);
    await hitRow(page, 'NIT:8304546743', 'QDe.601').waitFor();
    expect(await hitRow(page, BRAYAN, 'QDi.501').count()).toBe(0);
    expect(Number(await summary(page).getAttribute('data-hits'))).toBe(firstHits - 1);
    expect(await summary(page).getAttribute('data-suppressed')).toBe('1');
    // Scores as the reader writes them, aligned: an exact match reads "1,00", not "1.00" or "1".
    expect(await hitRow(page, 'NIT:8304546743', 'QDe.601').getByTestId('hit-score').textContent()).toBe('1,00');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'screening.png'), fullPage: false });
  });

  it('refuses a file that is no list, naming it, and stores nothing', { timeout: DEMO_TIMEOUT + 60_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'en');
    await page.getByTestId('nav-screening').click();
    writeFileSync(scratch('movimientos.csv'), 'fecha,monto\n2024-01-01,100\n');
    await page.getByTestId('screening-file').setInputFiles(scratch('movimientos.csv'));
    await expect(page.getByTestId('screening-message').textContent()).resolves.toContain('movimientos.csv: not a list Caudal reads');
    expect(await page.getByTestId('list-version').count()).toBe(0);

    // In a Spanish session the refusal comes from the reader in Spanish, still naming the file and where in it.
    await page.getByTestId('language').selectOption('es');
    writeFileSync(scratch('consolidada.xml'), '<?xml version="1.0"?>\n<LISTA/>\n');
    await page.getByTestId('screening-file').setInputFiles(scratch('consolidada.xml'));
    await expect.poll(() => page.getByTestId('screening-message').textContent()).toContain('consolidada.xml');
    expect(await page.getByTestId('screening-message').textContent()).toMatch(/^consolidada\.xml(, [^:]+)?: no es una lista que Caudal lea|^consolidada\.xml, línea \d+, elemento raíz: se esperaba CONSOLIDATED_LIST/);
    expect(await page.getByTestId('list-version').count()).toBe(0);
  });
});
