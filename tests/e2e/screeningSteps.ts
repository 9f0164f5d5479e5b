import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

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

/**
 * A scratch folder for the enclosing describe block, holding `files` (name → content) from before its first
 * test until after its last; returns the path of a file in it (also for files a test writes there itself).
 */
export function useScratchFolder(prefix: string, files: Record<string, string>): (name: string) => string {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return (name) => join(folder, name);
}
