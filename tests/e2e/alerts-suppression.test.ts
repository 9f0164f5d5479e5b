import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT, freshProfileDir, openApp, openDemoCase, SCREENSHOT_DIR, type AppSession } from './browser';

async function waitForRunAfter(page: Page, after: number): Promise<number> {
  const bar = page.getByTestId('detection-status');
  await expect
    .poll(async () => (Number(await bar.getAttribute('data-ran-at')) > after && !['loading', 'running', 'saving'].includes((await bar.getAttribute('data-phase')) ?? '') ? 'ready' : 'waiting'), {
      timeout: DEMO_TIMEOUT,
      interval: 250,
    })
    .toBe('ready');
  return Number(await bar.getAttribute('data-ran-at'));
}

const suppressedCount = async (page: Page) => Number(await page.getByTestId('count-suppressed').getAttribute('data-count'));
// The list is virtualised (only the rows in view are in the page): counts come from the list's own figures.
const listedCount = async (page: Page) => Number(await page.getByTestId('alerts-shown').getAttribute('data-total'));
const row = (page: Page, alertId: string) => page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);

describe('learning from triage', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('dismisses an alert as a benign pattern, turns it into a suppression rule, re-runs: the alert is counted as suppressed, and undoing the rule brings it back', async () => {
    session = await openApp({ profileDir: freshProfileDir() });
    const { page } = session;
    await openDemoCase(page, 'es');
    await page.getByTestId('nav-alerts').click();
    const firstRun = await waitForRunAfter(page, 0);
    await page.getByTestId('alert-row').first().waitFor();
    expect(await suppressedCount(page)).toBe(0);

    // An alert centred on one account (a hub, a funnel): the kind a payroll or a shop raises.
    const chosen = (await page.locator('[data-testid="alert-row"]:not([data-focus=""])').first().getAttribute('data-alert-id')) ?? '';
    await row(page, chosen).getByTestId('alert-details').click();
    await expect.poll(() => page.getByTestId('alert-detail').getAttribute('data-alert-id')).toBe(chosen);
    expect(chosen).not.toBe('');
    const total = await listedCount(page);

    await page.getByTestId('triage-to-dismissed').click();
    await page.getByTestId('triage-reason').fill('Patrón benigno: nómina quincenal de la empresa, verificada con el banco');
    await page.getByTestId('triage-confirm-dismiss').click();
    await expect.poll(() => page.getByTestId('triage-status').textContent()).toBe('Descartada');

    await page.getByTestId('suppress-open').click();
    await page.getByTestId('suppress-role').selectOption('payroll-hub');
    // The reason given at dismissal is carried into the rule.
    expect(await page.getByTestId('suppress-note').inputValue()).toContain('nómina quincenal');
    await page.getByTestId('suppress-save').click();

    await expect.poll(() => suppressedCount(page)).toBeGreaterThanOrEqual(1);
    const suppressedNow = await suppressedCount(page);
    await expect.poll(() => row(page, chosen).count()).toBe(0);
    expect(await page.getByTestId('detail-suppressed').count()).toBe(1);

    // Re-run detection: the alert is raised again and still counted as suppressed, never silently dropped.
    await page.getByTestId('run-detection').click();
    await waitForRunAfter(page, firstRun);
    expect(await suppressedCount(page)).toBe(suppressedNow);
    expect(await row(page, chosen).count()).toBe(0);
    expect(await listedCount(page)).toBe(total - suppressedNow);

    // Shown on demand, marked as suppressed.
    await page.getByTestId('count-suppressed').click();
    await expect.poll(() => row(page, chosen).getAttribute('data-suppressed')).toBe('true');
    await page.getByTestId('count-suppressed').click();

    // The rule is listed with what it covers, and can be undone.
    await page.getByTestId('suppression-panel').locator('summary').click();
    const rule = page.getByTestId('suppression-rule');
    expect(await rule.count()).toBe(1);
    expect(await rule.textContent()).toContain('centro de nómina');
    expect(await rule.getByTestId('rule-count').textContent()).toContain(String(suppressedNow));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-suppression.png') });

    await rule.getByTestId('rule-undo').click();
    await expect.poll(() => suppressedCount(page)).toBe(0);
    await expect.poll(() => row(page, chosen).count()).toBe(1);
    expect(await row(page, chosen).getAttribute('data-status')).toBe('dismissed');
    expect(await rule.getAttribute('data-revoked')).toBe('true');

    // The undone rule survives a reload, listed as undone; the alert stays back.
    await page.reload();
    await page.getByTestId('nav-alerts').click();
    await row(page, chosen).waitFor({ timeout: DEMO_TIMEOUT });
    expect(await suppressedCount(page)).toBe(0);

    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
