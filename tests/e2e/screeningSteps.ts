import type { Page } from 'playwright-core';

/** Names the e2e list files carry: the UN consolidated list and a national PEP register. */
export const UN_LIST_NAME = 'UN Security Council consolidated list';
export const PEP_LIST_NAME = 'Registro PEP de prueba';

/** Imports list files on the Screening view one by one, each waited for until its version is listed under its name. */
export async function importLists(page: Page, lists: readonly { file: string; name: string }[]): Promise<void> {
  for (const list of lists) {
    await page.getByTestId('screening-file').setInputFiles(list.file);
    await page.locator(`[data-testid="list-version"][data-list-name="${list.name}"]`).waitFor();
  }
}

// The scratch folder helper moved to browser.ts; the screening tests import it from here as before.
export { useScratchFolder } from './browser';
