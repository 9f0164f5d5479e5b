import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './browser';

describe('application shell', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('switches every label between Spanish and English at runtime, offline', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await expect.poll(() => page.getByTestId('nav-cases').textContent()).toBe('Casos');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('nav-cases').textContent()).toBe('Cases');
    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
