import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeTransactionsCsv } from '../../bench/import';
import { closeSession, createCase, openApp, SCREENSHOT_DIR, type AppSession } from './browser';
import { STRAY_QUOTE_LINE, strayQuoteCsv } from '../helpers/strayQuoteFile';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/e2e');
const fixture = (name: string) => join(FIXTURES, name);

function createImportCase(page: Page, number: string): Promise<void> {
  return createCase(page, { number, name: 'Prueba de importación' });
}

const caseTransactions = async (page: Page) => Number(await page.getByTestId('case-counts').getAttribute('data-transactions'));

async function mapColumn(page: Page, field: string, column: string): Promise<void> {
  await page.getByTestId(`mapping-mode-${field}`).selectOption('column');
  await page.getByTestId(`mapping-field-${field}`).selectOption(column);
}

async function counts(page: Page) {
  const element = page.getByTestId('import-counts').last();
  const read = async (name: string) => Number(await element.getAttribute(`data-${name}`));
  return { read: await read('read'), imported: await read('imported'), quarantined: await read('quarantined'), duplicates: await read('duplicates') };
}

/** What each load after a commit did with its import's hand-over (renderer/db/dataset.ts marks it): 'used' or 'refused'. */
async function handoverMarks(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('caudal:handover:')).map((mark) => mark.name.slice('caudal:handover:'.length)));
}

/** The rows and chunks stored in IndexedDB right now, read behind the app's back. */
async function storedChunks(page: Page): Promise<{ chunks: number; pendingImports: number }> {
  return page.evaluate(
    () =>
      new Promise<{ chunks: number; pendingImports: number }>((resolvePromise, reject) => {
        const request = indexedDB.open('caudal');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['chunks', 'imports'], 'readonly');
          const chunkCount = tx.objectStore('chunks').count();
          const imports = tx.objectStore('imports').getAll();
          tx.oncomplete = () => {
            const rows = imports.result as { status: string }[];
            resolvePromise({ chunks: chunkCount.result, pendingImports: rows.filter((row) => row.status === 'pending').length });
            db.close();
          };
        };
      }),
  );
}

