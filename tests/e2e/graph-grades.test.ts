import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, createCase, openApp, openDrawnChart, type AppSession } from './browser';

/** An STR file holding two reports: report 1 with three transactions, report 2 an activity report (two subjects, no transactions). */
const STR = resolve(import.meta.dirname, '../fixtures/goaml/str-two-reports.xml');

async function saveText(page: Page, testId: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync((await (await download).path()) as string, 'utf8');
}

const gradeRow = (page: Page, report: number | null) => (report === null ? page.locator('[data-testid="grade-row"]:not([data-report])') : page.locator(`[data-testid="grade-row"][data-report="${report}"]`));

async function grade(page: Page, report: number | null, source: string, information: string) {
  await gradeRow(page, report).getByTestId('grade-source').selectOption(source);
  await gradeRow(page, report).getByTestId('grade-information').selectOption(information);
}

describe('grading goAML reports', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { pageErrors: true });
  });

  it('grades each report of a goAML file on its own, the report beating its file, in the details and the CSV annex', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('en');
    await createCase(page, { number: 'UAF-2026-0115', name: 'Graded goAML reports', profile: 'do-uaf' });
    await page.getByTestId('goaml-file').setInputFiles(STR);
    await expect.poll(() => page.getByTestId('goaml-result').last().getAttribute('data-status'), { timeout: 60_000 }).toBe('committed');

    await openDrawnChart(page, 2);

    // The file, and under it each of its two reports with its code and reference.
    await page.getByTestId('grades-panel').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('grade-row').count()).toBe(3);
    expect(await gradeRow(page, 1).textContent()).toContain('STR');
    expect(await gradeRow(page, 2).textContent()).toContain('SAR');
    const file = (await gradeRow(page, null).getAttribute('data-file')) ?? '';
    expect(await gradeRow(page, 1).getAttribute('data-file')).toBe(`${file}/reportdata[1]/report[1]`);

    // File C3, report 1 (the one with the transactions) A1, report 2 E5: the transactions are A1, not C3 nor E5.
    await grade(page, null, 'C', '3');
    await grade(page, 1, 'A', '1');
    await grade(page, 2, 'E', '5');
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');

    await page.getByTestId('open-export').click();
    await page.getByTestId('export-summary').waitFor();
    const annex = (await saveText(page, 'export-annex-save')).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(annex[0]?.endsWith(',source_line,source_grade')).toBe(true);
    expect(annex.length - 1).toBe(3);
    for (const line of annex.slice(1)) expect(line).toMatch(new RegExp(`,${file},\\d+,A1$`));
    await page.getByTestId('export-close').click();

    // The details of an account in report 1 show the weakest grade behind it: A1.
    const account = annex[1]?.split(',')[5] ?? '';
    await page.getByTestId('graph-search').fill(account);
    await page.locator(`[data-testid="search-result"][data-node-id="${account}"]`).click();
    await expect.poll(() => page.getByTestId('details-grade').textContent(), { timeout: 30_000 }).toContain('A1');

    // Regrading the report changes its rows; the file's grade still does not apply to them.
    await page.getByTestId('grades-panel').scrollIntoViewIfNeeded();
    await grade(page, 1, 'B', '2');
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-summary').waitFor();
    const regraded = (await saveText(page, 'export-annex-save')).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    for (const line of regraded.slice(1)) expect(line.endsWith(',B2')).toBe(true);
  });
});
