import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, DEMO_TIMEOUT, openApp, openDemoCase, openDrawnChart, SCREENSHOT_DIR, waitForDrawnChart, type AppSession } from './browser';
import { importLists, PEP_LIST_NAME, UN_LIST_NAME, useScratchFolder } from './screeningSteps';

const step = (name: string) => console.log(`[graph-screening.test] ${new Date().toISOString().slice(11, 19)} ${name}`);

/** A UN list naming one demo company, and a national PEP list naming one demo person with a sound-alike surname. */
const UN_LIST = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-15T10:00:00.000Z">
  <INDIVIDUALS/>
  <ENTITIES>
    <ENTITY>
      <DATAID>9100003</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>FERRETERIA LOS ANDES LIMITADA</FIRST_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.601</REFERENCE_NUMBER><LISTED_ON>2019-07-01</LISTED_ON>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
`;
const PEP_LIST = ['id,name,aliases,id_number,birth_date,nationality,listed_on,list', 'PEP-77,Jhon Jairo Rosario Kavrera,,,1953-12-12,DO,2018-03-01,Registro PEP de prueba', ''].join('\n');
const SANCTIONED = 'NIT:8304546743';
const PEP = 'CEDULA:07183631519';
/** Party nodes of the parties view. */
const node = (party: string) => `party:${party}`;

const canvasAttribute = async (page: Page, name: string) => (await page.getByTestId('graph-canvas').getAttribute(name)) ?? '';

describe('screening on the chart', () => {
  let session: AppSession | undefined;
  const scratch = useScratchFolder('caudal-graph-screening-', { 'consolidated.xml': UN_LIST, 'pep.csv': PEP_LIST });
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { pageErrors: true });
  });

  it('marks screened parties on the chart, styles them by a PEP rule, lists the hits of the selected node, and hands the selection to screening', { timeout: DEMO_TIMEOUT + 180_000 }, async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'en');

    step('screen');
    await page.getByTestId('nav-screening').click();
    await importLists(page, [
      { file: scratch('consolidated.xml'), name: UN_LIST_NAME },
      { file: scratch('pep.csv'), name: PEP_LIST_NAME },
    ]);
    await page.getByTestId('screening-run').click();
    await page.getByTestId('screening-summary').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="screening-hit"][data-party="${SANCTIONED}"]`).first().waitFor();
    await page.locator(`[data-testid="screening-hit"][data-party="${PEP}"]`).first().waitFor();

    step('chart');
    await openDrawnChart(page, 0);
    await page.getByTestId('graph-view-parties').click();
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-chart-view')).toBe('parties');
    await waitForDrawnChart(page, 0);
    // Both screened parties are drawn with the mark; nothing else is.
    await expect.poll(async () => (await canvasAttribute(page, 'data-screened')).split(',').filter(Boolean), { timeout: 30_000 }).toEqual([node(PEP), node(SANCTIONED)].sort());
    expect(await page.getByTestId('chart-screening').getAttribute('data-marked')).toBe('2');
    expect(await page.getByTestId('legend-screened').getAttribute('data-count')).toBe('2');

    step('rule');
    await page.getByTestId('styling-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('rule-name').fill('PEP');
    await page.getByTestId('rule-field').selectOption('pep');
    await page.getByTestId('rule-operator').selectOption('=');
    await page.getByTestId('rule-value').fill('yes');
    await page.getByTestId('rule-badge').fill('PEP');
    await page.getByTestId('rule-add').click();
    const legendRule = page.locator('[data-testid="legend-rule"][data-rule-name="PEP"]');
    await legendRule.waitFor();
    // Exactly the PEP party matches the rule; the sanctioned company does not.
    await expect.poll(async () => /\((\d+)\)/.exec((await legendRule.textContent()) ?? '')?.[1]).toBe('1');
    await waitForDrawnChart(page, 0);

    step('details');
    await page.getByTestId('graph-search').fill(SANCTIONED);
    await page.locator(`[data-testid="search-result"][data-node-id="${node(SANCTIONED)}"]`).click();
    const hits = page.getByTestId('node-screening');
    await hits.waitFor();
    expect(await hits.textContent()).toContain('UN Security Council consolidated list');
    expect(await hits.locator('li').first().getAttribute('data-decision')).toBe('open');
    await waitForDrawnChart(page, 0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.getByTestId('chart-screening').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-screening-marks.png') });

    step('screen selection');
    const screen = page.getByTestId('screen-selection');
    expect(await screen.isDisabled()).toBe(false);
    expect(await screen.textContent()).toContain('nodes: 1, parties: 1');

    // Shift-drag a box over most of the chart: the nodes selected together become the scope.
    const area = await page.getByTestId('graph-canvas').boundingBox();
    if (!area) throw new Error('the chart has no box');
    await page.keyboard.down('Shift');
    await page.mouse.move(area.x + 5, area.y + 5);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 3, { steps: 5 });
    await page.mouse.move(area.x + area.width - 5, area.y + area.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(async () => Number(await canvasAttribute(page, 'data-selected-count')), { timeout: 30_000 }).toBeGreaterThan(1);
    const selected = Number(await canvasAttribute(page, 'data-selected-count'));
    await expect.poll(() => screen.textContent()).toContain(`nodes: ${selected},`);
    await screen.click();
    await page.getByTestId('screening-licence').waitFor();

    step('screen the selection');
    // Screening now offers the chart's selection; screening it covers those parties only and keeps the other hits.
    const summary = page.getByTestId('screening-summary');
    const everyone = Number(await summary.getAttribute('data-parties'));
    const ranBefore = Number(await summary.getAttribute('data-ran-at'));
    const chartScope = page.getByTestId('screening-scope-chart');
    await expect.poll(() => chartScope.isDisabled()).toBe(false);
    await chartScope.check();
    await page.getByTestId('screening-run').click();
    await expect.poll(async () => Number(await summary.getAttribute('data-ran-at')), { timeout: 60_000 }).toBeGreaterThan(ranBefore);
    expect(await summary.getAttribute('data-scope')).toBe('chart');
    const screenedNow = Number(await summary.getAttribute('data-parties'));
    expect(screenedNow).toBeGreaterThan(0);
    expect(screenedNow).toBeLessThan(everyone);
    await page.locator(`[data-testid="screening-hit"][data-party="${SANCTIONED}"]`).first().waitFor();
  });
});
