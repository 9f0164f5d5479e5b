import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

/** The one download a click causes: its suggested name and bytes. */
export async function saveFrom(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
}

/** An export and the files saved beside it (manifest, signature): every download the click causes, by name. */
export async function savesFrom(page: Page, testId: string, count: number): Promise<Map<string, Buffer>> {
  const downloads: Download[] = [];
  const all = new Promise<void>((resolve) => {
    const collect = (download: Download) => {
      downloads.push(download);
      if (downloads.length < count) return;
      page.off('download', collect);
      resolve();
    };
    page.on('download', collect);
  });
  await page.getByTestId(testId).first().click();
  await all;
  return new Map(await Promise.all(downloads.map(async (file) => [file.suggestedFilename(), readFileSync((await file.path()) as string)] as const)));
}
