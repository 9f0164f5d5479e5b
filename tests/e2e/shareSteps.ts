import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the demo case from the start screen and waits for its chart view. */
export async function openDemo(page: Page): Promise<void> {
  await page.getByTestId('open-demo').click();
  await page.getByTestId('view-graph').waitFor({ timeout: 180_000 });
}

/** Clicks a button that starts a download and keeps a copy of the file outside the session's temp folders. */
export async function download(page: Page, testId: string, keepIn: string): Promise<string> {
  const pending = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId(testId).click();
  const event = await pending;
  const target = join(keepIn, event.suggestedFilename());
  copyFileSync((await event.path()) ?? '', target);
  return target;
}

/** Key book: confirm the (first) unverified partner key, as after reading its ten words over the phone. */
export async function confirmPartnerKey(page: Page, confirmedWith: string): Promise<void> {
  await page.getByTestId('share-tab-keys').click();
  await page.getByTestId('share-key-confirm-open').first().click();
  expect((await page.getByTestId('share-key-confirm-words').textContent())?.split(' ')).toHaveLength(10);
  await page.getByTestId('share-key-confirm-with').fill(confirmedWith);
  await page.getByTestId('share-key-confirm-same').check();
  await page.getByTestId('share-key-confirm').click();
  await expect.poll(() => page.getByTestId('share-key-verified').first().textContent(), { timeout: 30_000 }).toContain(confirmedWith);
}
