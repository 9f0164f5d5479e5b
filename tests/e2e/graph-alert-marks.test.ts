import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT, openApp, openDemoCase, openDrawnChart, storedAlerts, type AppSession } from './browser';

const canvasAttribute = async (page: Page, name: string) => (await page.getByTestId('graph-canvas').getAttribute(name)) ?? '';
const marked = async (page: Page) => (await canvasAttribute(page, 'data-alerted')).split(',').filter(Boolean);

describe('alerts on the chart', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('rings the accounts of alerts that arrive after the chart is drawn, in place: the chart is drawn once', async () => {
    session = await openApp({ sealing: false });
    const { page } = session;
    await openDemoCase(page);
    // The chart draws while detection runs in its worker; the alerts reach the chart when it ends.
    await openDrawnChart(page, 200);
    await expect.poll(async () => (await marked(page)).length, { timeout: DEMO_TIMEOUT }).toBeGreaterThan(0);
    const accounts = [...new Set((await storedAlerts(page)).flatMap((alert) => alert.accounts))];
    expect(accounts.length).toBeGreaterThan(10);
    const ringed = new Set(await marked(page));
    expect(accounts.filter((account) => !ringed.has(account))).toEqual([]);
    // One draw for the case: the rates, the (empty) screening marks and the alerts arriving later redraw nothing.
    expect(await canvasAttribute(page, 'data-draw-count')).toBe('1');
    expect(Number(await canvasAttribute(page, 'data-node-count'))).toBeGreaterThan(200);
  });
});
