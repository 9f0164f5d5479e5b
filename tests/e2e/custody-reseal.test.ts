import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT, openApp, openDemoCase, SCREENSHOT_DIR, unlockApp, type AppSession } from './browser';

/** Names and ids from assets/demo that must not be readable in a copied profile. */
const SECRETS = ['Brayan Arango Moreno', 'Jhon Jairo Rosario Cabrera', '07183631519'];
const SEALED_STORES = ['chunks', 'imports', 'alertRuns', 'triage', 'partyMerges', 'relationships', 'analysisManifests'];

/** The case tables as IndexedDB holds them, read without Caudal: rows, rows sealed, and whether any secret is readable. */
async function rawState(page: Page, secrets: string[]): Promise<{ rows: number; sealed: number; exposed: string[] }> {
  return page.evaluate(
    ({ stores, secrets: wanted }) =>
      new Promise<{ rows: number; sealed: number; exposed: string[] }>((resolve, reject) => {
        const open = indexedDB.open('caudal');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const db = open.result;
          const names = stores.filter((name) => db.objectStoreNames.contains(name));
          const transaction = db.transaction(names, 'readonly');
          let rows = 0;
          let sealed = 0;
          const texts: string[] = [];
          const decoder = new TextDecoder();
          for (const name of names) {
            const request = transaction.objectStore(name).getAll();
            request.onsuccess = () => {
              for (const row of request.result as Record<string, unknown>[]) {
                rows += 1;
                if (row.$sealed instanceof Uint8Array) sealed += 1;
                // Everything readable: the JSON of the row, and any byte arrays decoded as text.
                texts.push(JSON.stringify(row, (_key, value: unknown) => (value instanceof Uint8Array ? decoder.decode(value) : ArrayBuffer.isView(value) ? '' : value)));
              }
            };
          }
          transaction.oncomplete = () => {
            db.close();
            const all = texts.join('\n');
            resolve({ rows, sealed, exposed: wanted.filter((secret) => all.includes(secret)) });
          };
          transaction.onerror = () => reject(new Error('cannot read'));
        };
      }),
    { stores: SEALED_STORES, secrets },
  );
}

async function alertIds(page: Page): Promise<string[]> {
  await page.getByTestId('nav-alerts').click();
  await page.getByTestId('alert-row').first().waitFor({ timeout: DEMO_TIMEOUT });
  return page.getByTestId('alert-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alert-id') ?? ''));
}

describe('rows stored before sealing', () => {
  const sessions: AppSession[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), 'caudal-reseal-profile-'));
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('are encrypted in the background after the next unlock: raw IndexedDB then holds no plain text, and the case reads the same', async () => {
    // A workstation from before sealing: the demo case stored in plain text.
    const before = await openApp({ profileDir, sealing: false });
    sessions.push(before);
    await openDemoCase(before.page, 'es');
    const plain = await rawState(before.page, SECRETS);
    expect(plain.rows).toBeGreaterThan(5);
    expect(plain.sealed).toBe(0);
    expect(plain.exposed).toEqual(SECRETS);
    const idsBefore = await alertIds(before.page);
    await before.close();
    sessions.splice(0);

    // The same profile with sealing on: the pass runs after unlocking and the Audit view follows it.
    const after = await openApp({ profileDir, unlock: false });
    sessions.push(after);
    await after.page.evaluate(() => localStorage.removeItem('caudal.bench.sealing'));
    await after.page.reload();
    await unlockApp(after.page);
    await after.page.getByTestId('nav-audit').click();
    const status = after.page.getByTestId('reseal-status');
    await expect.poll(() => status.getAttribute('data-outcome'), { timeout: DEMO_TIMEOUT }).toBe('finished');
    expect(await status.textContent()).toMatch(/se cifraron \d+ filas anteriores/);
    await after.page.screenshot({ path: join(SCREENSHOT_DIR, 'custody-reseal.png') });
    const sealed = await rawState(after.page, SECRETS);
    expect(sealed.rows).toBeGreaterThanOrEqual(plain.rows); // + manifests of detection runs since
    expect(sealed.sealed).toBe(sealed.rows);
    expect(sealed.exposed).toEqual([]);
    expect(await alertIds(after.page)).toEqual(idsBefore);
    expect(after.pageErrors).toEqual([]);
  });
});
