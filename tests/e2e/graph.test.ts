import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { freshProfileDir, openApp, SCREENSHOT_DIR, storedTransactions, type AppSession, type StoredTransaction } from './browser';

const DEMO_TIMEOUT = 180_000;
const DAY = 86_400_000;

async function settled(page: Page) {
  await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
}

const nodeCount = async (page: Page) => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count'));
const edgeCount = async (page: Page) => Number(await page.getByTestId('graph-canvas').getAttribute('data-edge-count'));
const step = (name: string) => console.log(`[graph.test] ${new Date().toISOString().slice(11, 19)} ${name}`);
const highlighted = async (page: Page) => ((await page.getByTestId('graph-canvas').getAttribute('data-highlighted')) ?? '').split(',').filter(Boolean);

describe('chart workspace', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('switches views, searches and expands, follows the money in time, brushes the timeline, and reopens a saved chart where it was left', async () => {
    const profileDir = freshProfileDir();
    session = await openApp({ profileDir, sealing: false });
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await page.getByTestId('open-demo').click();
    await page.getByTestId('current-case').waitFor({ timeout: DEMO_TIMEOUT });
    // Detection first, so the chart rings the alerted accounts.
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-row').first().waitFor({ timeout: DEMO_TIMEOUT });
    await page.getByTestId('nav-graph').click();
    await settled(page);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const accountsNodes = await nodeCount(page);
    expect(accountsNodes).toBeGreaterThan(200);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'view-accounts.png') });

    // People and companies: accounts fold into their holders, so fewer nodes.
    await page.getByTestId('graph-view-parties').click();
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-chart-view'), { timeout: 30_000 }).toBe('parties');
    await settled(page);
    expect(await nodeCount(page)).toBeLessThan(accountsNodes);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'view-parties.png') });
    // Unfold a holder: its accounts appear beside it.
    const partyNodes = await nodeCount(page);
    const someTransaction = (await storedTransactions(page))[0] as StoredTransaction;
    await page.getByTestId('graph-search').fill(someTransaction.fromAccount);
    await page.getByTestId('search-result').first().click();
    await page.getByTestId('unfold-node').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBeGreaterThan(partyNodes);
    expect(await page.getByTestId('unfold-node').textContent()).toBe('Agrupar cuentas');

    await page.getByTestId('graph-view-trade').click();
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-chart-view'), { timeout: 30_000 }).toBe('trade');
    await settled(page);
    expect(await nodeCount(page)).toBeGreaterThan(5);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'view-trade.png') });

    await page.getByTestId('graph-view-accounts').click();
    await settled(page);

    step('search');
    // Search and add: start from an empty chart and put the busiest account on it.
    const transactions = await storedTransactions(page);
    expect(transactions.length).toBeGreaterThan(1000);
    const neighbours = new Map<string, Set<string>>();
    for (const tx of transactions) {
      if (tx.fromAccount === tx.toAccount) continue;
      for (const [a, b] of [[tx.fromAccount, tx.toAccount], [tx.toAccount, tx.fromAccount]] as const) {
        const set = neighbours.get(a) ?? new Set<string>();
        set.add(b);
        neighbours.set(a, set);
      }
    }
    const [busiest, busiestNeighbours] = [...neighbours.entries()].sort((a, b) => b[1].size - a[1].size)[0] as [string, Set<string>];
    await page.getByTestId('graph-clear').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(0);
    await page.getByTestId('graph-search').fill(busiest);
    await page.locator(`[data-testid="search-result"][data-node-id="${busiest}"]`).click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('details-title').textContent()).toBeTruthy();
    expect(Number(await page.getByTestId('graph-details').getAttribute('data-row-count'))).toBeGreaterThan(0);
    // Every transaction under the node names the imported file and the line it came from.
    expect(await page.getByTestId('details-source').first().textContent()).toMatch(/\.csv:\d+$/i);

    step('expand');
    // Expand both ways: exactly its counterparties join it.
    await page.getByTestId('expand').click();
    await expect.poll(() => nodeCount(page), { timeout: 30_000 }).toBe(busiestNeighbours.size + 1);

    step('path');
    // A time-respecting trail A → B → C, each hop no earlier than the last, within 30 days.
    const outgoing = new Map<string, StoredTransaction[]>();
    for (const tx of transactions) outgoing.set(tx.fromAccount, [...(outgoing.get(tx.fromAccount) ?? []), tx]);
    let trail: [string, string] | null = null;
    for (const first of transactions) {
      const next = (outgoing.get(first.toAccount) ?? []).find((second) => second.toAccount !== first.fromAccount && second.toAccount !== first.toAccount && second.timestamp >= first.timestamp && second.timestamp - first.timestamp <= 20 * DAY);
      if (next) {
        trail = [first.fromAccount, next.toAccount];
        break;
      }
    }
    expect(trail).not.toBeNull();
    const [from, to] = trail as [string, string];
    await page.getByTestId('path-from').fill(from);
    await page.getByTestId('path-to').fill(to);
    await page.getByTestId('path-max-days').fill('30');
    await page.getByTestId('path-find-timed').click();
    await expect.poll(() => page.getByTestId('path-result').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await highlighted(page)).filter((id) => id === from || id === to).length, { timeout: 30_000 }).toBe(2);

    step('brush');
    // Brush the timeline: only the brushed period's money stays on the chart.
    await page.getByTestId('graph-show-all').click();
    await settled(page);
    const edgesBefore = await edgeCount(page);
    const bars = await page.getByTestId('timeline-bars').boundingBox();
    if (!bars) throw new Error('the timeline is not visible');
    await page.mouse.move(bars.x + bars.width * 0.3, bars.y + bars.height / 2);
    await page.mouse.down();
    await page.mouse.move(bars.x + bars.width * 0.45, bars.y + bars.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('timeline').getAttribute('data-from'), { timeout: 30_000 }).not.toBe('');
    await settled(page);
    await expect.poll(() => edgeCount(page), { timeout: 30_000 }).toBeLessThan(edgesBefore);
    const brushedEdges = await edgeCount(page);

    step('save');
    // Save, reload the app, reopen: same nodes, same positions, same period.
    await page.getByTestId('chart-name').fill('Periodo de prueba');
    await page.getByTestId('chart-save').click();
    await page.locator('[data-testid="chart-open"][data-chart-name="Periodo de prueba"]').waitFor();
    const savedDigest = (await page.getByTestId('graph-view').getAttribute('data-positions')) ?? '';
    expect(savedDigest).not.toBe('');

    step('reload');
    await page.reload();
    await page.getByTestId('current-case').waitFor({ timeout: DEMO_TIMEOUT });
    await page.getByTestId('nav-graph').click();
    await settled(page);
    await page.locator('[data-testid="chart-open"][data-chart-name="Periodo de prueba"]').click();
    await expect.poll(() => page.getByTestId('timeline').getAttribute('data-from'), { timeout: 30_000 }).not.toBe('');
    await settled(page);
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-positions'), { timeout: 30_000 }).toBe(savedDigest);
    expect(await edgeCount(page)).toBe(brushedEdges);

    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 600_000);
});