describe('importing files', () => {
  let session: AppSession | undefined;
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'caudal-import-e2e-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('imports a Windows-1252 bank export with a new mapping, saves it, re-uses it on the next month and refuses the same file twice', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createImportCase(page, 'UIAF-2026-0100');
    expect(await caseTransactions(page)).toBe(0);

    await page.getByTestId('import-kind').selectOption('transaction');
    await page.getByTestId('import-file').setInputFiles(fixture('banco-andino-octubre.csv'));
    await page.getByTestId('mapping-editor').waitFor();
    // The sniffer sees through the encoding and past the two report-title lines Excel padded with
    // delimiters: the analyst leaves "lines before the header" on automatic.
    await expect.poll(() => page.getByTestId('sniff-summary').textContent()).toMatch(/windows-1252|iso-8859-1/);
    expect(await page.getByTestId('sniff-skip').inputValue()).toBe('auto');
    expect(await page.getByTestId('sniff-skip').locator('option[value="auto"]').textContent()).toBe('automático (2)');
    await expect.poll(() => page.getByTestId('sniff-summary').textContent()).toContain('2 línea');
    expect(await page.getByTestId('preview-table').textContent()).toContain('Inversiones Cóndor S.A.S.');

    await mapColumn(page, 'id', 'Nº Operación');
    await mapColumn(page, 'fromAccount', 'Cta. Débito');
    await mapColumn(page, 'toAccount', 'Cta. Crédito');
    await mapColumn(page, 'amount', 'Valor');
    await page.getByTestId('mapping-decimal-amount').selectOption(',');
    expect(await page.getByTestId('mapping-missing').count()).toBe(0);
    await page.getByTestId('mapping-name').fill('Banco Andino — extracto');
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.getByTestId('mapping-notice').textContent()).toContain('Banco Andino — extracto');
    // A tall window so the picture shows the layout, the preview and the whole mapping table at once.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.getByTestId('import-layout').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-mapping.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor();
    expect(await counts(page)).toEqual({ read: 6, imported: 6, quarantined: 0, duplicates: 0 });
    await expect.poll(() => caseTransactions(page)).toBe(6);

    // Next month, same bank: choose the saved mapping by name.
    await page.getByTestId('import-again').click();
    await page.getByTestId('import-file').setInputFiles(fixture('banco-andino-noviembre.csv'));
    await page.getByTestId('mapping-editor').waitFor();
    await page.getByTestId('mapping-saved').selectOption('Banco Andino — extracto');
    await expect.poll(() => page.getByTestId('mapping-field-fromAccount').inputValue()).toBe('Cta. Débito');
    expect(await page.getByTestId('mapping-field-id').inputValue()).toBe('Nº Operación');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor();
    // OP-1006 was in October's file too: counted as a duplicate, not stored twice.
    expect(await counts(page)).toEqual({ read: 5, imported: 4, quarantined: 0, duplicates: 1 });
    // Both months' rows came from their workers' hand-overs (issue 10, round 9).
    expect(await handoverMarks(page)).toEqual(['used', 'used']);
    expect(await page.getByTestId('import-reconcile').textContent()).toContain('5 filas leídas = 4 válidas + 0 en cuarentena + 1 duplicada');
    await expect.poll(() => caseTransactions(page)).toBe(10);

    // The very same bytes again: refused before any work, naming when and as what.
    await page.getByTestId('import-again').click();
    await page.getByTestId('import-file').setInputFiles(fixture('banco-andino-octubre.csv'));
    await page.getByTestId('mapping-saved').selectOption('Banco Andino — extracto');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-already').waitFor();
    expect(await page.getByTestId('import-already').textContent()).toContain('banco-andino-octubre.csv');
    expect(await caseTransactions(page)).toBe(10);
  });

  it('cancelling a large import midway leaves the case exactly as it was, even after a reload', async () => {
    const small = join(scratch, 'pequeno.csv');
    const large = join(scratch, 'grande.csv');
    await writeTransactionsCsv(small, 50, 7);
    await writeTransactionsCsv(large, 600_000, 8);
    session = await openApp();
    const { page } = session;
    await createImportCase(page, 'UIAF-2026-0101');
    await page.getByTestId('import-file').setInputFiles(small);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor();
    await expect.poll(() => caseTransactions(page)).toBe(50);
    const before = await storedChunks(page);

    await page.getByTestId('import-again').click();
    await page.getByTestId('import-file').setInputFiles(large);
    await page.getByTestId('import-run').click();
    // Wait until rows are flowing, then cancel. The figures appear with the first progress report, which may
    // come before the first batch (the file is hashed while parsing starts): poll for rows rather than read once.
    await page.getByTestId('import-progress-figures').waitFor({ timeout: 60_000 });
    const rowsSoFar = async () => Number(await page.locator('[data-testid="import-progress"] .progress-block').getAttribute('data-rows'));
    await expect.poll(rowsSoFar, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    const rowsAtCancel = await rowsSoFar();
    expect(rowsAtCancel).toBeLessThan(600_000);
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor();
    expect(await caseTransactions(page)).toBe(50);
    expect(await storedChunks(page)).toEqual(before);

    await page.reload();
    await page.getByTestId('nav-import').click();
    await expect.poll(() => caseTransactions(page)).toBe(50);
  });

  it('a window closed mid-import (worker killed) leaves nothing visible, and the next start discards the leftovers', async () => {
    const small = join(scratch, 'pequeno-2.csv');
    const large = join(scratch, 'grande-2.csv');
    await writeTransactionsCsv(small, 30, 9);
    await writeTransactionsCsv(large, 600_000, 10);
    session = await openApp();
    const { page } = session;
    await createImportCase(page, 'UIAF-2026-0103');
    await page.getByTestId('import-file').setInputFiles(small);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor();
    const before = await storedChunks(page);

    await page.getByTestId('import-again').click();
    await page.getByTestId('import-file').setInputFiles(large);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-progress-figures').waitFor({ timeout: 60_000 });
    // Wait until the worker has stored at least one chunk, then pull the plug: reloading kills the worker mid-write.
    await expect.poll(async () => (await storedChunks(page)).chunks, { timeout: 60_000 }).toBeGreaterThan(before.chunks);
    await page.reload();

    // The start screen sweeps the interrupted import and says so; the case is as before.
    await page.getByTestId('sweep-notice').waitFor();
    expect(await page.getByTestId('sweep-notice').textContent()).toMatch(/1/);
    expect(await storedChunks(page)).toEqual(before);
    await page.getByTestId('nav-import').click();
    await expect.poll(() => caseTransactions(page)).toBe(30);
  });

  it('sets bad rows aside with line, column and reason, reconciles the counts and imports the good rows only on confirmation', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createImportCase(page, 'UIAF-2026-0102');
    await page.getByTestId('import-file').setInputFiles(fixture('extracto-con-errores.csv'));
    await page.getByTestId('mapping-editor').waitFor();
    // Every day is ≤ 12: Caudal asks instead of guessing.
    await page.getByTestId('date-ambiguity').waitFor();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.getByTestId('date-order-dmy').click();
    await page.getByTestId('mapping-decimal-amount').selectOption(',');
    await page.getByTestId('import-run').click();

    await page.getByTestId('import-summary-review').waitFor();
    expect(await counts(page)).toEqual({ read: 8, imported: 4, quarantined: 4, duplicates: 0 });
    expect(await page.getByTestId('import-reconcile').textContent()).toContain('8 filas leídas = 4 válidas + 4 en cuarentena + 0 duplicadas');
    const lines = await page.getByTestId('quarantine-line').allTextContents();
    expect(lines.map(Number)).toEqual([3, 5, 6, 8]);
    const rows = await page.getByTestId('quarantine-row').allTextContents();
    expect(rows[0]).toContain('doce mil');
    expect(rows[1]).toContain('$$');
    // The screen is in Spanish, so are the reasons, naming the expected format.
    const reasons = await page.getByTestId('quarantine-reason').allTextContents();
    expect(reasons[0]).toBe("'doce mil' no es un número válido (separador decimal ',', p. ej. 1.234.567,89)");
    expect(reasons[1]).toContain("'$$' no es un código de moneda ISO 4217");
    for (const reason of reasons) expect(reason).not.toMatch(/\bis not\b|\bmust be\b|\brequired\b|\bthe row has\b/);
    // Nothing is in the case until the analyst decides.
    expect(await caseTransactions(page)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-quarantine.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByTestId('quarantine-export').click();
    const saved = await (await download).path();
    const csv = readFileSync(saved, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('extracto-con-errores.csv;3;Monto;amount;doce mil;');
    // The export carries the reason in the screen's language and its stable code.
    expect(csv).toContain("doce mil;'doce mil' no es un número válido (separador decimal ',', p. ej. 1.234.567,89);invalid-number");
    expect(csv.trim().split('\r\n')).toHaveLength(5);

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-committed').waitFor();
    await expect.poll(() => caseTransactions(page)).toBe(4);
  });

  it('a stray quote on line 2 of a 300,000-row export sets aside that one line and imports every other row, accounting for every physical line (issue 10)', async () => {
    const file = join(scratch, 'extracto-comilla-suelta.csv');
    writeFileSync(file, strayQuoteCsv());
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createImportCase(page, 'UIAF-2026-0110');
    await page.getByTestId('import-kind').selectOption('transaction');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('mapping-editor').waitFor();
    await page.getByTestId('import-run').click();

    await page.getByTestId('import-summary-review').waitFor({ timeout: 120_000 });
    expect(await counts(page)).toEqual({ read: 300_001, imported: 300_000, quarantined: 1, duplicates: 0 });
    const lines = JSON.parse((await page.getByTestId('import-counts').last().getAttribute('data-lines')) ?? 'null') as Record<string, number>;
    expect(lines).toEqual({ total: 300_002, header: 1, blank: 0, imported: 300_000, quarantined: 1, duplicates: 0 });
    expect(await page.getByTestId('import-lines').last().textContent()).toContain('300.002 líneas en el archivo = 1 de encabezado/preámbulo + 0 en blanco + 300.000 válidas + 1 en cuarentena');
    expect((await page.getByTestId('quarantine-line').allTextContents()).map(Number)).toEqual([2]);
    const row = (await page.getByTestId('quarantine-row').allTextContents())[0];
    expect(row).toContain(STRAY_QUOTE_LINE);
    // The stray quote is the whole row's fault, not one column's: the column cell says so instead of staying blank.
    expect(row).toContain('toda la fila');
    expect(await page.getByTestId('quarantine-reason').first().textContent()).toContain('comilla suelta');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-stray-quote.png'), fullPage: true });
    expect(await page.getByTestId('import-commit').textContent()).toBe('Importar las 300.000 filas válidas');

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-committed').waitFor({ timeout: 120_000 });
    await expect.poll(() => caseTransactions(page), { timeout: 60_000 }).toBe(300_000);
    // Committed after the review, the rows were built from the chunks the worker handed over, not read back from IndexedDB.
    expect(await handoverMarks(page)).toEqual(['used']);
  }, 300_000);

  it('warns with the lines affected when a Windows-1252 export carries UTF-8 names, before and after the import (issue 10)', async () => {
    const file = join(scratch, 'extracto-mezclado.csv');
    const latin = Buffer.from('id;fecha;monto;moneda;cuenta origen;cuenta destino;ordenante\nT1;2025-07-01;1;COP;A;B;Mu\u00f1oz\nT2;2025-07-02;2;COP;A;B;Pe\u00f1a\n', 'latin1');
    writeFileSync(file, Buffer.concat([latin, Buffer.from('T3;2025-07-03;3;COP;A;B;José\n', 'utf8')]));
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createImportCase(page, 'UIAF-2026-0111');
    await page.getByTestId('import-kind').selectOption('transaction');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('mapping-editor').waitFor();
    expect(await page.getByTestId('sniff-encoding-warning').textContent()).toContain('Las líneas 4 del inicio del archivo no se decodifican bien como windows-1252');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-summary-review').waitFor();
    const warning = page.getByTestId('encoding-warning');
    expect(await warning.getAttribute('data-lines')).toBe('4');
    expect(await warning.textContent()).toContain('JosÃ©');
    await page.getByTestId('import-abort').click();
    await page.getByTestId('import-discarded').waitFor();
    expect(await caseTransactions(page)).toBe(0);
  });
});
