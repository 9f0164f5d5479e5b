import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSession, createCase, DEMO_TIMEOUT, openApp, SCREENSHOT_DIR, useScratchFolder, type AppSession } from './browser';

/**
 * An export laid out as IBM AMLSim writes it (tran_id, orig_acct, bene_acct, tx_type, base_amt, tran_timestamp;
 * no currency column, day resolution), made here: 80 accounts paying their regular payees, 60 one-off transfers
 * between strangers (a bank's ordinary traffic), and two schemes the relative detectors must find in the app as in
 * the CLI — eight strangers paying one account exactly every thirteen days, and a ring of seven strangers whose
 * hops are booked weeks apart in no order.
 */
function amlsimShapedCsv(): string {
  let seed = 20_261_205;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const day = (d: number) => new Date(Date.UTC(2017, 0, 1) + d * 86_400_000).toISOString().replace('.000Z', 'Z');
  const rows: string[] = ['tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp'];
  let id = 0;
  const add = (from: number, to: number, amount: number, d: number) => rows.push(`${++id},${from},${to},${['TRANSFER', 'WIRE', 'CHECK', 'CREDIT'][id % 4]},${amount.toFixed(2)},${day(d)}`);
  for (let account = 0; account < 80; account++) {
    const period = [7, 14, 21, 30][account % 4] as number;
    for (const payee of [(account + 1) % 80, (account + 7) % 80]) {
      const offset = Math.floor(random() * period);
      const amount = 100 + Math.round(random() * 900);
      for (let d = offset; d < 120; d += period) add(account, payee, amount, d);
    }
  }
  for (let k = 0; k < 60; k++) {
    const from = Math.floor(random() * 80);
    add(from, (from + 1 + Math.floor(random() * 79)) % 80, 100 + random() * 900, Math.floor(random() * 120));
  }
  // The schedule: accounts 101–108, each once, into account 40.
  for (let k = 0; k < 8; k++) add(101 + k, 40, 150 + ((k * 137) % 800), 5 + 13 * k);
  // The ring: 201 → 202 → … → 207 → 201, hop k on day 60 + offsets[k].
  const offsets = [0, 27, 23, 20, 27, 16, 26];
  for (let k = 0; k < 7; k++) add(201 + k, 201 + ((k + 1) % 7), 300 + k * 41, 60 + (offsets[k] as number));
  return rows.join('\r\n') + '\r\n';
}

async function alertWith(page: Page, text: string) {
  const row = page.getByTestId('alert-row').filter({ has: page.getByTestId('alert-explanation').filter({ hasText: text }) });
  await row.first().waitFor({ timeout: DEMO_TIMEOUT });
  return row.first();
}

describe('detection on a simulator export imported through the app (issue 9)', () => {
  let session: AppSession | undefined;
  const scratch = useScratchFolder('caudal-foreign-e2e-', { 'amlsim-transactions.csv': amlsimShapedCsv() });
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('maps the export, takes the currency the analyst gives, and explains a scheduled fan-in and a ring booked out of order', async () => {
    const file = scratch('amlsim-transactions.csv');
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createCase(page, { number: 'UIAF-2026-0190', name: 'Exportación de simulador' });
    await page.getByTestId('import-kind').selectOption('transaction');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('mapping-editor').waitFor();
    // The simulator's English abbreviations map themselves; the file has no currency, so the analyst states it.
    expect(await page.getByTestId('mapping-field-fromAccount').inputValue()).toBe('orig_acct');
    expect(await page.getByTestId('mapping-field-amount').inputValue()).toBe('base_amt');
    await page.getByTestId('mapping-mode-currency').selectOption('constant');
    await page.getByTestId('mapping-constant-currency').fill('USD');
    await expect.poll(() => page.getByTestId('mapping-missing').count()).toBe(0);
    await page.getByTestId('import-run').click();
    // A clean file goes straight in (review is for quarantined rows and doubtful encodings).
    await page.getByTestId('import-committed').waitFor({ timeout: 120_000 });

    await page.getByTestId('nav-alerts').click();
    const scheduled = await alertWith(page, 'una tras otra cada 13 días exactos');
    expect(await scheduled.getByTestId('alert-explanation').textContent()).toContain('8 cuentas que nunca le habían pagado enviaron');
    const ring = await alertWith(page, 'el dinero volvió a ella tras pasar por 6 cuentas');

    await ring.getByTestId('alert-details').click();
    await expect.poll(() => page.getByTestId('alert-detail').textContent()).toContain('fuera de orden de fechas, todos en 28 días');
    await scheduled.getByTestId('alert-details').click();
    await expect.poll(() => page.getByTestId('alert-detail').textContent()).toContain('8 remitentes nuevos, uno cada 13 días exactos');
    // A network alert's score read as its odds by chance, in the reader's language.
    expect(await page.getByTestId('score-odds').textContent()).toMatch(/^Por azar, (un patrón tan fuerte como este aparecería en aproximadamente 1 de cada [\d.\u00a0 ]+ casos como este|un caso como este mostraría unos [\d,]+ patrones tan fuertes como este)\.$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-foreign.png') });
  }, 300_000);
});
