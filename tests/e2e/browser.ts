import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');
export const OUTPUT_DIR = resolve(import.meta.dirname, '../.output');

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Every request the page made to anything but the app's own 127.0.0.1 origin. */
  externalRequests: string[];
  /** Uncaught page errors and console errors, so a broken screen fails the test. */
  pageErrors: string[];
  downloadsDir: string;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with a fresh profile (never a downloaded
 * browser) and opens the app. A persistent context gives each session its own
 * IndexedDB, and `reuseProfile` lets a test reload the app on the same data.
 */
export async function openApp(options: { profileDir?: string; path?: string; unlock?: boolean; sealing?: boolean } = {}): Promise<AppSession> {
  const baseUrl = inject('baseUrl');
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'caudal-profile-'));
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const downloadsDir = mkdtempSync(join(tmpdir(), 'caudal-downloads-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    downloadsPath: downloadsDir,
    viewport: { width: 1440, height: 900 },
    locale: 'es-CO',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(baseUrl).origin;
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(origin)) externalRequests.push(url);
  });
  // Tests that read stored rows straight from IndexedDB need them unsealed (issue 12 seals case data at rest).
  if (options.sealing === false) await context.addInitScript("localStorage.setItem('caudal.bench.sealing', 'off')");
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(new URL(options.path ?? '', baseUrl).toString());
  // The app opens on its lock screen (issue 12): enrol or unlock the test analyst, now and after every reload.
  if (options.unlock !== false) {
    await unlockApp(page);
    page.on('load', () => void unlockApp(page).catch(() => undefined));
  }
  return {
    browser: context.browser() as Browser,
    context,
    page,
    baseUrl,
    externalRequests,
    pageErrors,
    downloadsDir,
    async close() {
      await context.close();
      if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
      rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ends a test's session: with `offline`, fails the test if the page asked for anything outside 127.0.0.1;
 * with `pageErrors`, if the page threw or logged an error. Then closes the browser (and its own profile).
 */
export async function closeSession(session: AppSession | undefined, checks: { offline?: boolean; pageErrors?: boolean } = {}): Promise<void> {
  if (!session) return;
  try {
    if (checks.offline) expect(session.externalRequests).toEqual([]);
    if (checks.pageErrors) expect(session.pageErrors).toEqual([]);
  } finally {
    await session.close();
  }
}

/** Ends every session of a test (each closed even when an earlier one failed its checks), then reports the first failure. */
export async function closeSessions(sessions: AppSession[], checks: { offline?: boolean; pageErrors?: boolean } = {}): Promise<void> {
  const results = await Promise.allSettled(sessions.splice(0).map((session) => closeSession(session, checks)));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

export function freshProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'caudal-profile-'));
}

export const DEMO_CASE_NUMBER = 'UIAF-2026-0042';
/** Opening the demo imports four files through the real worker pipeline: slow on a loaded 2-core machine. */
export const DEMO_TIMEOUT = 180_000;

/** Start screen → "Open the demo case" in the given UI language, waiting until the case is open. */
export async function openDemoCase(page: Page, language: 'es' | 'en' = 'es'): Promise<void> {
  await page.getByTestId('language').selectOption(language);
  await page.getByTestId('open-demo').click();
  await page.locator(`[data-testid="current-case"]:has-text("${DEMO_CASE_NUMBER}")`).waitFor({ timeout: DEMO_TIMEOUT });
}

/**
 * Cases → a new case (number, name, optionally a unit profile), waiting until it is the current case;
 * then the Import view unless `thenImport` is false.
 */
export async function createCase(page: Page, spec: { number: string; name: string; profile?: string; thenImport?: boolean }): Promise<void> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-number').fill(spec.number);
  await page.getByTestId('case-name').fill(spec.name);
  if (spec.profile) await page.getByTestId('case-profile').selectOption(spec.profile);
  await page.getByTestId('create-case').click();
  await page.locator(`[data-testid="current-case"]:has-text("${spec.number}")`).waitFor({ timeout: 30_000 });
  if (spec.thenImport !== false) await page.getByTestId('nav-import').click();
}

/** Chart view → waits until the chart has drawn more than `minNodes` nodes and no redraw is taking elements in. */
export async function openDrawnChart(page: Page, minNodes: number): Promise<void> {
  await page.getByTestId('nav-graph').click();
  await waitForDrawnChart(page, minNodes);
}

/** Waits until the chart on screen has drawn more than `minNodes` nodes and no redraw is taking elements in. */
export async function waitForDrawnChart(page: Page, minNodes: number): Promise<void> {
  await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')), { timeout: 120_000 }).toBeGreaterThan(minNodes);
  await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
}

/** The analyst every end-to-end test works as, unless it drives the lock screen itself. */
export const E2E_ANALYST = { name: 'Analista de pruebas', passphrase: 'frase de paso de pruebas e2e' };

