import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, SCREENSHOT_DIR, storedAlerts, type AppSession, type StoredAlert } from './browser';

const DEMO_TIMEOUT = 180_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The alert as detection stored it, read straight from IndexedDB so the test does not trust the chart's own account of it. */
async function storedAlert(page: Page, alertId: string): Promise<StoredAlert> {
  const alert = (await storedAlerts(page)).find((candidate) => candidate.id === alertId);
  if (!alert) throw new Error(`alert ${alertId} is not stored`);
  return alert;
}

describe('investigation: demo case → fan-in alert → chart → PNG', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('opens the demo, follows a fan-in alert onto the chart with its evidence highlighted, and exports the chart as PNG, all offline', async () => {
    session = await openApp({ sealing: false });
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await page.getByTestId('open-demo').click();
    await page.getByTestId('current-case').waitFor({ timeout: DEMO_TIMEOUT });

    await page.getByTestId('nav-alerts').click();
    const fanIn = page.locator('[data-testid="alert-row"][data-typology="fan-in"]').first();
    await fanIn.waitFor({ timeout: DEMO_TIMEOUT });
    const alertId = (await fanIn.getAttribute('data-alert-id')) ?? '';
    expect(alertId).not.toBe('');
    const alert = await storedAlert(page, alertId);
    expect(alert.accounts.length).toBeGreaterThan(2);

    await fanIn.click();
    await page.getByTestId('view-graph').waitFor();
    expect(await page.getByTestId('graph-alert').getAttribute('data-alert-id')).toBe(alertId);
    expect((await page.getByTestId('graph-alert-explanation').textContent())?.length).toBeGreaterThan(20);

    // The chart highlights the alert's evidence: every one of its accounts, by id.
    const canvas = page.getByTestId('graph-canvas');
    await expect.poll(async () => Number(await canvas.getAttribute('data-node-count')), { timeout: 60_000 }).toBeGreaterThan(alert.accounts.length);
    await expect
      .poll(async () => {
        const highlighted = new Set(((await canvas.getAttribute('data-highlighted')) ?? '').split(',').filter(Boolean));
        return alert.accounts.filter((account) => !highlighted.has(account));
      }, { timeout: 60_000 })
      .toEqual([]);
    // Laid out (in the worker) before the picture is taken.
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const file = await download;
    const caseNumber = ((await page.getByTestId('current-case').textContent()) ?? '').split('·')[0]?.trim() ?? '';
    expect(file.suggestedFilename()).toBe(`${caseNumber}-chart.png`);
    const bytes = readFileSync((await file.path()) as string);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(300);
    expect(bytes.length).toBeGreaterThan(20_000);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'main.png') });

    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
