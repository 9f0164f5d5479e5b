import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, openDemoCase, openDrawnChart, OUTPUT_DIR, SCREENSHOT_DIR, type AppSession } from './browser';

const STANDARD_FONTS = join(import.meta.dirname, '../../node_modules/pdfjs-dist/standard_fonts/');

async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: bytes.slice(), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  return pages;
}

async function saveFrom(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
}

describe('court-ready export of the chart', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('exports a PDF whose annex lists exactly the transactions under the drawn lines, with case number and marking on every page', async () => {
    session = await openApp();
    const { page } = session;
    await openDemoCase(page, 'es');
    await openDrawnChart(page, 10);

    // Grade one source file B2: its rows carry the grade in the annex's last column, the others stay empty (ungraded).
    const gradeRow = page.getByTestId('grade-row').filter({ hasText: 'transactions.csv' });
    const gradedFile = (await gradeRow.getAttribute('data-file')) ?? '';
    expect(gradedFile).toMatch(/^[0-9a-f]{64}$/);
    await gradeRow.getByTestId('grade-source').selectOption('B');
    await gradeRow.getByTestId('grade-information').selectOption('2');
    await expect.poll(() => page.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');

    await page.getByTestId('open-export').click();
    const summary = page.getByTestId('export-summary');
    await summary.waitFor();
    const hash = (await page.getByTestId('export-hash').textContent()) ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    const annex = await saveFrom(page, 'export-annex-save');
    const annexLines = annex.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(annexLines[0]).toBe('edge,from,to,transaction_id,date_utc,from_account,to_account,amount,currency,channel,source_file,source_sha256,source_line,source_grade');
    const annexIds = annexLines.slice(1).map((line) => line.split(',')[3] ?? '');
    expect(annexIds.length).toBeGreaterThan(10);
    const [, transactions] = /(\d[\d.]*) transacciones/.exec((await summary.textContent()) ?? '') ?? [];
    expect(Number((transactions ?? '').replace(/\./g, ''))).toBe(annexIds.length);
    // Provenance: every row names its source file, a line number and the file's grade (empty when ungraded).
    for (const line of annexLines.slice(1)) {
      const [, sha] = /,\S+\.csv,([0-9a-f]{64}),\d+,(?:[A-F][1-6])?$/.exec(line) ?? [];
      expect(sha, line).toBeDefined();
      expect(line.endsWith(sha === gradedFile ? ',B2' : ',')).toBe(true);
    }
    expect(annexLines.some((line) => line.endsWith(',B2'))).toBe(true);

    await page.getByTestId('export-pdf-format').selectOption('a4');
    await page.getByTestId('export-pdf-orientation').selectOption('landscape');
    // The PDF (jsPDF over every annex row) is built in a worker of its own, not on the page's thread.
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const pdf = await saveFrom(page, 'export-pdf-save');
    expect(workers.some((url) => url.includes('chartPdf.worker'))).toBe(true);
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPagesText(new Uint8Array(pdf.bytes));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const text of pages) {
      expect(text).toContain('UIAF-2026-0042');
      expect(text).toContain('RESERVADO');
    }
    const all = pages.join('\n');
    expect(all).toContain(hash);
    // The annex in the PDF: the same transactions as the CSV annex, no more, no less.
    const annexText = pages.slice(1).join('\n');
    const listed = annexIds.filter((id) => annexText.includes(id));
    expect(listed.length).toBe(annexIds.length);

    // A picture of the first page for the README and the reviewers.
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const pdfPath = join(OUTPUT_DIR, 'chart-export.pdf');
    writeFileSync(pdfPath, pdf.bytes);
    if (existsSync('/usr/bin/pdftoppm')) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [number, name] of [[1, 'pdf-chart-page'], [2, 'pdf-annex-page']] as const) {
        const prefix = join(OUTPUT_DIR, name);
        const render = spawnSync('/usr/bin/pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', String(number), '-l', String(number), pdfPath, prefix]);
        expect(render.status).toBe(0);
        renameSync(`${prefix}.png`, join(SCREENSHOT_DIR, `${name}.png`));
      }
    }
    rmSync(pdfPath, { force: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog.png') });

    expect(session.externalRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
