import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, openDemoCase, SCREENSHOT_DIR, storedTransactions, type AppSession } from './browser';

const STANDARD_FONTS = join(import.meta.dirname, '../../node_modules/pdfjs-dist/standard_fonts/');
const step = (name: string) => console.log(`[graph-tools.test] ${new Date().toISOString().slice(11, 19)} ${name}`);

const nodeCount = async (page: Page) => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count'));
const highlighted = async (page: Page) => ((await page.getByTestId('graph-canvas').getAttribute('data-highlighted')) ?? '').split(',').filter(Boolean);

async function settled(page: Page) {
  await expect.poll(() => nodeCount(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
}

async function selectNode(page: Page, id: string) {
  await page.getByTestId('graph-search').fill(id);
  await page.locator(`[data-testid="search-result"][data-node-id="${id}"]`).click();
  await expect.poll(() => page.getByTestId('details-title').textContent(), { timeout: 30_000 }).toBeTruthy();
}

describe('chart tools', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('undoes and redoes an expand, finds the connecting network among three subjects with a hub excluded, ranks the most connected and draws net flows', async () => {
    // The test reads the demo's movements straight from IndexedDB, so it writes them unsealed (as graph.test.ts does).
    session = await openApp({ sealing: false });
    const { page } = session;
    await openDemoCase(page, 'en');
    await page.getByTestId('nav-graph').click();
    await settled(page);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // The whole case (790 accounts) is drawn from fcose's draft first, then laid out at full quality: the draft
    // alone left 93 % of the nodes drawn over another.
    const crowded = Number(await page.getByTestId('graph-canvas').getAttribute('data-crowded'));
    console.log(`[graph-tools.test] whole case: ${await nodeCount(page)} nodes, ${crowded} drawn over another`);
    expect(crowded).toBeLessThan(0.3);

    const transactions = await storedTransactions(page);
    const neighbours = new Map<string, Set<string>>();
    for (const tx of transactions) {
      if (tx.fromAccount === tx.toAccount) continue;
      for (const [a, b] of [[tx.fromAccount, tx.toAccount], [tx.toAccount, tx.fromAccount]] as const) neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
    }
    const [hub, hubNeighbours] = [...neighbours.entries()].sort((a, b) => b[1].size - a[1].size)[0] as [string, Set<string>];

    step('undo an expand');
    await page.getByTestId('graph-clear').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(0);
    await selectNode(page, hub);
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('expand').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(hubNeighbours.size + 1);
    await settled(page);
    // The cleared chart starts a fresh arrangement: the hub's counterparts are laid out, not piled where the
    // whole-case drawing had left them (most of them were drawn over one another).
    expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-crowded'))).toBeLessThan(0.2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('Control+y');
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(hubNeighbours.size + 1);
    await page.getByTestId('graph-undo').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('graph-redo').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(hubNeighbours.size + 1);

    step('collections');
    const beforeCollect = await nodeCount(page);
    // The hub and its counterparts: those linked to nothing else on the chart are leaves and fold into collection nodes.
    await page.getByTestId('graph-collect').selectOption('5');
    await page.getByTestId('graph-collections').waitFor({ timeout: 60_000 });
    await settled(page);
    expect(await nodeCount(page)).toBeLessThan(beforeCollect);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-collections.png') });
    await page.getByTestId('graph-undo').click();
    await expect.poll(() => nodeCount(page), { timeout: 60_000 }).toBe(beforeCollect);

    step('flow mode');
    await page.getByTestId('graph-link-mode').selectOption('flow');
    await expect.poll(() => page.getByTestId('legend-links').getAttribute('data-link-mode')).toBe('flow');
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-net-flow.png') });
    // The link mode is a chart change too: undo brings back one line per direction.
    await page.getByTestId('graph-undo').click();
    await expect.poll(() => page.getByTestId('legend-links').getAttribute('data-link-mode')).toBe('direction');
    await page.getByTestId('graph-redo').click();

    step('connecting network');
    // Three subjects that all trade with the hub; excluding the hub, the network must find other routes or report gaps.
    const subjects = [...hubNeighbours].sort((a, b) => (neighbours.get(b)?.size ?? 0) - (neighbours.get(a)?.size ?? 0)).slice(0, 3);
    for (const subject of subjects) {
      await selectNode(page, subject);
      await page.getByTestId('connect-add-subject').click();
    }
    await expect.poll(() => page.getByTestId('connect-subjects').locator('li').count()).toBe(3);
    await page.getByTestId('connect-run').click();
    await page.getByTestId('connect-result').waitFor();
    expect(await page.getByTestId('connect-result').getAttribute('data-gaps')).toBe('');
    await settled(page);
    const withHub = await highlighted(page);
    for (const subject of subjects) expect(withHub).toContain(subject);

    await selectNode(page, hub);
    await page.getByTestId('connect-exclude').click();
    await page.getByTestId('connect-run').click();
    await expect.poll(async () => (await highlighted(page)).includes(hub), { timeout: 30_000 }).toBe(false);
    await settled(page);
    const withoutHub = await highlighted(page);
    const gaps = ((await page.getByTestId('connect-result').getAttribute('data-gaps')) ?? '').split(',').filter(Boolean);
    // Every subject is either joined to the network by another route or named as a gap; the hub is never used.
    for (const subject of subjects) expect(withoutHub.includes(subject) || gaps.includes(subject)).toBe(true);
    expect(withoutHub).not.toContain(hub);
    await page.getByTestId('connect-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-connecting-network.png') });

    step('connecting network in time order (worker)');
    await page.getByTestId('connect-timed').check();
    await page.getByTestId('connect-max-gap').fill('3650');
    await page.getByTestId('connect-run').click();
    // The worker indexes every transaction of the case first; the panel says so until the answer comes.
    await expect.poll(() => page.getByTestId('connect-result').getAttribute('data-timed'), { timeout: 120_000 }).toBe('true');
    await page.getByTestId('connect-run').waitFor();
    expect(await page.getByTestId('graph-message').count()).toBe(0);
    await settled(page);
    const timedNetwork = await highlighted(page);
    const timedGaps = ((await page.getByTestId('connect-result').getAttribute('data-gaps')) ?? '').split(',').filter(Boolean);
    for (const subject of subjects) expect(timedNetwork.includes(subject) || timedGaps.includes(subject)).toBe(true);
    expect(timedNetwork).not.toContain(hub);
    await page.getByTestId('connect-timed').uncheck();

    step('most connected');
    await page.getByTestId('ranking-panel').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('rank-row').first().getAttribute('data-node-id')).toBe(hub);
    await page.getByTestId('rank-top').fill('5');
    await page.getByTestId('rank-highlight').click();
    await expect.poll(async () => (await highlighted(page)).includes(hub), { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-most-connected.png') });

    step('communities');
    await page.getByTestId('graph-show-all').click();
    await settled(page);
    await page.getByTestId('communities-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('communities-run').click();
    await page.getByTestId('communities-result').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('communities-result').getAttribute('data-count'))).toBeGreaterThan(1);
    await page.getByTestId('legend-communities').waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-communities.png') });

    step('communities as groups');
    const drawnNodes = await nodeCount(page);
    await page.getByTestId('communities-groups').check();
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-group-count')), { timeout: 60_000 }).toBeGreaterThan(0);
    await settled(page);
    // Groups are boxes around the nodes, not nodes of the case: the node count stays.
    expect(await nodeCount(page)).toBe(drawnNodes);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-community-groups.png') });
    // Ctrl+Z with the checkbox focused: a checkbox is not a text field, so the chart undoes.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-group-count')), { timeout: 60_000 }).toBe(0);
    expect(await page.getByTestId('communities-groups').isChecked()).toBe(false);
    await settled(page);

    expect(session.pageErrors).toEqual([]);
    expect(session.externalRequests).toEqual([]);
  }, 600_000);

  it('applies a styling rule that shows in the legend and in the PDF, grades a source file into the rules and the PDF annex, keeps the rule with the case, and undoes', async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'en');
    await page.getByTestId('nav-graph').click();
    await settled(page);

    step('rule');
    await page.getByTestId('styling-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('rule-name').fill('Big movers');
    await page.getByTestId('rule-field').selectOption('volumeUsd');
    await page.getByTestId('rule-operator').selectOption('>=');
    await page.getByTestId('rule-value').fill('20000');
    await page.getByTestId('rule-badge').fill('BIG');
    await page.getByTestId('rule-add').click();
    const legendRule = page.locator('[data-testid="legend-rule"][data-rule-name="Big movers"]');
    await legendRule.waitFor();
    const matched = Number(/\((\d+)\)/.exec((await legendRule.textContent()) ?? '')?.[1] ?? '0');
    expect(matched).toBeGreaterThan(0);
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-styling-rule.png') });

    step('grade');
    // Grade the transactions file A1: every node and line drawn from it then carries A1, and so does the PDF annex.
    await page.getByTestId('grades-panel').scrollIntoViewIfNeeded();
    const gradeRow = page.getByTestId('grade-row').filter({ hasText: /transac/i }).first();
    await gradeRow.getByTestId('grade-source').selectOption('A');
    await gradeRow.getByTestId('grade-information').selectOption('1');
    await page.getByTestId('rule-name').fill('Confirmed');
    await page.getByTestId('rule-field').selectOption('grade');
    await page.getByTestId('rule-operator').selectOption('=');
    await page.getByTestId('rule-value').fill('A1');
    await page.getByTestId('rule-badge').fill('');
    await page.getByTestId('rule-add').click();
    const gradeRule = page.locator('[data-testid="legend-rule"][data-rule-name="Confirmed"]');
    await expect.poll(async () => Number(/\((\d+)\)/.exec((await gradeRule.textContent()) ?? '')?.[1] ?? '0'), { timeout: 30_000 }).toBeGreaterThan(0);

    step('pdf');
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-summary').waitFor();
    const download = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByTestId('export-pdf-save').click();
    const file = await download;
    const bytes = readFileSync((await file.path()) as string);
    const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
    const first = await (await document.getPage(1)).getTextContent();
    const text = first.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Rule: Big movers');
    expect(text).toContain('[BIG]');
    const annexPage = await (await document.getPage(2)).getTextContent();
    expect(annexPage.items.map((item) => ('str' in item ? item.str : '')).join(' ')).toMatch(/: \d+ · A1/);
    await page.getByTestId('export-close').click();

    step('kept with the case');
    await page.reload();
    await page.getByTestId('current-case').waitFor({ timeout: 180_000 });
    await page.getByTestId('nav-graph').click();
    await settled(page);
    await legendRule.waitFor();

    step('undo');
    await page.locator('[data-testid="rule-row"][data-rule-name="Big movers"] button').click();
    await expect.poll(() => legendRule.count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => legendRule.count()).toBe(1);

    expect(session.pageErrors).toEqual([]);
  }, 600_000);

  it('filters the chart by clicking a histogram bar and a wheel cell, and undoes the filter', async () => {
    session = await openApp({ sealing: false });
    const { page } = session;
    await openDemoCase(page, 'en');
    await page.getByTestId('nav-graph').click();
    await settled(page);
    const edgeCount = async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count'));
    // The demo's chart may be redrawn once more as scores arrive; the baseline is the drawn chart, never the reset in between.
    await expect.poll(edgeCount, { timeout: 60_000 }).toBeGreaterThan(0);
    const edgesBefore = await edgeCount();
    const transactions = (await storedTransactions(page)).length;

    step('amount bar');
    // The busiest amount band that still leaves something out: the chart must lose edges.
    const bars = await page.getByTestId('amount-bar').evaluateAll((elements) => elements.map((element) => ({ key: element.getAttribute('data-key') ?? '', count: Number(element.getAttribute('data-count')) })));
    const band = bars.filter((bar) => bar.count > 0 && bar.count < transactions).sort((a, b) => a.count - b.count)[0];
    expect(band).toBeDefined();
    await page.locator(`[data-testid="amount-bar"][data-key="${band!.key}"]`).click();
    await expect.poll(() => page.getByTestId('time-views').getAttribute('data-filtered')).toBe('true');
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count')), { timeout: 60_000 }).toBeLessThan(edgesBefore);
    await settled(page);
    const filteredEdges = Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count'));
    expect(filteredEdges).toBeGreaterThan(0);
    await page.getByTestId('time-views').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tool-time-views.png') });

    step('wheel cell');
    const cells = await page.getByTestId('hour-cell').evaluateAll((elements) => elements.map((element) => ({ cell: element.getAttribute('data-cell') ?? '', count: Number(element.getAttribute('data-count')) })));
    const busiest = cells.sort((a, b) => b.count - a.count)[0];
    expect(busiest?.count).toBeGreaterThan(0);
    await page.locator(`[data-testid="hour-cell"][data-cell="${busiest!.cell}"]`).click({ force: true });
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count')), { timeout: 60_000 }).toBeLessThanOrEqual(filteredEdges);

    step('undo');
    await page.getByTestId('graph-undo').click();
    await page.getByTestId('graph-undo').click();
    await expect.poll(() => page.getByTestId('time-views').getAttribute('data-filtered')).toBe('false');
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count')), { timeout: 60_000 }).toBe(edgesBefore);
    expect(session.pageErrors).toEqual([]);
  }, 600_000);
});
