import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, openApp, type AppSession } from './browser';

describe('cases start screen', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('opens the demo case in one click: case badge, data loaded, chart view', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    expect(await page.getByTestId('open-demo').textContent()).toBe('Abrir el caso de demostración');
    await page.getByTestId('open-demo').click();
    await page.getByTestId('view-graph').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('current-case').textContent()).toContain('UIAF-2026-0042');

    await page.getByTestId('nav-import').click();
    const counts = page.getByTestId('case-counts');
    await counts.waitFor();
    expect(Number(await counts.getAttribute('data-transactions'))).toBeGreaterThan(100);
    expect(Number(await counts.getAttribute('data-parties'))).toBeGreaterThan(0);
    expect(Number(await counts.getAttribute('data-accounts'))).toBeGreaterThan(0);
    expect(Number(await counts.getAttribute('data-shipments'))).toBeGreaterThan(0);

    // A second click re-opens the same case instead of creating another.
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('view-graph').waitFor({ timeout: 120_000 });
    await page.getByTestId('nav-cases').click();
    // The list comes from the database after the view mounts: poll, count() does not wait.
    await expect.poll(() => page.getByTestId('case-row').count()).toBe(1);
  });

  it('creates, lists, opens and deletes cases with a confirmation', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('cases-empty').waitFor();

    await page.getByTestId('create-case').click();
    expect(await page.getByTestId('case-error').textContent()).toBe('Enter the case number.');

    for (const [number, name, profile] of [
      ['UAFE-2026-0007', 'Red de cambistas', 'ec-uafe'],
      ['UIF-2026-0031', 'Empresas fachada', 'mx-uif'],
    ] as const) {
      await page.getByTestId('case-number').fill(number);
      await page.getByTestId('case-name').fill(name);
      await page.getByTestId('case-profile').selectOption(profile);
      await page.getByTestId('case-analyst').fill('R. Álvarez');
      await page.getByTestId('case-classification').fill('CONFIDENCIAL');
      await page.getByTestId('create-case').click();
      await expect.poll(() => page.getByTestId('current-case').textContent()).toContain(number);
    }
    const rows = page.getByTestId('case-row');
    await expect.poll(() => rows.count()).toBe(2);
    // Most recently created first, with its unit and marking.
    expect(await rows.first().textContent()).toContain('México — UIF');
    expect(await rows.first().textContent()).toContain('CONFIDENCIAL');

    await page.locator('[data-case-number="UAFE-2026-0007"]').getByTestId('case-open').click();
    await expect.poll(() => page.getByTestId('current-case').textContent()).toContain('UAFE-2026-0007');

    await page.locator('[data-case-number="UAFE-2026-0007"]').getByTestId('case-delete').click();
    await page.getByTestId('case-delete-confirm').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('current-case').count()).toBe(0);
    expect(await rows.first().getAttribute('data-case-number')).toBe('UIF-2026-0031');
  });
});
