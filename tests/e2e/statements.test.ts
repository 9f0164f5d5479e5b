import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeXlsx } from '../shared/import/workbook/makeXlsx';
import { makeOds } from '../shared/import/workbook/makeOds';
import { createCase, openApp, SCREENSHOT_DIR, type AppSession } from './browser';

const scratch = mkdtempSync(join(tmpdir(), 'caudal-statements-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

const SENDER_SHEETS = [
  { name: 'Portada', rows: [['Banco Uno S.A. — extracto solicitado por la UIAF']] },
  {
    name: 'Movimientos',
    rows: [
      ['Banco Uno S.A.'],
      ['Cuenta No.:', '1001-55'],
      ['Titular:', 'Ana Ruiz'],
      ['Moneda:', 'COP'],
      [null],
      ['Fecha', 'Referencia', 'Descripción', 'Débito', 'Crédito', 'Saldo'],
      [day(21), 'T1', 'TRANSF A CTA 2002-77 BETO GIL', 500, null, 9500],
      [day(22), 'T2', 'TRANSF A CTA 2002-77 BETO GIL', 300, null, 9200],
      [day(23), 'T3', 'RETIRO CAJERO', 100, null, 9100],
      [day(24), 'T4', 'TRANSF A CTA 2002-77 BETO GIL', 50, null, 9050],
    ],
  },
];

/** The sender's statement, as the bank sends it: an Excel workbook with a title block, or the same saved by LibreOffice (.ods). */
function senderWorkbook(format: 'xlsx' | 'ods' = 'xlsx'): string {
  const path = join(scratch, `ana-ruiz.${format}`);
  writeFileSync(path, format === 'xlsx' ? makeXlsx(SENDER_SHEETS) : makeOds(SENDER_SHEETS));
  return path;
}

/** The receiver's statement as CSV; line 8's balance was edited (1.480,00 should be 1.780,00): a deliberate break. */
function receiverCsv(): string {
  const path = join(scratch, 'beto-gil.csv');
  writeFileSync(
    path,
    [
      'Banco Dos S.A.',
      'Número de cuenta: 2002-77',
      'Titular: Beto Gil',
      'Moneda: COP',
      'Fecha;Referencia;Descripción;Débito;Crédito;Saldo',
      '21/01/2026;T1;TRANSF DE CTA 1001-55 ANA RUIZ;;500,00;1.500,00',
      '22/01/2026;T2;TRANSF DE CTA 1001-55 ANA RUIZ;;300,00;1.800,00',
      '23/01/2026;X9;COMPRA SUPERMERCADO;20,00;;1.480,00',
      '24/01/2026;T4;TRANSF DE CTA 1001-55 ANA RUIZ;;50,00;1.530,00',
    ].join('\r\n'),
  );
  return path;
}

async function createStatementsCase(page: Page, number: string): Promise<void> {
  await page.getByTestId('language').selectOption('es');
  await createCase(page, { number, name: 'Extractos de ambos extremos' });
}

/** On the chart, the account alone with its details: the source of each of its `rows` transactions. */
async function accountSources(page: Page, account: string, rows: number): Promise<string[]> {
  await page.getByTestId('nav-graph').click();
  await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByTestId('graph-clear').click();
  await page.getByTestId('graph-search').fill(account);
  await page.locator(`[data-testid="search-result"][data-node-id="${account}"]`).click();
  await expect.poll(async () => Number(await page.getByTestId('graph-details').getAttribute('data-row-count')), { timeout: 30_000 }).toBe(rows);
  return page.getByTestId('details-source').allTextContents();
}

describe('account statements from both ends of transfers', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('imports an .xlsx and a CSV statement, shows each transfer once with both source lines, and reports the broken balance', async () => {
    session = await openApp();
    const { page } = session;
    await createStatementsCase(page, 'UIAF-2026-0160');

    await page.getByTestId('statement-file-input').setInputFiles([senderWorkbook(), receiverCsv()]);
    const cards = page.getByTestId('statement-file');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);
    // The analyst picks the sheet: the cover sheet holds no table, the movements sheet does.
    const workbookCard = page.locator('[data-testid="statement-file"][data-file="ana-ruiz.xlsx"]');
    await workbookCard.getByTestId('statement-sheet').selectOption('Movimientos');
    await expect.poll(() => workbookCard.getByTestId('statement-owner').inputValue(), { timeout: 30_000 }).toBe('1001-55');
    await expect.poll(() => page.locator('[data-testid="statement-file"][data-file="beto-gil.csv"]').getByTestId('statement-owner').inputValue()).toBe('2002-77');
    expect(await workbookCard.getByTestId('statement-holder').textContent()).toBe('Ana Ruiz');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'statement-import.png'), fullPage: true });

    await page.getByTestId('statement-import').click();
    await page.getByTestId('statement-results').waitFor({ timeout: 120_000 });
    const results = page.getByTestId('statement-result');
    expect(await results.count()).toBe(2);
    expect(await results.nth(0).getAttribute('data-complete')).toBe('true');
    expect(await results.nth(1).getAttribute('data-complete')).toBe('false');
    const tear = page.getByTestId('statement-break');
    expect(await tear.count()).toBe(1);
    expect(await tear.getAttribute('data-line')).toBe('8');
    expect(Number(await tear.getAttribute('data-gap'))).toBe(-300);
    expect(await page.getByTestId('statement-matching').getAttribute('data-merged')).toBe('3');
    // T1, T2, T4 once each; the withdrawal and the purchase stay one-sided: 5 transactions, not 8.
    await expect.poll(async () => Number(await page.getByTestId('case-counts').getAttribute('data-transactions')), { timeout: 30_000 }).toBe(5);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'statement-summary.png'), fullPage: true });

    const sources = await accountSources(page, '1001-55', 4);
    const both = sources.filter((text) => text.includes(' + '));
    expect(both).toHaveLength(3);
    for (const text of both) expect(text).toMatch(/^ana-ruiz\.xlsx \[Movimientos\]:\d+ \+ beto-gil\.csv:\d+$/);
    expect(sources.filter((text) => !text.includes(' + '))).toEqual([expect.stringMatching(/^ana-ruiz\.xlsx \[Movimientos\]:9$/)]);
    await page.getByTestId('expand').click();
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')), { timeout: 30_000 }).toBe(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'statement-details.png'), fullPage: true });
    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  it('imports a LibreOffice (.ods) statement as it would the .xlsx: sheet, owner, holder, each transfer once with its sheet row', async () => {
    session = await openApp();
    const { page } = session;
    await createStatementsCase(page, 'UAFE-2026-0031');

    await page.getByTestId('statement-file-input').setInputFiles([senderWorkbook('ods'), receiverCsv()]);
    const cards = page.getByTestId('statement-file');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);
    const workbookCard = page.locator('[data-testid="statement-file"][data-file="ana-ruiz.ods"]');
    expect(await workbookCard.getByTestId('statement-file-error').count()).toBe(0);
    await workbookCard.getByTestId('statement-sheet').selectOption('Movimientos');
    await expect.poll(() => workbookCard.getByTestId('statement-owner').inputValue(), { timeout: 30_000 }).toBe('1001-55');
    expect(await workbookCard.getByTestId('statement-holder').textContent()).toBe('Ana Ruiz');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'statement-import-ods.png'), fullPage: true });

    await page.getByTestId('statement-import').click();
    await page.getByTestId('statement-results').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('statement-result').nth(0).getAttribute('data-complete')).toBe('true');
    expect(await page.getByTestId('statement-matching').getAttribute('data-merged')).toBe('3');
    await expect.poll(async () => Number(await page.getByTestId('case-counts').getAttribute('data-transactions')), { timeout: 30_000 }).toBe(5);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'statement-summary-ods.png'), fullPage: true });

    const sources = await accountSources(page, '1001-55', 4);
    for (const text of sources.filter((source) => source.includes(' + '))) expect(text).toMatch(/^ana-ruiz\.ods \[Movimientos\]:\d+ \+ beto-gil\.csv:\d+$/);
    expect(sources.filter((text) => !text.includes(' + '))).toEqual([expect.stringMatching(/^ana-ruiz\.ods \[Movimientos\]:9$/)]);
    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
