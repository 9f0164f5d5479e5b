import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, createCase, openApp, openDrawnChart, SCREENSHOT_DIR, type AppSession } from './browser';

/** A CSV export with four bad rows (so the import stops on its review screen) and a goAML file with two reports. */
const CSV = resolve(import.meta.dirname, '../fixtures/e2e/extracto-con-errores.csv');
const STR = resolve(import.meta.dirname, '../fixtures/goaml/str-two-reports.xml');

async function annexLines(page: Page): Promise<string[]> {
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-summary').waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-annex-save').click();
  const text = readFileSync((await (await download).path()) as string, 'utf8');
  await page.getByTestId('export-close').click();
  return text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
}

async function pickGrade(scope: Locator, source: string, information: string) {
  await scope.getByTestId('import-grade-source').selectOption(source);
  await scope.getByTestId('import-grade-information').selectOption(information);
}

const gradeShown = async (row: Locator) => `${await row.getByTestId('grade-source').inputValue()}${await row.getByTestId('grade-information').inputValue()}`;

describe('grading sources at import (issue 15 item 9)', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('a grade chosen on the CSV review screen and on the goAML panel reaches the chart grades, the details and the evidence annex', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await createCase(page, { number: 'UIAF-2026-0915', name: 'Graded at import', profile: 'do-uaf' });

    // CSV: half a grade is not a grade (the screen says so), then C3 before the run.
    await page.getByTestId('import-kind').selectOption('transaction');
    await page.getByTestId('import-file').setInputFiles(CSV);
    await page.getByTestId('mapping-editor').waitFor();
    await page.getByTestId('date-order-dmy').click();
    await page.getByTestId('mapping-decimal-amount').selectOption(',');
    const runPanel = page.locator('.run-panel');
    await runPanel.getByTestId('import-grade-source').selectOption('C');
    expect(await runPanel.getByTestId('import-grade').getAttribute('data-status')).toBe('incomplete');
    await runPanel.getByTestId('import-grade-information').selectOption('3');
    expect(await runPanel.getByTestId('import-grade').getAttribute('data-status')).toBe('graded');
    await runPanel.screenshot({ path: join(SCREENSHOT_DIR, 'import-grade.png') });
    await page.getByTestId('import-run').click();

    // The review screen shows the grade chosen and lets the analyst change it before committing: B2 is what is stored.
    const review = page.getByTestId('import-summary-review');
    await review.waitFor();
    expect(await review.getByTestId('import-grade-source').inputValue()).toBe('C');
    expect(await review.getByTestId('import-grade-information').inputValue()).toBe('3');
    await pickGrade(review, 'B', '2');
    await review.getByTestId('import-grade').screenshot({ path: join(SCREENSHOT_DIR, 'import-grade-review.png') });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-committed').waitFor();

    // goAML: the file is graded A1 on its panel before it is picked (its import commits at once).
    const goaml = page.getByTestId('goaml-panel');
    await pickGrade(goaml, 'A', '1');
    await goaml.screenshot({ path: join(SCREENSHOT_DIR, 'import-grade-goaml.png') });
    // A goAML file holds reports, each graded; an FtM file holds entities and is graded as a file.
    expect(await goaml.getByTestId('import-grade').textContent()).toContain('Given to each report of the files');
    expect(await page.getByTestId('ftm-panel').getByTestId('import-grade').textContent()).toContain('Given to each file imported here');
    await page.getByTestId('goaml-file').setInputFiles(STR);
    await expect.poll(() => page.getByTestId('goaml-result').last().getAttribute('data-status'), { timeout: 60_000 }).toBe('committed');

    await openDrawnChart(page, 2);

    // The chart's grades panel starts from the grades given at import; the goAML reports take their file's.
    await page.getByTestId('grades-panel').scrollIntoViewIfNeeded();
    const csvRow = page.getByTestId('grade-row').filter({ hasText: 'extracto-con-errores.csv' });
    expect(await gradeShown(csvRow)).toBe('B2');
    const goamlRow = page.locator('[data-testid="grade-row"]:not([data-report])').filter({ hasText: 'str-two-reports.xml' });
    expect(await gradeShown(goamlRow)).toBe('A1');
    for (const report of [1, 2]) expect(await gradeShown(page.locator(`[data-testid="grade-row"][data-report="${report}"]`))).toBe('A1');
    await page.getByTestId('grades-panel').screenshot({ path: join(SCREENSHOT_DIR, 'tool-grades-from-import.png') });

    // Evidence annex: every row of the CSV file is B2, every goAML row A1; nothing is ungraded.
    const annex = await annexLines(page);
    const csvSha = (await csvRow.getAttribute('data-file')) ?? '';
    const goamlSha = (await goamlRow.getAttribute('data-file')) ?? '';
    const rows = annex.slice(1);
    const fromCsv = rows.filter((line) => line.includes(`,${csvSha},`));
    const fromGoaml = rows.filter((line) => line.includes(`,${goamlSha},`));
    expect(fromCsv.length).toBe(4);
    expect(fromGoaml.length).toBe(3);
    expect(fromCsv.length + fromGoaml.length).toBe(rows.length);
    for (const line of fromCsv) expect(line.endsWith(',B2')).toBe(true);
    for (const line of fromGoaml) expect(line.endsWith(',A1')).toBe(true);

    // The details of an account from the CSV file show the weakest grade behind it.
    const account = fromCsv[0]?.split(',')[5] ?? '';
    await page.getByTestId('graph-search').fill(account);
    await page.locator(`[data-testid="search-result"][data-node-id="${account}"]`).click();
    await expect.poll(() => page.getByTestId('details-grade').textContent(), { timeout: 30_000 }).toContain('B2');
  });
});