/**
 * Gets past the lock screen: enrols the analyst on a fresh profile, unlocks
 * on a known one; returns at once when the app is already unlocked.
 */
export async function unlockApp(page: Page, analyst = E2E_ANALYST): Promise<void> {
  await page.locator('[data-testid="lock-screen"], [data-testid="custody-bar"]').first().waitFor({ timeout: 60_000 });
  if ((await page.getByTestId('custody-bar').count()) > 0) return;
  if ((await page.getByTestId('lock-enroll').count()) > 0) {
    await page.getByTestId('lock-enroll-name').fill(analyst.name);
    await page.getByTestId('lock-enroll-passphrase').fill(analyst.passphrase);
    await page.getByTestId('lock-enroll-confirm').fill(analyst.passphrase);
    await page.getByTestId('lock-enroll-submit').click();
  } else {
    await page.getByTestId('lock-analyst').selectOption({ label: analyst.name });
    await page.getByTestId('lock-passphrase').fill(analyst.passphrase);
    await page.getByTestId('lock-unlock').click();
  }
  await page.getByTestId('custody-bar').waitFor({ timeout: 60_000 });
}

export interface StoredAlert {
  id: string;
  accounts: string[];
  transactions: string[];
}

/**
 * Every alert of every stored detection run, read straight from IndexedDB so a test does not trust the views'
 * own account of them. The session must have been opened with `sealing: false`.
 */
export async function storedAlerts(page: Page): Promise<StoredAlert[]> {
  return page.evaluate(
    () =>
      new Promise<StoredAlert[]>((resolve, reject) => {
        const request = indexedDB.open('caudal');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('alertRuns').objectStore('alertRuns').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => resolve((read.result as { alerts: StoredAlert[] }[]).flatMap((run) => run.alerts.map(({ id, accounts, transactions }) => ({ id, accounts, transactions }))));
        };
      }),
  );
}

export interface StoredTransaction {
  id: string;
  timestamp: number;
  fromAccount: string;
  toAccount: string;
}

/**
 * The case's transactions as the importer stored them, so a test picks its own accounts rather than
 * trusting the chart. Reads IndexedDB directly: the session must have been opened with `sealing: false`.
 */
export async function storedTransactions(page: Page): Promise<StoredTransaction[]> {
  return page.evaluate(
    () =>
      new Promise<StoredTransaction[]>((resolve, reject) => {
        const request = indexedDB.open('caudal');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('chunks').objectStore('chunks').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            try {
              const rows: StoredTransaction[] = [];
              type StoredChunk = {
                kind: string;
                importId: string;
                index: number;
                rows?: StoredTransaction[];
                packed?: { length: number; keys: string[]; columns: ArrayLike<unknown>[]; dictionaries?: (unknown[] | null)[]; fileCoded?: ({ base: number; added: unknown[] } | null)[] };
              };
              // Chunks hold rows either as objects or column by column (renderer/db/packedRows.ts): a column may hold codes
              // into the chunk's dictionary, or (format 3) into its import's file-wide dictionary, grown chunk by chunk in order.
              const chunks = (read.result as StoredChunk[]).filter((chunk) => chunk.kind === 'transaction').sort((a, b) => (a.importId < b.importId ? -1 : a.importId > b.importId ? 1 : a.index - b.index));
              const fileDictionaries = new Map<string, unknown[]>();
              for (const chunk of chunks) {
                if (chunk.rows) for (const row of chunk.rows) rows.push({ id: row.id, timestamp: row.timestamp, fromAccount: row.fromAccount, toAccount: row.toAccount });
                if (chunk.packed) {
                  const { keys, columns, length, dictionaries, fileCoded } = chunk.packed;
                  fileCoded?.forEach((coded, position) => {
                    if (!coded) return;
                    const name = `${chunk.importId}\u0000${keys[position]}`;
                    fileDictionaries.set(name, [...(fileDictionaries.get(name) ?? []), ...coded.added]);
                  });
                  const column = (name: string) => {
                    const position = keys.indexOf(name);
                    const stored = columns[position] ?? [];
                    const dictionary = fileCoded?.[position] ? fileDictionaries.get(`${chunk.importId}\u0000${name}`) : dictionaries?.[position];
                    return dictionary ? Array.from(stored, (code) => dictionary[code as number]) : stored;
                  };
                  const [ids, times, froms, tos] = [column('id'), column('timestamp'), column('fromAccount'), column('toAccount')];
                  for (let i = 0; i < length; i++) rows.push({ id: ids[i] as string, timestamp: times[i] as number, fromAccount: froms[i] as string, toAccount: tos[i] as string });
                }
              }
              resolve(rows);
            } catch (error) {
              reject(error);
            }
          };
        };
      }),
  );
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
